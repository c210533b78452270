"""Copies of the shared database file, made with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while other processes keep
writing, which a file copy of a WAL database cannot promise. Every conversation start
makes at most one copy a day, ``backups/journal-YYYY-MM-DD.sqlite3``, and keeps the last
:data:`KEEP`; ``crampcoach log backup FILE`` and ``log restore FILE`` do it by hand. Each
restore first keeps the journal as it was, ``backups/journal-before-restore-<time>.sqlite3``,
never overwritten and never pruned.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

from crampcoach.plugins.common import db as shared_db

from .store import Journal

FOLDER = "backups"
KEEP = 7
DAILY_GLOB = "journal-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].sqlite3"
"""The daily copies only: what :func:`rolling` may prune (never a before-restore copy)."""


def copy_to(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``source`` at ``target`` (owner-only), replacing it whole."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(target.name + ".part")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(tmp, 0o600)
    dest = sqlite3.connect(tmp)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no WAL beside
    finally:
        dest.close()
    os.replace(tmp, target)


def rolling(journal: Journal, today: date | None = None) -> Path | None:
    """Today's copy if there is none yet; older copies beyond the last ``KEEP`` removed."""
    folder = journal.dir / FOLDER
    today = today or date.today()
    target = folder / f"journal-{today.isoformat()}.sqlite3"
    made = None
    if not target.exists():
        copy_to(journal.db, target)
        made = target
    for old in sorted(folder.glob(DAILY_GLOB))[:-KEEP]:
        old.unlink()
    return made


def check(path: Path) -> None:
    """Refuse a file that is not a sound Cramp Coach database before it replaces anything."""
    if not path.is_file():
        raise shared_db.DatabaseError(f"no such file: {path}")
    why = shared_db.problem(path)
    if why is not None:
        raise shared_db.DatabaseError(f"{path} is not a sound journal: {why}")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as err:
        raise shared_db.DatabaseError(f"{path} is not a journal: {err}") from None
    finally:
        conn.close()
    if "episodes" not in tables:
        raise shared_db.DatabaseError(f"{path} is not a Cramp Coach journal (no episodes)")


def restore_from(journal: Journal, source: Path) -> Path:
    """Replace the journal's content with ``source``'s, in place, through the backup API.

    The current content is first copied beside the backups under a name no other restore
    uses (:func:`before_restore_name`), so every restore can itself be taken back; returns
    that copy's path.
    """
    check(source)
    # Read it whole first: the source may be the very "before-restore" copy made next.
    held = sqlite3.connect(":memory:")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(held)
    finally:
        src.close()
    try:
        kept = before_restore_name(journal.dir / FOLDER)
        try:
            copy_to(journal.db, kept)
        except BaseException:
            kept.unlink(missing_ok=True)  # only the empty name claimed above
            raise
        held.backup(journal.db)
    finally:
        held.close()
    return kept


def before_restore_name(folder: Path, now: datetime | None = None) -> Path:
    """A new, reserved file name for the journal as it was before a restore.

    The time says which restore it came before; the name is claimed with ``O_EXCL`` so two
    restores in the same second (or at once) never share, and so never overwrite, a copy.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    n = 1
    while True:
        target = folder / f"journal-before-restore-{stamp}{'' if n == 1 else f'-{n}'}.sqlite3"
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            n += 1
            continue
        return target
