"""A medicine said to have started "last week" is kept from last week, not from today: the
doctor's report compares cramps before and after it (found by a black-box review)."""

from __future__ import annotations

from datetime import timedelta

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
