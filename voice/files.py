"""Files and folders the program creates: owner-only whatever the umask, inside their folder.

The journal, profile and state files hold health data, so nothing is left to the umask: files
are created with mode 0600 and folders with 0700, and both are set again explicitly (the
umask can only take bits away, and a umask of 000 would otherwise leave them open to all).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
DIR_MODE = 0o700


class UnsafeName(ValueError):
    """A name that is not a plain name: empty, a path, or one that climbs out of its folder."""


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` (and missing parents) owner-only; an existing folder is left as it is."""
    path = Path(path)
    missing = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, DIR_MODE)
    return path


def private_open(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode)`` for writing, the file owner-only from its first byte."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_APPEND if "a" in mode else os.O_TRUNC
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    except OSError:  # not our file (an existing one of another owner): leave its mode alone
        pass
    return os.fdopen(fd, mode, **kwargs)


def write_private_text(path: str | os.PathLike[str], text: str) -> None:
    with private_open(path, "w", encoding="utf-8") as f:
        f.write(text)


def plain_name(name: str, what: str) -> str:
    """``name`` if it is one plain file name; raises :class:`UnsafeName` saying why not."""
    if not name or not name.strip():
        raise UnsafeName(f"{what} name is empty")
    if name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise UnsafeName(f"{what} name {name!r} is not a plain name")
    if name.startswith("."):
        raise UnsafeName(f"{what} name {name!r} may not start with a dot")
    return name


def inside(root: str | os.PathLike[str], name: str, what: str) -> Path:
    """``root/name`` for a plain ``name``, checked to resolve inside ``root``."""
    plain_name(name, what)
    root = Path(root)
    target = root / name
    if not target.resolve().is_relative_to(root.resolve()):
        raise UnsafeName(f"{what} name {name!r} leads outside {root}")
    return target
