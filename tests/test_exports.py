"""Exports other tools import: CSV (and CSV for Excel), JSON, and a FHIR R4 Bundle."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta

from fhir.resources.bundle import Bundle
from fhir.resources.observation import Observation

from crampcoach.plugins.journal.store import Journal
from crampcoach.plugins.relief import learning

from .conftest import run_cli

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def _month(data) -> None:
    start = datetime(2026, 11, 3, 2, 51, 7, 123456).astimezone()
    with Journal(data) as j:
        a = j.add(start, start, side="left", muscle="calf", severity=7, source="voice",
                  notes="Krampf im Wadenmuskel — très fort")
        j.close_episode(a, start + timedelta(seconds=89.6), "over", start,
                        relief=["sit", "pull", "massage"])
        learning.record(data, learning.Outcome(
            start.isoformat(), "calf", "massage",
            [("sit", 5.0), ("pull", 60.0), ("massage", 24.6)], 89.6))
        b = j.add(start + timedelta(days=2), start, muscle="foot", source="cli")
        j.update(b, start, severity=3)  # nobody measured how long: unknown
        later = start + timedelta(days=4, hours=1)
        c = j.add(later, later, side="both", muscle="hamstring", source="text")
        j.close_episode(c, later + timedelta(seconds=30), "stopped", later)


def test_csv_has_whole_seconds_and_one_timestamp_format(isolated):
    _month(isolated)
    out = run_cli("log", "export", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["duration_s"] for r in rows] == ["90", "", "30"]
    for r in rows:
        for key in ("started_at", "created_at", "updated_at"):
            assert ISO_WITH_OFFSET.match(r[key]), r[key]
        assert r["ended_at"] == "" or ISO_WITH_OFFSET.match(r["ended_at"])
    assert rows[0]["relief"] == "sit;pull;massage"
    assert rows[0]["notes"] == "Krampf im Wadenmuskel — très fort"


def test_csv_for_excel_starts_with_a_bom_and_keeps_non_ascii(isolated, tmp_path):
    _month(isolated)
    target = tmp_path / "cramps.csv"
    with target.open("wb") as f:  # as `log export ... > cramps.csv` would
        done = subprocess.run([sys.executable, "-m", "crampcoach.voice.cli", "log", "export",
                               "--format", "csv", "--excel"], stdout=f, env={
                                   **os.environ, "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 4  # header and three rows, as Excel expects
    assert "très fort" in raw.decode("utf-8-sig")
    wrong = run_cli("log", "export", "--excel")
    assert wrong.returncode == 2 and "--format csv" in wrong.stderr


def test_csv_for_excel_never_hands_excel_a_formula(isolated, tmp_path):
    # Black-box finding: a note '=cmd|"/c calc"!A1' went to the Excel CSV as it was.
    from crampcoach.plugins.journal.export import write_csv

    eps = [{"id": 1, "started_at": "2026-11-20T03:10:00-05:00", "notes": '=cmd|"/c calc"!A1'},
           {"id": 2, "started_at": "2026-11-21T03:10:00-05:00", "notes": "+1 more later"},
           {"id": 3, "started_at": "2026-11-22T03:10:00-05:00", "notes": "fine - no formula"}]
    for excel, first in ((True, "'="), (False, "=")):
        out = io.StringIO()
        write_csv(eps, out, excel=excel)
        rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
        assert rows[0]["notes"].startswith(first)
        assert rows[1]["notes"] == ("'+1 more later" if excel else "+1 more later")
        assert rows[2]["notes"] == "fine - no formula"
        assert rows[0]["started_at"] == "2026-11-20T03:10:00-05:00"


def test_json_export_is_unchanged(isolated):
    _month(isolated)
    eps = json.loads(run_cli("log", "export").stdout)
    assert [e["muscle"] for e in eps] == ["calf", "foot", "hamstring"]
    assert eps[1]["duration_s"] is None


def test_fhir_bundle_validates_as_r4_symptom_observations(isolated):
    _month(isolated)
    assert run_cli("profile", "details", "--name", "Ann Lee",
                   "--birth-date", "1951-04-02").returncode == 0
    out = run_cli("log", "export", "--format", "fhir")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    bundle = Bundle.parse_obj(data)  # fhir.resources 6.4: FHIR R4 4.0.1 models
    assert bundle.type == "collection"
    patient = data["entry"][0]["resource"]
    assert patient["resourceType"] == "Patient" and patient["birthDate"] == "1951-04-02"
    assert patient["name"][0]["text"] == "Ann Lee"
    obs = [e["resource"] for e in data["entry"][1:]]
    assert len(obs) == 3
    for o in obs:
        Observation.parse_obj(o)
        assert o["code"]["coding"][0] == {"system": "http://loinc.org", "code": "75325-1",
                                          "display": "Symptom"}
        assert o["valueCodeableConcept"]["coding"][0]["code"] == "55300003"
        assert o["performer"] == [{"reference": data["entry"][0]["fullUrl"]}]
        assert o["subject"] == o["performer"][0]
        assert o["meta"]["security"][0]["code"] == "PATRPT"
        assert ISO_WITH_OFFSET.match(o["effectivePeriod"]["start"])
    first, unmeasured, both = obs
    assert first["bodySite"]["text"] == "left calf"
    assert first["bodySite"]["extension"][0]["valueString"] == "left"
    assert first["bodySite"]["coding"][0]["code"] == "53840002"
    start = datetime.fromisoformat(first["effectivePeriod"]["start"])
    end = datetime.fromisoformat(first["effectivePeriod"]["end"])
    assert (end - start).total_seconds() == 90
    score = [c for c in first["component"] if c["code"]["coding"][0]["code"] == "72514-3"]
    assert score[0]["valueInteger"] == 7
    band = [c for c in first["component"] if c["code"]["coding"][0]["code"] == "64750-3"]
    assert band[0]["valueCodeableConcept"]["coding"][0]["display"] == "Severe"
    assert "Tried: sit, pull, massage." in first["note"][0]["text"]
    relieved = [c for c in first["component"] if c["code"]["coding"][0]["code"] == "100753-3"]
    assert relieved[0]["valueCodeableConcept"]["text"] == "kneading"
    assert not [c for c in both.get("component", [])
                if c["code"]["coding"][0]["code"] == "100753-3"]  # stopped: nothing relieved it
    # Unknown stays unknown: no end, and said so.
    assert "end" not in unmeasured["effectivePeriod"]
    assert "Duration not measured." in unmeasured["note"][0]["text"]
    assert both["bodySite"]["text"] == "both legs back of the thigh (hamstring)"


def test_fhir_bundle_carries_every_red_flag_as_a_symptom_observation(isolated):
    """Review r18 #14: the bundle held the cramps but none of the red flags the report lists
    under "Red flags reported". Each is now a Symptom Observation: the words said, the tier,
    the time, and whether it was about someone else; the rest of the bundle is unchanged."""
    _month(isolated)
    before = json.loads(run_cli("log", "export", "--format", "fhir").stdout)["entry"]
    chest = datetime(2026, 11, 3, 2, 52, 0).astimezone()
    other = datetime(2026, 11, 6, 4, 5, 0).astimezone()
    old = datetime(2026, 11, 8, 23, 0, 0).astimezone()
    with Journal(isolated) as j:
        j.add_symptom(chest, "my chest hurts [chest]", "emergency", episode_id=1)
        j.add_symptom(other, "my husband says his leg is swollen and hot (someone else) "
                             "[swelling, warmth]", "same_day")
        j.add_symptom(old, "new_medicine", "soon")  # an older journal: the symptom's id
    out = run_cli("log", "export", "--format", "fhir")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    Bundle.parse_obj(data)
    assert data["entry"][:4] == before  # patient and cramps as they were
    flags = [e["resource"] for e in data["entry"][4:]]
    assert len(flags) == 3
    for o, e in zip(flags, data["entry"][4:], strict=True):
        Observation.parse_obj(o)
        assert e["fullUrl"] == "urn:uuid:" + o["id"]
        assert o["code"]["coding"][0]["code"] == "75325-1"
        assert o["category"][0]["coding"][0]["code"] == "symptom"
        assert o["subject"] == {"reference": data["entry"][0]["fullUrl"]}
        assert o["meta"]["security"][0]["code"] == "PATRPT"
        assert ISO_WITH_OFFSET.match(o["effectiveDateTime"])
    chest_o, other_o, old_o = flags
    assert chest_o["valueCodeableConcept"] == {"text": "my chest hurts"}
    assert datetime.fromisoformat(chest_o["effectiveDateTime"]) == chest.replace(microsecond=0)
    assert "call emergency services" in chest_o["interpretation"][0]["text"]
    assert chest_o["component"][0]["valueCodeableConcept"]["text"] == "emergency"
    assert "focus" not in chest_o
    assert "Said during the cramp that began" in chest_o["note"][0]["text"]
    assert other_o["valueCodeableConcept"]["text"] == "my husband says his leg is swollen and hot"
    assert other_o["component"][0]["valueCodeableConcept"]["text"] == "same_day"
    assert "someone else" in other_o["focus"][0]["display"]
    assert "someone else" in other_o["note"][0]["text"]
    assert "swelling, warmth" in other_o["note"][0]["text"]
    assert old_o["valueCodeableConcept"]["text"] == "new medicine"
    assert "see a doctor soon" in old_o["interpretation"][0]["text"]
    # --since keeps the red flags of that period only; ids stay the same between exports.
    since = json.loads(run_cli("log", "export", "--format", "fhir", "--since",
                               "2026-11-05").stdout)["entry"]
    texts = [e["resource"]["valueCodeableConcept"].get("text") for e in since[1:]]
    assert texts[-2:] == ["my husband says his leg is swollen and hot", "new medicine"]
    assert "my chest hurts" not in texts
    again = json.loads(run_cli("log", "export", "--format", "fhir").stdout)["entry"]
    assert [e["fullUrl"] for e in again] == [e["fullUrl"] for e in data["entry"]]


def test_fhir_ids_are_stable_between_exports(isolated):
    _month(isolated)
    ids = [[e["resource"]["id"] for e in json.loads(
        run_cli("log", "export", "--format", "fhir").stdout)["entry"]] for _ in range(2)]
    assert ids[0] == ids[1] and len(set(ids[0])) == 4
