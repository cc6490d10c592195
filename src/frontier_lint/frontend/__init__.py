"""Stage 2: from bytes to trees: decoding, CPython's acceptance for the target version,
libcst parsing on demand, where imports lead, and the import cone of a few files."""
