"""Things said to the coach that once met "Sorry, I didn't catch that": a report asked for a
doctor's appointment, "are you there?" in the dark, "what time is it?"."""

from __future__ import annotations

import stat
from datetime import datetime

import pytest

from crampcoach.voice.clock import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 4, 3, 10).astimezone())


def started(talk, language: str = "en"):
    t = talk(language=language)
    t.start()
    return t


def one_cramp(t) -> None:
    t.say("my left calf is cramping")
    t.run_until_quiet()
    t.say("it's gone")
    t.say("six")


@pytest.mark.parametrize("said", ["make a report for my doctor", "what should I tell my doctor",
                                  "I've got a doctor's appointment tomorrow",
                                  "can you print something for my GP"])
def test_a_report_for_the_doctor_tells_the_month_and_saves_the_page(talk, isolated, said):
    t = started(talk)
    one_cramp(t)
    out = t.say(said)
    assert out[0] == "In the last thirty days, you had one cramp."
    assert "I've saved a report for your doctor." in out
    [page] = (isolated / "reports").iterdir()
    assert page.name == "cramp-report-2026-03-04.html"
    assert "Night leg cramps" in page.read_text()
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert stat.S_IMODE(page.parent.stat().st_mode) == 0o700


def test_several_cramps_are_counted_with_their_nights(talk, isolated, clock):
    t = started(talk)
    one_cramp(t)
    clock.advance(600)
    one_cramp(t)
    clock.advance(24 * 3600)
    one_cramp(t)
    out = t.say("make a report for the doctor")
    assert out[0] == "In the last thirty days, you had three cramps, on two nights."


def test_two_cramps_in_one_night(talk, isolated, clock):
    t = started(talk)
    one_cramp(t)
    clock.advance(600)
    one_cramp(t)
    out = t.say("make a report for my doctor")
    assert out[0] == "In the last thirty days, you had two cramps, all on one night."


def test_with_nothing_logged_nothing_is_written(talk, isolated):
    out = started(talk).say("make a report for my doctor")
    assert out == ["No cramps in the last thirty days.", "There's nothing to report yet."]
    assert not (isolated / "reports").exists()


def test_a_report_that_cannot_be_written_is_one_plain_line_and_the_month_is_still_told(
        talk, isolated):
    t = started(talk)
    one_cramp(t)
    (isolated / "reports").write_text("in the way")  # a file where the folder should be
    out = t.say("make a report for my doctor")
    assert out == ["In the last thirty days, you had one cramp.", "I couldn't save the report."]


def test_a_damaged_journal_is_said_never_told_as_no_cramps(talk, isolated):
    t = started(talk)
    one_cramp(t)
    t.dialogue.end()
    (isolated / "journal.sqlite3").write_bytes(b"not a database" * 100)
    out = started(talk).say("make a report for my doctor")
    assert out == ["I couldn't read your journal."]


def test_korean_report_for_the_doctor(talk, isolated):
    t = started(talk, "ko")
    t.say("왼쪽 종아리에 쥐 났어")
    t.run_until_quiet()
    t.say("풀렸어")
    t.say("육 점")
    t.say("오른쪽 발에 쥐 났어")
    t.run_until_quiet()
    t.say("풀렸어")
    t.say("삼 점")
    out = t.say("병원에 가져갈 보고서 만들어 줘")
    assert out[0] == "지난 삼십 일 동안 쥐가 두 번 났는데, 모두 하룻밤에 났어요."  # as in English
    assert "의사에게 보여 줄 보고서를 저장했어요." in out
    assert len(list((isolated / "reports").iterdir())) == 1


@pytest.mark.parametrize("said", ["의사한테 뭐라고 말해", "주치의 선생님한테 뭐라고 얘기해"])
def test_korean_what_to_tell_the_doctor_said_plainly_is_the_report(talk, isolated, said):
    # Black-box finding: "의사한테 뭐라고 말해" was read as "say that again" and repeated a tip.
    t = started(talk, "ko")
    out = t.say(said)
    assert out[0] == "지난 삼십 일 동안 쥐가 나지 않았어요."


@pytest.mark.parametrize("said", ["are you there", "hello?", "are you still listening",
                                  "can you hear me"])
def test_are_you_there_gets_an_answer(talk, said):
    assert started(talk).say(said) == ["I'm here.", "Say cramp if one starts."]


def test_are_you_there_while_a_question_waits_is_short_and_the_question_stays_open(talk):
    t = started(talk)
    assert t.say("cramp") == ["Is it your calf, your foot, or your thigh?"]
    assert t.say("are you there") == ["I'm here."]
    assert t.say("calf")[0] == "Okay. Your calf. I'm here."


def test_are_you_there_mid_stretch_keeps_the_hold_going(talk):
    t = started(talk)
    t.say("my right calf is cramping")
    t.wait(3)
    assert t.say("are you still there") == ["I'm here."]
    assert any("seconds" in line for line in t.wait(40))


def test_what_time_is_it(talk):
    assert started(talk).say("what time is it") == ["It's ten past three."]


def test_korean_time_and_presence(talk):
    t = started(talk, "ko")
    assert t.say("거기 있어?") == ["네, 여기 있어요.", "쥐가 나면 쥐 났어라고 말하세요."]


@pytest.mark.parametrize("said", ["it's time", "the doctor says i'm fine",
                                  "my doctor is on holiday"])
def test_ordinary_talk_with_these_words_asks_for_nothing(talk, isolated, said):
    out = started(talk).say(said)
    assert "I'm here." not in out and not any("report" in line for line in out)
    assert not (isolated / "reports").exists()


def test_a_warning_sign_with_no_cramp_is_still_a_report_for_the_doctor(talk, isolated, clock):
    # Black-box finding: "what should I tell my doctor" after "my calf is swollen and hot"
    # (no cramp logged) said "nothing to report yet" and saved nothing.
    t = started(talk)
    t.say("my left calf is swollen and red and hot")
    clock.advance(9 * 3600)
    out = t.say("what should I tell my doctor")
    assert out[:2] == ["No cramps in the last thirty days.",
                       "But you told me of a warning sign, and it is in the report."]
    assert "I've saved a report for your doctor." in out
    [page] = (isolated / "reports").iterdir()
    assert "same-day check" in page.read_text()


@pytest.mark.parametrize("language,flag,first", [
    ("en", "my chest hurts", ["Tell your doctor first about the warning sign you told me of.",
                              "It is in the report."]),
    ("ko", "가슴이 너무 아파", ["말씀하신 위험 신호를 의사에게 먼저 알리세요.",
                            "보고서에도 적었어요."]),
])
def test_a_warning_sign_is_told_first_for_the_doctor_when_cramps_were_logged_too(
        talk, clock, language, flag, first):
    # Black-box finding: with a cramp logged as well, "what should I tell my doctor" said only
    # "In the last thirty days, you had one cramp": the chest pain was never mentioned.
    t = started(talk, language)
    t.say("cramp in my left calf" if language == "en" else "왼쪽 종아리에 쥐 났어")
    t.say(flag)
    clock.advance(5 * 3600)
    out = t.say("what should I tell my doctor" if language == "en" else "의사한테 뭐라고 말해")
    assert out[:2] == first
    assert out[2] in ("In the last thirty days, you had one cramp.",
                      "지난 삼십 일 동안 쥐가 한 번 났어요.")
