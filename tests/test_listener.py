"""Listening rules, driven with utterances as a recogniser would give them (no audio)."""

from __future__ import annotations

import pytest

from crampcoach.voice.listener import Listener, choose_reading
from crampcoach.voice.messages import Utterance


@pytest.fixture
def ear(talk):
    t = talk()
    state = {"speaking": False, "beeps": 0, "hushed": 0}
    listener = Listener(
        t.dialogue, t.session.matcher, grammars=None, gate=None, wake_phrase="hey coach",
        follow_up_s=8, is_speaking=lambda: state["speaking"],
        hush=lambda: state.__setitem__("hushed", state["hushed"] + 1),
        beep=lambda: state.__setitem__("beeps", state["beeps"] + 1),
    )
    original = t.dialogue.speak

    def speak(said):
        original(said)
        listener.spoke(said)

    t.dialogue.speak = speak
    t.listener, t.state = listener, state
    return t


def hear(t, text: str, *alternatives: str) -> list[str]:
    mark = len(t.said)
    t.listener.heard(Utterance(text, source="voice", alternatives=(text, *alternatives)))
    return [s.text for s in t.said[mark:]]


def test_commands_before_the_wake_phrase_are_ignored(ear):
    ear.clock.advance(60)  # past any follow-up window
    assert hear(ear, "good morning") == []


def test_cramp_alone_needs_no_wake_phrase(ear):
    ear.clock.advance(60)
    assert hear(ear, "cramp") == ["Is it your calf, your foot, or your thigh?"]


def test_wake_phrase_alone_beeps_and_opens_the_window(ear):
    ear.clock.advance(60)
    assert hear(ear, "hey coach") == []
    assert ear.state["beeps"] == 1
    assert hear(ear, "what can i say")[0] == "Say cramp when one starts."


def test_wake_phrase_with_a_command_acts_at_once(ear):
    ear.clock.advance(60)
    assert hear(ear, "hey coach my left calf")[0] == "Okay. Your left calf. I'm here."


def test_follow_up_window_closes(ear):
    ear.clock.advance(60)
    hear(ear, "hey coach what can i say")
    ear.clock.advance(20)
    assert hear(ear, "help") == []


def test_own_voice_is_ignored_while_speaking_except_stop(ear):
    hear(ear, "hey coach my left calf")
    ear.state["speaking"] = True
    assert hear(ear, "pull your toes toward your face") == []
    assert hear(ear, "next") == []
    assert ear.state["hushed"] == 0
    assert hear(ear, "stop") == ["Okay, I'll stop. Say it's gone when it eases."]
    assert ear.state["hushed"] == 1


def test_readings_are_matched_back_to_phrases(ear):
    m = ear.session.matcher
    assert choose_reading(m, ("left both leg", "left calf"), "hey coach", ("cramp.report",),
                          frozenset({"left calf"})) == "left calf"
    assert choose_reading(m, ("banana", "seven"), "", ("log.severity",)) == "seven"
    assert choose_reading(m, ("banana", "apple"), "") == "banana"
