"""``crampcoach log recover``: salvage episodes (and the red flags reported) from a damaged
journal that was set aside.

The damaged file is never changed: the salvage works on a copy. Three readers, each taking
what the others miss:

- SQLite's own ``.recover`` (the ``sqlite3`` shell), where the shell is installed and built
  with it (Debian's is not: it answers "SQL logic error", and the next readers carry on);
- a header rebuilt when the first 100 bytes are destroyed or hold values SQLite refuses
  ("unsupported file format"), so the pages behind them can be read at all;
- episode by episode: each row is looked up by its id, so an unreadable page loses only the
  rows it held, where a full scan (or ``iterdump``) stops at the first bad page;
- page by page: every leaf page of the file is decoded on its own, so rows survive even
  when the pages that lead to them (the table's root, the schema) are gone. A row is taken
  for an episode only if it has the episode's shape (its columns, a start time, a source).

Each episode the journal lacks is added as new (with its own history entry), so running
recover twice adds nothing twice. The red flags (``symptoms``: worrying symptoms the person
reported, for the doctor) are read the same ways and added the same way, tied to their
episode's new id when that episode came back too.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .store import COLUMNS, Journal, JournalError

KEYS = ("started_at", "side", "muscle", "severity", "source")
"""What makes two episodes the same one, when deciding what is already in the journal."""
MISSES_BEFORE_GIVING_UP = 5000
"""Ids looked up past the last one found, when the journal's own count is unreadable."""


