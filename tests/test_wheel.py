"""A regular (non-editable) install, as a user gets it from a wheel, used outside the checkout.

Builds the wheel, installs it into a fresh virtual environment and runs the commands a new
user tries first from an unrelated folder that also holds a decoy ``plugins/`` package: the
installed program must find everything it reads inside its own package, under one name.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (found,) = out.glob("crampcoach-*.whl")
    return found


def test_wheel_has_one_top_level_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"crampcoach"}
    assert "crampcoach/models/manifest.json" in names
    assert "crampcoach/voice/lang/en.toml" in names
    assert "crampcoach/plugins/relief/lang/ko.toml" in names


def test_wheel_install_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # A fresh venv and a real install with the wheel's declared dependencies (from pip's
    # cache or the registry), so a missing dependency or package file fails here.
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    inst = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert inst.returncode == 0, inst.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "plugins").mkdir(parents=True)  # a decoy that used to shadow the built-ins
    (elsewhere / "plugins" / "__init__.py").write_text("raise ImportError('decoy')\n")
    (elsewhere / "voice").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(CRAMPCOACH_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD="1")
    where = subprocess.run([str(py), "-c", "import crampcoach.voice as v; print(v.__file__)"],
                           capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60)
    assert str(venv) in where.stdout, (where.stdout, where.stderr)

    exe = str(venv / "bin" / "crampcoach")

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], capture_output=True, text=True, cwd=elsewhere,
                              env=env, input=input, timeout=120)

    models = run("models", "list")
    assert models.returncode == 0, models.stderr
    assert "vosk-model-small-en-us-0.15" in models.stdout
    plugins = run("plugins")
    assert plugins.returncode == 0, plugins.stderr
    for name in ("relief", "journal", "safety", "tips", "summary", "veins", "profile", "help"):
        assert f"{name} " in plugins.stdout
    assert "failed" not in plugins.stdout
    shown = run("config", "show")
    assert shown.returncode == 0 and "language" in shown.stdout, shown.stderr
    chat = run("chat", "--time-scale", "0", input="my left calf\nit's gone\nseven\n")
    assert chat.returncode == 0, chat.stderr
    assert "coach:" in chat.stdout
    listed = run("log", "list")
    assert listed.returncode == 0 and "calf" in listed.stdout, (listed.stdout, listed.stderr)
