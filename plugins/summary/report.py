"""``crampcoach report``: one self-contained page for the doctor, on screen, printed or as PDF.

No scripts, fonts or images from anywhere: the charts are inline SVG, so the page opens the
same offline, printed, or attached to an email. It is laid out for print first: ``@page``
margins that fit both A4 and Letter, every heading kept with what follows it, "self-reported"
in the margin of every page, and the episode list on pages of its own. A month fits on two
pages plus the episode list.
"""

from __future__ import annotations

import argparse
import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from crampcoach.plugins.journal.insights import (
    LONG_CRAMP_S,
    MOST_NIGHTS,
    SEVERAL_A_NIGHT,
    Stats,
    doctor_rules,
    night_of,
    parse_hhmm,
    stats,
)
from crampcoach.plugins.journal.store import Journal, JournalError, parse_time
from crampcoach.voice import outputs
from crampcoach.voice.errors import RuntimeFailure, UserError

from . import charts, pdf

RULE_TEXT = {
    "symptom_emergency": "A symptom needing emergency help was reported in the last 36 hours.",
    "symptom_same_day": "A symptom worth a same-day check was reported in the last 36 hours.",
    "most_nights": "Cramps on 8 or more of the last 14 nights.",
    "several_a_night": "Three or more cramps in a single night.",
    "long_cramp": "A cramp lasting more than ten minutes.",
    "long_cramp_lately": "A cramp lasting more than ten minutes.",
    "symptom": "A worrying symptom was reported in the last two weeks.",
    "medicine": "Cramps since a new medicine were reported in the last two weeks.",
}
UNNAMED_RULE = "A see-a-doctor rule holds."
TIER_TEXT = {"emergency": "told to call emergency services",
             "same_day": "told to get medical advice the same day",
             "soon": "told to see a doctor soon"}
ENDING_WORDS = {"over": "let go", "stopped": "coaching stopped",
                "interrupted": "session cut off", "timed out": "no end heard",
                "told": "told afterwards"}
SIDES = ("left", "right", "both", None)
MAX_WINDOW_NIGHTS = 28
"""Before/after a medicine start: at most four weeks on each side."""
SELF_REPORTED = ("Self-reported by the patient with Cramp Coach, a self-care log. "
                 "Not a diagnosis.")


def add_commands(sub: Any) -> None:
    p = sub.add_parser("report", help="a self-contained report for your doctor (HTML or PDF)")
    p.add_argument("--out", metavar="FILE.html", help="write the page as HTML")
    p.add_argument("--pdf", metavar="FILE.pdf",
                   help="print the same page to PDF (needs a headless Chromium)")
    p.add_argument("--days", type=int, default=30, metavar="N", help="period (default 30)")
    p.add_argument("--paper", choices=sorted(PAPER), default=None,
                   help="paper size when printed (default: the printer's own)")
    p.set_defaults(func=cmd_report)


PAPER = {"a4": "A4", "letter": "letter"}


