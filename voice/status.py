"""What a running ``listen`` tells the outside: a small status file and the service manager.

The status file (``listen-status.json`` in the data folder, readable by its owner alone) is
what ``crampcoach service status`` shows: whether the coach listens, since when, the model
and microphone in use, and the last problem. It records what the program did, never what
anyone said.

The service manager hears through sd_notify (one datagram on ``$NOTIFY_SOCKET``; see
docs/decisions.md for why not the ``sdnotify`` package): ``READY=1`` once the
coach is set up, ``STATUS=`` lines, and ``WATCHDOG=1`` pings from the listening loop itself,
so a loop that hangs is restarted by systemd. Outside systemd both are silent no-ops.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

STATUS_FILE = "listen-status.json"


def status_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATUS_FILE


def read_status(data_dir: Path) -> dict[str, Any] | None:
    """The last status a ``listen`` wrote, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads(status_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class StatusFile:
    """The owner-only status file, rewritten whole (atomically) on every change."""

    def __init__(self, data_dir: Path, **fields: Any):
        self.path = status_path(data_dir)
        self.fields: dict[str, Any] = {"pid": os.getpid(), "started": _now(), **fields}
        self.update()

    def update(self, **fields: Any) -> None:
        self.fields.update(fields)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".status.", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:  # mkstemp makes it 0600
                json.dump(self.fields, f, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a status file is a courtesy: never let it stop the coach

    def state(self, state: str) -> None:
        """What the coach is doing now, e.g. ``listening``, ``waiting for a microphone``."""
        if self.fields.get("state") != state:
            self.update(state=state, since=_now())

    def problem(self, text: str) -> None:
        self.update(last_problem=text, last_problem_at=_now())

    def stopped(self) -> None:
        self.update(state="stopped", since=_now(), pid=None)


class ServiceManager:
    """sd_notify messages and watchdog pings; does nothing when not run by systemd."""

    def __init__(self, env: dict[str, str] | None = None):
        env = dict(os.environ) if env is None else env
        address = env.get("NOTIFY_SOCKET", "")
        # "@name" is an abstract socket, spelt with a leading NUL on the wire.
        self._address = "\0" + address[1:] if address.startswith("@") else address
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        wanted = usec.isdigit() and (not pid or pid == str(os.getpid()))
        # Ping at twice the rate systemd asks for, as sd_watchdog_enabled(3) advises.
        self.watchdog_every = int(usec) / 2e6 if wanted else None
        self._last_ping = float("-inf")

    def notify(self, message: str) -> None:
        if not self._address:
            return
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto(message.encode(), self._address)
        except OSError:
            pass  # the manager went away: it cannot be told, and listening goes on

    def ready(self, status: str) -> None:
        self.notify(f"READY=1\nSTATUS={status}")

    def status(self, status: str) -> None:
        self.notify(f"STATUS={status}")

    def stopping(self) -> None:
        self.notify("STOPPING=1")

    def alive(self) -> None:
        """Called from the listening loop: pings the watchdog when one is due."""
        if self.watchdog_every is None:
            return
        now = time.monotonic()
        if now - self._last_ping >= self.watchdog_every:
            self._last_ping = now
            self.notify("WATCHDOG=1")


def writes_to_journal(env: dict[str, str] | None = None) -> bool:
    """True when stdout or stderr is connected to the systemd journal.

    systemd sets ``JOURNAL_STREAM`` to the device and inode of that stream; comparing them
    with our own descriptors (as systemd.exec(5) advises) is not fooled by a child that
    inherited the variable but writes to a terminal or a pipe.
    """
    env = dict(os.environ) if env is None else env
    wanted = env.get("JOURNAL_STREAM", "")
    for fd in (1, 2):
        try:
            st = os.fstat(fd)
        except OSError:
            continue
        if wanted == f"{st.st_dev}:{st.st_ino}":
            return True
    return False


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Watch:
    """The status file and the service manager, told together; either may be absent."""

    def __init__(self, file: StatusFile | None = None, manager: ServiceManager | None = None):
        self.file = file
        self.manager = manager

    def ready(self, state: str) -> None:
        if self.file:
            self.file.state(state)
        if self.manager:
            self.manager.ready(state)

    def state(self, state: str) -> None:
        if self.file:
            self.file.state(state)
        if self.manager:
            self.manager.status(state)

    def problem(self, text: str) -> None:
        if self.file:
            self.file.problem(text)

    def alive(self) -> None:
        if self.manager:
            self.manager.alive()

    def stopped(self) -> None:
        if self.manager:
            self.manager.stopping()
        if self.file:
            self.file.stopped()


def process_alive(pid: int | None) -> bool:
    """Whether process ``pid`` still runs (one owned by another user counts as running)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
