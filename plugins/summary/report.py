"""``crampcoach report``: one self-contained HTML page for the doctor.

No scripts, fonts or images from anywhere: the charts are inline SVG, so the page opens the
same offline, printed, or attached to an email.
"""

from __future__ import annotations

import argparse
import html
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from crampcoach.plugins.journal.insights import Stats, doctor_rules, night_of, parse_hhmm, stats
from crampcoach.plugins.journal.store import Journal, JournalError, parse_time
from crampcoach.voice.errors import UserError

RULE_TEXT = {
    "most_nights": "Cramps on 8 or more of the last 14 nights.",
    "several_a_night": "Three or more cramps in a single night.",
    "long_cramp": "A cramp lasting more than ten minutes.",
    "symptom": "A worrying symptom was reported in the last two weeks.",
}
TIER_TEXT = {"emergency": "emergency", "same_day": "same day", "soon": "see a doctor soon"}
INK, MUTED, BAR, ACCENT = "#1f2933", "#616e7c", "#3e7cb1", "#c05621"


def add_commands(sub: Any) -> None:
    p = sub.add_parser("report", help="write a self-contained HTML report for your doctor")
    p.add_argument("--out", required=True, metavar="FILE.html")
    p.add_argument("--days", type=int, default=30, metavar="N", help="period (default 30)")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    if args.days < 1 or args.days > 3660:
        raise UserError("--days must be from 1 to 3660")
    try:
        with Journal(cfg.data_dir, create=False) as j:
            now = datetime.now().astimezone()
            page = render(j, now, args.days, cfg["summary.night_end"],
                          extra=_extra_sections(host, now, args.days, cfg.data_dir))
    except JournalError as err:
        raise UserError(str(err)) from None
    out = Path(args.out)
    try:
        out.write_text(page, encoding="utf-8")
        out.chmod(0o600)
    except OSError as err:
        raise UserError(f"cannot write {out}: {err}") from None
    print(f"wrote {out}")
    return 0


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


def render(j: Journal, now: datetime, days: int, night_end: str,
           extra: list[str] | None = None) -> str:
    end_night = night_of(now, parse_hhmm(night_end))
    first = end_night - timedelta(days=days - 1)
    since = datetime.combine(first, parse_hhmm(night_end)).astimezone() - timedelta(hours=12)
    eps = [e for e in j.episodes(since=since)
           if first <= night_of(parse_time(e["started_at"]), parse_hhmm(night_end)) <= end_night]
    s = stats(eps, first, end_night, parse_hhmm(night_end))
    rules = doctor_rules(j, now, parse_hhmm(night_end))
    symptoms = j.symptoms(since=since)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Night leg cramps: {first:%d %b %Y} to {end_night:%d %b %Y}</title>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<style>{STYLE}</style></head><body><main>",
        f"<h1>Night leg cramps</h1><p class='period'>{first:%d %B %Y} to {end_night:%d %B %Y}"
        f" ({days} nights) · made {now:%d %B %Y %H:%M} by Cramp Coach, a self-care log</p>",
        "<section class='stats'>",
        _stat("cramps", str(s.cramps)),
        _stat("cramps per week", f"{s.per_week:g}"),
        _stat("nights with cramps", f"{s.nights_with_cramps} of {s.days}"),
        _stat("average severity (0-10)",
              "–" if s.mean_severity is None else f"{s.mean_severity:g}"),
        _stat("average duration", "–" if s.mean_duration_s is None
              else _duration(s.mean_duration_s)),
        "</section>",
        "<p class='muted'>The measures cramp trials report: cramps per week, nights with"
        " cramps, average severity and duration.</p>",
        "<h2>For the doctor</h2>",
        _doctor_notes(rules, symptoms),
        *(extra or []),
        "<h2>Cramps per night</h2>", _bars_per_night(s),
        "<div class='two'>",
        "<div><h2>By side</h2>" + _hbars(s.by_side) + "</div>",
        "<div><h2>By muscle</h2>" + _hbars(s.by_muscle) + "</div>",
        "</div>",
        "<h2>Severity and duration over time</h2>", _over_time(eps, first, end_night, night_end),
        "<h2>Episodes</h2>", _table(eps),
        "<p class='foot'>Severity is the person's own rating from 0 to 10. Thresholds above are"
        " reasonable design choices, not validated cut-offs. This log is not a diagnosis.</p>",
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _stat(label: str, value: str) -> str:
    return f"<div class='stat'><b>{html.escape(value)}</b><span>{html.escape(label)}</span></div>"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _doctor_notes(rules: list[str], symptoms: list[dict[str, Any]]) -> str:
    items = [f"<li>{html.escape(RULE_TEXT[r])}</li>" for r in rules]
    for sym in symptoms:
        when = parse_time(sym["reported_at"])
        items.append(f"<li>{when:%d %b %H:%M}: reported "
                     f"<b>{html.escape(sym['symptom'].replace('_', ' '))}</b> "
                     f"({html.escape(TIER_TEXT.get(sym['tier'], sym['tier']))} advice given)</li>")
    if not items:
        return "<p>No see-a-doctor rule applies in this period.</p>"
    return "<ul class='notes'>" + "".join(items) + "</ul>"