def cmd_report(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    if args.days < 1 or args.days > 3660:
        raise UserError("--days must be from 1 to 3660")
    if not args.out and not args.pdf:
        raise UserError("say where to write it: --out FILE.html, --pdf FILE.pdf, or both")
    for target, what in ((args.out, "the report"), (args.pdf, "the PDF")):
        if target:
            outputs.check(target, cfg.data_dir, what)
    browser = None
    if args.pdf:
        browser = pdf.find_browser()
        if browser is None:
            raise RuntimeFailure(f"--pdf needs a headless Chromium; {pdf.INSTALL_HINT}")
    try:
        with Journal(cfg.data_dir, create=False) as j:
            now = datetime.now().astimezone()
            page = render(j, now, args.days, cfg["summary.night_end"],
                          extra=_extra_sections(host, now, args.days, cfg.data_dir),
                          night_start=cfg["summary.night_start"], paper=args.paper,
                          data_dir=cfg.data_dir)
    except JournalError as err:
        raise UserError(str(err)) from None
    if args.out:
        out = Path(args.out)
        try:
            out.write_text(page, encoding="utf-8")
            out.chmod(0o600)
        except OSError as err:
            raise RuntimeFailure(f"cannot write {out}: {err.strerror or err}") from None
        print(f"wrote {out}")
    if args.pdf and browser:
        try:
            pdf.print_page(page, Path(args.pdf), browser)
        except pdf.PrintError as err:
            raise RuntimeFailure(str(err)) from None
        print(f"wrote {args.pdf}")
    return 0


REPORTS_FOLDER = "reports"
"""Where a report asked for by voice is saved, inside the private data folder: health data
stays on the machine, readable by its owner only, with the journal it was made from."""


def save_for_doctor(data_dir: Path, now: datetime, cfg: Any, host: Any, days: int = 30) -> Path:
    """The report asked for by voice ("make a report for my doctor"), written as
    ``reports/cramp-report-DATE.html`` in the data folder (one a day, the latest wins).
    Raises ``OSError`` or ``JournalError`` when it cannot be made."""
    with Journal(data_dir, create=False) as j:
        page = render(j, now, days, cfg["summary.night_end"],
                      extra=_extra_sections(host, now, days, data_dir),
                      night_start=cfg["summary.night_start"], data_dir=data_dir)
    folder = Path(data_dir) / REPORTS_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    out = folder / f"cramp-report-{now:%Y-%m-%d}.html"
    out.write_text(page, encoding="utf-8")
    out.chmod(0o600)
    return out


def _extra_sections(host: Any, now: datetime, days: int, data_dir: Path) -> list[str]:
    """HTML sections other plugins add (``crampcoach_report_sections``), if any."""
    if host is None:
        return []
    out: list[str] = []
    for _plugin, sections in host.call("crampcoach_report_sections", now=now, days=days,
                                       data_dir=data_dir):
        if isinstance(sections, list):
            out.extend(str(s) for s in sections)
    return out


# -- the period ------------------------------------------------------------------------------
@dataclass
class Period:
    now: datetime
    first: date
    last: date
    night_start: time
    night_end: time
    episodes: list[dict[str, Any]]
    stats: Stats
    let_go: dict[Any, str] = field(default_factory=dict)
    """Episode id → the relief step under way when it let go (from the relief plugin)."""
    steps: dict[str, str] = field(default_factory=dict)
    """Relief step id → its name ("kneading")."""

    def night(self, e: dict[str, Any]) -> date:
        return night_of(parse_time(e["started_at"]), self.night_end)

    def step_name(self, step: str) -> str:
        return self.steps.get(step, step.replace("_", " "))


def gather(j: Journal, now: datetime, days: int, night_start: str, night_end: str) -> Period:
    end_t, start_t = parse_hhmm(night_end), parse_hhmm(night_start)
    last = night_of(now, end_t)
    if end_t <= now.astimezone().time() < start_t and not _any_since(j, now, end_t):
        last -= timedelta(days=1)  # made by day: tonight has not begun, last night is done
    first = last - timedelta(days=days - 1)
    since = datetime.combine(first, end_t).astimezone() - timedelta(hours=12)
    eps = [e for e in j.episodes(since=since)
           if first <= night_of(parse_time(e["started_at"]), end_t) <= last]
    return Period(now, first, last, start_t, end_t, eps,
                  stats(eps, first, last, end_t))


def _any_since(j: Journal, now: datetime, night_end: time) -> bool:
    """A cramp logged today after the night ended (a daytime cramp counts with tonight)."""
    morning = datetime.combine(now.astimezone().date(), night_end).astimezone()
    return bool(j.episodes(since=morning))


def _relief_record(p: Period, data_dir: Path | None) -> None:
    """What the relief plugin knows: each step's name, and which one was under way when
    each cramp let go. Without the plugin or its record the report shows what the journal has.
    """
    try:
        from crampcoach.plugins.relief import learning
    except ImportError:
        return
    p.steps = learning.step_names("en")
    if data_dir is None:
        return
    try:
        p.let_go = learning.let_go_by_episode(p.episodes, learning.outcomes(data_dir))
    except Exception:  # a damaged or missing record must not cost the doctor the report
        p.let_go = {}


def render(j: Journal, now: datetime, days: int, night_end: str,
           extra: list[str] | None = None, night_start: str = "18:00",
           paper: str | None = None, data_dir: Path | None = None) -> str:
    p = gather(j, now, days, night_start, night_end)
    _relief_record(p, data_dir)
    person = _profile_details(j)
    meds = _medicines(j)
    rules = doctor_rules(j, now, p.night_end)
    title = f"Night leg cramps: {p.first:%d %b %Y} to {p.last:%d %b %Y}"
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<style>{style(paper, _running_head(person, p))}</style></head><body>",
        charts.DEFS, "<main>",
        _header(person, p, days),
        _headline(p),
        "<p class='foot'>Severity is the person's own 0-10 rating. Durations run from"
        " \"cramp\" to \"it's gone\"; one nobody measured is unknown, left out of averages."
        " Thresholds are design choices, not validated cut-offs. Not a diagnosis.</p>",
        _doctor(j, p, rules),
        _medicine_section(j, p, meds),
        _charts(p, meds),
        _where_and_relief(p),
        *(f"<section class='block extra'>{s}</section>" for s in (extra or [])),
        _episode_table(p),
        "</main></body></html>",
    ]
    return "\n".join(parts)


