"""When the journal cannot be written: episodes kept aside in a small append-only file.

The person is in pain, so coaching goes on whatever the disk does. What could not be saved
is appended, one JSON line per episode, to ``journal-pending.jsonl`` in the data folder or,
if that folder cannot be written either, in a private folder under the system's temporary
folder. The next start that can write the journal merges those lines in and removes the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from .store import COLUMNS, Journal

PENDING = "journal-pending.jsonl"


def places(data_dir: Path) -> list[Path]:
    """Where pending episodes may be, in the order they are tried."""
    # Named after the data folder too, so only a start on the same journal merges it.
    key = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:12]
    private = Path(tempfile.gettempdir()) / f"crampcoach-{os.getuid()}-{key}"
    return [Path(data_dir) / PENDING, private / PENDING]


def keep(data_dir: Path, episodes: list[dict[str, Any]],
         symptoms: list[dict[str, Any]]) -> Path | None:
    """Append what could not be saved; returns the file it went to, or ``None`` (nowhere)."""
    if not episodes and not symptoms:
        return None
    lines = [json.dumps({"episode": {k: e.get(k) for k in COLUMNS}}) for e in episodes]
    lines += [json.dumps({"symptom": s}) for s in symptoms]
    for path in places(data_dir):
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, ("\n".join(lines) + "\n").encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            return path
        except OSError:
            continue
    return None


def waiting(data_dir: Path) -> list[tuple[Path, int]]:
    """Pending files that hold episodes, with how many each holds."""
    found = []
    for path in places(data_dir):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        count = sum('"episode"' in line for line in lines)
        if count:
            found.append((path, count))
    return found


def merge(journal: Journal, data_dir: Path, now: datetime) -> int:
    """Add every pending episode to ``journal`` and remove the files; returns how many."""
    merged = 0
    for path in places(data_dir):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a line cut short by the very failure that sent it here
            if "episode" in item:
                ep = dict(item["episode"])
                started = datetime.fromisoformat(ep.pop("started_at"))
                fields = {k: v for k, v in ep.items()
                          if k not in ("id", "created_at", "updated_at") and v is not None}
                journal.add(started, now, **fields)
                merged += 1
            elif "symptom" in item:
                s = item["symptom"]
                journal.add_symptom(datetime.fromisoformat(s["reported_at"]), s["symptom"],
                                    s["tier"])
        try:
            path.unlink()
        except OSError:
            pass
    return merged
