"""What works for you: the coach learns which step helps this person, on an injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from crampcoach.plugins.relief import learning
from crampcoach.plugins.relief.learning import Outcome

from .conftest import run_cli

KNEAD = "Now knead the calf muscle firmly with your hands."
SIT = "If you can, sit up on the edge of the bed."
PULL = "Straighten your knee."
LEAD = "Last times, kneading helped you most."

CALF = [
    {"id": "sit", "wait": 5}, {"id": "pull", "hold": 30, "check": True},
    {"id": "towel", "hold": 30, "optional": True, "check": True},
    {"id": "stand", "hold": 20, "check": False}, {"id": "walk", "wait": 15, "check": True},
    {"id": "seated", "hold": 30, "optional": True, "check": True},
    {"id": "massage", "hold": 30, "check": True},
]


def outcomes(*let_go: str | None) -> list[Outcome]:
    return [Outcome("2026-11-20T03:00:00+00:00", "calf", s, [], 60.0) for s in let_go]


def ids(steps: list[dict]) -> list[str]:
    return [s["id"] for s in steps]


def test_five_cramps_that_let_go_are_the_least_evidence():
    assert learning.favourite(outcomes(*["massage"] * 4), CALF) is None
    assert learning.favourite(outcomes(*["massage"] * 4, None, None), CALF) is None
    assert learning.favourite(outcomes(*["massage"] * 5), CALF) == "massage"


def test_a_tie_or_the_usual_leader_changes_nothing():
    assert learning.favourite(outcomes("massage", "massage", "walk", "walk", "sit"), CALF) is None
    assert learning.favourite(outcomes(*["pull"] * 6), CALF) is None  # already first
    # Sitting up is where the person starts, not a technique that worked.
    assert learning.favourite(outcomes(*["sit"] * 5, "massage"), CALF) is None


def test_sitting_up_stays_first_and_a_set_up_step_moves_with_its_step():
    assert ids(learning.ordered(CALF, "massage")) == [
        "sit", "massage", "pull", "towel", "stand", "walk", "seated"]
    assert ids(learning.ordered(CALF, "walk")) == [
        "sit", "stand", "walk", "pull", "towel", "seated", "massage"]
    towel = learning.ordered(CALF, "towel")
    assert ids(towel)[:2] == ["sit", "towel"] and towel[1]["optional"] is False
    assert learning.ordered(CALF, None) is CALF


def _cramp_that_lets_go_during_kneading(t, clock) -> list[str]:
    said = t.say("my left calf")
    for _ in range(4):  # sit → pull → stand → walk → massage (optional steps skipped)
        said += t.say("next")
    assert KNEAD in said
    t.wait(12)
    said += t.say("it's gone")
    t.say("five")
    clock.advance(3600)
    return said


def test_the_coach_leads_with_what_helped_after_five_cramps(isolated, talk, clock):
    t = talk()
    t.start()
    for _ in range(5):
        said = _cramp_that_lets_go_during_kneading(t, clock)
        assert LEAD not in said
    history = learning.outcomes(isolated, "calf")
    assert [o.let_go for o in history] == ["massage"] * 5
    steps = history[0].steps
    assert [s for s, _ in steps] == ["sit", "pull", "stand", "walk", "massage"]
    assert steps[-1][1] == pytest.approx(12, abs=1.5)  # how long kneading took, on the clock
    said = t.say("my right calf")
    assert said[:3] == ["Okay. Your right calf. I'm here.", LEAD, SIT]
    # After sitting up, kneading comes first; the stretch follows if it does not let go.
    assert t.wait(6)[0] == KNEAD
    assert t.say("next")[0] == PULL


def test_do_it_the_usual_way_restores_the_default_order(isolated, talk, clock):
    for _ in range(5):
        learning.record(isolated, Outcome(clock.now().isoformat(), "calf", "massage",
                                          [("sit", 5.0), ("massage", 20.0)], 25.0))
    t = talk()
    t.start()
    said = t.say("my left calf")
    assert LEAD in said
    assert t.say("do it the usual way") == ["Okay. I'll keep to the usual order."]
    assert t.wait(6)[0] == PULL  # this cramp too, from where it was
    t.say("stop")
    said = t.say("my left calf")
    assert LEAD not in said and said[1] == SIT
    assert t.wait(6)[0] == PULL
    assert learning.usual_order(isolated)


def test_the_morning_summary_and_the_report_show_it(isolated, talk, clock, tmp_path):
    clock._wall = datetime(2026, 11, 24, 3, 0).astimezone()
    for k in range(6):
        when = clock.now() - timedelta(days=5 - k)
        learning.record(isolated, Outcome(when.isoformat(), "calf",
                                          "massage" if k != 2 else "walk",
                                          [("sit", 5.0), ("massage", 40.0)], 45.0 + k))
    clock._wall = datetime(2026, 11, 24, 8, 0).astimezone()
    t = talk()
    t.start()
    said = t.say("good morning")
    assert ("Lately, kneading has helped you most. It was under way when 5 of your last 6 "
            "cramps let go.") in said
    run_cli("log", "add", "--start", "2026-11-23T03:00", "--duration", "60")
    out = tmp_path / "r.html"
    assert run_cli("report", "--out", str(out)).returncode == 0
    page = out.read_text()
    assert "What worked for this person" in page
    assert ("calf routine: 6 coached, 6 let go during coaching (median 48 s from the start);"
            " now leads with kneading, under way when 5 of the last 6 let go.") in page
