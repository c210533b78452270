"""Issue 13: how people really talk, through the real dialogue and plugins on a manual clock."""

from __future__ import annotations

import json
import stat

import pytest

from crampcoach.plugins.journal.store import Journal
from tests.conftest import run_cli

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
    assert said[0] == "Stand facing a wall."
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


def test_a_number_in_passing_never_rewrites_a_given_rating_without_a_yes(coach, isolated):
    _one_cramp(coach, "seven")
    said = coach.say("five")
    assert said == ["It's down as seven out of ten. Change it to five? Say yes or no."]
    assert coach.say("no") == ["Okay. I've kept it."]
    assert _episodes(isolated)[0]["severity"] == 7
    coach.say("five")
    assert coach.say("yes") == ["Got it. Five out of ten."]
    assert _episodes(isolated)[0]["severity"] == 5


def test_a_negated_rating_with_no_number_left_is_no_crash(coach, isolated):
    _one_cramp(coach, "seven")
    said = coach.say("not seven")
    assert not any("went wrong" in line for line in said), said
    assert _episodes(isolated)[0]["severity"] == 7


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


def test_two_cramps_in_one_night_are_counted_on_one_night(coach):
    _one_cramp(coach)
    _one_cramp(coach, "five")
    said = coach.say("how was my week")
    assert said[0] == "In the last seven days, you had two cramps, all on one night."


def test_the_muscle_question_offers_every_routine(coach):
    assert coach.say("cramp") == ["Is it your calf, your foot, or your thigh?"]
    assert coach.say("thigh") == ["Is it the front of your thigh, or the back?"]
    assert coach.say("front")[0] == "Okay. Your thigh. I'm here."