# -- the sections -----------------------------------------------------------------------------
def _header(person: dict[str, str], p: Period, days: int) -> str:
    who = []
    if person.get("name"):
        who.append(f"<b>{html.escape(person['name'])}</b>")
    if person.get("birth_date"):
        who.append(f"born {html.escape(person['birth_date'])}")
    tz = _zone(p.now)
    return (
        "<header><h1>Night leg cramps <span class='tag'>self-reported</span></h1>"
        + (f"<p class='who'>{' · '.join(who)}</p>" if who else "")
        + f"<p class='period'>{p.first:%d %B %Y} to {p.last:%d %B %Y} ({_nights(days)}) · made"
        f" {p.now:%d %B %Y %H:%M} by Cramp Coach, a self-care log kept by the patient</p>"
        f"<p class='period'>All times are local time, {html.escape(tz)}. A night runs from"
        f" {p.night_start:%H:%M} to {p.night_end:%H:%M} and is named by the evening it began:"
        " a cramp at 00:52 on a Tuesday belongs to Monday's night.</p></header>"
    )


def _headline(p: Period) -> str:
    s = p.stats
    measured = [e["duration_s"] for e in p.episodes if e["duration_s"] is not None]
    unknown = len(p.episodes) - len(measured)
    rated = sum(1 for e in p.episodes if e["severity"] is not None)
    dur_note = f"{len(measured)} measured" + (f", {unknown} unknown (left out)" if unknown
                                               else "")
    return "".join([
        "<section class='stats block'>",
        _stat("cramps", str(s.cramps), f"in {_nights(s.days)}"),
        _stat("cramps per week", f"{s.per_week:g}", "average over the period"),
        _stat("nights with cramps", f"{s.nights_with_cramps} of {s.days}",
              f"{round(100 * s.nights_with_cramps / s.days) if s.days else 0}% of nights"),
        _stat("average severity", "–" if s.mean_severity is None else f"{s.mean_severity:g}/10",
              f"{rated} rated"),
        _stat("average duration", "unknown" if s.mean_duration_s is None
              else duration(s.mean_duration_s), dur_note),
        "</section>",
    ])


def _stat(label: str, value: str, note: str) -> str:
    return (f"<div class='stat'><span>{html.escape(label)}</span><b>{html.escape(value)}</b>"
            f"<small>{html.escape(note)}</small></div>")


