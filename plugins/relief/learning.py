"""What works for you: the step under way when each cramp let go, and the order to lead with.

Every coached cramp leaves one row: the routine, each step done with how long it took, and
the step that was under way when the person said it had let go (none when coaching was
stopped). Once one person's own record holds enough cramps that let go (:data:`MIN_EVIDENCE`)
and one step was under way most often, the coach leads with that step, within the brief's
safe order: a first step without a hold (sitting up in the dark, lying on one's side) stays
first, and a step that is set up by the one before it (stand, then walk) moves with it.
Nothing here claims more than the record says: a tie changes nothing.
"""

from __future__ import annotations

import html
import json
import os
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from crampcoach.plugins.common import db as shared_db

OWNER = "relief"
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE relief_outcomes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        routine TEXT NOT NULL,
        let_go TEXT,
        steps TEXT NOT NULL,
        seconds REAL NOT NULL
    );
    CREATE INDEX relief_outcomes_started ON relief_outcomes (started_at);
    CREATE TABLE relief_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)
MIN_EVIDENCE = 5
"""Cramps that let go during coaching, in one routine, before the order follows them."""
RECENT = 20
"""Only the latest cramps count: what helps can change."""
ORDER_KEY, USUAL = "order", "usual"


@dataclass
class Outcome:
    """One coached cramp."""

    started_at: str
    routine: str
    let_go: str | None
    steps: list[tuple[str, float]] = field(default_factory=list)
    """(step id, seconds) in the order they were coached."""
    seconds: float = 0.0


def open_store(data_dir: str | os.PathLike[str], create: bool = True) -> shared_db.Database:
    # Used while coaching: a file locked by another program is not waited on for long (what
    # would be read or kept here is then skipped; the coaching goes on).
    return shared_db.open_db(data_dir, OWNER, MIGRATIONS, create=create,
                             busy_timeout_s=shared_db.LIVE_BUSY_TIMEOUT_S)


def record(data_dir: str | os.PathLike[str], outcome: Outcome) -> None:
    with open_store(data_dir) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO relief_outcomes (started_at, routine, let_go, steps, seconds)"
            " VALUES (?, ?, ?, ?, ?)",
            (outcome.started_at, outcome.routine, outcome.let_go,
             json.dumps([[s, round(t, 1)] for s, t in outcome.steps]),
             round(outcome.seconds, 1)))


def outcomes(data_dir: str | os.PathLike[str], routine: str | None = None,
             since: datetime | None = None) -> list[Outcome]:
    """Coached cramps, oldest first (only ``routine``'s, and from ``since``, if given)."""
    with open_store(data_dir, create=False) as store:
        rows = store.db.execute("SELECT * FROM relief_outcomes ORDER BY id").fetchall()
    out = [Outcome(r["started_at"], r["routine"], r["let_go"],
                   [(str(s), float(t)) for s, t in json.loads(r["steps"])], r["seconds"])
           for r in rows if routine is None or r["routine"] == routine]
    if since is not None:
        out = [o for o in out if datetime.fromisoformat(o.started_at) >= since]
    return out


def usual_order(data_dir: str | os.PathLike[str]) -> bool:
    """The person asked for the usual order ("do it the usual way")."""
    with open_store(data_dir, create=False) as store:
        row = store.db.execute("SELECT value FROM relief_settings WHERE key = ?",
                               (ORDER_KEY,)).fetchone()
    return bool(row and row["value"] == USUAL)


def set_usual_order(data_dir: str | os.PathLike[str], usual: bool) -> None:
    with open_store(data_dir) as store, store.transaction() as conn:
        if usual:
            conn.execute("INSERT INTO relief_settings (key, value) VALUES (?, ?) ON CONFLICT(key)"
                         " DO UPDATE SET value = excluded.value", (ORDER_KEY, USUAL))
        else:
            conn.execute("DELETE FROM relief_settings WHERE key = ?", (ORDER_KEY,))


def fixed_first(steps: list[dict[str, Any]]) -> bool:
    """The routine opens with getting into position (no hold): that always stays first."""
    return bool(steps) and not steps[0].get("hold")


