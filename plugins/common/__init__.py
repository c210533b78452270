"""Helpers the built-in plugins share: the database file, the facts they pass each other."""
