"""``crampcoach service``: run ``listen`` as a systemd user service.

A user unit (not a system one) because the coach needs the user's sound server and data.
It is ordered after PipeWire and PulseAudio, restarted when it fails, and watched: ``listen``
says when it is ready and pings the watchdog from its listening loop (see status.py).
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

UNIT = "crampcoach.service"
SOUND_SERVERS = ("pipewire.socket", "pipewire-pulse.socket", "pulseaudio.socket",
                 "pipewire.service", "pipewire-pulse.service", "pulseaudio.service",
                 "wireplumber.service")
"""Whichever of these the user has is started first; the others are ignored by systemd."""
WATCHDOG_S = 60
RESTART_S = 10


class ServiceError(Exception):
    """systemctl is missing or refused; the message says what to do."""


def unit_path(env: dict[str, str] | None = None) -> Path:
    """Where systemd looks for the user's own units (``$XDG_CONFIG_HOME/systemd/user``)."""
    env = dict(os.environ) if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "systemd" / "user" / UNIT


def command_line(listen_args: Sequence[str] = ()) -> list[str]:
    """The command the service runs: this very installation's ``crampcoach listen``."""
    script = Path(sys.executable).parent / "crampcoach"
    head = [str(script)] if script.is_file() else [sys.executable, "-m", "crampcoach.voice.cli"]
    return [*head, "listen", *listen_args]


def _quote(arg: str) -> str:
    """One ExecStart argument: ``%`` is a specifier and ``$`` a variable to systemd."""
    arg = arg.replace("%", "%%").replace("$", "$$")
    if not arg or any(c in arg for c in " \t\"'\\;"):
        arg = '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return arg


def unit_text(argv: Sequence[str]) -> str:
    after = " ".join(SOUND_SERVERS)
    return f"""\
# Written by `crampcoach service install`; `crampcoach service uninstall` removes it.
[Unit]
Description=Cramp Coach, the hands-free night cramp coach
After={after}

[Service]
Type=notify
ExecStart={" ".join(_quote(a) for a in argv)}
Restart=on-failure
RestartSec={RESTART_S}
WatchdogSec={WATCHDOG_S}
# What is heard and said stays out of the journal: listen prints no transcript under
# systemd unless run with -v. Logs say what the coach did, never what anyone said.
Environment=PYTHONUNBUFFERED=1

[Install]
WantedBy=default.target
"""


def write_unit(argv: Sequence[str], env: dict[str, str] | None = None) -> Path:
    path = unit_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(unit_text(argv), encoding="utf-8")
    os.replace(tmp, path)
    return path


def systemctl(*args: str) -> subprocess.CompletedProcess[str]:
    """``systemctl --user ARGS``; ServiceError in one line if it cannot be run or refuses."""
    exe = shutil.which("systemctl")
    if exe is None:
        raise ServiceError("systemctl is not installed: this needs systemd")
    proc = subprocess.run([exe, "--user", *args], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0 and args[0] not in ("is-active", "is-enabled", "show"):
        why = (proc.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise ServiceError(f"systemctl --user {' '.join(args)} failed: {why}")
    return proc


def linger_enabled(user: str | None = None) -> bool | None:
    """Whether the user's services run without a login; None if it cannot be told."""
    user = user or getpass.getuser()
    if Path("/var/lib/systemd/linger", user).exists():
        return True
    exe = shutil.which("loginctl")
    if exe is None:
        return None
    try:
        proc = subprocess.run([exe, "show-user", user, "--property=Linger", "--value"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        # No session of this user is known to logind: no linger file, so it is off.
        return False if Path("/var/lib/systemd").is_dir() else None
    return proc.stdout.strip() == "yes"


def linger_advice() -> str:
    state = linger_enabled()
    user = getpass.getuser()
    if state:
        return f"it keeps running after you log out (linger is on for {user})"
    how = f"to keep it running without a login, run: loginctl enable-linger {user}"
    return how if state is False else f"{how} (whether it is on could not be checked)"


def unit_state() -> dict[str, str]:
    """ActiveState, SubState, the time it entered them, and the main PID, from systemctl."""
    keys = ("LoadState", "ActiveState", "SubState", "ActiveEnterTimestamp", "MainPID",
            "UnitFileState")
    proc = systemctl("show", UNIT, *(f"--property={k}" for k in keys))
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise ServiceError(f"cannot ask systemd: {why}")
    state = {}
    for line in proc.stdout.splitlines():
        key, _, value = line.partition("=")
        state[key] = value
    return state