def _bars_per_night(s: Stats) -> str:
    nights = list(s.per_night.items())
    w, h, pad = 720, 180, 28
    top = max([c for _, c in nights] + [3])
    bw = (w - 2 * pad) / max(1, len(nights))
    out = [f"<svg viewBox='0 0 {w} {h + 30}' role='img' aria-label='Cramps per night'>"]
    for k in range(top + 1):
        y = h - k * (h - 10) / top
        out.append(f"<line x1='{pad}' x2='{w - pad}' y1='{y:.1f}' y2='{y:.1f}' class='grid'/>"
                   f"<text x='{pad - 6}' y='{y + 4:.1f}' class='axis' text-anchor='end'>{k}</text>")
    for i, (night, count) in enumerate(nights):
        x = pad + i * bw
        bh = count * (h - 10) / top
        if count:
            out.append(f"<rect x='{x + 1:.1f}' y='{h - bh:.1f}' width='{max(1, bw - 2):.1f}' "
                       f"height='{bh:.1f}' fill='{BAR}'><title>{night:%a %d %b}: {count}"
                       f"</title></rect>")
        if len(nights) <= 31 and (i % max(1, len(nights) // 10) == 0):
            out.append(f"<text x='{x + bw / 2:.1f}' y='{h + 16}' class='axis' "
                       f"text-anchor='middle'>{night:%d %b}</text>")
    out.append("</svg>")
    return "".join(out)


def _hbars(counts: Any) -> str:
    if not counts:
        return "<p class='muted'>No cramps logged.</p>"
    rows = counts.most_common()
    w, row = 340, 26
    top = max(c for _, c in rows)
    out = [f"<svg viewBox='0 0 {w} {row * len(rows) + 6}' role='img'>"]
    for i, (name, c) in enumerate(rows):
        y = i * row + 4
        bw = (w - 120) * c / top
        out.append(f"<text x='0' y='{y + 15}' class='label'>{html.escape(str(name))}</text>"
                   f"<rect x='90' y='{y}' width='{bw:.1f}' height='18' fill='{BAR}'/>"
                   f"<text x='{96 + bw:.1f}' y='{y + 14}' class='axis'>{c}</text>")
    out.append("</svg>")
    return "".join(out)


def _over_time(eps: list[dict[str, Any]], first: date, last: date, night_end: str) -> str:
    w, h, pad = 720, 160, 34
    span = max(1, (last - first).days)
    dmax = max([e["duration_s"] or 0 for e in eps] + [60])

    def x(e: dict[str, Any]) -> float:
        n = night_of(parse_time(e["started_at"]), parse_hhmm(night_end))
        return pad + (n - first).days * (w - 2 * pad) / span

    out = [f"<svg viewBox='0 0 {w} {h + 24}' role='img' aria-label='Severity and duration'>",
           f"<line x1='{pad}' x2='{w - pad}' y1='{h}' y2='{h}' class='grid'/>",
           f"<text x='{pad}' y='{h + 18}' class='axis'>{first:%d %b}</text>",
           f"<text x='{w - pad}' y='{h + 18}' class='axis' text-anchor='end'>{last:%d %b}</text>",
           f"<text x='4' y='12' class='axis' fill='{BAR}'>● severity 0-10</text>",
           f"<text x='{w - 4}' y='12' class='axis' text-anchor='end' fill='{ACCENT}'>"
           f"■ duration (top: {_duration(dmax)})</text>"]
    for e in eps:
        cx = x(e)
        if e["severity"] is not None:
            cy = h - e["severity"] * (h - 20) / 10
            out.append(f"<circle cx='{cx:.1f}' cy='{cy:.1f}' r='5' fill='{BAR}'>"
                       f"<title>severity {e['severity']}</title></circle>")
        if e["duration_s"] is not None:
            cy = h - e["duration_s"] * (h - 20) / dmax
            out.append(f"<rect x='{cx - 4:.1f}' y='{cy - 4:.1f}' width='8' height='8' "
                       f"fill='{ACCENT}'><title>{_duration(e['duration_s'])}</title></rect>")
    out.append("</svg>")
    return "".join(out)


def _table(eps: list[dict[str, Any]]) -> str:
    if not eps:
        return "<p class='muted'>No cramps logged in this period.</p>"
    head = ("<table><thead><tr><th>Started</th><th>Side</th><th>Muscle</th><th>Severity</th>"
            "<th>Duration</th><th>Ended</th><th>What was tried</th><th>Notes</th></tr></thead>"
            "<tbody>")
    rows = []
    for e in eps:
        started = parse_time(e["started_at"])
        rows.append(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
                f"{started:%a %d %b %H:%M}", e["side"] or "–", e["muscle"] or "–",
                "–" if e["severity"] is None else e["severity"],
                "–" if e["duration_s"] is None else _duration(e["duration_s"]),
                e["ended_by"] or "open", ", ".join(e["relief"]) or "–", e["notes"] or "")) +
            "</tr>")
    return head + "".join(rows) + "</tbody></table>"


STYLE = f"""
body{{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:{INK};margin:0;
background:#f5f7fa}}
main{{max-width:780px;margin:0 auto;padding:24px;background:#fff}}
h1{{margin:0 0 4px;font-size:26px}} h2{{font-size:17px;margin:26px 0 8px}}
h3{{font-size:15px;margin:16px 0 6px}}
.period,.foot,.muted{{color:{MUTED};font-size:13px}}
.stats{{display:flex;flex-wrap:wrap;gap:10px;margin-top:16px}}
.stat{{flex:1 1 120px;border:1px solid #d9e2ec;border-radius:8px;padding:10px}}
.stat b{{display:block;font-size:22px}} .stat span{{color:{MUTED};font-size:12px}}
.notes li{{margin:4px 0}} svg{{width:100%;height:auto}}
.grid{{stroke:#e4e7eb}} .axis{{font-size:11px;fill:{MUTED}}} .label{{font-size:12px;fill:{INK}}}
.two{{display:flex;gap:24px}} .two>div{{flex:1}}
table{{border-collapse:collapse;width:100%;font-size:13px}}
th,td{{border-bottom:1px solid #e4e7eb;padding:5px 6px;text-align:left;vertical-align:top}}
th{{background:#f0f4f8}}
@media print{{body{{background:#fff}} main{{padding:0}}}}
"""
