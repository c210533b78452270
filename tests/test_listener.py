"""Listening rules, driven with utterances as a recogniser would give them (no audio)."""

from __future__ import annotations

import threading

import pytest

from crampcoach.voice.listener import Listener, _Owed, choose_reading
from crampcoach.voice.messages import Utterance
from crampcoach.voice.openvocab import OpenReading, OpenWorker


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


def test_the_follow_up_window_runs_from_when_the_coach_falls_silent(ear):
    from crampcoach.voice import audio
    from crampcoach.voice.vad import SpeechGate

    ear.clock.advance(60)
    assert hear(ear, "hey coach what can i say")  # answered: the window opens
    ear.listener.gate = SpeechGate()
    ear.state["speaking"] = True  # a long answer, played slowly (a satellite)
    for _ in range(30):
        ear.clock.advance(1)
        ear.listener.feed(bytes(audio.BLOCK))  # the room is quiet while the coach speaks
    ear.state["speaking"] = False
    ear.clock.advance(7)
    assert hear(ear, "help")[0] == "Say cramp when one starts."


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


# -- rejection: what the recogniser reads is taken only when it is said to the coach ---------
def take(t, readings, phrases=frozenset(), asleep=False):
    from crampcoach.voice.listener import take_reading

    return take_reading(t.session.matcher, tuple(readings), "hey coach", frozenset(phrases),
                        asleep)


def test_asleep_the_wake_phrase_must_start_what_was_heard(ear):
    assert take(ear, ["hey coach"], asleep=True) == "hey coach"
    assert take(ear, ["hey coach ka"], asleep=True) == "hey coach ka"
    assert take(ear, ["so hey coach said the man"], asleep=True) is None
    assert take(ear, ["ka hey coach"], asleep=True) == "hey coach"  # a breath before it


def test_asleep_a_long_tail_after_the_wake_phrase_is_running_speech(ear):
    assert take(ear, ["hey coach ka ri mo su te"], asleep=True) is None


def test_asleep_a_phrase_that_acts_alone_must_be_all_that_was_heard(ear):
    assert take(ear, ["cramp"], asleep=True) == "cramp"
    assert take(ear, ["cramp ka ri"], asleep=True) is None


def test_asleep_only_the_best_readings_count(ear):
    assert take(ear, ["ka", "ko", "ki", "ku", "cramp"], asleep=True) is None
    assert take(ear, ["ka", "cramp"], asleep=True) == "cramp"


def test_awake_one_phrase_covers_the_reading_give_or_take_a_word(ear):
    phrases = {"next", "stop", "good morning"}
    assert take(ear, ["good morning"], phrases) == "good morning"
    assert take(ear, ["good morning rest"], phrases) == "good morning rest"
    assert take(ear, ["stop next good morning"], phrases) is None
    assert take(ear, ["hey coach good morning"], phrases) == "hey coach good morning"


def test_the_greeting_at_start_up_opens_no_follow_up_window(ear):
    ear.start()  # the one-time note: nobody spoke to the coach
    assert not ear.listener.live()
    assert hear(ear, "good morning") == []


# -- the open-vocabulary reading: red flags in the person's own words (issue 12) -------------
def hear_open(t, text: str, open_text: str, open_confidence: float = 0.9,
              asleep: bool = False, phrases=frozenset({"next", "stop", "my left calf"})):
    mark = len(t.said)
    t.listener.heard(Utterance(text, 0.9, "voice", (text,), (0.9,), open_text, open_confidence),
                     frozenset(phrases), asleep)
    return [s.text for s in t.said[mark:]]


EMERGENCY = "Please call emergency services now."


def test_a_red_flag_in_the_open_reading_is_answered_mid_routine(ear):
    hear(ear, "hey coach my left calf")
    # The grammar could only make a string of its phrase words of it: no phrase, rejected.
    said = hear_open(ear, "next stop my left calf", "my chest hurts and i can't breathe")
    assert EMERGENCY in said


def test_the_open_reading_outranks_the_grammar_readings_intent(ear):
    hear(ear, "hey coach my left calf")
    said = hear_open(ear, "next", "my chest hurts next")
    assert EMERGENCY in said
    assert not any("next" in s.lower() for s in said[:1])


def test_a_red_flag_said_over_the_coach_stops_it_and_is_answered(ear):
    hear(ear, "hey coach my left calf")
    ear.state["speaking"] = True
    said = hear_open(ear, "next", "my wife is not responding", phrases={"stop", "wait"})
    assert ear.state["hushed"] == 1
    assert EMERGENCY in said


def test_an_open_reading_without_a_red_flag_changes_nothing(ear):
    hear(ear, "hey coach my left calf")
    ear.state["speaking"] = True
    assert hear_open(ear, "next", "pull your toes towards you", phrases={"stop"}) == []
    assert ear.state["hushed"] == 0
    ear.state["speaking"] = False
    assert hear_open(ear, "next stop my left calf", "the dog is barking again") == []


