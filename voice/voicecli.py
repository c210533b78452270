"""Commands of the voice path: ``listen``, ``say``, ``devices``, ``models``."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the voice commands on the ``crampcoach`` parser."""
