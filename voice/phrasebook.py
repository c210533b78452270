"""Helpers for plugins that keep their words in ``lang/<code>.toml`` beside their code."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from crampcoach.voice import language


@cache
def _read(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def load(plugin_dir: str | Path, code: str) -> dict[str, Any] | None:
    """The plugin's data for language ``code``, or ``None`` if it has none.

    Cached by the names given: plugins ask on every reply, and resolving the folder walks the
    file system each time (it was a third of ``chat``'s time). Plugin files never change
    while the coach runs."""
    return _read(Path(plugin_dir).resolve() / "lang" / f"{code}.toml")


def declaration(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of a plugin's language data that ``crampcoach_intents`` returns."""
    if not data:
        return None
    return {"lists": data.get("lists", {}), "intents": data.get("intents", {}),
            "wake_alone": data.get("wake_alone", []), "not_slot": data.get("not_slot", {}),
            "stands_for": data.get("stands_for", {}), "places": data.get("places", []),
            "heard_only": data.get("heard_only", {})}


class Phrasebook:
    """Formats a plugin's sentences: ``book.say("hold", seconds=30)`` → "Hold for thirty…"."""

    def __init__(self, data: dict[str, Any], code: str):
        self.data = data
        self.code = code
        self.lang = language.load(code)

    def say(self, key: str, **values: Any) -> str:
        text = self.data["say"][key]
        spoken = {k: self.lang.spell(v) if isinstance(v, int) else v for k, v in values.items()}
        return capitalise(text.format(**spoken))

    def name(self, key: str) -> str:
        return self.data.get("names", {}).get(key, key)


def capitalise(text: str) -> str:
    """Upper-case the first letter of each sentence (after filling in words and numbers)."""
    return re.sub(r"(^|[.!?]\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