def tally(history: list[Outcome], steps: list[dict[str, Any]]) -> Counter[str]:
    """How often each technique was under way when the cramp let go (latest :data:`RECENT`)."""
    ids = {s["id"] for s in steps}
    skip = steps[0]["id"] if fixed_first(steps) else None
    let_go = [o.let_go for o in history if o.let_go in ids and o.let_go != skip]
    return Counter(let_go[-RECENT:])


def favourite(history: list[Outcome], steps: list[dict[str, Any]]) -> str | None:
    """The step to lead with, or ``None`` (too little evidence, a tie, or already first)."""
    counts = tally(history, steps)
    if sum(counts.values()) < MIN_EVIDENCE:
        return None
    ranked = counts.most_common()
    best, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == n:
        return None
    default_lead = next((s["id"] for s in steps[1 if fixed_first(steps) else 0:]
                         if not s.get("optional")), None)
    return None if best == default_lead else best


def blocks(steps: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Steps grouped so that one that only sets up the next (``check = false``) stays with it."""
    out: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for step in steps:
        current.append(step)
        if step.get("check", True) is not False:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def ordered(steps: list[dict[str, Any]], lead: str | None) -> list[dict[str, Any]]:
    """``steps`` with ``lead``'s block first after any fixed first step; else unchanged."""
    if not lead or all(s["id"] != lead for s in steps):
        return steps
    head = steps[:1] if fixed_first(steps) else []
    rest = blocks(steps[len(head):])
    chosen = next(b for b in rest if any(s["id"] == lead for s in b))
    # A step kept for "I can't reach" becomes part of the way through when it works best.
    moved = [{**s, "optional": False} if s["id"] == lead else s for s in chosen]
    return head + moved + [s for b in rest if b is not chosen for s in b]


def step_names(language: str = "en") -> dict[str, str]:
    """How each step is named in ``language`` ("kneading"), from the relief phrasebook."""
    from crampcoach.voice import phrasebook

    data = phrasebook.load(Path(__file__).parent, language) or {}
    return {str(k): str(v) for k, v in data.get("learned", {}).get("steps", {}).items()}


def let_go_by_episode(episodes: list[dict[str, Any]], history: list[Outcome],
                      window_s: float = 120) -> dict[Any, str]:
    """Episode id → the step under way when it let go, matched by when coaching began.

    Coaching begins when the cramp is reported, or a few seconds later once "calf or
    foot?" is answered: the nearest outcome within ``window_s`` after an episode's start.
    """
    out: dict[Any, str] = {}
    times = [(datetime.fromisoformat(o.started_at), o) for o in history if o.let_go]
    for e in episodes:
        start = datetime.fromisoformat(e["started_at"])
        near = [(abs((t - start).total_seconds()), o) for t, o in times
                if -5 <= (t - start).total_seconds() <= window_s]
        if near:
            out[e["id"]] = str(min(near, key=lambda x: x[0])[1].let_go)
    return out


def report_section(history: list[Outcome], routines: dict[str, list[dict[str, Any]]],
                   names: dict[str, str], usual: bool) -> str:
    """The doctor's report: per routine, how long coaching took and what it now leads with."""
    lines = []
    for routine, steps in routines.items():
        mine = [o for o in history if o.routine == routine]
        let_go = [o for o in mine if o.let_go]
        if not mine:
            continue
        took = _mmss(statistics.median(o.seconds for o in let_go)) if let_go else "–"
        line = (f"{routine.replace('_', ' ')} routine: {len(mine)} coached, {len(let_go)} let"
                f" go during coaching (median {took} from the start)")
        best = None if usual else favourite(mine, steps)
        if best:
            counts = tally(mine, steps)
            line += (f"; now leads with {names.get(best, best)}, under way when"
                     f" {counts[best]} of the last {sum(counts.values())} let go")
        lines.append(html.escape(line) + ".")
    if usual:
        lines.append("The person asked for the usual order of steps.")
    elif not any("now leads with" in x for x in lines):
        lines.append(f"The usual order is kept until {MIN_EVIDENCE} cramps have let go during"
                     " coaching and one step stands out.")
    return ("<h3>What worked for this person</h3><p>" + "<br>".join(lines) + "</p><p"
            " class='muted'>From this person's own record only; the safe order (getting into"
            " position first) is kept.</p>")


def _mmss(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"
