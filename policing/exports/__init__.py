"""The timeline's events in formats other tools read: the JSON contract and one module per
other format, each given `base_url`, the scheme and host that make its links absolute. The
contract and the CSVs are built from plain records of the events (`rows.read`: one query per
related table for each chunk of events); the calendar, the feed and TimelineJS take events
fetched with `for_timeline()`. Neither runs queries per event."""