def _doctor(j: Journal, p: Period, rules: list[str]) -> str:
    """Each see-a-doctor rule that holds, with the episodes behind it; then red flags."""
    recent = j.episodes(since=p.now - timedelta(days=MOST_NIGHTS[1]))
    by_night: dict[date, list[dict[str, Any]]] = {}
    for e in recent:
        by_night.setdefault(p.night(e), []).append(e)
    items = []
    for rule in rules:
        behind = ""
        if rule == "most_nights":
            behind = "Nights: " + ", ".join(f"{n:%a %d %b}" for n in sorted(by_night)) + "."
        elif rule == "several_a_night":
            behind = " ".join(
                f"Night of {n:%a %d %b}: {len(es)} cramps ({_refs(es)})."
                for n, es in sorted(by_night.items()) if len(es) >= SEVERAL_A_NIGHT)
        elif rule.startswith("long_cramp"):
            behind = " ".join(
                f"{_ref(e)} on {parse_time(e['started_at']).astimezone():%a %d %b %H:%M}"
                f" lasted {duration(e['duration_s'])}."
                for e in recent if e["duration_s"] is not None and e["duration_s"] > LONG_CRAMP_S)
        elif rule.startswith("symptom") or rule == "medicine":
            behind = "See the red flags reported below."
        # A rule without words of its own is still a reason to look, never an internal name.
        items.append(f"<li><b>{html.escape(RULE_TEXT.get(rule, UNNAMED_RULE))}</b> "
                     f"<span class='behind'>{html.escape(behind)}</span></li>")
    body = ("<p class='muted'>These rules look at the 14 nights before this report, whatever"
            " its period.</p><ul class='notes'>" + "".join(items) + "</ul>" if items else
            "<p>No see-a-doctor rule applies in the 14 nights before this report.</p>")
    return ("<section class='block'><h2>For the doctor</h2>" + body + _red_flags(j, p)
            + "</section>")


def _red_flags(j: Journal, p: Period) -> str:
    since = datetime.combine(p.first, p.night_end).astimezone() - timedelta(hours=12)
    reported = j.symptoms(since=since)
    if not reported:
        return "<p class='muted'>No worrying symptoms (red flags) were reported.</p>"
    rows = []
    for sym in reported:
        when = parse_time(sym["reported_at"]).astimezone()
        tier = str(sym.get("tier") or "")
        rows.append(f"<tr><td>{when:%a %d %b %H:%M}</td><td>{_reported(str(sym['symptom']))}</td>"
                    f"<td>{html.escape(tier.replace('_', ' '))}</td>"
                    f"<td>{html.escape(TIER_TEXT.get(tier, 'advice given'))}</td></tr>")
    return ("<h3>Red flags reported</h3><table class='compact'><thead><tr><th>When</th>"
            "<th>What the person said</th><th>Tier</th><th>What the coach said</th></tr></thead>"
            "<tbody>" + "".join(rows) + "</tbody></table>")


def _reported(text: str) -> str:
    """The person's words, then what the screen matched (kept as "words [a, b]"), as HTML."""
    words, _, found = text.partition(" [")
    found = found.rstrip("]").replace("_", " ")
    # Older journals kept the symptom's id ("chest_pain"), not the words: shown as words.
    matched = (f" <span class='behind'>(screen matched: {html.escape(found)})</span>"
               if found else "")
    return html.escape(words.replace("_", " ")) + matched


