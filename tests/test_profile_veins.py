"""The vein self-check and the health profile, by voice and by command line."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from crampcoach.plugins.common.facts import HealthProfile
from crampcoach.plugins.journal.store import Journal
from crampcoach.plugins.profile import store
from crampcoach.plugins.veins import store as veins

from .conftest import run_cli


@pytest.fixture
def coach(talk):
    t = talk()
    t.start()
    return t


def checks(data) -> list[dict]:
    with veins.open_veins(data) as j:
        return veins.vein_checks(j)


def test_vein_check_all_no(coach, isolated):
    said = coach.say("check my veins")
    assert said == ["Five short questions about your legs.", "Answer yes, no, or not sure.",
                    "Do your legs swell by the afternoon?"]
    for _ in range(4):
        assert coach.say("no")[0].startswith("Do ")
    # Five questions cannot give an all-clear (content fix 2).
    assert coach.say("no") == ["Thank you.", "A short check like this can't rule anything out.",
                               "If your legs bother you, a doctor can take a look."]
    [c] = checks(isolated)
    assert c["completed"] and set(c["answers"].values()) == {"no"}
    assert c["taken_at"][:4].isdigit()


def test_vein_check_any_yes_mentions_the_ultrasound(coach, isolated):
    coach.say("vein check")
    coach.say("no")
    coach.say("yes")
    coach.say("no")
    coach.say("not sure")
    said = coach.say("no")
    assert "Vein problems may be linked with cramps." in said
    assert "It's worth seeing a doctor about your legs." in said  # content fix 9
    assert "A doctor can check the leg veins, for example with an ultrasound." in said
    assert checks(isolated)[0]["answers"]["aching"] == "yes"


def test_vein_check_unsure_only(coach):
    coach.say("vein check")
    for answer in ("no", "not sure", "no", "no"):
        coach.say(answer)
    assert coach.say("no")[1] == "If you're not sure, a doctor can take a look at your legs."


def test_vein_check_repeat_and_stop(coach, isolated):
    coach.say("vein check")
    coach.say("yes")
    assert coach.say("say that again") == ["Do your legs ache or feel uncomfortable?"]
    assert coach.say("stop") == ["Okay, we'll stop the vein check here."]
    [c] = checks(isolated)
    assert not c["completed"] and c["answers"] == {"swelling": "yes"}


def test_repeated_checks_show_change_over_time_in_the_report(coach, isolated, tmp_path):
    for answers in (["yes", "no", "no", "no", "no"], ["no"] * 5):
        coach.say("vein check")
        for a in answers:
            coach.say(a)
    assert len(checks(isolated)) == 2
    run_cli("log", "add", "--start", "2026-11-20T03:00")
    out = tmp_path / "r.html"
    assert run_cli("report", "--out", str(out)).returncode == 0
    page = out.read_text()
    assert "<h3>Vein self-checks</h3>" in page and page.count("<td>yes</td>") >= 3
    assert "<h3>Health profile</h3>" in page


def test_profile_commands(isolated):
    assert run_cli("profile", "set", "diabetes", "yes").returncode == 0
    added = run_cli("profile", "add-medicine", "atorvastatin", "--since", "2026-10-01")
    assert "associated with cramps: statin" in added.stdout
    shown = run_cli("profile", "show").stdout
    assert "diabetes                 yes" in shown and "atorvastatin since 2026-10-01" in shown
    exported = json.loads(run_cli("profile", "export").stdout)
    assert exported["items"]["diabetes"] == "yes"
    assert exported["medicines"] == [{"name": "atorvastatin", "since": "2026-10-01",
                                      "class": "statin"}]
    assert run_cli("profile", "remove-medicine", "atorvastatin").returncode == 0
    assert json.loads(run_cli("profile", "export").stdout)["medicines"] == []
    assert json.loads(run_cli("log", "export").stdout) == []  # still an array of episodes


@pytest.mark.parametrize("args,message", [
    (["profile", "set", "pregnant", "maybe"], "invalid choice"),
    (["profile", "set", "height", "yes"], "invalid choice"),
    (["profile", "add-medicine", "x", "--since", "last week"], "not a date"),
    (["profile", "remove-medicine", "nothing"], "no medicine named 'nothing'"),
])
def test_profile_bad_input_is_one_line(isolated, args, message):
    out = run_cli(*args)
    assert out.returncode == 2 and message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_pregnancy_adds_the_one_sided_swelling_warning(coach):
    assert coach.say("i'm pregnant") == ["Noted. I'll keep your pregnancy in mind."]
    # The brief puts pregnancy with one-sided swelling under "see a doctor soon".
    said = coach.say("my left calf is swollen")
    assert said[0] == "That is worth mentioning to a doctor."
    # Not coached after the advice: nobody should be talked into stretching a swollen leg.
    assert said[-1] == "In pregnancy, tell your midwife or doctor about a leg swollen on one side."
    assert not any("pregnancy" in s for s in coach.say("my ankles are puffy"))


def test_fluid_limit_removes_every_fluid_suggestion(coach):
    assert coach.say("my doctor limits how much i drink") == [
        "Noted. I won't suggest drinking more."]
    heard = []
    for _ in range(12):
        heard += coach.say("any tips")
    assert "Sip fluids through the day." not in heard


def test_profile_is_read_at_start(isolated, talk):
    run_cli("profile", "set", "fluid_limit", "yes")
    t = talk()
    t.start()
    assert t.session.convo.facts.get(HealthProfile) == HealthProfile(fluid_limit=True)


def test_cramps_after_a_new_medicine_add_ask_the_prescriber(isolated, talk, clock):
    today = date(2026, 11, 24)
    clock._wall = datetime(2026, 11, 24, 8, 0).astimezone()
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "hydrochlorothiazide", today - timedelta(days=10), clock.now())
    with Journal(isolated) as j:
        j.add(datetime(2026, 10, 1, 3, 0).astimezone(), clock.now())  # kept long before
        start = datetime(2026, 11, 24, 3, 0).astimezone()
        eid = j.add(start, start, muscle="calf")
        j.close_episode(eid, start + timedelta(seconds=60), "over", start)
    t = talk()
    t.start()
    said = t.say("good morning")
    assert "You started hydrochlorothiazide on November 14." in said
    assert "Cramps logged since then: one." in said and "In the same time before: zero." in said
    assert "Please don't stop it yourself." in said
    assert not any("after" in s for s in said)  # never implies the medicine caused them


def test_new_medicine_by_voice_is_noted(coach, isolated):
    said = coach.say("i started a new medicine today")
    assert said[0] == "Noted: a new medicine, from today."
    with store.open_profile(isolated) as p:
        assert len(store.medicines(p)) == 1


def test_of_several_new_medicines_the_one_cramps_follow_is_named_and_no_untrue_zero(
        isolated, talk, clock):
    # Black-box finding: with vitamin D, a thiazide and a statin started, the summary named
    # vitamin D, and said "In the same time before: zero" of a journal not kept then.
    today = date(2026, 11, 24)
    clock._wall = datetime(2026, 11, 24, 8, 0).astimezone()
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "vitamin-d", today - timedelta(days=20), clock.now())
        store.add_medicine(p, "hydrochlorothiazide", today - timedelta(days=12), clock.now())
    with Journal(isolated) as j:
        start = datetime(2026, 11, 23, 3, 0).astimezone()
        j.add(start, start, muscle="calf")
    t = talk()
    t.start()
    said = t.say("good morning")
    assert "You started hydrochlorothiazide on November 12." in said
    assert not any("vitamin" in s for s in said)
    assert not any("same time before" in s for s in said), said
