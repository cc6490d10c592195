"""What the user configures: the configuration (its value in config, the file found and read in
loading, its keys checked in validation, gitignore-style patterns), the rule packs (catalogue),
their bounded reading (bounded) and their parsed form remembered between runs (memo)."""
