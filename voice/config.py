"""Settings: defaults, overridden by the TOML config file, then environment, then flags.

The engine's own settings are declared here (:data:`ENGINE`); plugins declare theirs through
the ``crampcoach_settings`` hook and they are added when the plugins are loaded
(:meth:`Config.declare`). Every value is checked against its declaration and remembers
where it came from, so ``crampcoach config show`` can say why it is what it is.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from crampcoach.voice.settings import Setting, SettingError

APP = "crampcoach"
DATA_DIR_ENV = "CRAMPCOACH_DATA_DIR"
CONFIG_ENV = "CRAMPCOACH_CONFIG"

ENGINE: tuple[Setting, ...] = (
    Setting("language", "en", nonempty=True, help="language code, e.g. en or ko"),
    Setting("wake_phrase", "hey coach", nonempty=True),
    Setting("follow_up_s", 8.0, "float", above=0, max=600,
            help="seconds after the coach speaks when no wake phrase is needed"),
    Setting("plugins.disabled", [], "list"),
    Setting("plugins.hook_budget_s", 5.0, "float", above=0, max=600,
            help="seconds a plugin's hook may take before it is switched off"),
    Setting("speech.rate", 140, "int", min=50, max=400, help="words per minute"),
    Setting("speech.volume", 0.6, "float", min=0, max=1),
    Setting("speech.voice", ""),
    Setting("audio.input_device", ""),
    Setting("audio.output_device", ""),
    Setting("model", "", help="a Vosk model folder or installed name"),
    Setting("recognizer.endpoint_silence_s", 0.5, "float", min=0.1, max=5,
            help="silence that ends a command"),
)
"""The engine's settings; dotted keys are TOML tables (``[speech] rate = 140``)."""
ENGINE_TABLES = frozenset(s.key.split(".")[0] for s in ENGINE if "." in s.key)
DEFAULTS: dict[str, Any] = {s.key: s.default for s in ENGINE}


class ConfigError(ValueError):
    """The config file is unreadable or holds a wrong value; the message says which."""


@dataclass
class Config:
    """The effective settings, where each came from, and which plugin declared it."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(DEFAULTS, "default"))
    data_dir: Path = Path(".")
    config_file: Path = Path(".")
    specs: dict[str, Setting] = field(default_factory=lambda: {s.key: s for s in ENGINE})
    owners: dict[str, str] = field(default_factory=dict)
    """Plugin name of each plugin-declared key."""
    pending: dict[str, tuple[Any, str]] = field(default_factory=dict)
    """Values for ``plugin.key`` settings read before the plugins declared them."""

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any, source: str) -> None:
        spec = self.specs.get(key)
        if spec is None:
            table = key.split(".")[0]
            if "." not in key or table in ENGINE_TABLES:
                raise ConfigError(f"unknown setting {key!r} (from {source})")
            self.pending[key] = (value, source)  # a plugin's: checked when it declares it
            return
        try:
            self.values[key] = spec.check(value, source)
        except SettingError as err:
            raise ConfigError(str(err)) from None
        self.sources[key] = source

    def declare(self, plugin: str, settings: Iterable[Setting]) -> None:
        """Add a plugin's settings; values read for them earlier are checked now."""
        for spec in settings:
            if self.owners.get(spec.key) == plugin:
                continue  # declared already (the CLI and the session both ask)
            self.specs[spec.key] = spec
            self.owners[spec.key] = plugin
            self.values[spec.key] = spec.default
            self.sources[spec.key] = "default"
            if spec.key in self.pending:
                self.set(spec.key, *self.pending.pop(spec.key))

    def refuse_unknown(self, inactive_plugins: Iterable[str] = ()) -> None:
        """Refuse settings no plugin declared. Those of a plugin that is installed but disabled
        or switched off are kept quietly, so disabling a plugin needs no other edit."""
        quiet = set(inactive_plugins)
        for key, (_, source) in self.pending.items():
            if key.split(".")[0] not in quiet:
                raise ConfigError(f"unknown setting {key!r} (from {source})")

    def settings(self, plugin: str) -> dict[str, Any]:
        """A plugin's own settings, by their short names."""
        return {k.split(".", 1)[1]: self.values[k] for k, p in self.owners.items() if p == plugin}


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, dotted + "."))
        else:
            out[dotted] = value
    return out


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def load(
    data_dir: str | os.PathLike[str] | None = None,
    config_file: str | os.PathLike[str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Defaults ← config file ← environment ← ``overrides`` (command-line flags)."""
    cfg = Config()
    if config_file is not None:
        path, path_source = Path(config_file), "--config"
    elif os.environ.get(CONFIG_ENV):
        path, path_source = Path(os.environ[CONFIG_ENV]), CONFIG_ENV
    else:
        path, path_source = default_config_file(), "default"
    cfg.config_file = path
    if path.exists():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"cannot read config file {path}: {err}") from None
        for key, value in _flatten(table).items():
            cfg.set(key, value, f"file {path}")
    elif path_source != "default":
        raise ConfigError(f"config file {path} (from {path_source}) does not exist")
    for key, value in (overrides or {}).items():
        if value is not None:
            cfg.set(key, value, "command line")
    if data_dir is not None:
        cfg.data_dir = Path(data_dir)
        cfg.sources["data_dir"] = "--data-dir"
    elif os.environ.get(DATA_DIR_ENV):
        cfg.data_dir = Path(os.environ[DATA_DIR_ENV])
        cfg.sources["data_dir"] = DATA_DIR_ENV
    else:
        cfg.data_dir = Path(platformdirs.user_data_dir(APP))
        cfg.sources["data_dir"] = "default"
    cfg.sources["config_file"] = path_source
    return cfg
