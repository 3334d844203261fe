"""One router per resource: search, articles, events, compare, health."""
