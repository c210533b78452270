"""Input that is not what it should be: undecodable lines on stdin, a model for another
language. Each is told in one line; nothing the person said in valid lines is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT, run_cli


def _chat_bytes(data: bytes, locale: str = "C.UTF-8") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, LANG=locale, LC_ALL=locale, PYTHONUTF8="0")
    env.pop("PYTHONIOENCODING", None)
    return subprocess.run([sys.executable, "-m", "crampcoach.voice.cli", "chat", "--time-scale",
                           "0"], input=data, capture_output=True, env=env, cwd=ROOT, timeout=60)


def test_an_undecodable_line_is_skipped_and_the_others_kept():
    out = _chat_bytes(b"my left calf\n\xff\xfe broken \xc3\n" + b"it's gone\nseven\n")
    assert out.returncode == 1
    stderr = out.stderr.decode().splitlines()
    assert stderr == ["crampcoach: input line 2 is not valid text (utf-8); skipped"]
    stdout = out.stdout.decode()
    assert "coach: Okay. Your left calf." in stdout
    assert "coach: How bad was it, zero to ten?" in stdout
    [ep] = json.loads(run_cli("log", "export").stdout)
    assert (ep["side"], ep["muscle"], ep["severity"]) == ("left", "calf", 7)


def test_valid_utf8_and_windows_line_ends_are_read_as_ever():
    out = _chat_bytes(b"what can i say\r\nbanana\r\n")
    assert out.returncode == 0, out.stderr
    assert b"coach: Say cramp when one starts." in out.stdout


def test_listen_refuses_a_model_that_knows_none_of_the_languages_words(ko_model, tmp_path):
    wav = tmp_path / "cramp.wav"
    assert run_cli("say", "cramp", "--to", str(wav)).returncode == 0
    out = run_cli("listen", "--input", str(wav), "--no-speak", "--language", "en",
                  "--model", str(ko_model), timeout=300)
    assert out.returncode == 1, out.stderr  # not 139: no segfault on an empty grammar
    [line] = out.stderr.splitlines()
    assert "knows none of the 'en' phrases" in line
    assert "it seems to be for 'ko' (try --language ko)" in line
    assert "crampcoach models install vosk-model-small-en-us-0.15" in line
