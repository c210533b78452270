"""``crampcoach log``: list, add, edit, delete and export episodes."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime, timedelta
from typing import Any

from crampcoach.voice.clock import local_now
from crampcoach.voice.errors import UserError

from .export import EXPORT_KEYS, FORMATS, export
from .store import COLUMNS, ENDINGS, MUSCLES, SIDES, Journal, JournalError, parse_time


def _severity(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"severity must be a whole number 0-10, not {text!r}") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"severity must be from 0 to 10, not {value}")
    return value


def _duration(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"duration must be seconds, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("duration must be zero or more seconds")
    return value


def _when(text: str) -> datetime:
    try:
        return parse_time(text)
    except JournalError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


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
        q.add_argument("--start", type=_when, metavar="ISO", required=required,
                       help="when it began, e.g. 2026-11-24T03:10 (local time if no offset)")
        q.add_argument("--duration", type=_duration, metavar="SECONDS")
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


def _open(cfg: Any, create: bool = False) -> Journal:
    try:
        return Journal(cfg.data_dir, create=create)
    except JournalError as err:
        raise UserError(str(err)) from None


def cmd_list(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    with _open(cfg) as j:
        eps = j.episodes(since=args.since)
    if not eps:
        print("no episodes")
    for e in eps:
        dur = "open" if e["duration_s"] is None else f"{e['duration_s']:.0f}s"
        sev = "-" if e["severity"] is None else f"{e['severity']}/10"
        where = " ".join(x for x in (e["side"], e["muscle"]) if x) or "unspecified"
        print(f"{e['id']:>4}  {e['started_at']}  {dur:>6}  {sev:>5}  {where}  "
              f"({e['ended_by'] or 'open'}, {e['source']})")
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
    with _open(cfg) as j:
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
    with _open(cfg) as j:
        try:
            j.delete(args.id)
        except JournalError as err:
            raise UserError(str(err)) from None
    print(f"deleted episode {args.id}")
    return 0


def cmd_export(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    if args.excel and args.format != "csv":
        raise UserError("--excel goes with --format csv")
    with _open(cfg) as j:
        eps = j.episodes(since=args.since)
        patient = _patient(j) if args.format == "fhir" else None
    # Bytes out, always UTF-8, whatever the terminal's locale: notes may be in any language.
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        export(eps, args.format, excel=args.excel, now=local_now(), patient=patient, out=out)
    finally:
        out.detach()
    return 0


def _patient(j: Journal) -> dict[str, Any]:
    """Name and birth date for the FHIR Patient, if the person put them in their profile."""
    try:
        from crampcoach.plugins.profile import store as profile
    except ImportError:
        return {}
    return profile.details(j)


assert set(EXPORT_KEYS) == set(COLUMNS)
