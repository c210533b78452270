"""``crampcoach log export``: the journal as JSON, CSV (optionally for Excel) or FHIR R4.

CSV is for spreadsheets: whole seconds, one timestamp format (ISO 8601 with the UTC offset,
no fractions of a second), relief steps joined by ``;``. ``--excel`` starts the file with a
UTF-8 byte-order mark, which is how Excel on Windows knows non-ASCII notes are UTF-8, and
puts an apostrophe before text that Excel would run as a formula (a note starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return); the plain CSV keeps every value as it is.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime
from typing import Any, TextIO

from .store import parse_time

EXPORT_KEYS = ("id", "started_at", "ended_at", "duration_s", "side", "muscle", "severity",
               "relief", "ended_by", "notes", "source", "created_at", "updated_at",
               "last_heard_at", "room")
TIME_KEYS = ("started_at", "ended_at", "created_at", "updated_at", "last_heard_at")
FORMATS = ("json", "csv", "fhir")
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection)."""


def timestamp(text: str | None) -> str:
    """One timestamp format for every export: ``2026-11-24T03:10:00+01:00``."""
    if not text:
        return ""
    return parse_time(text).isoformat(timespec="seconds")


def whole_seconds(value: float | None) -> int | None:
    """A duration in whole seconds; ``None`` (nobody measured it) stays unknown."""
    return None if value is None else int(round(value))


def write_json(eps: list[dict[str, Any]], out: TextIO) -> None:
    json.dump([{k: e.get(k) for k in EXPORT_KEYS} for e in eps], out, indent=2,
              ensure_ascii=False)
    out.write("\n")


def write_csv(eps: list[dict[str, Any]], out: TextIO, excel: bool = False) -> None:
    if excel:
        out.write(BOM)
    # Excel on Windows expects CRLF; everything else reads either.
    w = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    w.writerow(EXPORT_KEYS)
    for e in eps:
        row = dict(e)
        row["relief"] = ";".join(e.get("relief") or [])
        row["duration_s"] = whole_seconds(e.get("duration_s"))
        for k in TIME_KEYS:
            row[k] = timestamp(e.get(k))
        cells = ["" if row.get(k) is None else row[k] for k in EXPORT_KEYS]
        if excel:
            cells = [f"'{c}" if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c
                     for c in cells]
        w.writerow(cells)


def export(eps: list[dict[str, Any]], fmt: str, excel: bool = False,
           now: datetime | None = None, patient: dict[str, Any] | None = None,
           out: TextIO | None = None, symptoms: list[dict[str, Any]] | None = None) -> None:
    """Write ``eps`` (oldest first) to ``out`` (standard output by default); FHIR also
    carries the red flags reported (``symptoms``), which JSON and CSV leave out."""
    out = out or sys.stdout
    if fmt == "csv":
        write_csv(eps, out, excel)
    elif fmt == "fhir":
        from .fhir import bundle

        json.dump(bundle(eps, now or datetime.now().astimezone(), patient, symptoms), out,
                  indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        write_json(eps, out)
