"""A medicine said to have started "last week" is kept from last week, not from today: the
doctor's report compares cramps before and after it (found by a black-box review)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from crampcoach.plugins.journal.store import Journal
from crampcoach.plugins.profile import store


def _since(isolated) -> list[tuple[str, str]]:
    with Journal(isolated) as j:
        return [(m["name"], m["since"]) for m in store.medicines(j)]


@pytest.mark.parametrize("said,days", [
    ("I started a new medicine last week", 7),
    ("started new tablets three weeks ago", 21),
    ("I got a new prescription yesterday", 1),
    ("new pills, a few days ago", 3),
    ("I started a new medicine", 0),
    ("I've been on a new medicine 2 days ago", 2),
])
def test_when_a_medicine_started_is_kept_as_said(talk, isolated, clock, said, days):
    t = talk()
    t.start()
    t.say(said)
    t.say("amlodipine")
    today = clock.now().date()
    assert _since(isolated) == [("amlodipine", (today - timedelta(days=days)).isoformat())]


@pytest.mark.parametrize("said,days", [("지난주부터 새 약 먹기 시작했어요", 7),
                                       ("3일 전에 새 약 먹기 시작했어요", 3),
                                       ("어제부터 새 약", 1)])
def test_when_a_medicine_started_in_korean(talk, isolated, clock, said, days):
    t = talk(language="ko")
    t.start()
    t.say(said)
    [(_, since)] = _since(isolated)
    assert since == (clock.now().date() - timedelta(days=days)).isoformat()


def _day(today: date, weekday: int, week_before: bool = False) -> date:
    """The latest such weekday before today, or that day of the week before this one."""
    if week_before:
        return today - timedelta(days=today.weekday() + 7 - weekday)
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _month_day(today: date, day: int) -> date:
    first = today.replace(day=1)
    return first.replace(day=day) if day <= today.day else (
        first - timedelta(days=1)).replace(day=day)


@pytest.mark.parametrize("language,said,expect", [
    ("en", "I started taking furosemide last monday", lambda t: _day(t, 0)),
    ("en", "I started a new medicine on tuesday", lambda t: _day(t, 1)),
    ("en", "new pills since friday", lambda t: _day(t, 4)),
    ("en", "new pills monday last week", lambda t: _day(t, 0, week_before=True)),
    ("en", "I started new tablets the day before yesterday", lambda t: t - timedelta(days=2)),
    ("en", "new medicine a fortnight ago", lambda t: t - timedelta(days=14)),
    ("en", "new medicine a few days ago", lambda t: t - timedelta(days=3)),
    ("en", "I started a new medicine since the first of the month", lambda t: t.replace(day=1)),
    ("en", "new prescription on the 3rd", lambda t: _month_day(t, 3)),
    ("ko", "지난주 월요일부터 새 약 먹기 시작했어", lambda t: _day(t, 0, week_before=True)),
    ("ko", "금요일부터 새 약 먹기 시작했어", lambda t: _day(t, 4)),
    ("ko", "그저께 새 약 먹기 시작했어", lambda t: t - timedelta(days=2)),
    ("ko", "며칠 전에 새 약 먹기 시작했어", lambda t: t - timedelta(days=3)),
    ("ko", "2주 전에 새 약 먹기 시작했어", lambda t: t - timedelta(days=14)),
    ("ko", "1일부터 새 약 먹기 시작했어", lambda t: t.replace(day=1)),
])
def test_a_day_said_by_name_or_count_is_the_day_kept(talk, isolated, clock, language, said,
                                                     expect):
    t = talk(language=language)
    t.start()
    heard = t.say(said)
    today = clock.now().date()
    [(_, since)] = _since(isolated)
    assert since == expect(today).isoformat()
    if expect(today) != today:
        assert not any("today" in s or "오늘" in s for s in heard), heard


@pytest.mark.parametrize("language,said,honest", [
    ("en", "I started a new medicine back in the spring", "couldn't tell which day"),
    ("en", "I started a new medicine", "I've put today"),
    ("ko", "작년부터 새 약 먹기 시작했어", "알아듣지 못해서"),
])
def test_a_day_not_told_is_said_so(talk, isolated, clock, language, said, honest):
    t = talk(language=language)
    t.start()
    heard = t.say(said)
    assert any(honest in s for s in heard), heard
    assert not any("from today" in s for s in heard)  # no claim it began today


@pytest.mark.parametrize("language,said,answer", [
    ("ko", "새 약 먹기 시작했어", "약 새로 처방받았어"),
    ("en", "I started a new medicine", "a new prescription"),
    ("en", "I started a new medicine", "the doctor gave me new pills"),
])
def test_an_answer_naming_no_medicine_is_not_its_name(talk, isolated, language, said, answer):
    t = talk(language=language)
    t.start()
    t.say(said)
    t.say(answer)
    [(name, _)] = _since(isolated)
    assert name.startswith("new medicine, said by voice")


def test_a_medicine_name_is_one_in_any_case(isolated):
    now = datetime.now().astimezone()
    with store.open_profile(isolated) as p:
        store.add_medicine(p, "atorvastatin", date(2026, 1, 5), now)
        store.add_medicine(p, "Atorvastatin", date(2026, 2, 1), now)
        assert [(m["name"], m["since"]) for m in store.medicines(p)] == [
            ("atorvastatin", "2026-02-01")]
        store.remove_medicine(p, "ATORVASTATIN")
        assert store.medicines(p) == []


@pytest.mark.parametrize("said,name,days", [
    ("I started taking furosemide last week", "furosemide", 7),
    ("the doctor started me on simvastatin three weeks ago", "simvastatin", 21),
    ("I was put on amlodipine", "amlodipine", 0),
])
def test_a_medicine_named_with_the_news_is_kept_by_name_without_asking(talk, isolated, clock,
                                                                        said, name, days):
    t = talk()
    t.start()
    reply = t.say(said)
    assert any(line.startswith(f"Noted: {name}") for line in reply)
    assert "Which medicine is it?" not in reply
    assert t.dialogue.question is None
    today = clock.now().date()
    assert _since(isolated) == [(name, (today - timedelta(days=days)).isoformat())]


@pytest.mark.parametrize("said", ["I've been put on a statin", "I started taking my tablets again",
                                  "I started on new pills for my blood pressure"])
def test_no_name_is_guessed_from_words_that_name_no_medicine(talk, said):
    t = talk()
    t.start()
    assert t.say(said)[-1] == "Which medicine is it?"


def test_the_prescriber_advice_is_said_once_when_safety_has_said_it(talk):
    # "Cramps since a new medicine" is the brief's see-a-doctor-soon tier: safety says not
    # to stop it and to ask the prescriber; the profile then notes the name without a repeat.
    t = talk()
    t.start()
    first = t.say("i started a new medicine and now i get cramps")
    assert "Do not stop a medicine on your own. Ask the person who prescribed it." in first
    assert t.say("furosemide") == ["Noted: furosemide."]
    t2 = talk()
    t2.start()
    t2.say("I started a new medicine")
    assert t2.say("furosemide") == ["Noted: furosemide.",
                                    "If your cramps began after it, ask the prescriber.",
                                    "Please don't stop it yourself."]


def test_a_korean_name_is_kept_without_its_polite_ending(talk, isolated):
    t = talk(language="ko")
    t.start()
    t.say("새 약 먹기 시작했어요")
    t.say("푸로세미드요")
    assert [name for name, _ in _since(isolated)] == ["푸로세미드"]