def test_an_unsure_open_reading_of_an_emergency_asks_first(ear):
    hear(ear, "hey coach my left calf")
    said = hear_open(ear, "next stop my left calf", "my chest hurts", open_confidence=0.3)
    assert said == ["Do you have chest pain?"]


def test_asleep_the_open_reading_is_not_screened(ear):
    ear.clock.advance(60)
    assert hear_open(ear, "ka ri", "my chest hurts", asleep=True) == []


def test_the_confidence_passed_on_is_the_taken_readings_share(ear, monkeypatch):
    got = {}
    hear(ear, "hey coach my left calf")
    monkeypatch.setattr(ear.dialogue, "hear", lambda text, confidence, **kw: got.update(
        text=text, confidence=confidence, **kw))
    ear.listener.heard(Utterance("left both leg", 0.5, "voice", ("left both leg", "my left calf"),
                                 (0.5, 0.4), "my left calf", 0.8),
                       frozenset({"my left calf"}))
    assert got["text"] == "my left calf" and got["confidence"] == 0.4
    assert got["open_text"] == "my left calf" and got["open_confidence"] == 0.8


def test_awake_a_reading_the_recogniser_barely_preferred_is_asked_about(ear):
    """ "숨을 못 쉬겠어요" came back from the grammar as "조용히 다 됐어요" with 0.22 of the
    n-best and ended the cramp: awake, such a reading is asked about, once, not acted on."""
    hear(ear, "hey coach my left calf")
    mark = len(ear.said)
    for _ in range(2):
        ear.listener.heard(Utterance("its gone", 0.22, "voice", ("its gone", "stop"),
                                     (0.22, 0.2)), frozenset({"its gone"}))
    said = [s.text for s in ear.said[mark:]]
    assert said == ["Sorry, I didn't hear that clearly. Please say it again."]  # once
    assert ear.dialogue.busy()  # the cramp was not ended


def test_a_long_open_reading_is_running_speech_and_not_screened(ear):
    hear(ear, "hey coach my left calf")
    talk = "and then my chest hurts " + "the man on the radio said " * 4
    assert hear_open(ear, "next stop my left calf", talk) == []


def test_asleep_a_phrase_that_acts_alone_must_be_said_on_its_own(ear):
    ear.clock.advance(60)
    ear.listener.quiet_before = 0.3  # it came straight after other speech (a television)
    assert hear(ear, "cramp") == []
    assert hear(ear, "hey coach what can i say")[0] == "Say cramp when one starts."
    assert hear(ear, "cramp") == ["Is it your calf, your foot, or your thigh?"]  # awake now
    ear.clock.advance(600)
    ear.listener.quiet_before = 2.0  # said into a quiet room
    assert hear(ear, "cramp") == ["Is it your calf, your foot, or your thigh?"]


# -- the wake phrase and a command in one breath (issue 13) ---------------------------------
class _Reread:
    """The awake grammar's recogniser, as the listener uses it to read the kept audio again."""

    state = "awake"
    phrases = frozenset({"hey coach", "my left calf", "cramp", "next"})

    def __init__(self, reading: str):
        self.reading = reading

    def accept(self, pcm: bytes):
        return None

    def end(self):
        return Utterance(self.reading, 0.9, "voice", (self.reading,), (0.9,))


def hear_asleep(t, text: str, reread: str) -> list[str]:
    t.listener.grammars = type("G", (), {"awake": lambda self: _Reread(reread)})()
    t.listener._audio += b"\0\0" * 1600  # the utterance's audio, kept while asleep
    mark = len(t.said)
    t.listener.heard(Utterance(text, 0.9, "voice", (text,), (0.9,)), asleep=True)
    return [s.text for s in t.said[mark:]]


def test_the_wake_phrase_and_a_command_in_one_breath_wake_and_act(ear):
    ear.clock.advance(60)
    # Asleep, the rest of the breath came out as decoy syllables, too many to be a breath.
    said = hear_asleep(ear, "hey coach ma ri ka ro ka", "hey coach my left calf")
    assert said[0] == "Okay. Your left calf. I'm here."


def test_the_wake_phrase_and_running_speech_do_not_act(ear):
    ear.clock.advance(60)
    talk = "hey coach next cramp next my left calf"
    assert hear_asleep(ear, "hey coach ma ri ka ro ka", talk) == []
    assert ear.state["beeps"] == 0
    assert hear_asleep(ear, "hey coach ma", talk) == []
    assert ear.state["beeps"] == 1  # a breath after the wake phrase: it wakes, and listens


