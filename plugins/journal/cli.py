"""``crampcoach log``: list, add, edit, delete, export; undo, recover, backup, restore."""

from __future__ import annotations

import argparse
import io
import os
import re
import sqlite3
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from crampcoach.plugins.common import db as shared_db
from crampcoach.voice import outputs
from crampcoach.voice.clock import local_now
from crampcoach.voice.errors import RuntimeFailure, UserError

from .export import EXPORT_KEYS, FORMATS, export
from .fallback import merge, waiting
from .store import COLUMNS, ENDINGS, MUSCLES, SIDES, Journal, JournalError, parse_time

MAX_DURATION_S = 86400
"""The longest duration a hand-logged cramp may be given: a day (99999999 is a slip)."""
CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of this clock a start may be: another device's clock may run fast."""


def _severity(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"severity must be a whole number 0-10, not {text!r}") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"severity must be from 0 to 10, not {value}")
    return value


_DURATION = re.compile(
    r"(?:(?P<h>\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+(?:\.\d+)?)\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(?P<s>\d+(?:\.\d+)?)\s*s(?:ec(?:onds?|s)?)?)?")
"""A length as people write it: "95", "95s", "3m", "3 min", "2m30s", "1h"."""


def _duration(text: str) -> float:
    """Seconds; a bare number is seconds, and m/min and h/hours are understood."""
    plain = text.strip().lower()
    try:
        value = float(plain)
    except ValueError:
        found = _DURATION.fullmatch(plain)
        if not plain or found is None or not any(found.groupdict().values()):
            raise argparse.ArgumentTypeError(
                f"duration must be seconds or like 3m, 2m30s, not {text!r}") from None
        value = sum(float(found[k] or 0) * n for k, n in (("h", 3600), ("m", 60), ("s", 1)))
    if not 0 <= value <= MAX_DURATION_S:  # "nan" fails both
        raise argparse.ArgumentTypeError(
            f"duration must be from 0 to {MAX_DURATION_S} seconds (a day), not {text}")
    return value


def _when(text: str) -> datetime:
    try:
        return parse_time(text)
    except JournalError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _started(text: str) -> datetime:
    """When a cramp began: not in the future (a clock a few minutes fast is allowed)."""
    when = _when(text)
    if when > local_now() + CLOCK_SKEW:
        raise argparse.ArgumentTypeError(f"{text} is in the future")
    return when


def add_commands(sub: Any) -> None:
    p = sub.add_parser("log", help="the cramp journal: list, add, edit, delete, export")
    log_sub = p.add_subparsers(dest="log_command", metavar="ACTION", required=True)

    ls = log_sub.add_parser("list", help="episodes, oldest first")
    ls.add_argument("--since", type=_when, metavar="DATE", help="only from this date (ISO 8601)")
    ls.set_defaults(func=cmd_list)

    def fields(q: argparse.ArgumentParser, required: bool) -> None:
        q.add_argument("--side", choices=SIDES)
        q.add_argument("--muscle", choices=MUSCLES)
        q.add_argument("--severity", type=_severity, metavar="0-10")
        q.add_argument("--start", type=_started, metavar="ISO", required=required,
                       help="when it began, e.g. 2026-11-24T03:10 (local time if no offset)")
        q.add_argument("--duration", type=_duration, metavar="LENGTH",
                       help="how long it lasted: seconds (95), or 3m, 2m30s, 1h")
        q.add_argument("--notes")

    add = log_sub.add_parser("add", help="log an episode by hand")
    fields(add, required=True)
    add.set_defaults(func=cmd_add)

    edit = log_sub.add_parser("edit", help="change an episode")
    edit.add_argument("id", type=int)
    fields(edit, required=False)
    edit.add_argument("--ended-by", choices=ENDINGS)
    edit.set_defaults(func=cmd_edit)

    rm = log_sub.add_parser("delete", help="remove an episode")
    rm.add_argument("id", type=int)
    rm.set_defaults(func=cmd_delete)

    ex = log_sub.add_parser("export", help="print every episode as JSON, CSV or FHIR R4")
    ex.add_argument("--format", choices=FORMATS, default="json",
                    help="json (default), csv, or fhir (an R4 Bundle of symptom observations)")
    ex.add_argument("--excel", action="store_true",
                    help="CSV for Excel on Windows: a UTF-8 byte-order mark and CRLF lines")
    ex.add_argument("--since", type=_when, metavar="DATE")
    ex.set_defaults(func=cmd_export)

    un = log_sub.add_parser("undo", help="show recent changes, or take one back by its number")
    un.add_argument("change", type=int, nargs="?", metavar="CHANGE",
                    help="the change to take back (from the list without it)")
    un.add_argument("--all", action="store_true", help="list every change, not the last 20")
    un.set_defaults(func=cmd_undo)

    rc = log_sub.add_parser("recover", help="salvage episodes from a damaged journal set aside")
    rc.add_argument("file", nargs="?", metavar="FILE",
                    help="the damaged copy (default: the newest one set aside)")
    rc.set_defaults(func=cmd_recover)

    bk = log_sub.add_parser("backup", help="copy the whole database to FILE")
    bk.add_argument("file", metavar="FILE")
    bk.set_defaults(func=cmd_backup)

    rs = log_sub.add_parser("restore", help="replace the database with a backup FILE")
    rs.add_argument("file", metavar="FILE")
    rs.set_defaults(func=cmd_restore)


