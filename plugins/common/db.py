"""One SQLite file for every plugin's data; each plugin creates and migrates its own tables.

A plugin opens the file through :func:`open_db` with its own name and its own list of
migrations; the ``schema_versions`` table records how far each plugin's list has run. No
plugin issues SQL on another's tables: what they share goes through the conversation's facts
and follow-up intents (see ``docs/plugins.md``).

Every open makes the same promises: the folder and file are readable by the owner alone,
whatever the umask; WAL lets a reader work while a writer writes; a busy timeout makes
concurrent writers wait instead of failing; and migrations run in one exclusive transaction,
so six processes started at the same moment on a missing file all succeed. Once per process
and file, a quick integrity check runs; a damaged file is moved aside intact, never written
to again, and a fresh one takes its place (:func:`take_notice` tells the user, once).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

FILENAME = "journal.sqlite3"
BUSY_TIMEOUT_S = 15.0
"""How long a command waits for another process's write to finish."""
LIVE_BUSY_TIMEOUT_S = 1.0
"""How long a conversation waits: well under the plugin host's per-call limit (5 s), so a
journal locked by another program is told and kept aside at once, like an unwritable one,
instead of stalling the coaching until the host switches the plugin off."""
NOTICE_FILE = "journal-set-aside.txt"
"""Written when a damaged file was moved aside; read and removed by :func:`take_notice`."""
DAMAGED_GLOB = "journal.damaged-*.sqlite3"
_checked: set[Path] = set()


class DatabaseError(ValueError):
    """The database cannot be used; the message is fit for one line."""


LIVE_ERRORS: tuple[type[Exception], ...] = (DatabaseError, sqlite3.Error)
"""What a read or write during a conversation may raise (set up is ours; a lock held too long
or a full disk is SQLite's): told in one plain line, the conversation goes on."""


class Unwritable(DatabaseError):
    """Nothing can be written: the disk is full, the folder read-only, or not a folder."""


def path_in(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / FILENAME


class Database:
    """An open connection to the shared file, in autocommit mode; see :meth:`transaction`."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.db = conn
        self.path = path

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything in it is committed together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_db(
    data_dir: str | os.PathLike[str],
    owner: str,
    migrations: Sequence[str],
    *,
    create: bool = True,
    memory: bool = False,
    busy_timeout_s: float = BUSY_TIMEOUT_S,
) -> Database:
    """Open the shared file for plugin ``owner`` and bring its tables up to date.

    ``migrations`` are that plugin's SQL scripts, applied in order, each once. With
    ``create=False`` a missing file is an empty database that is not created (readers);
    ``memory=True`` gives an empty database in memory (when nothing can be written).
    ``busy_timeout_s`` is the longest any step waits for another process's lock.
    Raises :class:`Unwritable` when nothing can be written, :class:`DatabaseError` otherwise.
    """
    folder = Path(data_dir)
    path = folder / FILENAME
    if not memory and folder.exists() and not folder.is_dir():
        raise Unwritable(f"the data folder {folder} is a file, not a folder")
    if memory or (not create and not path.exists()):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.row_factory = sqlite3.Row
        db = Database(conn, path)
        _migrate(db, owner, migrations)
        return db
    if not create and path.is_file() and not os.access(folder, os.W_OK):
        return _read_only(path, owner, migrations)
    try:
        _prepare(folder, path)
    except OSError as err:
        raise Unwritable(f"cannot write to {folder}: {err.strerror or err}") from None
    if path not in _checked:
        check_and_set_aside(path, busy_timeout_s)
        _checked.add(path)
    try:
        conn = _connect(path, busy_timeout_s)
    except sqlite3.DatabaseError as err:
        raise _classify(err, path) from None
    db = Database(conn, path)
    try:
        _migrate(db, owner, migrations)
    except sqlite3.DatabaseError as err:
        db.close()
        raise _classify(err, path) from None
    return db


def _read_only(path: Path, owner: str, migrations: Sequence[str]) -> Database:
    """A reader on a folder it cannot write (a read-only mount, a backup disk).

    SQLite reads a WAL file read-only when its shared-memory file is there beside it, so
    what a run that ended without a checkpoint (killed, a power cut) left in the WAL is
    read too. Without it, the file is opened as immutable, as it was last checkpointed.
    Nothing is migrated: a plugin whose tables were never made there reads as empty;
    writing through it fails in one line."""
    uri = path.resolve().as_uri()
    conn = None
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except UnicodeDecodeError:
        if conn is not None:
            conn.close()
        raise DatabaseError(f"cannot use the journal {path}: {UNREADABLE}") from None
    except sqlite3.DatabaseError as err:
        if conn is not None:
            conn.close()
        conn = None
        if damage(err):
            raise _classify(err, path) from None
    try:
        if conn is None:
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
        conn.row_factory = sqlite3.Row
        db = Database(conn, path)
        if version_of(db, owner) == 0:
            db.close()
            return open_db(path.parent, owner, migrations, memory=True)
    except sqlite3.DatabaseError as err:
        raise _classify(err, path) from None
    except UnicodeDecodeError:
        raise DatabaseError(f"cannot use the journal {path}: {UNREADABLE}") from None
    return db


def _prepare(folder: Path, path: Path) -> None:
    """The folder and the file exist and are the owner's alone, before SQLite opens them.

    What this creates is made owner-only whatever the umask; what exists already is only
    ever tightened (group and other bits dropped), never opened up: a folder the user made
    read-only stays read-only.
    """
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not folder.is_dir():
        raise NotADirectoryError(20, "not a folder", str(folder))
    _tighten(folder, 0o700 if made else stat_mode(folder) & 0o700)
    try:
        # O_EXCL tells a creation from an existing file; several first runs may race here.
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        _tighten(path, stat_mode(path) & 0o600)
        return
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _tighten(path: Path, mode: int) -> None:
    if stat_mode(path) != mode:
        os.chmod(path, mode)


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _connect(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
    # Switching a new file to WAL needs a moment alone with it; a racing first run can be
    # refused that moment without the busy handler, so it is retried here.
    deadline = time.monotonic() + busy_timeout_s
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            break
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                conn.close()
                raise
            time.sleep(0.01)  # back-off between lock attempts, not ordering anything
    if str(mode).lower() != "wal":
        conn.close()
        raise sqlite3.OperationalError(f"cannot use WAL (journal mode {mode})")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _statements(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit mid-transaction)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip().strip(";").strip():
                out.append(current)
            current = ""
    if current.strip():
        out.append(current)
    return out


def version_of(db: Database, owner: str) -> int:
    try:
        row = db.db.execute(
            "SELECT version FROM schema_versions WHERE plugin = ?", (owner,)).fetchone()
    except sqlite3.OperationalError as err:
        if "no such table" in str(err):
            return 0
        raise
    return int(row[0]) if row else 0


def _migrate(db: Database, owner: str, migrations: Sequence[str]) -> None:
    if version_of(db, owner) == len(migrations):
        return
    conn = db.db
    conn.execute("BEGIN EXCLUSIVE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_versions ("
                     "plugin TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        version = version_of(db, owner)  # again: another process may have migrated meanwhile
        if version > len(migrations):
            raise DatabaseError(
                f"{db.path} holds {owner} data from a newer Cramp Coach (schema {version})")
        for n in range(version, len(migrations)):
            for statement in _statements(migrations[n]):
                conn.execute(statement)
        conn.execute("INSERT INTO schema_versions (plugin, version) VALUES (?, ?) "
                     "ON CONFLICT(plugin) DO UPDATE SET version = excluded.version",
                     (owner, len(migrations)))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _classify(err: sqlite3.DatabaseError, path: Path) -> DatabaseError:
    text = str(err)
    if any(w in text for w in ("full", "readonly", "read-only", "unable to open", "disk I/O")):
        return Unwritable(f"cannot write the journal {path}: {text}")
    return DatabaseError(f"cannot use the journal {path}: {text}")


# -- integrity -----------------------------------------------------------------------------
def problem(path: Path, busy_timeout_s: float = BUSY_TIMEOUT_S) -> str | None:
    """Why the file at ``path`` is damaged, or ``None`` if SQLite's quick check passes."""
    if not path.exists() or path.stat().st_size == 0:
        return None  # nothing there yet: a fresh journal
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=busy_timeout_s)
    except sqlite3.DatabaseError as err:
        return damage(err)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as err:
        return damage(err)
    except UnicodeDecodeError:
        return UNREADABLE
    finally:
        conn.close()
    return None if rows == ["ok"] else "; ".join(rows[:3])


