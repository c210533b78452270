"""``crampcoach log recover``: salvage episodes from a damaged journal that was set aside.

SQLite's own ``.recover`` (the ``sqlite3`` command-line shell) reads every page it can and
rebuilds what it finds; where that shell is not installed, Python's ``iterdump`` is tried,
which stops at the first unreadable page. The salvage goes into a scratch database first,
then each episode not already in the journal is added as new (with its own history entry),
so running recover twice adds nothing twice. The damaged file itself is never changed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from .store import COLUMNS, Journal, JournalError

KEYS = ("started_at", "side", "muscle", "severity", "source")
"""What makes two episodes the same one, when deciding what is already in the journal."""


def _scratch_from(source: Path, scratch: Path) -> str:
    """Fill ``scratch`` with what can be read from ``source``; returns the method used."""
    copy = scratch.with_name("damaged.sqlite3")
    shutil.copyfile(source, copy)  # work on a copy: the damaged file stays as it was
    for suffix in ("-wal",):
        side = source.with_name(source.name + suffix)
        if side.exists():
            shutil.copyfile(side, copy.with_name(copy.name + suffix))
    shell = shutil.which("sqlite3")
    if shell:
        dump = subprocess.run([shell, str(copy), ".recover"], capture_output=True, text=True,
                              timeout=300)
        if dump.returncode == 0 and "CREATE TABLE" in dump.stdout:
            target = sqlite3.connect(scratch)
            try:
                target.executescript(dump.stdout)
            finally:
                target.close()
            return "sqlite3 .recover"
    conn = sqlite3.connect(copy)
    target = sqlite3.connect(scratch)
    statements = 0
    try:
        for line in conn.iterdump():
            try:
                target.execute(line)
                statements += 1
            except sqlite3.Error:
                continue
    except sqlite3.DatabaseError:
        pass  # iterdump stops at the first page it cannot read; keep what came before
    finally:
        target.commit()
        target.close()
        conn.close()
    if not statements:
        raise JournalError(f"nothing could be read from {source}")
    return "iterdump (install the sqlite3 shell for a deeper salvage)"


def salvage(journal: Journal, source: Path, now: datetime) -> tuple[int, str]:
    """Add the episodes readable in ``source`` that the journal lacks; ``(added, method)``."""
    if not source.is_file():
        raise JournalError(f"no such file: {source}")
    with tempfile.TemporaryDirectory(prefix="crampcoach-recover-") as tmp:
        scratch = Path(tmp) / "salvage.sqlite3"
        how = _scratch_from(source, scratch)
        conn = sqlite3.connect(scratch)
        conn.row_factory = sqlite3.Row
        try:
            rows = [dict(r) for r in conn.execute("SELECT * FROM episodes")]
        except sqlite3.DatabaseError as err:
            raise JournalError(f"no episodes could be read from {source}: {err}") from None
        finally:
            conn.close()
    have = {tuple(e[k] for k in KEYS) for e in journal.episodes()}
    added = 0
    for row in rows:
        if not row.get("started_at") or tuple(row.get(k) for k in KEYS) in have:
            continue
        fields = {k: row[k] for k in COLUMNS
                  if k in row and row[k] is not None
                  and k not in ("id", "started_at", "created_at", "updated_at", "relief")}
        try:


            fields["relief"] = json.loads(row.get("relief") or "[]")
            journal.add(datetime.fromisoformat(row["started_at"]), now, **fields)
        except (JournalError, ValueError, TypeError):
            continue  # a row too damaged to trust is left out, not guessed at
        added += 1
    return added, how
