"""Use cases: import, annotate, link, recommend, export. Each change returns what changed."""
