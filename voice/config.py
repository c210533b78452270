"""Settings: defaults, overridden by the TOML config file, then environment, then flags.

Every value remembers where it came from, so ``crampcoach config show`` can say why it is
what it is.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP = "crampcoach"
DATA_DIR_ENV = "CRAMPCOACH_DATA_DIR"
CONFIG_ENV = "CRAMPCOACH_CONFIG"

DEFAULTS: dict[str, Any] = {
    "language": "en",
    "wake_phrase": "hey coach",
    "follow_up_s": 8.0,
    "plugins.disabled": [],
    "plugins.hook_budget_s": 5.0,
    "speech.rate": 140,
    "speech.volume": 0.6,
    "speech.voice": "",
    "audio.input_device": "",
    "audio.output_device": "",
    "model": "",
    "recognizer.endpoint_silence_s": 0.5,
    "journal.open_timeout_min": 15.0,
    "summary.night_start": "18:00",
    "summary.night_end": "11:00",
}
"""Every setting with its default; dotted keys are TOML tables (``[speech] rate = 140``)."""


class ConfigError(ValueError):
    """The config file is unreadable or holds a wrong value; the message says which."""


@dataclass
class Config:
    """The effective settings and where each came from."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(DEFAULTS, "default"))
    data_dir: Path = Path(".")
    config_file: Path = Path(".")

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any, source: str) -> None:
        if key not in DEFAULTS:
            raise ConfigError(f"unknown setting {key!r} (from {source})")
        default = DEFAULTS[key]
        try:
            if isinstance(default, bool):
                value = bool(value)
            elif isinstance(default, float):
                value = float(value)
            elif isinstance(default, int):
                value = int(value)
            elif isinstance(default, list):
                if isinstance(value, str):
                    value = [v.strip() for v in value.split(",") if v.strip()]
                value = [str(v) for v in value]
            else:
                value = str(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {key} from {source}: bad value {value!r}") from None
        self.values[key] = value
        self.sources[key] = source


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
