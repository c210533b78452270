"""Issue 13: how people really talk, through the real dialogue and plugins on a manual clock."""

from __future__ import annotations

import pytest

from crampcoach.plugins.journal.store import Journal

UNKNOWN = "Sorry, I didn't catch that."


@pytest.fixture
def coach(talk):
    t = talk()
    t.start()
    return t


def _episodes(isolated):
    with Journal(isolated) as j:
        return j.episodes()


def _one_cramp(coach, severity: str = "seven") -> None:
    coach.say("my left calf")
    coach.run_until_quiet(120)
    coach.say("it's gone")
    coach.say(severity)


@pytest.mark.parametrize("again", ["my leg is cramping again", "cramp again",
                                   "my right calf again"])
def test_a_second_cramp_right_after_one_is_a_new_report_with_coaching(coach, isolated, again):
    _one_cramp(coach)
    said = coach.say(again)
    assert "Got it. Seven out of ten." not in said
    assert said and said[0].startswith(("Okay. Your", "Is it your calf"))
    assert len(_episodes(isolated)) == 2


def test_the_cramp_ended_closes_the_episode_instead_of_opening_one(coach, isolated):
    coach.say("my right foot")
    said = coach.say("the cramp ended")
    assert said[-1] == "How bad was it, zero to ten?"
    eps = _episodes(isolated)
    assert len(eps) == 1 and eps[0]["ended_by"] == "over"


def test_stretching_before_bed_is_the_routine_not_a_cramp(coach, isolated):
    said = coach.say("can you walk me through stretching before bed")
    assert said[0] == "Stand facing a wall, hands on it at chest height."
    assert _episodes(isolated) == []


def test_back_of_the_thigh_gets_the_back_of_thigh_stretch(coach, isolated):
    said = coach.say("extreme pain in the back of my left thigh")
    assert said[0] == "Okay. Your left hamstring. I'm here."
    assert _episodes(isolated)[0]["muscle"] == "hamstring"


def test_make_them_stop_is_a_prevention_tip(coach):
    said = coach.say("what can I do to make them stop")
    assert said[0] == "Here's a tip."


def test_a_corrected_rating_replaces_the_first(coach, isolated):
    _one_cramp(coach, "seven")
    assert coach.say("no it was a five") == ["Got it. Five out of ten."]
    assert _episodes(isolated)[0]["severity"] == 5


@pytest.mark.parametrize("text,first", [
    ("thanks", "You're welcome."),
    ("good night", "Good night."),
    ("never mind", "Okay."),
])
def test_small_talk_gets_a_short_kind_answer(coach, text, first):
    said = coach.say(text)
    assert said and said[0] == first and UNKNOWN not in said


def test_another_tip_gives_a_different_tip(coach):
    first = coach.say("any tips")
    second = coach.say("another tip")
    assert second[0] == "Here's a tip." and second[1:] != first[1:]


def test_how_was_my_week_counts_the_last_seven_days(coach):
    _one_cramp(coach)
    said = coach.say("how was my week")
    assert said[0] == "In the last seven days, you had one cramp."
    assert UNKNOWN not in said


def test_the_muscle_question_offers_every_routine(coach):
    assert coach.say("cramp") == ["Is it your calf, your foot, or your thigh?"]
    assert coach.say("thigh")[0] == "Okay. Your thigh. I'm here."
