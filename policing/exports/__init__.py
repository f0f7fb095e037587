"""The timeline's events in formats other tools read: the JSON contract and one module per
other format (each takes events fetched with `for_timeline()`, so it runs no queries per
event, and `base_url`, the scheme and host that make its links absolute)."""