def _medicine_section(j: Journal, p: Period, meds: list[dict[str, Any]]) -> str:
    """Cramps per week before and after each medicine was started."""
    if not meds:
        return ""
    every = j.episodes()
    earliest = min((night_of(parse_time(e["started_at"]), p.night_end) for e in every),
                   default=p.first)
    rows = []
    for m, since in _starts(meds):
        before_first = max(earliest, since - timedelta(days=MAX_WINDOW_NIGHTS))
        after_last = min(p.last, since + timedelta(days=MAX_WINDOW_NIGHTS - 1))
        if m.get("stopped"):  # "after" is while it was taken, not after it stopped too
            after_last = min(after_last, max(since, date.fromisoformat(m["stopped"])))
        before = _rate(every, before_first, since - timedelta(days=1), p.night_end)
        # Nights before the journal's first entry are not "no cramps": nothing was logged.
        after = _rate(every, max(since, earliest), after_last, p.night_end)
        cls = m.get("class")
        rows.append(
            f"<tr><td>{html.escape(m['name'])}"
            + (f" (stopped {html.escape(m['stopped'])})" if m.get("stopped") else "")
            + f"</td><td>{since:%d %b %Y}</td>"
            f"<td>{html.escape(cls + ' (associated with cramps in some people)') if cls else '–'}"
            f"</td><td class='num'>{before}</td><td class='num'>{after}</td></tr>")
    return ("<section class='block'><h2>Medicines started</h2><table class='compact'><thead>"
            "<tr><th>Medicine</th><th>Started</th><th>Class</th>"
            "<th class='num'>Cramps per week before</th>"
            "<th class='num'>Cramps per week after</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table><p class='muted'>Up to four weeks on each side"
            " of the start, from what the journal holds. A change after a start is not proof"
            " the medicine caused it. The person has been told never to stop a medicine"
            " without the prescriber.</p></section>")


def _starts(meds: list[dict[str, Any]]) -> list[tuple[dict[str, Any], date]]:
    """Each medicine with the date it was started (one with an unreadable date is skipped)."""
    out = []
    for m in meds:
        try:
            out.append((m, date.fromisoformat(m["since"])))
        except (ValueError, TypeError):
            continue
    return out


def _rate(eps: list[dict[str, Any]], first: date, last: date, night_end: time) -> str:
    nights = (last - first).days + 1
    if nights <= 0:
        return "– (nothing logged then)"
    count = sum(1 for e in eps
                if first <= night_of(parse_time(e["started_at"]), night_end) <= last)
    return f"{count * 7 / nights:.1f} ({count} in {_nights(nights)})"


def _charts(p: Period, meds: list[dict[str, Any]]) -> str:
    return "".join([
        "<div class='two'>",
        "<section class='block'><h2>When in the night</h2>", _time_of_night(p), "</section>",
        "<section class='block'><h2>Week by week</h2>", _weekly(p, meds), "</section>",
        "</div><div class='two'>",
        "<section class='block'><h2>Severity</h2>", _severity_chart(p), "</section>",
        "<section class='block'><h2>Duration</h2>", _duration_chart(p), "</section>",
        "</div>",
    ])


def _time_of_night(p: Period) -> str:
    start_hour = p.night_start.hour
    hours = [(start_hour + k) % 24 for k in range(24)]
    counts = Counter(parse_time(e["started_at"]).astimezone().hour for e in p.episodes)
    return charts.bar_chart(
        [f"{h:02d}" for h in hours], [counts.get(h, 0) for h in hours],
        y_title="cramps", x_title=f"hour the cramp began (local time, from {start_hour:02d}:00)",
        series=charts.HATCHED, title="Cramps by hour of the night", width=340, height=190,
        label_every=3, value_labels=False)


def _weeks(p: Period) -> list[tuple[date, date]]:
    out, start = [], p.first
    while start <= p.last:
        end = min(p.last, start + timedelta(days=6))
        out.append((start, end))
        start = end + timedelta(days=1)
    return out


def _weekly(p: Period, meds: list[dict[str, Any]]) -> str:
    weeks = _weeks(p)
    labels, values = [], []
    for a, b in weeks:
        count = sum(1 for e in p.episodes if a <= p.night(e) <= b)
        nights = (b - a).days + 1
        values.append(count)
        labels.append(f"{a:%d %b}" + ("" if nights == 7 else f" ({nights}n)"))
    markers = []
    for m, since in _starts(meds):
        if p.first <= since <= p.last:
            markers.append(((since - p.first).days / 7, f"{m['name']} {since:%d %b}"))
    return charts.bar_chart(labels, values, y_title="cramps in the week",
                            x_title="week beginning (n = nights in a short week)",
                            series=charts.SOLID, title="Cramps per week", markers=markers,
                            width=340, height=190)


