"""The episode journal in SQLite: every change committed the moment it happens, and kept.

The journal's tables live in the one shared file (:mod:`crampcoach.plugins.common.db`:
owner-only, WAL, busy timeout, migrations per plugin). Times are ISO 8601 with their UTC
offset. Every change to an episode is written, in the same transaction, to ``history``
with the row before and after, so nothing is rewritten or deleted beyond recall:
``crampcoach log undo`` shows and restores any of them.

A duration is only ever one somebody measured ("it's gone", ``--duration``); an episode
whose end nobody heard keeps ``duration_s`` null and its ``last_heard_at``.
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

from crampcoach.plugins.common import db as shared_db

FILENAME = shared_db.FILENAME
OWNER = "journal"
SIDES = ("left", "right", "both")
MUSCLES = ("calf", "foot", "toes", "thigh", "hamstring", "shin")
ENDINGS = ("over", "stopped", "interrupted", "timed out", "told")
"""How an episode ended; ``told``: a cramp told of afterwards, noted when the person said yes."""
SOURCES = ("voice", "text", "cli")
COLUMNS = (
    "id", "started_at", "ended_at", "duration_s", "side", "muscle", "severity", "relief",
    "ended_by", "notes", "source", "created_at", "updated_at", "last_heard_at", "room",
)
"""The columns an episode shows (exports, reports); ``session`` and ``session_pid`` are the
journal's own bookkeeping of which conversation owns an open episode."""
EDITABLE = ("started_at", "ended_at", "duration_s", "side", "muscle", "severity", "relief",
            "ended_by", "notes", "last_heard_at")

