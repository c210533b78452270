"""Vein self-checks: the veins plugin's own table in the shared database file."""

from __future__ import annotations

import json
import os
from datetime import datetime
from typing import Any

from crampcoach.plugins.common import db as shared_db
from crampcoach.plugins.common.db import Database

OWNER = "veins"
# IF NOT EXISTS: files from before the per-plugin split already hold this table.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS vein_checks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        taken_at TEXT NOT NULL,
        answers TEXT NOT NULL,
        completed INTEGER NOT NULL
    );
    """,
)


def open_veins(data_dir: str | os.PathLike[str], create: bool = True,
               busy_timeout_s: float = shared_db.BUSY_TIMEOUT_S) -> Database:
    return shared_db.open_db(data_dir, OWNER, MIGRATIONS, create=create,
                             busy_timeout_s=busy_timeout_s)


def add_vein_check(j: Database, when: datetime, answers: dict[str, str], completed: bool) -> None:
    with j.transaction():
        j.db.execute("INSERT INTO vein_checks (taken_at, answers, completed) VALUES (?, ?, ?)",
                     (when.isoformat(), json.dumps(answers), int(completed)))


def vein_checks(j: Database) -> list[dict[str, Any]]:
    rows = j.db.execute("SELECT * FROM vein_checks ORDER BY id")
    return [{"taken_at": r["taken_at"], "answers": json.loads(r["answers"]),
             "completed": bool(r["completed"])} for r in rows]
