"""The public site's views: `pages` (HTML) and `exports` (the same events in other formats)."""
