"""No network: ``chat`` and ``listen --input`` work in a network namespace with no network
at all (``unshare -n``), and ``models install`` says in one line what to do instead."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def netns() -> list[str]:
    exe = shutil.which("unshare")
    if exe is None:
        pytest.skip("unshare is not installed (apt-get install util-linux)")
    probe = subprocess.run([exe, "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a network namespace here: {probe.stderr.strip()}")
    return [exe, "-n", "--"]


def offline(netns: list[str], *args: str, input: str | None = None):
    return subprocess.run([*netns, sys.executable, "-m", "crampcoach.voice.cli", *args],
                          input=input, capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env=dict(os.environ))


def test_the_namespace_really_has_no_network(netns):
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=2)"
    out = subprocess.run([*netns, sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode != 0 and "Network is unreachable" in out.stderr


def test_chat_works_without_network(netns, isolated):
    out = offline(netns, "chat", "--time-scale", "0",
                  input="my left calf\nit's gone\nseven\n")
    assert out.returncode == 0, out.stderr
    assert "coach:" in out.stdout
    [ep] = json.loads(run_cli("log", "export").stdout)
    assert ep["side"] == "left" and ep["severity"] == 7


def test_listen_to_a_recording_works_without_network(netns, ko_model, tmp_path):
    from .test_voice_path import dialogue_wav, fresh_data_dir

    wav = dialogue_wav(tmp_path / "night.wav", ["쥐 났어요", "종아리", "다 됐어요", "여섯"],
                       "ko")
    data = fresh_data_dir(tmp_path)
    out = offline(netns, "--data-dir", str(data), "listen", "--input", str(wav),
                  "--language", "ko", "--no-speak")
    assert out.returncode == 0, out.stderr
    # Under load Vosk may drop the polite ending ("쥐 났어"): the same report either way.
    assert "you: 쥐 났어" in out.stdout and "coach: " in out.stdout
    [ep] = json.loads(run_cli("--data-dir", str(data), "log", "export").stdout)
    assert ep["muscle"] == "calf" and ep["severity"] == 6


def test_models_install_offline_says_what_to_do_in_one_line(netns, isolated):
    out = offline(netns, "models", "install")
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "offline" in lines[0]
    assert "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip" in lines[0]
    assert "crampcoach models install --from vosk-model-small-en-us-0.15.zip" in lines[0]
    assert not (isolated / "models" / "vosk-model-small-en-us-0.15").exists()
