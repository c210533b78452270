"""A plugin module that ends the program as it is imported."""

raise SystemExit("a plugin must not end the coach at import")
