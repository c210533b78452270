"""Settings as declarations: a default, a type and what is allowed, checked in one place.

The engine declares its own (:data:`crampcoach.voice.config.ENGINE`); each plugin declares
its own through the ``crampcoach_settings`` hook, and they live under the plugin's name in the
config file (``[summary] night_start = "21:00"``). A wrong value is refused in one line that
names the key, the value and what is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TYPES = ("str", "int", "float", "bool", "time", "list")
"""``time`` is a time of day as ``"HH:MM"``; ``list`` is a list of strings."""
_HHMM = re.compile(r"(\d{1,2}):(\d{2})")


class SettingError(ValueError):
    """A value or a declaration that is not allowed; the message is one line."""


@dataclass(frozen=True)
class Setting:
    """One setting: its dotted key, default, type and limits."""

    key: str
    default: Any
    type: str = "str"
    min: float | None = None
    """Smallest allowed number (inclusive)."""
    above: float | None = None
    """Numbers must be greater than this (exclusive), e.g. 0 for a length of time."""
    max: float | None = None
    choices: tuple[Any, ...] = ()
    nonempty: bool = False
    help: str = ""

    def allowed(self) -> str:
        """What is allowed, in words, for error messages and ``config show``."""
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        kind = {"str": "text", "int": "a whole number", "float": "a number", "bool":
                "true or false", "time": 'a time of day "HH:MM"', "list": "a list of text"}
        parts = [kind[self.type]]
        if self.above is not None:
            parts.append(f"above {self.above:g}")
        if self.min is not None and self.max is not None:
            parts.append(f"from {self.min:g} to {self.max:g}")
        elif self.min is not None:
            parts.append(f"of at least {self.min:g}")
        elif self.max is not None:
            parts.append(f"up to {self.max:g}")
        if self.nonempty:
            parts.append("not empty")
        return " ".join(parts[:1]) + (", " + ", ".join(parts[1:]) if parts[1:] else "")

    def check(self, value: Any, source: str) -> Any:
        """``value`` as this setting holds it, or :class:`SettingError` in one line."""
        ok = _coerce(self.type, value)
        if ok is _BAD or not self._within(ok):
            shown = repr(value)
            if len(shown) > 60:
                shown = shown[:57] + "..."
            raise SettingError(f"setting {self.key} = {shown} (from {source}) is not allowed: "
                               f"it must be {self.allowed()}")
        return ok

    def _within(self, value: Any) -> bool:
        if self.choices and value not in self.choices:
            return False
        if self.nonempty and not (value.strip() if isinstance(value, str) else value):
            return False
        if self.type in ("int", "float"):
            if self.above is not None and not value > self.above:
                return False
            if self.min is not None and value < self.min:
                return False
            if self.max is not None and value > self.max:
                return False
        return True


_BAD = object()


def _coerce(kind: str, value: Any) -> Any:
    if kind == "bool":
        return value if isinstance(value, bool) else _BAD
    if isinstance(value, bool):
        return _BAD  # True is an int in Python, never a number of seconds here
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value if isinstance(value, int) else _BAD
    if kind == "float":
        if isinstance(value, int | float) and value == value and abs(value) != float("inf"):
            return float(value)
        return _BAD
    if kind == "str":
        return value if isinstance(value, str) and "\0" not in value else _BAD
    if kind == "time":
        m = _HHMM.fullmatch(value) if isinstance(value, str) else None
        if m and int(m[1]) < 24 and int(m[2]) < 60:
            return f"{int(m[1]):02d}:{m[2]}"
        return _BAD
    if kind == "list":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        return _BAD
    return _BAD


def declared(plugin: str, table: Mapping[str, Any]) -> list[Setting]:
    """A plugin's ``crampcoach_settings`` answer as settings under its name.

    ``{"night_start": {"default": "18:00", "type": "time", "help": "..."}}``; keys ``min``,
    ``max``, ``above``, ``choices`` and ``nonempty`` limit the value. Raises
    :class:`SettingError` on a malformed declaration (the plugin is then switched off).
    """
    if not re.fullmatch(r"[A-Za-z0-9_-]+", plugin):
        raise SettingError(f"plugin name {plugin!r} cannot name a table in the config file")
    out = []
    for name, spec in table.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise SettingError(f"setting name {name!r} is not a lower-case word")
        if not isinstance(spec, Mapping) or "default" not in spec:
            raise SettingError(f"setting {name} needs a table with a default")
        unknown = set(spec) - {"default", "type", "min", "max", "above", "choices", "nonempty",
                               "help"}
        if unknown:
            raise SettingError(f"setting {name}: unknown field(s) {', '.join(sorted(unknown))}")
        kind = spec.get("type", "str")
        if kind not in TYPES:
            raise SettingError(f"setting {name}: type {kind!r} is not one of {', '.join(TYPES)}")
        try:
            setting = Setting(
                key=f"{plugin}.{name}", default=spec["default"], type=kind,
                min=_number(spec.get("min")), max=_number(spec.get("max")),
                above=_number(spec.get("above")), choices=tuple(spec.get("choices") or ()),
                nonempty=bool(spec.get("nonempty", False)), help=str(spec.get("help", "")))
        except (TypeError, ValueError) as err:
            raise SettingError(f"setting {name}: {err}") from None
        setting.check(setting.default, f"the default of plugin {plugin}")
        out.append(setting)
    return out


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"limit {value!r} is not a number")
    return float(value)