def _night_axis(p: Period) -> tuple[float, list[tuple[float, str]]]:
    span = (p.last - p.first).days
    step = max(1, round(span / 4))
    ticks = [(float(d), f"{p.first + timedelta(days=d):%d %b}") for d in range(0, span + 1, step)]
    return float(span), ticks


def _severity_chart(p: Period) -> str:
    span, ticks = _night_axis(p)
    xs = [float((p.night(e) - p.first).days) for e in p.episodes if e["severity"] is not None]
    ys = [float(e["severity"]) for e in p.episodes if e["severity"] is not None]
    return charts.dot_chart(xs, ys, x_max=span, x_labels=ticks, y_title="severity (0-10)",
                            x_title="night", title="Severity of each cramp",
                            colour=charts.BLUE, shape="circle", name="self-rated severity",
                            y_top=10)


def _duration_chart(p: Period) -> str:
    span, ticks = _night_axis(p)
    xs = [float((p.night(e) - p.first).days) for e in p.episodes]
    ys = [None if e["duration_s"] is None else e["duration_s"] / 60 for e in p.episodes]
    return charts.dot_chart(xs, ys, x_max=span, x_labels=ticks, y_title="minutes",
                            x_title="night", title="Duration of each cramp",
                            colour=charts.ORANGE, shape="square", name="measured duration",
                            unknown_name="not measured")


def _where_and_relief(p: Period) -> str:
    return ("<div class='two'><section class='block'><h2>Side and muscle</h2>"
            + _side_muscle(p.episodes) + "</section><section class='block'>"
            "<h2>What was tried, what ended it</h2>" + _relief_summary(p)
            + "</section></div>")


def _side_muscle(eps: list[dict[str, Any]]) -> str:
    if not eps:
        return "<p class='muted'>No cramps logged.</p>"
    grid = Counter((e["side"], e["muscle"]) for e in eps)
    muscles = sorted({e["muscle"] for e in eps}, key=lambda m: (m is None, m or ""))
    sides = [s for s in SIDES if any(e["side"] == s for e in eps)]
    head = "".join(f"<th class='num'>{s or 'not said'}</th>" for s in sides)
    rows = []
    for m in muscles:
        cells = "".join(f"<td class='num'>{grid.get((s, m), 0) or '·'}</td>" for s in sides)
        total = sum(grid.get((s, m), 0) for s in sides)
        rows.append(f"<tr><th>{html.escape(m or 'not said')}</th>{cells}"
                    f"<td class='num'><b>{total}</b></td></tr>")
    totals = "".join(f"<td class='num'><b>{sum(grid.get((s, m), 0) for m in muscles)}</b></td>"
                     for s in sides)
    return ("<table class='compact grid'><thead><tr><th>muscle \\ side</th>" + head
            + "<th class='num'>all</th></tr></thead><tbody>" + "".join(rows)
            + f"<tr><th>all</th>{totals}<td class='num'><b>{len(eps)}</b></td></tr>"
            "</tbody></table>")


def _relief_summary(p: Period) -> str:
    eps = p.episodes
    if not eps:
        return "<p class='muted'>No cramps logged.</p>"
    tried = Counter(step for e in eps for step in dict.fromkeys(e.get("relief") or []))
    worked = Counter(p.let_go.values())
    for step in worked:
        tried.setdefault(step, 0)
    endings = Counter(e["ended_by"] or "not recorded" for e in eps)
    steps = "".join(f"<tr><td>{html.escape(p.step_name(s))}</td><td class='num'>{n}</td>"
                    f"<td class='num'>{worked.get(s, 0)}</td></tr>"
                    for s, n in tried.most_common())
    ends = ", ".join(f"{ENDING_WORDS.get(k, k)}: {n}" for k, n in endings.most_common())
    return (("<table class='compact'><thead><tr><th>Step</th><th class='num'>cramps it was"
             " done in</th><th class='num'>under way when it let go</th></tr></thead><tbody>"
             + steps + "</tbody></table>" if steps else
             "<p class='muted'>No coached steps recorded.</p>")
            + f"<p>How the cramps ended: {html.escape(ends)}.</p>")