def salvage(journal: Journal, source: Path, now: datetime) -> tuple[int, int, str]:
    """Add the episodes and red flags readable in ``source`` that the journal lacks;
    ``(episodes added, red flags added, method)``."""
    if not source.is_file():
        raise JournalError(f"no such file: {source}")
    rows: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    methods = []
    with tempfile.TemporaryDirectory(prefix="crampcoach-recover-") as tmp:
        copy = Path(tmp) / "damaged.sqlite3"
        shutil.copyfile(source, copy)
        wal = source.with_name(source.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        found, found_flags = _shell_recover(copy, Path(tmp) / "recovered.sqlite3")
        if found or found_flags:
            rows += found
            flags += found_flags
            methods.append("sqlite3 .recover")
        if _rebuild_header(copy):
            methods.append("header rebuilt")
        found = list(_row_by_row(copy))
        found_flags = list(_row_by_row(copy, "symptoms"))
        if found or found_flags:
            rows += found
            flags += found_flags
            methods.append("row by row")
        seen = {r.get("id") for r in rows}
        seen_flags = {r.get("id") for r in flags}
        found = [r for r in _page_by_page(copy) if r["id"] not in seen]
        found_flags = [r for r in _flags_page_by_page(copy) if r["id"] not in seen_flags]
        if found or found_flags:
            rows += found
            flags += found_flags
            methods.append("page by page")
    if not rows and not flags:
        raise JournalError(f"no episodes could be read from {source}")
    have = {tuple(e[k] for k in KEYS): e["id"] for e in journal.episodes()}
    new_ids: dict[Any, int] = {}
    """An episode's id in the damaged file -> its id in the journal (for its red flags)."""
    added = 0
    for row in rows:
        key = tuple(row.get(k) for k in KEYS)
        if key in have:
            new_ids.setdefault(row.get("id"), have[key])
            continue
        if not row.get("started_at"):
            continue
        try:
            fields = {k: row[k] for k in COLUMNS if row.get(k) is not None
                      and k not in ("id", "started_at", "created_at", "updated_at", "relief")}
            fields["relief"] = json.loads(row.get("relief") or "[]")
            new_id = journal.add(datetime.fromisoformat(row["started_at"]), now, **fields)
        except (JournalError, ValueError, TypeError, sqlite3.IntegrityError):
            continue  # a row too damaged to trust is left out, not guessed at
        have[key] = new_id
        new_ids.setdefault(row.get("id"), new_id)
        added += 1
    return added, _add_flags(journal, flags, new_ids), ", ".join(methods)


FLAG_KEYS = ("reported_at", "symptom", "tier")
"""What makes two red flags the same one."""
TIERS = ("emergency", "same_day", "soon")


def _add_flags(journal: Journal, flags: list[dict[str, Any]],
               new_ids: dict[Any, int]) -> int:
    """The red flags (worrying symptoms reported) the journal lacks, tied to their episode
    when that episode is in the journal; returns how many were added."""
    have = {tuple(f[k] for k in FLAG_KEYS) for f in journal.symptoms()}
    added = 0
    for flag in flags:
        key = tuple(flag.get(k) for k in FLAG_KEYS)
        if key in have or not all(isinstance(v, str) and v for v in key):
            continue
        try:
            when = datetime.fromisoformat(str(flag["reported_at"]))
            journal.add_symptom(when, str(flag["symptom"]), str(flag["tier"]),
                                new_ids.get(flag.get("episode_id")))
        except (JournalError, ValueError, TypeError, sqlite3.IntegrityError):
            continue
        have.add(key)
        added += 1
    return added


def _shell_recover(copy: Path, scratch: Path
                   ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    shell = shutil.which("sqlite3")
    if not shell:
        return [], []
    try:
        dump = subprocess.run([shell, str(copy), ".recover"], capture_output=True, text=True,
                              errors="replace", timeout=300)
    except (OSError, subprocess.SubprocessError):
        return [], []
    if dump.returncode != 0 or "INSERT" not in dump.stdout:
        return [], []
    conn = sqlite3.connect(scratch)
    conn.row_factory = sqlite3.Row
    try:
        conn.executescript(dump.stdout)
        eps = [dict(r) for r in conn.execute("SELECT * FROM episodes")]
        try:
            flags = [dict(r) for r in conn.execute("SELECT * FROM symptoms")]
        except sqlite3.DatabaseError:
            flags = []
        return eps, flags
    except (sqlite3.DatabaseError, ValueError):  # a damaged name or text: not this reader's
        return [], []
    finally:
        conn.close()


MAGIC = b"SQLite format 3\x00"
HEADER_DAMAGE = ("not a database", "unsupported file format")
"""What SQLite says when it cannot read the file's header (the first 100 bytes) at all."""


def _rebuild_header(copy: Path) -> bool:
    """Write a plain header over one SQLite cannot read at all; True if it did.

    The page size is kept when the header still holds a sound one (the damage may lie
    elsewhere in it, such as the schema format number), else taken as 4096, the default.
    """
    try:
        conn = sqlite3.connect(copy)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
        return False
    except UnicodeDecodeError:  # SQLite's message quotes damaged bytes: the header was read
        return False
    except sqlite3.DatabaseError as err:
        if not any(w in str(err) for w in HEADER_DAMAGE):
            return False
    data = bytearray(copy.read_bytes())
    page = int.from_bytes(data[16:18], "big") if data[:16] == MAGIC else 0
    page = 65536 if page == 1 else page
    if page < 512 or page & (page - 1) or len(data) % page:
        page = 4096
    pages = max(1, len(data) // page)
    header = bytearray(100)
    header[0:16] = MAGIC
    struct.pack_into(">HBBBBBB", header, 16, 1 if page == 65536 else page, 1, 1, 0, 64, 32,
                     32)
    struct.pack_into(">IIIIIIIIIIII", header, 24, 1, pages, 0, 0, 1, 4, 0, 0, 1, 0, 0, 0)
    struct.pack_into(">II", header, 92, 1, 3040001)
    data[0:100] = header
    copy.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        copy.with_name(copy.name + suffix).unlink(missing_ok=True)
    return True


def _row_by_row(copy: Path, table: str = "episodes") -> Iterator[dict[str, Any]]:
    try:
        conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return
    conn.row_factory = sqlite3.Row
    try:
        try:
            conn.execute("PRAGMA writable_schema = ON")  # read past a damaged schema entry
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            pass
        last = _last_id(conn, table)
        misses, n = 0, 0
        while (last is not None and n < last) or (last is None
                                                  and misses < MISSES_BEFORE_GIVING_UP):
            n += 1
            try:
                row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (n,)).fetchone()
            except UnicodeDecodeError:
                row = None  # SQLite's message quotes damaged bytes
            except sqlite3.DatabaseError as err:
                if "no such table" in str(err):
                    return
                row = None  # this row's page is unreadable: the others may not be
            if row is None:
                misses += 1
                continue
            misses = 0
            yield dict(row)
    finally:
        conn.close()


def _last_id(conn: sqlite3.Connection, table: str = "episodes") -> int | None:
    for sql, params in (("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)),
                        (f"SELECT max(id) FROM {table}", ())):
        try:
            row = conn.execute(sql, params).fetchone()
            if row and row[0]:
                return int(row[0])
        except (sqlite3.DatabaseError, UnicodeDecodeError, ValueError, TypeError):
            continue
    return None


# -- page by page ------------------------------------------------------------------------------
TABLE_ORDER = (*COLUMNS[:14], "session", "session_pid", "room")
"""The episodes table's columns in the order the migrations added them."""
EPISODE_SHAPES = (13, 16, 17)
"""Columns an episode row has had: first, with ``last_heard_at`` and the session, with room."""
SOURCES = ("voice", "text", "cli")


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    value = 0
    for k in range(9):
        byte = buf[i + k]
        if k == 8:
            return (value << 8) | byte, i + 9
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, i + k + 1
    raise ValueError("varint")


def _record(payload: bytes) -> list[Any]:
    size, i = _varint(payload, 0)
    types = []
    while i < size:
        t, i = _varint(payload, i)
        types.append(t)
    pos, out = size, []
    for t in types:
        if t == 0:
            out.append(None)
        elif 1 <= t <= 6:
            n = (1, 2, 3, 4, 6, 8)[t - 1]
            out.append(int.from_bytes(payload[pos:pos + n], "big", signed=True))
            pos += n
        elif t == 7:
            out.append(struct.unpack(">d", payload[pos:pos + 8])[0])
            pos += 8
        elif t in (8, 9):
            out.append(t - 8)
        elif t >= 12:
            n = (t - 12) // 2
            raw = payload[pos:pos + n]
            out.append(raw.decode("utf-8") if t % 2 else raw)
            pos += n
        else:
            raise ValueError("serial type")
    if pos > len(payload):
        raise ValueError("short record")
    return out


def _leaf_rows(page: bytes, start: int, usable: int) -> Iterator[tuple[int, list[Any]]]:
    if page[start] != 0x0D:  # only table leaves hold rows
        return
    cells = int.from_bytes(page[start + 3:start + 5], "big")
    for c in range(cells):
        try:
            ptr = int.from_bytes(page[start + 8 + 2 * c:start + 10 + 2 * c], "big")
            size, i = _varint(page, ptr)
            rowid, i = _varint(page, i)
            if size > usable - 35:
                continue  # spills onto overflow pages: not trusted without them
            yield rowid, _record(page[i:i + size])
        except (ValueError, IndexError, UnicodeDecodeError, struct.error):
            continue


def _leaf_records(copy: Path) -> Iterator[tuple[int, list[Any]]]:
    """Every row on every table leaf page of the file, whatever table it belongs to."""
    data = copy.read_bytes()
    size = int.from_bytes(data[16:18], "big") if len(data) > 18 else 0
    size = 65536 if size == 1 else size
    if size < 512 or size & (size - 1):
        size = 4096
    usable = size - (data[20] if len(data) > 20 else 0)
    for n in range(len(data) // size):
        page = data[n * size:(n + 1) * size]
        yield from _leaf_rows(page, 100 if n == 0 else 0, usable)


def _page_by_page(copy: Path) -> Iterator[dict[str, Any]]:
    for rowid, values in _leaf_records(copy):
        if len(values) not in EPISODE_SHAPES or values[10] not in SOURCES:
            continue
        row = dict(zip(TABLE_ORDER, values, strict=False))
        row["id"] = rowid
        try:
            datetime.fromisoformat(str(row["started_at"]))
        except ValueError:
            continue
        yield row


FLAG_ORDER = ("id", "reported_at", "symptom", "tier", "episode_id")
"""The symptoms table's columns (the red flags reported)."""


def _flags_page_by_page(copy: Path) -> Iterator[dict[str, Any]]:
    """Rows with a red flag's shape: five columns, a time, words, a known tier."""
    for rowid, values in _leaf_records(copy):
        if len(values) != len(FLAG_ORDER) or values[3] not in TIERS:
            continue
        row = dict(zip(FLAG_ORDER, values, strict=True))
        row["id"] = rowid
        if not isinstance(row["symptom"], str) or not (
                row["episode_id"] is None or isinstance(row["episode_id"], int)):
            continue
        try:
            datetime.fromisoformat(str(row["reported_at"]))
        except ValueError:
            continue
        yield row