# The journal's forward migrations, applied in order (schema_versions["journal"] counts them).
# The first two use IF NOT EXISTS because files from before the per-plugin split already
# hold those tables.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS episodes (
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
    CREATE INDEX IF NOT EXISTS episodes_started ON episodes (started_at);
    """,
    """
    CREATE TABLE IF NOT EXISTS symptoms (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reported_at TEXT NOT NULL,
        symptom TEXT NOT NULL,
        tier TEXT NOT NULL,
        episode_id INTEGER REFERENCES episodes (id) ON DELETE SET NULL
    );
    """,
    """
    ALTER TABLE episodes ADD COLUMN last_heard_at TEXT;
    ALTER TABLE episodes ADD COLUMN session TEXT;
    ALTER TABLE episodes ADD COLUMN session_pid INTEGER;
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        episode_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'change', 'delete', 'restore')),
        before TEXT,
        after TEXT,
        by TEXT NOT NULL,
        session TEXT,
        undoes INTEGER REFERENCES history (id),
        undone_by INTEGER REFERENCES history (id)
    );
    CREATE INDEX history_episode ON history (episode_id);
    """,
    # Which room an episode was told in, when the coach listens through several satellites.
    """
    ALTER TABLE episodes ADD COLUMN room TEXT;
    """,
)


JournalError = shared_db.DatabaseError
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
    """The journal's tables in the shared file. Use as a context manager or call :meth:`close`.

    ``by`` (``voice``, ``text`` or ``cli``) and ``session`` (a conversation's id) are written
    with every change, so a conversation can take back what it recorded and nothing else.
    """

    def __init__(self, data_dir: str | os.PathLike[str], create: bool = True,
                 by: str = "cli", session: str | None = None, memory: bool = False,
                 busy_timeout_s: float = shared_db.BUSY_TIMEOUT_S):
        self.dir = Path(data_dir)
        self.path = self.dir / FILENAME
        self.by = by
        self.session = session
        self.in_memory = memory
        """Nothing could be written: this journal lives in memory until it is kept aside."""
        self._store = shared_db.open_db(self.dir, OWNER, MIGRATIONS, create=create,
                                        memory=memory, busy_timeout_s=busy_timeout_s)
        self.db = self._store.db

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._store.transaction():
            yield

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def add(self, started_at: datetime, now: datetime, **fields: Any) -> int:
        validate(fields)
        fields = _encode(fields)
        cols = ["started_at", "created_at", "updated_at", "session", "session_pid", *fields]
        vals = [started_at.isoformat(), now.isoformat(), now.isoformat(), self.session,
                os.getpid() if self.session else None, *fields.values()]
        with self.transaction():
            cur = self.db.execute(
                f"INSERT INTO episodes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                vals,
            )
            new_id = int(cur.lastrowid or 0)
            self._record(now, new_id, "add", None, self._row(new_id))
        return new_id

    def update(self, episode_id: int, now: datetime, **fields: Any) -> int | None:
        """Change an episode; returns the history id of the change (``None``: nothing changed)."""
        validate(fields)
        if not fields:
            return None
        fields = _encode(fields)
        with self.transaction():
            before = self._row(episode_id)
            if before is None:
                raise JournalError(f"no episode with id {episode_id}")
            if all(before[k] == v for k, v in fields.items()):
                return None
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.db.execute(f"UPDATE episodes SET {sets}, updated_at = ? WHERE id = ?",
                            [*fields.values(), now.isoformat(), episode_id])
            return self._record(now, episode_id, "change", before, self._row(episode_id))

    def heard(self, episode_id: int, when: datetime) -> None:
        """The person was heard while this episode was open (not a change worth a history)."""
        with self.transaction():
            self.db.execute("UPDATE episodes SET last_heard_at = ? WHERE id = ?",
                            (when.isoformat(), episode_id))

    def close_episode(
        self, episode_id: int, ended_at: datetime, ended_by: str, now: datetime,
        measured: bool = True, **fields: Any,
    ) -> int | None:
        """Close an episode at ``ended_at``; its duration only if that end was ``measured``."""
        row = self.get(episode_id)
        duration = None
        if measured:
            duration = round(max(0.0, (ended_at - parse_time(row["started_at"])).total_seconds()),
                             1)
        return self.update(episode_id, now, ended_at=ended_at.isoformat(), duration_s=duration,
                           ended_by=ended_by, **fields)

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

    def delete(self, episode_id: int, now: datetime | None = None) -> int:
        """Remove an episode (kept in the history, so ``log undo`` can bring it back)."""
        now = now or datetime.now().astimezone()
        with self.transaction():
            before = self._row(episode_id)
            if before is None:
                raise JournalError(f"no episode with id {episode_id}")
            self.db.execute("DELETE FROM episodes WHERE id = ?", (episode_id,))
            return self._record(now, episode_id, "delete", before, None)

    # -- history -------------------------------------------------------------------------
    def raw(self, episode_id: int) -> dict[str, Any] | None:
        """The episode's row exactly as stored (every column), for copying it whole."""
        row = self.db.execute("SELECT * FROM episodes WHERE id = ?", (episode_id,)).fetchone()
        return dict(row) if row else None

    _row = raw

    def insert_raw(self, row: dict[str, Any]) -> None:
        """Put a row taken with :meth:`raw` back, id and all."""
        cols = list(row)
        self.db.execute(f"INSERT INTO episodes ({', '.join(cols)}) "
                        f"VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])

    def _record(self, now: datetime, episode_id: int, action: str,
                before: dict[str, Any] | None, after: dict[str, Any] | None,
                undoes: int | None = None) -> int:
        cur = self.db.execute(
            "INSERT INTO history (at, episode_id, action, before, after, by, session, undoes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now.isoformat(), episode_id, action,
             None if before is None else json.dumps(before),
             None if after is None else json.dumps(after), self.by, self.session, undoes),
        )
        return int(cur.lastrowid or 0)

    def history(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Changes, newest first: ``before``/``after`` rows decoded, ``fields`` that changed."""
        sql = "SELECT * FROM history ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        out = []
        for r in self.db.execute(sql):
            item = dict(r)
            item["before"] = json.loads(r["before"]) if r["before"] else None
            item["after"] = json.loads(r["after"]) if r["after"] else None
            item["fields"] = _changed(item["before"], item["after"])
            out.append(item)
        return out

    def change(self, history_id: int) -> dict[str, Any]:
        for item in self.history():
            if item["id"] == history_id:
                return item
        raise JournalError(f"no change with id {history_id} (see crampcoach log undo)")

    def restore(self, history_id: int, now: datetime) -> list[str]:
        """Take back change ``history_id``: what it added goes, what it deleted comes back,
        what it changed returns to its value before. A field changed again since is left as
        it is now (a later decision is not overruled). Returns the fields restored."""
        item = self.change(history_id)
        if item["undone_by"] is not None:
            raise JournalError(f"change {history_id} was already taken back "
                               f"(change {item['undone_by']})")
        with self.transaction():
            current = self._row(item["episode_id"])
            before, after = item["before"], item["after"]
            if before is None:  # an addition: remove it, if it is still there
                if current is None:
                    raise JournalError(f"episode {item['episode_id']} is already gone")
                self.db.execute("DELETE FROM episodes WHERE id = ?", (item["episode_id"],))
                restored = ["episode"]
                new_after = None
            elif after is None:  # a deletion: bring the row back whole
                if current is not None:
                    raise JournalError(f"episode {item['episode_id']} exists again")
                self.insert_raw(before)
                restored = ["episode"]
                new_after = before
            elif current is None:
                raise JournalError(f"episode {item['episode_id']} was deleted since; "
                                   "take back that deletion first")
            else:
                restored = [k for k in item["fields"] if current.get(k) == after.get(k)]
                if restored:
                    sets = ", ".join(f"{k} = ?" for k in restored)
                    self.db.execute(f"UPDATE episodes SET {sets}, updated_at = ? WHERE id = ?",
                                    [*(before[k] for k in restored), now.isoformat(),
                                     item["episode_id"]])
                new_after = self._row(item["episode_id"])
            undo_id = self._record(now, item["episode_id"], "restore", current, new_after,
                                   undoes=history_id)
            self.db.execute("UPDATE history SET undone_by = ? WHERE id = ?",
                            (undo_id, history_id))
        return restored

    # -- reading -------------------------------------------------------------------------
    def get(self, episode_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM episodes WHERE id = ?", (episode_id,)).fetchone()
        if row is None:
            raise JournalError(f"no episode with id {episode_id}")
        return _decode(row)

    def find(self, episode_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM episodes WHERE id = ?", (episode_id,)).fetchone()
        return _decode(row) if row else None

    def open_episodes(self) -> list[dict[str, Any]]:
        """Episodes a conversation opened and nobody closed (hand-logged ones are never open:
        without a duration their length is simply unknown)."""
        rows = self.db.execute(
            "SELECT * FROM episodes WHERE ended_by IS NULL AND ended_at IS NULL "
            "AND source != 'cli' ORDER BY id")
        return [_decode(r) | {"session_pid": r["session_pid"]} for r in rows]

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


def _changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    if before is None or after is None:
        return []
    return [k for k in EDITABLE if before.get(k) != after.get(k)]


def _encode(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "relief" in out:
        out["relief"] = json.dumps(list(out["relief"]))
    return out


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    out = {k: row[k] for k in COLUMNS}
    out["relief"] = json.loads(out["relief"] or "[]")
    return out
