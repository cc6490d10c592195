"""Stage 1, bytes only: which files exist, which can matter (prefilter), their top-level
statements (chunks), read safely (fileio)."""
