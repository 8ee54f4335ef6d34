"""The message catalogs, one module per language."""
