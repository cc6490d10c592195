"""What the user configures: the configuration file, the rule packs (catalogue), and their
bounded reading."""
