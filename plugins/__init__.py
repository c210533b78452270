"""Cramp Coach's built-in plugins, each loaded through the same host as third-party ones."""
