"""The runtime guard: an audit hook that applies the same rules to real launches, and its
pytest plugin."""
