"""The doctor's report: what it shows, and that a month prints on at most three pages."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crampcoach.plugins.journal.store import Journal
from crampcoach.plugins.summary.report import duration

from .conftest import run_cli
from .month import make_month

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    not (BROWSER and shutil.which("pdfinfo") and shutil.which("pdftotext")),
    reason="Chromium or poppler-utils not installed (scripts/setup --test installs both)")


def _report(tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "r.html"
    done = run_cli("report", "--out", str(out), *extra)
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout


def test_durations_are_sane_and_unknown_stays_unknown():
    assert duration(None) == "unknown"
    assert duration(42.4) == "42 s"
    assert duration(95) == "1 min 35 s"
    assert duration(112438) == "31 h 13 min"  # never "1873 min 58 s"


def test_a_month_lists_every_element(isolated, tmp_path):
    now = datetime.now().astimezone()
    statin = make_month(isolated, now)
    page = _report(tmp_path)
    for heading in ("For the doctor", "Red flags reported", "Medicines started",
                    "When in the night", "Week by week", "Severity", "Duration",
                    "Side and muscle", "What was tried, what ended it", "Vein self-checks",
                    "What worked for this person",
                    "Health profile", "Episodes"):
        assert f">{heading}</h" in page, heading
    assert "Ann Lee" in page and "born 1951-04-02" in page
    assert "self-reported" in page.lower()
    # Headline numbers: unknown durations are left out of the average, and counted.
    assert "<b>35</b>" in page and "cramps per week" in page
    assert re.search(r"\d+ measured, \d+ unknown \(left out\)", page)
    # The statin's before/after, in cramps per week, and its class said carefully.
    row = re.search(r"<td>atorvastatin</td><td>(.*?)</tr>", page).group(1)
    assert f"{statin:%d %b %Y}" in row
    assert "statin (associated with cramps in some people)" in row
    assert len(re.findall(r"\d+\.\d \(\d+ in \d+ nights\)", row)) == 2
    # Started long before the journal: no "0 cramps a week" for nights nobody logged.
    old = re.search(r"<td>amlodipine</td><td>(.*?)</tr>", page).group(1)
    assert old.count("– (nothing logged then)") == 2
    # Each rule with the episodes behind it; the red flag with the tier answered.
    assert re.search(r"A cramp lasting more than ten minutes\.</b> <span class='behind'>#\d+ "
                     r"on .* lasted 11 min 40 s\.", page)
    assert "told to get medical advice the same day" in page
    # Time zone, and what a night is.
    assert "All times are local time" in page and "UTC" in page
    assert "a cramp at 00:52 on a Tuesday belongs to Monday's night" in page
    # Charts: axes titled with units, legends, and patterns/markers for greyscale.
    assert page.count("<svg viewBox") == 4
    for title in ("cramps in the week", "severity (0-10)", "minutes",
                  "hour the cramp began (local time, from 18:00)"):
        assert f">{title}</text>" in page
    assert "url(#hatch)" in page and "<pattern id='hatch'" in page
    assert "medicine started" in page and "not measured" in page
    # What was tried and what ended each cramp, with the relief plugin's record.
    assert re.search(r"<td>let go \((massage|walk|stand|towel|pull)\)</td>", page)
    assert "under way when it let go" in page and "What worked for this person" in page
    assert not re.search(r"\d{3,} min", page)
    assert not re.search(r"(src|href)=['\"]?https?:", page) and "<script" not in page


def test_a_cramp_after_midnight_belongs_to_the_evening_before(isolated, tmp_path):
    start = (datetime.now().astimezone() - timedelta(days=2)).replace(
        hour=0, minute=52, second=0, microsecond=0)
    with Journal(isolated) as j:
        eid = j.add(start, start, side="left", muscle="calf", severity=5)
        j.close_episode(eid, start + timedelta(seconds=80), "over", start)
    page = _report(tmp_path)
    evening = start - timedelta(days=1)
    assert f"<td>{evening:%a %d %b}</td><td>00:52</td>" in page


def test_pdf_without_chromium_says_how_to_install_it(isolated, tmp_path):
    make_month(isolated, datetime.now().astimezone(), episodes=3)
    out = run_cli("report", "--pdf", str(tmp_path / "r.pdf"),
                  env={"CRAMPCOACH_CHROMIUM": "no-such-browser"})
    assert out.returncode == 1
    assert len(out.stderr.strip().splitlines()) == 1
    assert "apt-get install chromium" in out.stderr
    assert not (tmp_path / "r.pdf").exists()
    none = run_cli("report")
    assert none.returncode == 2 and "--out FILE.html" in none.stderr


@needs_chromium
@pytest.mark.parametrize("paper,size", [("a4", "(A4)"), ("letter", "(letter)")])
def test_a_month_prints_on_at_most_three_pages(isolated, tmp_path, paper, size):
    make_month(isolated, datetime.now().astimezone())
    pdf = tmp_path / f"{paper}.pdf"
    done = run_cli("report", "--pdf", str(pdf), "--paper", paper, timeout=180)
    assert done.returncode == 0, done.stderr
    pages = _pages(pdf)
    assert 2 <= pages <= 3
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert size in info
    texts = [_page_text(pdf, n) for n in range(1, pages + 1)]
    for text in texts:  # "self-reported" in the margin of every page
        assert "Self-reported by the patient" in text
    # No orphaned heading: every chart's heading is on the page that holds its axis.
    for heading, axis in (("When in the night", "hour the cramp began"),
                          ("Week by week", "week beginning"),
                          ("Severity", "severity (0-10)"), ("Duration", "not measured")):
        assert any(heading in t and axis in t for t in texts), heading
    # The summary fits two pages; the episode list starts on a page of its own.
    assert "Episodes" in texts[-1] and "Episodes" not in "".join(texts[:-1])


@needs_chromium
def test_the_page_renders_in_chromium_at_the_asked_size(isolated, tmp_path):
    make_month(isolated, datetime.now().astimezone())
    page = tmp_path / "r.html"
    assert run_cli("report", "--out", str(page)).returncode == 0
    shot = tmp_path / "r.png"
    subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=900,1400",
                    "--hide-scrollbars", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (900, 1400)
    assert len(data) > 60_000  # a blank or unstyled page compresses to far less


def test_a_cramp_logged_minutes_ago_is_in_the_report(isolated, tmp_path):
    start = datetime.now().astimezone().replace(microsecond=0) - timedelta(minutes=2)
    with Journal(isolated) as j:
        eid = j.add(start, start, side="right", muscle="foot", severity=4)
        j.close_episode(eid, start + timedelta(seconds=50), "over", start)
    page = _report(tmp_path)
    assert f"<td>{start:%H:%M}</td><td>right foot</td>" in page


def _visible(page: str) -> str:
    """The words a reader sees: no style, no chart markup, no tags."""
    page = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("tier", ["emergency", "same_day"])
def test_the_doctor_reads_labels_never_internal_names(isolated, tmp_path, tier):
    now = datetime.now().astimezone()
    make_month(isolated, now)
    with Journal(isolated) as j:  # last night's red flag leads "For the doctor"
        j.add_symptom(now - timedelta(hours=5), "my calf is swollen [swelling, one_side]", tier)
        j.add_symptom(now - timedelta(days=4), "chest_pain", "emergency")  # as kept before
    seen = _visible(_report(tmp_path))
    doctor = seen[seen.index("For the doctor"):seen.index("Medicines started")]
    assert {"emergency": "needing emergency help", "same_day": "worth a same-day check"}[tier] \
        in doctor
    assert "my calf is swollen" in doctor and "one side" in doctor
    # No snake_case id anywhere a reader looks, and no key turned into odd words.
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", seen)
    assert "itch burn heavy" not in seen


def test_a_report_of_one_night_says_one_night():
    # Black-box finding: `report --days 1` said "1 nights".
    from crampcoach.plugins.summary.report import _nights

    assert (_nights(1), _nights(14)) == ("1 night", "14 nights")