def _open(cfg: Any, create: bool = False) -> Journal:
    """The journal; a missing one reads as empty (a fresh install), a damaged one is set aside
    and said so in one line, pending episodes kept by a failed run join it."""
    # Episodes a failed run kept aside are the person's: with none yet, a journal is made
    # for them (when the folder can be written), so `log list` shows them, not "no episodes".
    try:
        try:
            j = Journal(cfg.data_dir, create=create or bool(waiting(cfg.data_dir)))
        except JournalError:
            if create:
                raise
            j = Journal(cfg.data_dir, create=False)  # still unwritable: list tells of them
    except JournalError as err:
        raise UserError(str(err)) from None
    for name in shared_db.take_notice(cfg.data_dir):
        print(f"crampcoach: the journal was damaged; it was kept as {name} and a new one "
              "started (crampcoach log recover salvages it)", file=sys.stderr)
    if j.path.exists():  # a real journal: what a failed run kept aside joins it now
        try:
            merge(j, cfg.data_dir, local_now())
        except (JournalError, sqlite3.DatabaseError):
            pass  # still unwritable: the pending file waits for a start that can write
    return j


def cmd_list(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    with _open(cfg) as j:
        eps = j.episodes(since=args.since)
    if not eps:
        print("no episodes" if args.since else "no episodes yet")
    for path, count in waiting(cfg.data_dir):  # the journal could not take them yet
        print(f"crampcoach: {count} episode{'s' if count > 1 else ''} kept aside in {path}, "
              "not yet in the journal: they join it at the next start that can write it",
              file=sys.stderr)
    for e in eps:
        dur = "?" if e["duration_s"] is None else f"{e['duration_s']:.0f}s"  # ? = not measured
        sev = "-" if e["severity"] is None else f"{e['severity']}/10"
        where = " ".join(x for x in (e["side"], e["muscle"]) if x) or "unspecified"
        ended = e["ended_by"] or ("logged" if e["source"] == "cli" else "open")
        print(f"{e['id']:>4}  {e['started_at']}  {dur:>6}  {sev:>5}  {where}  "
              f"({ended}, {e['source']}{', ' + e['room'] if e.get('room') else ''})")
    return 0


def cmd_add(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    fields: dict[str, Any] = {k: getattr(args, k) for k in ("side", "muscle", "severity", "notes")
                              if getattr(args, k) is not None}
    now = local_now()
    with _open(cfg, create=True) as j:
        try:
            if args.duration is not None:
                end = args.start + timedelta(seconds=args.duration)
                fields.update(ended_at=end.isoformat(), duration_s=args.duration, ended_by="over")
            new_id = j.add(args.start, now, source="cli", **fields)
        except JournalError as err:
            raise UserError(str(err)) from None
    print(f"added episode {new_id}")
    return 0


def cmd_edit(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    fields: dict[str, Any] = {k: getattr(args, k) for k in ("side", "muscle", "severity", "notes",
                                                              "ended_by")
                              if getattr(args, k) is not None}
    with _open(cfg, create=True) as j:
        try:
            ep = j.get(args.id)
            start = args.start or parse_time(ep["started_at"])
            if args.start is not None:
                fields["started_at"] = args.start.isoformat()
            duration = args.duration if args.duration is not None else ep["duration_s"]
            if args.duration is not None or (args.start is not None and duration is not None):
                fields["duration_s"] = duration
                fields["ended_at"] = (start + timedelta(seconds=duration)).isoformat()
            if not fields:
                raise UserError("nothing to change: give --side, --muscle, --severity, ...")
            j.update(args.id, local_now(), **fields)
        except JournalError as err:
            raise UserError(str(err)) from None
    print(f"updated episode {args.id}")
    return 0


def cmd_delete(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    with _open(cfg, create=True) as j:
        try:
            j.delete(args.id, local_now())
        except JournalError as err:
            raise UserError(str(err)) from None
    print(f"deleted episode {args.id} (crampcoach log undo brings it back)")
    return 0


def cmd_export(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    if args.excel and args.format != "csv":
        raise UserError("--excel goes with --format csv")
    with _open(cfg) as j:
        eps = j.episodes(since=args.since)
        patient = _patient(cfg.data_dir) if args.format == "fhir" else None
        symptoms = j.symptoms(since=args.since) if args.format == "fhir" else None
    if args.format == "fhir":
        eps = _with_relief(eps, cfg.data_dir)
    # Bytes out, always UTF-8, whatever the terminal's locale: notes may be in any language.
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        export(eps, args.format, excel=args.excel, now=local_now(), patient=patient, out=out,
               symptoms=symptoms)
    finally:
        out.detach()
    return 0


def _with_relief(eps: list[dict[str, Any]], data_dir: Any) -> list[dict[str, Any]]:
    """Each episode with ``relieved_by``: the relief step under way when it let go, if the
    relief plugin recorded one (its own data, read through its API)."""
    try:
        from crampcoach.plugins.relief import learning

        let_go = learning.let_go_by_episode(eps, learning.outcomes(data_dir))
        names = learning.step_names("en")
    except Exception:  # no relief plugin or record: export what the journal holds
        return eps
    return [{**e, "relieved_by": names.get(let_go[e["id"]], let_go[e["id"]])}
            if e["id"] in let_go else e for e in eps]


def _patient(data_dir: Path) -> dict[str, Any]:
    """Name and birth date for the FHIR Patient, if the person put them in their profile
    (read through the profile plugin's own store)."""
    try:
        from crampcoach.plugins.profile import store as profile
    except ImportError:
        return {}
    with profile.open_profile(data_dir, create=False) as p:
        return profile.details(p)


def _describe(item: dict[str, Any]) -> str:
    ep = item["after"] or item["before"] or {}
    if item["action"] == "add":
        what = "added"
    elif item["action"] == "delete":
        what = "deleted"
    elif item["action"] == "restore":
        what = f"took back change {item['undoes']}"
    else:
        what = ", ".join(f"{k} {item['before'].get(k)} -> {item['after'].get(k)}"
                         for k in item["fields"]) or "no visible change"
    undone = f"  [taken back by {item['undone_by']}]" if item["undone_by"] else ""
    return (f"{item['id']:>5}  {item['at'][:19]}  episode {item['episode_id']} "
            f"({str(ep.get('started_at', ''))[:16]})  {what}  by {item['by']}{undone}")


def cmd_undo(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    with _open(cfg, create=args.change is not None) as j:
        if args.change is None:
            changes = j.history(None if args.all else 20)
            if not changes:
                print("no changes yet")
            for item in reversed(changes):
                print(_describe(item))
            return 0
        try:
            restored = j.restore(args.change, local_now())
        except JournalError as err:
            raise UserError(str(err)) from None
    if not restored:  # asked rightly, but nothing could be done: 1, and said on stderr
        print(f"crampcoach: change {args.change}: its fields were changed again since; "
              "nothing restored", file=sys.stderr)
        return 1
    print(f"took back change {args.change} ({', '.join(restored)}); "
          "crampcoach log undo lists it, and can take this back too")
    return 0


def cmd_recover(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from .recover import salvage

    source = Path(args.file) if args.file else None
    if source is None:
        # A journal damaged since the last command is set aside by opening it: then it is
        # the newest copy, not "nothing to recover".
        _open(cfg).close()
        copies = shared_db.damaged_copies(cfg.data_dir)
        if not copies:
            print("no damaged journal has been set aside; nothing to recover")
            return 0
        source = copies[-1]
    with _open(cfg, create=True) as j:
        try:
            added, flags, how = salvage(j, source, local_now())
        except JournalError as err:
            raise UserError(str(err)) from None
    also = f" and {flags} red flag(s) reported" if flags else ""
    print(f"recovered {added} episode(s){also} from {source} ({how})")
    return 0


def cmd_backup(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from . import backup

    target = outputs.check(args.file, cfg.data_dir, "the backup")
    if target.exists():
        raise UserError(f"{target} exists; choose a new file name for the backup")
    # A backup only reads: a folder that cannot be written (a read-only mount, a full disk
    # made read-only) is opened read-only, as list and export do, never refused.
    folder = Path(cfg.data_dir)
    writable = not folder.exists() or os.access(folder, os.W_OK)
    with _open(cfg, create=writable) as j:
        try:
            backup.copy_to(j.db, target)
        except (OSError, sqlite3.Error) as err:
            raise RuntimeFailure(f"cannot write {target}: {err}") from None
    print(f"backed up the journal to {target}")
    return 0


def cmd_restore(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from . import backup

    with _open(cfg, create=True) as j:
        try:
            kept = backup.restore_from(j, Path(args.file))
        except JournalError as err:
            raise UserError(str(err)) from None
        except (OSError, sqlite3.Error) as err:
            # Nothing was replaced: the copy of the journal as it is comes first.
            raise RuntimeFailure(f"cannot keep a copy of the journal before restoring, "
                                 f"so nothing was restored: {err}") from None
    print(f"restored the journal from {args.file} (the one before is in {kept})")
    return 0


assert set(EXPORT_KEYS) == set(COLUMNS)