DAMAGE_WORDS = ("not a database", "malformed", "corrupt", "unsupported file format")
"""What SQLite says of a file that is not a usable database: "unsupported file format" is
a header whose schema format number (bytes 44-47) is out of range, the rest as it says."""
DAMAGE_CODES = (11, 24, 26)
"""SQLITE_CORRUPT, SQLITE_FORMAT, SQLITE_NOTADB (primary codes)."""
UNREADABLE = "malformed database schema (its text is not readable)"
"""A damaged schema whose names are not UTF-8: SQLite's message quotes the bytes, and
Python cannot even decode the error (a UnicodeDecodeError, not an sqlite3 error)."""


def damage(err: sqlite3.Error | str) -> str | None:
    """Only what says the file itself is damaged; a full disk, a lock or a read-only folder
    is not damage, and the open that follows reports it."""
    text = str(err)
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in DAMAGE_CODES:
        return text
    return text if any(w in text for w in DAMAGE_WORDS) else None


def check_and_set_aside(path: Path, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Path | None:
    """Move a damaged file aside intact (with its WAL), so a fresh one starts; returns where."""
    why = problem(path, busy_timeout_s)
    if why is None:
        return None
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"journal.damaged-{stamp}.sqlite3")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"journal.damaged-{stamp}-{n}.sqlite3")
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None  # another process moved it first
    except OSError as err:
        raise Unwritable(f"the journal {path} is damaged ({why}) and cannot be moved: "
                         f"{err.strerror}") from None
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            try:
                os.rename(side, target.with_name(target.name + suffix))
            except OSError:
                pass
    notice = path.with_name(NOTICE_FILE)
    try:
        with open(notice, "a", encoding="utf-8") as f:
            f.write(f"{target.name}\t{why}\n")
        os.chmod(notice, 0o600)
    except OSError:
        pass
    return target


def take_notice(data_dir: str | os.PathLike[str]) -> list[str]:
    """Names of damaged files moved aside since the last call (each is told once)."""
    notice = Path(data_dir) / NOTICE_FILE
    try:
        text = notice.read_text(encoding="utf-8")
        notice.unlink()
    except OSError:
        return []
    return [line.split("\t")[0] for line in text.splitlines() if line.strip()]


def damaged_copies(data_dir: str | os.PathLike[str]) -> list[Path]:
    """Damaged files set aside, oldest first."""
    return sorted(Path(data_dir).glob(DAMAGED_GLOB))
