"""Shared fixtures: every test gets its own data and config folders and no stray plugins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from voice import config as configuration
from voice.clock import ManualClock
from voice.host import PluginHost
from voice.messages import Said
from voice.session import Session, build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("CRAMPCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CRAMPCOACH_CONFIG", raising=False)
    monkeypatch.setenv("CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD", "1")
    return data


class Talk:
    """A conversation driven by text on a manual clock; records what the coach said."""

    def __init__(self, session: Session, clock: ManualClock):
        self.session = session
        self.clock = clock
        self.said: list[Said] = []
        self.dialogue = session.dialogue

    def start(self) -> list[str]:
        mark = len(self.said)
        self.dialogue.start()
        return [s.text for s in self.said[mark:]]

    def say(self, text: str) -> list[str]:
        mark = len(self.said)
        self.dialogue.hear(text)
        self.dialogue.tick()
        return [s.text for s in self.said[mark:]]

    def wait(self, seconds: float) -> list[str]:
        """Let time pass in one-second steps, firing timers as they fall due."""
        mark = len(self.said)
        for _ in range(int(seconds)):
            self.clock.advance(1)
            self.dialogue.tick()
        return [s.text for s in self.said[mark:]]

    def run_until_quiet(self, limit: float = 3600) -> list[str]:
        """Advance until no timer is pending except open questions."""
        mark = len(self.said)
        waited = 0.0
        while self.dialogue.busy() and waited < limit:
            self.clock.advance(1)
            waited += 1
            self.dialogue.tick()
        return [s.text for s in self.said[mark:]]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def talk(isolated: Path, clock: ManualClock):
    def make(language: str = "en", host: PluginHost | None = None, **overrides) -> Talk:
        cfg = configuration.load(overrides=overrides)
        holder: list[Said] = []
        session = build(cfg, holder.append, language=language, clock=clock, host=host)
        t = Talk(session, clock)
        t.said = holder
        return t

    made: list[Talk] = []

    def factory(*args, **kwargs) -> Talk:
        t = make(*args, **kwargs)
        made.append(t)
        return t

    yield factory
    for t in made:
        t.dialogue.end()


def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the installed ``crampcoach`` command as a user would."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "voice.cli", *args], input=input, capture_output=True,
        text=True, env=full_env, timeout=timeout, cwd=ROOT,
    )
