"""The episode journal in SQLite: every change committed the moment it happens.

WAL mode lets ``log export`` read while ``listen`` writes; the file and its folder are the
owner's alone. Times are stored as ISO 8601 with their UTC offset.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

FILENAME = "journal.sqlite3"
SIDES = ("left", "right", "both")
MUSCLES = ("calf", "foot", "toes", "thigh", "hamstring", "shin")
ENDINGS = ("over", "stopped", "interrupted", "timed out")
SOURCES = ("voice", "text", "cli")
COLUMNS = (
    "id", "started_at", "ended_at", "duration_s", "side", "muscle", "severity", "relief",
    "ended_by", "notes", "source", "created_at", "updated_at",
)

# Forward migrations, applied in order; PRAGMA user_version records how many ran.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE episodes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        duration_s REAL CHECK (duration_s IS NULL OR duration_s >= 0),
        side TEXT CHECK (side IS NULL OR side IN ('left', 'right', 'both')),
        muscle TEXT,
        severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 10),
        relief TEXT NOT NULL DEFAULT '[]',
        ended_by TEXT,
        notes TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'text',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX episodes_started ON episodes (started_at);
    """,
    """
    CREATE TABLE symptoms (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reported_at TEXT NOT NULL,
        symptom TEXT NOT NULL,
        tier TEXT NOT NULL,
        episode_id INTEGER REFERENCES episodes (id) ON DELETE SET NULL
    );
    """,
    """
    CREATE TABLE vein_checks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        taken_at TEXT NOT NULL,
        answers TEXT NOT NULL,
        completed INTEGER NOT NULL
    );
    CREATE TABLE profile (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE medicines (
        name TEXT PRIMARY KEY,
        since TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    """,
)


class JournalError(ValueError):
    """A journal operation that cannot be done; the message is fit for one line."""


def parse_time(text: str) -> datetime:
    """ISO 8601; a time without an offset is taken as local time."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise JournalError(f"not an ISO 8601 date or time: {text!r}") from None
    return value if value.tzinfo else value.astimezone()


def validate(fields: dict[str, Any]) -> None:
    """Refuse values the journal cannot hold, before anything is written."""
    if fields.get("side") is not None and fields["side"] not in SIDES:
        raise JournalError(f"unknown side {fields['side']!r} (use {', '.join(SIDES)})")
    if fields.get("muscle") is not None and fields["muscle"] not in MUSCLES:
        raise JournalError(f"unknown muscle {fields['muscle']!r} (use {', '.join(MUSCLES)})")
    sev = fields.get("severity")
    if sev is not None and (not isinstance(sev, int) or not 0 <= sev <= 10):
        raise JournalError(f"severity must be a whole number from 0 to 10, not {sev!r}")
    dur = fields.get("duration_s")
    if dur is not None and (not isinstance(dur, (int, float)) or dur < 0):
        raise JournalError(f"duration must be zero or more seconds, not {dur!r}")
    if fields.get("ended_by") is not None and fields["ended_by"] not in ENDINGS:
        raise JournalError(f"unknown ending {fields['ended_by']!r}")


class Journal:
    """One journal file. Use as a context manager or call :meth:`close`."""

    def __init__(self, data_dir: str | os.PathLike[str], create: bool = True):
        self.dir = Path(data_dir)
        self.path = self.dir / FILENAME
        if not create and not self.path.exists():
            raise JournalError(f"no journal at {self.path}")
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.dir, 0o700)
        new = not self.path.exists()
        if new:
            # Create it owner-only before SQLite opens it, so it is never readable by others.
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(self.path, 0o600)
        try:
            self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise JournalError(f"cannot open journal {self.path}: {err}") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise JournalError(
                f"journal {self.path} is from a newer Cramp Coach (schema {version})"
            )
        for n in range(version, len(MIGRATIONS)):
            # executescript commits whatever is open first, so the script carries its own
            # transaction: a migration applies whole or not at all.
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE;\n{MIGRATIONS[n]}\nPRAGMA user_version = {n + 1};\nCOMMIT;"
                )
            except sqlite3.DatabaseError:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def add(self, started_at: datetime, now: datetime, **fields: Any) -> int:
        validate(fields)
        fields = _encode(fields)
        cols = ["started_at", "created_at", "updated_at", *fields]
        vals = [started_at.isoformat(), now.isoformat(), now.isoformat(), *fields.values()]
        with self.transaction():
            cur = self.db.execute(
                f"INSERT INTO episodes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                vals,
            )
        return int(cur.lastrowid or 0)

    def update(self, episode_id: int, now: datetime, **fields: Any) -> None:
        validate(fields)
        if not fields:
            return
        fields = _encode(fields)
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction():
            cur = self.db.execute(
                f"UPDATE episodes SET {sets}, updated_at = ? WHERE id = ?",
                [*fields.values(), now.isoformat(), episode_id],
            )
            if cur.rowcount == 0:
                raise JournalError(f"no episode with id {episode_id}")

    def close_episode(
        self, episode_id: int, ended_at: datetime, ended_by: str, now: datetime, **fields: Any
    ) -> None:
        row = self.get(episode_id)
        started = parse_time(row["started_at"])
        duration = max(0.0, (ended_at - started).total_seconds())
        self.update(
            episode_id, now, ended_at=ended_at.isoformat(), duration_s=round(duration, 1),
            ended_by=ended_by, **fields,
        )

    def add_symptom(self, when: datetime, symptom: str, tier: str,
                    episode_id: int | None = None) -> None:
        """Remember a worrying symptom the person reported, for the summary and the doctor."""
        with self.transaction():
            self.db.execute(
                "INSERT INTO symptoms (reported_at, symptom, tier, episode_id) VALUES (?,?,?,?)",
                (when.isoformat(), symptom, tier, episode_id),
            )

    def symptoms(self, since: datetime | None = None) -> list[dict[str, Any]]:
        rows = [dict(r) for r in self.db.execute("SELECT * FROM symptoms ORDER BY id")]
        if since is not None:
            rows = [r for r in rows if parse_time(r["reported_at"]) >= since]
        return rows

    def delete(self, episode_id: int) -> None:
        with self.transaction():
            cur = self.db.execute("DELETE FROM episodes WHERE id = ?", (episode_id,))
            if cur.rowcount == 0:
                raise JournalError(f"no episode with id {episode_id}")

    # -- reading -------------------------------------------------------------------------
    def get(self, episode_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM episodes WHERE id = ?", (episode_id,)).fetchone()
        if row is None:
            raise JournalError(f"no episode with id {episode_id}")
        return _decode(row)

    def open_episodes(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM episodes WHERE ended_at IS NULL ORDER BY id")
        return [_decode(r) for r in rows]

    def last(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM episodes ORDER BY id DESC LIMIT 1").fetchone()
        return _decode(row) if row else None

    def episodes(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Episodes oldest first, optionally those started in ``[since, until)``."""
        rows = [_decode(r) for r in self.db.execute("SELECT * FROM episodes ORDER BY id")]
        if since is not None:
            rows = [r for r in rows if parse_time(r["started_at"]) >= since]
        if until is not None:
            rows = [r for r in rows if parse_time(r["started_at"]) < until]
        rows.sort(key=lambda r: (parse_time(r["started_at"]), r["id"]))
        return rows


def _encode(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "relief" in out:
        out["relief"] = json.dumps(list(out["relief"]))
    return out


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    out = {k: row[k] for k in COLUMNS}
    out["relief"] = json.loads(out["relief"] or "[]")
    return out