def _episode_table(p: Period) -> str:
    if not p.episodes:
        return ("<section class='episodes'><h2>Episodes</h2>"
                "<p class='muted'>No cramps logged in this period.</p></section>")
    rows = []
    used: dict[str, None] = dict.fromkeys(p.let_go.values())
    for e in p.episodes:
        started = parse_time(e["started_at"]).astimezone()
        where = " ".join(x for x in (e["side"], e["muscle"]) if x) or "–"
        steps = list(dict.fromkeys(e.get("relief") or []))
        used.update(dict.fromkeys(steps))
        cells = (_ref(e), f"{p.night(e):%a %d %b}", f"{started:%H:%M}", where,
                 "–" if e["severity"] is None else e["severity"], duration(e["duration_s"]),
                 ", ".join(steps) or "–", _ending(p, e),
                 e["notes"] or "")
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in cells) + "</tr>")
    key = "; ".join(f"{s} = {p.step_name(s)}" for s in used)
    return ("<section class='episodes'><h2>Episodes</h2><table class='eplist'><thead><tr>"
            "<th>#</th><th>Night of</th><th>Began</th><th>Where</th><th>Sev.</th>"
            "<th>Duration</th><th>What was tried</th><th>How it ended</th><th>Notes</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
            + (f"<p class='muted'>Steps: {html.escape(key)}.</p>" if key else "")
            + "<p class='muted'>Sev. = severity, self-rated 0-10. Began = local time; the"
            " night is named by the evening it began.</p></section>")


# -- helpers --------------------------------------------------------------------------------
def duration(seconds: float | None) -> str:
    """Sane, human durations: "45 s", "1 min 35 s", "1 h 12 min"; unknown stays unknown."""
    if seconds is None:
        return "unknown"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def _ending(p: Period, e: dict[str, Any]) -> str:
    helped = p.let_go.get(e["id"])
    if helped and e["ended_by"] == "over":
        return f"let go ({helped})"  # the step under way; the key below names it
    return ENDING_WORDS.get(e["ended_by"] or "", "not recorded")


def _ref(e: dict[str, Any]) -> str:
    return f"#{e['id']}"


def _refs(eps: list[dict[str, Any]]) -> str:
    return ", ".join(_ref(e) for e in eps)


def _zone(now: datetime) -> str:
    offset = now.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    utc = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    name = now.tzname() or ""
    if not name or name == utc or (name in ("UTC", "GMT") and not minutes):
        return utc
    return f"{name} ({utc})"


def _profile_details(j: Journal) -> dict[str, str]:
    try:  # the profile's tables are its own: read through its store
        from crampcoach.plugins.profile import store
        with store.open_profile(j.dir, create=False) as p:
            return store.details(p)
    except Exception:  # no profile plugin or table: the report goes on without a name
        return {}


def _medicines(j: Journal) -> list[dict[str, Any]]:
    try:
        from crampcoach.plugins.profile import store
        with store.open_profile(j.dir, create=False) as p:
            return store.medicines(p)
    except Exception:
        return []


def _running_head(person: dict[str, str], p: Period) -> str:
    who = person.get("name", "")
    return " · ".join(x for x in ("Night leg cramps", who,
                                  f"{p.first:%d %b %Y} to {p.last:%d %b %Y}") if x)


def _css_string(text: str) -> str:
    """Text as a CSS string literal: every character that is not plain is escaped."""
    # A six-digit escape swallows one following space, so each is given one of its own.
    return '"' + "".join(c if c.isalnum() or c in " .,:-()" else f"\\{ord(c):06x} "
                         for c in text) + '"'


