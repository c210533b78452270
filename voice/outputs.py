"""Where a command may write what the user asked for: never over the program's own data.

``report --out``, ``say --to`` and ``log backup`` take a path from the user; a slip of the
finger (the data folder, the journal itself, any SQLite database) must not destroy a health
history, and a mistyped folder must not be made. Such paths are refused with one line before
anything is opened for writing.
"""

from __future__ import annotations

import os
from pathlib import Path

from crampcoach.voice.errors import UserError

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def check(path: str | os.PathLike[str], data_dir: str | os.PathLike[str], what: str) -> Path:
    """``path`` if writing ``what`` there destroys no data; otherwise :class:`UserError`."""
    target = Path(path).expanduser().resolve()
    data = Path(data_dir).expanduser().resolve()
    if target == data or data in target.parents:
        raise UserError(f"refusing to write {what} inside the data folder {data}; "
                        "choose a path outside it")
    if target.is_dir():
        raise UserError(f"{path} is a folder; give a file name for {what}")
    if is_sqlite(target):
        raise UserError(f"refusing to write {what} over {path}: it is a database")
    if not target.parent.is_dir():  # a mistyped folder is said, never made
        raise UserError(f"folder {Path(path).expanduser().parent} does not exist; "
                        f"create it first or choose another place for {what}")
    return Path(path)
