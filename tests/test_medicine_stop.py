"""A medicine stopped is kept with the day it stopped (the doctor's report shows cramps before
and after each medicine), and an answer that does not know a name never becomes one (found by
a black-box review: "I stopped taking atorvastatin" was noted as started today, and "I don't
remember the name" was saved as the medicine's name)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from crampcoach.plugins.common import db as shared_db
from crampcoach.plugins.profile import store

from .conftest import run_cli

NOW = datetime(2026, 11, 20, 9, 0).astimezone()


def _meds(isolated) -> list[dict]:
    with store.open_profile(isolated) as p:
        return store.medicines(p)


def test_a_stopped_medicine_keeps_its_start_and_gains_a_stop_day(isolated):
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "atorvastatin", date(2026, 10, 1), NOW)
        store.add_medicine(p, "furosemide", date(2026, 9, 1), NOW)
        assert store.stop_medicine(p, "Atorvastatin", date(2026, 11, 2), NOW) == "atorvastatin"
        meds = {m["name"]: m for m in store.medicines(p)}
    assert meds["atorvastatin"]["since"] == "2026-10-01"
    assert meds["atorvastatin"]["stopped"] == "2026-11-02"
    assert "stopped" not in meds["furosemide"]  # one still taken has no stop key at all


def test_a_medicine_started_again_is_no_longer_stopped(isolated):
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "atorvastatin", date(2026, 10, 1), NOW)
        store.stop_medicine(p, "atorvastatin", date(2026, 11, 2), NOW)
        store.add_medicine(p, "atorvastatin", date(2026, 11, 10), NOW)
        [m] = store.medicines(p)
    assert m == {"name": "atorvastatin", "since": "2026-11-10", "class": "statin"}


@pytest.mark.parametrize("name,on,error", [
    ("simvastatin", date(2026, 11, 2), "no medicine named 'simvastatin'"),
    ("atorvastatin", date(2026, 12, 2), "in the future"),
    # Black-box finding: a stop before the start was taken.
    ("atorvastatin", date(2026, 9, 1), "was started on 2026-10-01: it cannot stop before"),
])
def test_a_stop_that_cannot_be_is_refused(isolated, name, on, error):
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "atorvastatin", date(2026, 10, 1), NOW)
        with pytest.raises(store.ProfileError, match=error):
            store.stop_medicine(p, name, on, NOW)
        assert "stopped" not in store.medicines(p)[0]


def test_a_file_from_before_stop_days_keeps_its_medicines(isolated):
    with shared_db.open_db(isolated, store.OWNER, store.MIGRATIONS[:1]) as old:
        old.db.execute("INSERT INTO medicines (name, since, added_at) VALUES "
                       "('amlodipine', '2026-03-01', '2026-03-01T10:00:00')")
    with store.open_profile(isolated) as p:
        assert store.medicines(p) == [{"name": "amlodipine", "since": "2026-03-01",
                                       "class": "blood-pressure medicine (calcium-channel "
                                                "blocker)"}]
        store.stop_medicine(p, "amlodipine", date(2026, 11, 1), NOW)
        assert store.medicines(p)[0]["stopped"] == "2026-11-01"


def test_stop_medicine_command(isolated):
    added = run_cli("profile", "add-medicine", "atorvastatin", "--since", "2026-10-01")
    assert added.returncode == 0
    done = run_cli("profile", "stop-medicine", "atorvastatin", "--on", "2026-11-02")
    assert done.returncode == 0 and done.stdout.strip() == "stopped atorvastatin on 2026-11-02"
    assert "atorvastatin since 2026-10-01, stopped 2026-11-02" in run_cli("profile", "show").stdout
    [m] = json.loads(run_cli("profile", "export").stdout)["medicines"]
    assert m["stopped"] == "2026-11-02" and m["since"] == "2026-10-01"
    # Started again: one course is kept, and the earlier one is not replaced in silence.
    again = run_cli("profile", "add-medicine", "atorvastatin", "--since", "2026-11-20")
    assert again.returncode == 0 and again.stderr.strip() == (
        "crampcoach: atorvastatin was taken from 2026-10-01 to 2026-11-02; that course is "
        "replaced by this one")
    missing = run_cli("profile", "stop-medicine", "simvastatin")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "no medicine named 'simvastatin'" in missing.stderr


@pytest.mark.parametrize("language,start,answer", [
    ("en", "I started a new medicine", "I don't remember the name"),
    ("en", "I started a new medicine", "I forget what it's called"),
    ("en", "I started a new medicine", "not sure what it's called"),
    ("en", "I started a new medicine", "the name escapes me"),
    ("en", "I started a new medicine", "I'd have to look at the box"),
    ("ko", "새 약 먹기 시작했어요", "이름이 기억 안 나요"),
    ("ko", "새 약 먹기 시작했어요", "약 이름 까먹었어요"),
    ("ko", "새 약 먹기 시작했어요", "이름은 생각이 안 나요"),
])
def test_an_answer_that_does_not_know_the_name_is_not_its_name(talk, isolated, language, start,
                                                                 answer):
    t = talk(language=language)
    t.start()
    t.say(start)
    heard = t.say(answer)
    [m] = _meds(isolated)
    assert m["name"].startswith("new medicine, said by voice")  # kept, without a name
    assert heard[0] in ("That's fine. You can add its name later.",
                        "괜찮아요. 약 이름은 나중에 넣어도 돼요.")


@pytest.mark.parametrize("language,answer,name", [
    ("en", "it's called amlodipine", "amlodipine"),
    ("en", "the name is amlodipine", "amlodipine"),
    ("ko", "이름은 암로디핀이에요", "암로디핀"),
])
def test_a_name_said_with_the_word_name_is_still_the_name(talk, isolated, language, answer,
                                                          name):
    t = talk(language=language)
    t.start()
    t.say({"en": "I started a new medicine", "ko": "새 약 먹기 시작했어요"}[language])
    t.say(answer)
    assert [m["name"] for m in _meds(isolated)] == [name]


def _seed(isolated, *names: str, since: date = date(2025, 6, 1)) -> None:
    with store.open_profile(isolated) as p:
        for name in names:
            store.add_medicine(p, name, since, datetime.now().astimezone())


def _stopped(isolated) -> dict[str, str | None]:
    return {m["name"]: m.get("stopped") for m in _meds(isolated)}


@pytest.mark.parametrize("said,name", [
    ("I stopped taking atorvastatin", "atorvastatin"),
    ("I've come off the furosemide", "furosemide"),
    ("I quit my statin", "atorvastatin"),
])
def test_a_medicine_stopped_by_the_person_is_kept_stopped_and_the_prescriber_told(
        talk, isolated, clock, said, name):
    _seed(isolated, "atorvastatin", "furosemide")
    t = talk()
    t.start()
    heard = t.say(said)
    assert heard == [f"Noted: you've stopped {name}.", "Please tell the person who prescribed it."]
    assert not any("started" in line or "today" in line for line in heard)
    today = clock.now().date().isoformat()
    assert _stopped(isolated) == {"atorvastatin": None, "furosemide": None} | {name: today}
    assert t.dialogue.question is None


@pytest.mark.parametrize("said,name", [
    ("the doctor took me off simvastatin", "simvastatin"),
    ("my doctor stopped my statin", "simvastatin"),
    ("I'm not on the water pill anymore", "furosemide"),
])
def test_a_medicine_a_doctor_stopped_is_only_noted(talk, isolated, said, name):
    _seed(isolated, "simvastatin", "furosemide")
    t = talk()
    t.start()
    assert t.say(said) == [f"Noted: you've stopped {name}."]
    assert _stopped(isolated)[name] is not None
    assert [m["since"] for m in _meds(isolated)] == ["2025-06-01", "2025-06-01"]  # kept


def test_the_day_a_medicine_stopped_is_kept_as_said(talk, isolated, clock):
    _seed(isolated, "simvastatin", since=date(2025, 6, 1))
    t = talk()
    t.start()
    t.say("I stopped the simvastatin a week ago")
    [m] = _meds(isolated)
    assert m["stopped"] == (clock.now().date() - timedelta(days=7)).isoformat()


@pytest.mark.parametrize("said", ["I stopped a medicine", "I stopped my blood pressure pills",
                                  "I've been off the statin for a week"])
def test_a_stop_that_does_not_say_which_is_asked_once(talk, isolated, said):
    _seed(isolated, "atorvastatin", "simvastatin", "amlodipine", "furosemide")
    t = talk()
    t.start()
    assert t.say(said) == ["Which medicine did you stop?"]
    assert not any(_stopped(isolated).values())
    assert t.say("amlodipine")[0] == "Noted: you've stopped amlodipine."
    assert [n for n, s in _stopped(isolated).items() if s] == ["amlodipine"]


@pytest.mark.parametrize("answer,said", [
    ("I don't remember", "That's fine. You can tell me later."),
    ("naproxen", "Naproxen isn't in your profile, so there's nothing to change."),
])
def test_an_answer_naming_no_medicine_in_the_profile_changes_nothing(talk, isolated, answer,
                                                                      said):
    _seed(isolated, "atorvastatin")
    t = talk()
    t.start()
    t.say("I stopped a medicine")
    assert t.say(answer) == [said]
    assert _stopped(isolated) == {"atorvastatin": None}


@pytest.mark.parametrize("said,name,by_doctor", [
    ("아토르바스타틴 끊었어", "아토르바스타틴", False),
    ("의사가 그 약 그만 먹으래요", None, True),
    ("약 끊었어요", None, False),
    ("병원에서 암로디핀 빼줬어요", "암로디핀", True),
])
def test_a_medicine_stopped_in_korean(talk, isolated, said, name, by_doctor):
    _seed(isolated, "아토르바스타틴", "암로디핀")
    t = talk(language="ko")
    t.start()
    heard = t.say(said)
    if name is None:
        assert heard == ["끊으신 약이 뭐예요?"]
        name = "아토르바스타틴"
        heard = t.say("아토르바스타틴이요")
    assert heard[0] == f"기록했어요. 끊은 약: {name}."
    assert ("처방한 의사에게도 알려 주세요." in heard) is not by_doctor
    assert [n for n, s in _stopped(isolated).items() if s] == [name]


def test_a_stopped_medicine_is_not_flagged_as_new_in_the_summary(isolated, clock):
    from crampcoach.plugins.profile import medicine_before_cramps

    now = clock.now()
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "amlodipine", now.date() - timedelta(days=10), now)
        store.stop_medicine(p, "amlodipine", now.date(), now)
        assert medicine_before_cramps(p, now) is None


def test_my_doctor_put_me_on_something_new_asks_which(talk, isolated):
    t = talk()
    t.start()
    assert t.say("my doctor put me on something new for blood pressure")[-1] == \
        "Which medicine is it?"


def test_the_report_says_a_medicine_was_stopped(isolated, tmp_path):
    from crampcoach.plugins.journal.store import Journal
    from crampcoach.plugins.summary.report import render

    now = datetime.now().astimezone()
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "simvastatin", now.date() - timedelta(days=20), now)
        store.stop_medicine(p, "simvastatin", now.date() - timedelta(days=5), now)
    with Journal(isolated) as j:
        page = render(j, now, 30, "08:00", data_dir=isolated)
    assert f"simvastatin (stopped {(now.date() - timedelta(days=5)).isoformat()})" in page