def style(paper: str | None, running_head: str) -> str:
    size = PAPER.get(paper or "", "auto")
    c = charts
    return f"""
@page {{ size: {size}; margin: 13mm 12mm 14mm 12mm;
  @top-left {{ content: {_css_string(running_head)}; font: 8pt sans-serif; color: #52606d }}
  @bottom-left {{ content: {_css_string(SELF_REPORTED)}; font: 8pt sans-serif;
    color: #52606d }}
  @bottom-right {{ content: "page " counter(page) " of " counter(pages); font: 8pt sans-serif;
    color: #52606d }} }}
* {{ box-sizing: border-box }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact }}
body {{ font: 13px/1.4 system-ui,-apple-system,'Segoe UI','DejaVu Sans',sans-serif;
  color: {c.INK}; margin: 0; background: #f5f7fa }}
main {{ max-width: 800px; margin: 0 auto; padding: 20px 24px; background: #fff }}
h1 {{ margin: 0 0 2px; font-size: 21px }} h2 {{ font-size: 15px; margin: 12px 0 4px }}
h3 {{ font-size: 13px; margin: 8px 0 3px }}
h1, h2, h3 {{ break-after: avoid; page-break-after: avoid }}
.tag {{ font-size: 11px; font-weight: 600; border: 1px solid {c.MUTED}; border-radius: 4px;
  padding: 1px 5px; vertical-align: middle; color: {c.MUTED} }}
.period, .foot, .muted, .who {{ color: {c.MUTED}; font-size: 11.5px; margin: 2px 0 }}
.who {{ color: {c.INK}; font-size: 13px }}
.block {{ break-inside: avoid; page-break-inside: avoid }}
.stats {{ display: flex; gap: 8px; margin-top: 8px }}
.stat {{ flex: 1 1 0; border: 1px solid {c.GRID}; border-radius: 6px; padding: 5px 8px }}
.stat span, .stat small {{ display: block; color: {c.MUTED}; font-size: 10.5px }}
.stat b {{ display: block; font-size: 18px }}
.notes {{ margin: 4px 0; padding-left: 18px }} .notes li {{ margin: 2px 0 }}
.behind {{ color: {c.MUTED} }}
svg {{ width: 100%; height: auto; display: block }}
.grid line, line.grid {{ stroke: {c.GRID}; stroke-width: 0.8 }}
.axisline {{ stroke: {c.MUTED}; stroke-width: 1 }}
.axis {{ font-size: 9.5px; fill: {c.MUTED} }} .axistitle {{ font-size: 10px; fill: {c.INK} }}
.value {{ font-size: 9px; fill: {c.INK} }}
.legend {{ font-size: 10px }}
.marker {{ stroke: {c.INK}; stroke-width: 1.2; stroke-dasharray: 4 3 }}
.markerlabel {{ font-size: 9px; fill: {c.INK} }}
.two {{ display: flex; gap: 18px }} .two > * {{ flex: 1 1 0; min-width: 0 }}
table {{ border-collapse: collapse; width: 100%; font-size: 11.5px }}
th, td {{ border-bottom: 1px solid {c.GRID}; padding: 3px 5px; text-align: left;
  vertical-align: top }}
thead th {{ background: #f0f4f8 }} .num {{ text-align: right }}
tr {{ break-inside: avoid; page-break-inside: avoid }}
.episodes {{ break-before: page; page-break-before: always }}
.eplist {{ font-size: 10px }} .eplist td, .eplist th {{ padding: 1.5px 4px }}
.eplist td:nth-child(-n+6) {{ white-space: nowrap }}
.extra h3 {{ font-size: 15px; margin: 12px 0 4px }}
@media print {{ body {{ background: #fff }} main {{ max-width: none; padding: 0 }} }}
"""


def _nights(n: int) -> str:
    """ "1 night", "14 nights": a report of one night must not say "1 nights"."""
    return f"{n} night" if n == 1 else f"{n} nights"