# -- the trace -------------------------------------------------------------------------------
def _trace(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_chat_trace_explains_heard_intent_and_said(isolated, tmp_path):
    trace = tmp_path / "night.jsonl"
    out = run_cli("chat", "--time-scale", "0", "--trace", str(trace),
                  input="my left calf\nit's gone\nseven\nthe dog is barking again\n")
    assert out.returncode == 0, out.stderr
    events = _trace(trace)
    assert {e["event"] for e in events} == {"heard", "intent", "said"}
    heard = [e for e in events if e["event"] == "heard"]
    assert [e["text"] for e in heard] == ["my left calf", "it's gone", "seven",
                                          "the dog is barking again"]
    assert all(e["acted"] and e["readings"] == [e["text"]] and e["confidence"] == 1.0
               for e in heard)
    intents = [e for e in events if e["event"] == "intent"]
    assert intents[0] == {"event": "intent", "name": "cramp.report", "plugin": "relief",
                          "slots": {"side": "left", "muscle": "calf"},
                          "why": intents[0]["why"], "t": intents[0]["t"]}
    matched = [e for e in intents if not e["why"].startswith("passed on")]
    assert [e["name"] for e in matched] == ["cramp.report", "cramp.over", "log.severity", None]
    assert "question severity" in matched[2]["why"]
    assert matched[3]["why"].startswith("nothing explains enough of it; next best: coach.repeat")
    said = [e for e in events if e["event"] == "said"]
    assert said[0] == {"event": "said", "text": "Hello. I'm Cramp Coach.", "plugin": "help",
                       "t": said[0]["t"]}  # the first-run greeting, before anything is heard
    first_reply = events[events.index(intents[0]) + 1]
    assert first_reply["text"] == "Okay. Your left calf. I'm here."
    assert first_reply["plugin"] == "relief"
    assert {"text": "Got it. Seven out of ten.", "plugin": "journal"} in [
        {"text": e["text"], "plugin": e["plugin"]} for e in said]
    # Each intent comes after what was heard and before what it made the coach say.
    order = [e["event"] for e in events if e["event"] != "said" or e["plugin"] != "help"]
    assert order[:3] == ["heard", "intent", "said"]
    assert stat.S_IMODE(trace.stat().st_mode) == 0o600


def test_trace_records_a_reply_passed_on_as_its_own_intent(talk, tmp_path, clock):
    from crampcoach.voice.trace import Trace

    t = talk()
    path = tmp_path / "t.jsonl"
    trace = Trace.open(path, clock.monotonic)
    trace.attach(t.dialogue)
    t.start()
    t.say("my right foot")
    t.run_until_quiet(300)
    t.say("yes")  # "Has the cramp let go?" — yes: relief passes on cramp.over for the journal
    trace.close()
    names = [(e["name"], e["why"]) for e in _trace(path) if e["event"] == "intent"]
    assert names[0][0] == "cramp.report"
    assert ("cramp.over", "passed on by plugin relief's reply") in names


def test_trace_to_an_unwritable_file_is_one_line_and_exit_1(isolated, tmp_path):
    """README: a file that cannot be written is exit 1 (the command itself was right)."""
    out = run_cli("chat", "--trace", "/proc/crampcoach-trace.jsonl", input="")
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "trace" in out.stderr and "Traceback" not in out.stderr
    # A folder that does not exist is a slip in what was typed: exit 2, and never made.
    out = run_cli("chat", "--trace", str(tmp_path / "no" / "such" / "dir.jsonl"), input="")
    assert out.returncode == 2 and "does not exist" in out.stderr
    assert not (tmp_path / "no").exists()


# -- no dead ends ----------------------------------------------------------------------------
def _medicines(isolated):
    from crampcoach.plugins.profile import store

    with Journal(isolated) as j:
        return [m["name"] for m in store.medicines(j)]


def test_a_new_medicine_is_asked_for_by_name(coach, isolated):
    said = coach.say("I started a new medicine today")
    assert said == ["Noted: a new medicine, from today.", "Which medicine is it?"]
    said = coach.say("it's called atorvastatin")
    assert said[0] == "Noted: atorvastatin."
    assert "Please don't stop it yourself." in said
    assert _medicines(isolated) == ["atorvastatin"]


def test_no_name_for_the_medicine_is_fine_and_keeps_the_entry(coach, isolated):
    coach.say("I started a new medicine today")
    said = coach.say("I don't know")
    assert said[0] == "That's fine. You can add its name later."
    assert len(_medicines(isolated)) == 1


@pytest.mark.parametrize("again", ["what?", "pardon", "sorry, what was that"])
def test_what_asks_for_the_question_again_and_never_becomes_a_name(coach, isolated, again):
    coach.say("I started a new medicine today")
    # Said again alone, or with the line before it (heard as "repeat"): either way the
    # question is asked again and stays open.
    assert coach.say(again)[-1] == "Which medicine is it?"
    assert coach.say("metformin")[0] == "Noted: metformin."
    assert _medicines(isolated) == ["metformin"]


def test_a_cramp_said_instead_of_a_name_is_a_cramp(coach, isolated):
    coach.say("I started a new medicine today")
    said = coach.say("my left calf is cramping")
    assert said[0] == "Okay. Your left calf. I'm here."
    assert len(_episodes(isolated)) == 1 and len(_medicines(isolated)) == 1


def test_is_it_easing_waits_for_someone_in_pain_and_asks_once_more(coach):
    coach.say("my left calf")
    said = coach.run_until_quiet(300)
    assert said[-1] == "Has the cramp let go?"
    assert coach.wait(15) == []  # far longer than the 8 s follow-up window
    assert coach.wait(6) == ["Take your time. Has it let go?"]
    said = coach.say("a little")
    assert said[0] == "Good. It's easing. Let's keep going."


def test_no_answer_twice_moves_on_gently(coach):
    coach.say("my left calf")
    coach.run_until_quiet(300)
    coach.wait(21)
    later = coach.wait(21)
    assert later and later[0] != "Take your time. Has it let go?"
    assert "Has the cramp let go?" not in later[:1]


def test_never_mind_after_cramp_starts_no_routine(coach, isolated):
    coach.say("cramp")
    said = coach.say("never mind")
    assert said[0] == "Okay."
    assert coach.wait(10) == []
    assert _episodes(isolated)[0]["ended_by"] == "stopped"


def test_korean_small_talk_and_week_get_answers(talk):
    t = talk("ko")
    t.start()
    assert t.say("고마워")[0] == "천만에요."
    assert t.say("이번 주")[0] == "지난 칠 일 동안 쥐가 나지 않았어요."


def test_an_open_question_never_swallows_a_new_cramp(coach, isolated):
    coach.say("my left calf")
    coach.run_until_quiet(120)
    assert coach.say("it's gone")[-1] == "How bad was it, zero to ten?"
    said = coach.say("my right calf again")  # the rating question is still open
    assert said[0] == "Okay. Your right calf. I'm here."
    assert len(_episodes(isolated)) == 2


def test_maybe_a_four_is_a_rating_when_a_rating_was_asked(coach, isolated):
    coach.say("my left foot")
    coach.run_until_quiet(120)
    coach.say("it's gone")
    assert coach.say("maybe a four") == ["Got it. Four out of ten."]