def test_asleep_a_phrase_said_again_at_once_needs_no_pause(ear):
    ear.clock.advance(60)
    ear.listener.heard(Utterance("ka", source="voice", alternatives=("ka", "ko", "ki", "cramp")),
                       asleep=True)  # the first "cramp": not the best reading, not taken
    ear.listener.quiet_before = 0.2
    mark = len(ear.said)
    ear.listener.heard(Utterance("cramp", source="voice", alternatives=("cramp",)), asleep=True)
    assert [s.text for s in ear.said[mark:]] == ["Is it your calf, your foot, or your thigh?"]


# -- the open pass on its own thread (issue 12): the grammar's reading never waits for it ---
class _Ear:
    """An open recogniser that says what it was given, and on which thread."""

    def __init__(self, fail: bool = False):
        self.fed = b""
        self.threads: set[str] = set()
        self.fail = fail

    def feed(self, pcm: bytes) -> None:
        self.threads.add(threading.current_thread().name)
        self.fed += pcm

    def end(self) -> OpenReading:
        if self.fail:
            raise RuntimeError("decoder broke")
        got, self.fed = self.fed.decode(), b""
        return OpenReading(got, 0.9)

    def read(self, pcm: bytes) -> OpenReading:
        self.feed(pcm)
        return self.end()

    def reset(self) -> None:
        self.fed = b""


def test_the_open_pass_reads_each_utterance_in_order_on_a_thread_of_its_own():
    ear = _Ear()
    worker = OpenWorker(ear)  # type: ignore[arg-type]
    worker.feed(b"my chest ")
    worker.feed(b"hurts")
    worker.end("first")
    worker.read(b"hey coach", "second")
    got = worker.ready(wait=True)
    worker.close()
    assert [(tag, r.text) for tag, r in got] == [("first", "my chest hurts"),
                                                 ("second", "hey coach")]
    assert threading.current_thread().name not in ear.threads
    assert worker.pending == 0 and worker.ready() == []


def test_a_broken_open_pass_costs_one_reading_not_the_listening():
    worker = OpenWorker(_Ear(fail=True))  # type: ignore[arg-type]
    worker.feed(b"my chest hurts")
    worker.end("first")
    assert [r.text for _, r in worker.ready(wait=True)] == [""]
    worker.close()


def open_reading_after(t, text: str, open_text: str) -> list[str]:
    """``text`` heard and acted on by its grammar reading, then its open reading arrives."""
    mark = len(t.said)
    utt = Utterance(text, 0.9, "voice", (text,), (0.9,))
    t.listener._owed = owed = _Owed(utt)
    t.listener.heard(utt, frozenset({"next", "stop", "my left calf", "my chest hurts"}))
    t.listener.heard_open(owed, OpenReading(open_text, 0.9))
    return [s.text for s in t.said[mark:]]


def test_a_red_flag_in_an_open_reading_that_comes_later_cuts_the_coach_short(ear):
    hear(ear, "hey coach my left calf")
    said = open_reading_after(ear, "next", "next my chest hurts and i can't breathe")
    assert ear.state["hushed"] == 1  # the grammar's "next" was acted on: its step is cut
    assert said.index(EMERGENCY) > 0


def test_a_red_flag_heard_in_both_readings_is_answered_once(ear):
    hear(ear, "hey coach my left calf")
    said = open_reading_after(ear, "my chest hurts", "my chest hurts")
    assert said.count(EMERGENCY) == 1 and ear.state["hushed"] == 0


def test_an_open_reading_ready_after_the_audio_stopped_is_heard_when_idle(ear):
    """A satellite streams only while it hears speech: the reading that is made after its
    last block must not wait for the next one."""
    hear(ear, "hey coach my left calf")
    worker = ear.listener.open_pass = OpenWorker(_Ear())  # type: ignore[arg-type]
    worker.feed(b"my chest hurts and i can't breathe")
    worker.end(_Owed(Utterance("next", 0.9, "voice", ("next",), (0.9,))))
    worker.close()  # its thread has finished the reading, and no block comes after it
    mark = len(ear.said)
    ear.listener.idle()
    assert EMERGENCY in [s.text for s in ear.said[mark:]]


@pytest.mark.parametrize("readings, why", [
    (("my left calf cramp",),
     "asleep: 'cramp' with other words (say it alone, or 'hey coach' first)"),
    (("the man said hey coach next cramp next left calf stop",),
     "asleep: 'hey coach' amid other words (say it first)"),
    (("ka ro ka",), "no wake phrase"),
])
def test_asleep_the_trace_says_why_words_were_not_taken(ear, readings, why):
    # Someone woken at 3 a.m. by "my left calf cramp" going unanswered can read that the
    # coach heard "cramp", and what to say instead.
    ear.clock.advance(60)
    reasons = []
    ear.listener.trace = type("T", (), {"heard": lambda self, *a, **k: reasons.append(a[4])})()
    ear.listener.heard(Utterance(readings[0], 0.9, "voice", readings, (0.9,)), asleep=True)
    assert reasons == [why]
    assert ear.said == []  # nothing acted on
