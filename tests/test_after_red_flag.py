"""After a red flag: the answer can be heard again, is never softened, and never ends in
silence (found by a black-box review; sentences of the review's kind, written for these tests)."""

from __future__ import annotations

import pytest

from crampcoach.plugins.journal.store import Journal


@pytest.fixture
def coach(talk):
    t = talk()
    t.start()
    return t


EMERGENCY = ["That needs help straight away.", "Please call emergency services now."]


@pytest.mark.parametrize("again", ["say that again", "sorry what", "pardon"])
def test_the_emergency_answer_is_said_again_when_asked(coach, again):
    assert coach.say("my chest hurts") == EMERGENCY
    assert coach.say(again) == EMERGENCY


def test_say_that_again_after_not_understood_repeats_what_came_before(coach):
    helped = coach.say("help")
    assert coach.say("blorp")[0] == "Sorry, I didn't catch that."
    assert coach.say("say that again") == helped


@pytest.mark.parametrize("after", ["okay", "thanks", "good night", "never mind", "blorp"])
def test_after_the_emergency_answer_small_talk_gets_it_again_never_say_cramp(coach, after):
    # Review finding: "okay" after "call emergency services now" got "Say cramp, and I'll
    # talk you through it."; "good night" got "I'll be here if a cramp wakes you."
    coach.say("my chest hurts")
    assert coach.say(after) == [
        "If you haven't called yet, please call emergency services now."]


def test_after_same_day_advice_thanks_gets_that_advice_again(coach):
    coach.say("my left calf is swollen and red and hot, only that leg")
    assert coach.say("thanks") == [
        "Please get that checked today by urgent care, your doctor, or a nurse line."]


def test_an_hour_after_urgent_advice_small_talk_is_answered_as_usual(talk):
    t = talk()
    t.start()
    t.say("my chest hurts")
    t.clock.advance(3601)
    assert t.say("thanks") == ["You're welcome.", "Say cramp if another one comes."]


def test_words_not_understood_while_a_question_waits_never_get_say_cramp(coach):
    asked = coach.say("cramp")
    assert coach.say("hmm") == asked[-1:]  # the question again, as it was put
    said = coach.say("zork blorp")
    assert said == ["Sorry, I didn't catch that."]


@pytest.mark.parametrize("ask", ["should I call an ambulance", "do I need an ambulance",
                                 "is it an emergency", "should we go to the hospital"])
def test_should_i_call_gets_the_tier_already_given_never_a_softer_one(coach, ask):
    coach.say("my chest hurts")
    assert coach.say(ask) == ["Yes. Please call emergency services now."]


def test_should_i_call_with_no_red_flag_says_it_cannot_judge(coach):
    said = coach.say("should I call an ambulance")
    assert said == ["I can't tell how serious it is.",
                    "If you think it is an emergency, call emergency services now."]


def test_should_i_call_after_a_same_day_flag_keeps_the_way_to_emergency_help(coach):
    coach.say("my left calf is swollen and red and hot, only that leg")
    said = coach.say("should I call an ambulance")
    assert said[0] == "Please get it checked today."
    assert "call emergency services" in said[-1]


def test_stretches_stopped_for_a_swollen_leg_are_never_a_silent_dead_end(coach):
    coach.say("cramp in my left calf")
    said = coach.say("my calf is swollen and hot, just the one leg")
    assert said[-1] == "I've stopped the stretches. Say cramp if you want them again."
    for later in ("no", "next"):
        assert coach.say(later) == [
            "I've stopped the stretches. Say cramp if you want them again."]
    assert "I'll start with the calf. Tell me if it's somewhere else." in \
        coach.say("cramp") + coach.wait(7) + coach.wait(7)


def test_a_same_day_flag_with_nothing_wrong_on_the_leg_is_coached_on(coach):
    """A cramp past ten minutes, a wound: advice, then the coaching goes on."""
    coach.say("cramp in my left calf")
    said = coach.say("I stood on a rusty nail last week and now my jaw feels stiff")
    assert said[0] == "That is worth getting checked today."
    assert "I've stopped the stretches. Say cramp if you want them again." not in said
    assert coach.run_until_quiet()  # the routine's timers still run


@pytest.mark.parametrize("flag,first", [
    ("my chest hurts", "Last night you told me about a symptom that needed emergency help."),
    ("my left calf is swollen and red and hot, only that leg",
     "Last night you told me about a symptom that needs a check today."),
])
def test_the_morning_after_a_red_flag_says_it_first_without_good_news_or_a_tip(
        coach, flag, first):
    coach.say(flag)
    said = coach.say("good morning")
    assert said[0].startswith(first)
    assert not any(s.startswith("Good news") for s in said)
    assert len(said) <= 4, said  # no prevention tip after it


def test_korean_should_call_and_a_call_for_help_mid_routine_is_no_rating(talk):
    t = talk(language="ko")
    t.start()
    t.say("가슴이 아파요")
    assert t.say("구급차 불러야 돼?") == ["네. 지금 응급 번호로 전화하세요."]
    t2 = talk(language="ko")
    t2.start()
    t2.say("쥐 났어")
    t2.say("왼쪽 종아리")
    said = t2.say("119 불러 주세요")
    assert "지금 응급 번호로 전화하세요." in said[-1]


def test_a_question_answered_with_words_nobody_understood_is_asked_again_once(coach):
    """ "Pretty bad" to "How bad was it, zero to ten?": asked again, saying how to answer,
    not "Say cramp"; the question stays open and a number still answers it."""
    coach.say("cramp in my left calf")
    coach.run_until_quiet()
    coach.say("it's gone")
    assert coach.say("pretty bad") == [
        "Just a number, please. Zero is no pain, ten is the worst."]
    assert coach.say("eight") == ["Got it. Eight out of ten."]


def test_the_check_in_is_asked_again_when_not_understood(coach):
    coach.say("my calf")
    coach.run_until_quiet()
    assert coach.say("hmm") == ["Has it let go? Say yes, no, or a little."]
    assert coach.say("yes")[0] == "Good. The cramp has let go."


UNKNOWN_EN = ["I can't tell how serious it is.",
              "If you think it is an emergency, call emergency services now."]
UNKNOWN_KO = ["얼마나 심각한지 저는 알 수 없어요.",
              "응급이라고 생각되면 지금 응급 번호로 전화하세요."]


@pytest.mark.parametrize("ask", ["should I call 911", "I think I need an ambulance",
                                 "is it bad enough for an ambulance", "do we need an ambulance",
                                 "should I see a doctor about this"])
def test_should_i_call_said_any_way_mid_cramp_is_answered(coach, ask):
    # Review finding: at "Has the cramp let go?" these got the check-in again or "Sorry".
    coach.say("cramp in my left calf")
    assert coach.say(ask) == UNKNOWN_EN


@pytest.mark.parametrize("ask", ["119 불러야 돼요?", "119 불러야 하나", "응급실 가 봐야 하나요?",
                                 "구급차 불러야 할까요", "병원 가 봐야 해?"])
def test_korean_should_i_call_never_ends_the_cramp_nor_rates_it(talk, isolated, ask):
    # Review finding: "119 불러야 돼요?" ended the cramp (돼 read as 됐어) and "119 불러야
    # 하나" saved a rating of 1 (하나 read as the number one).
    t = talk("ko")
    t.start()
    t.say("쥐 났어 오른쪽 종아리")
    assert t.say(ask) == UNKNOWN_KO
    with Journal(isolated) as j:
        [ep] = j.episodes()
    assert ep["ended_at"] is None and ep["severity"] is None


@pytest.mark.parametrize("said", ["계속 당겨야 하나요", "어떻게 하나요", "일어나도 돼요",
                                  "얼마나 버텨야 돼요"])
def test_korean_questions_mid_cramp_are_no_rating_and_no_end(talk, isolated, said):
    t = talk("ko")
    t.start()
    t.say("쥐 났어 오른쪽 종아리")
    t.say(said)
    with Journal(isolated) as j:
        [ep] = j.episodes()
    assert ep["ended_at"] is None and ep["severity"] is None


@pytest.mark.parametrize(("language", "flag", "cramp", "reminder"), [
    ("en", "my calf is swollen and I can't catch my breath", "cramp left calf",
     "If you haven't called yet, please call emergency services now."),
    ("ko", "종아리가 붓고 숨이 안 쉬어져요", "왼쪽 종아리 쥐",
     "아직 전화하지 않았다면 지금 응급 번호로 전화하세요."),
])
def test_a_cramp_within_the_hour_after_urgent_advice_hears_the_advice_first(talk, language,
                                                                           flag, cramp,
                                                                           reminder):
    # Review finding: the stretches started again with no word of the emergency advice.
    t = talk(language)
    t.start()
    t.say(flag)
    said = t.say(cramp)
    assert said[0] == reminder and len(said) > 1  # then coached, never a dead end


@pytest.mark.parametrize("answer", ["foot, and it's gone all purple and cold",
                                    "left calf and it's really swollen and hot"])
def test_where_the_cramp_is_said_with_a_red_flag_is_kept_and_no_stretch_starts(talk, isolated,
                                                                               answer):
    t = talk()
    t.start()
    t.say("cramp")
    assert t.dialogue.question.question.name == "muscle"
    said = t.say(answer)
    assert said[0] == "That is worth getting checked today."
    assert not any("toes" in s or "knee" in s for s in said + t.run_until_quiet())
    with Journal(isolated) as j:
        ep = j.last()
    assert ep["muscle"] in ("foot", "calf") and ep["muscle"] in answer


UNKNOWN = ["I can't tell how serious it is.",
           "If you think it is an emergency, call emergency services now."]


@pytest.mark.parametrize("ask", [
    "call 911", "dial 999", "please ring 112", "dial nine nine nine", "phone for an ambulance",
    "call the paramedics", "i need a doctor now", "we need an ambulance"])
def test_a_call_for_help_said_any_way_is_answered_even_at_the_rating_question(coach, ask):
    """Review finding: "call 911" (digits), "dial 911" and "I need a doctor now" got "Sorry,
    I didn't catch that", and at "How bad was it?" the re-ask for a number."""
    assert coach.say(ask) == UNKNOWN
    coach.say("cramp in my left calf")
    coach.run_until_quiet()
    coach.say("it's gone")  # "How bad was it, zero to ten?" is open
    assert coach.say(ask) == UNKNOWN


@pytest.mark.parametrize("ask", ["call me a taxi", "dial the number for me", "i need a coffee"])
def test_other_calls_and_needs_are_no_call_for_help(coach, ask):
    assert coach.say(ask) != UNKNOWN


@pytest.mark.parametrize("ask", ["일일구 불러 주세요", "백십구 불러 줘", "일 일 구 불러야 돼"])
def test_korean_emergency_number_read_aloud_is_a_call_for_help_at_the_rating_question(talk, ask):
    t = talk(language="ko")
    t.start()
    t.say("쥐 났어")
    t.say("왼쪽 종아리")
    t.run_until_quiet()
    t.say("풀렸어")
    assert any("응급 번호로 전화하세요" in s for s in t.say(ask))


SAME_DAY_AGAIN = ["Please get that checked today by urgent care, your doctor, or a nurse line."]
NO_STRETCH = ["Not tonight.", "You told me of a warning sign.",
              "Leave stretching until a doctor has checked you."]


@pytest.mark.parametrize("asked", ["bedtime stretch", "another tip"])
def test_within_the_hour_of_urgent_advice_a_tip_or_stretch_gets_the_advice(coach, asked):
    # Black-box finding: after "my calf is swollen, red and hot" the bedtime stretch led the
    # wall calf stretch on that leg; after "call emergency services now" a tip was about coffee.
    coach.say("my left calf is swollen and red and hot")
    assert coach.say(asked) == SAME_DAY_AGAIN
    coach.say("i had chest pain in the night")
    assert coach.say(asked) == [
        "If you haven't called yet, please call emergency services now."]


def test_for_a_day_and_a_half_after_a_red_flag_no_stretching_is_led_or_suggested(talk):
    t = talk()
    t.start()
    t.say("my left calf is swollen and red and hot")
    t.clock.advance(2 * 3600)
    assert t.say("bedtime stretch") == NO_STRETCH
    tips = [" ".join(t.say("another tip")) for _ in range(12)]
    assert not any("stretch" in tip.lower() or "walking" in tip for tip in tips), tips
    t.clock.advance(36 * 3600)
    assert t.say("bedtime stretch") != NO_STRETCH  # checked since, or never worse: led again


def test_korean_no_stretch_after_a_red_flag(talk):
    t = talk("ko")
    t.start()
    t.say("종아리가 붓고 뜨거워요")
    t.clock.advance(2 * 3600)
    assert t.say("스트레칭")[0] == "오늘은 쉬어요."


@pytest.mark.parametrize("language,cramp,flag,over,advice", [
    ("en", "cramp in my left calf", "my chest hurts", "it's gone",
     "If you haven't called yet, please call emergency services now."),
    ("ko", "왼쪽 종아리에 쥐 났어", "가슴이 너무 아파", "풀렸어",
     "아직 전화하지 않았다면 지금 응급 번호로 전화하세요."),
])
def test_its_gone_after_an_emergency_answer_gets_the_advice_not_good(talk, language, cramp,
                                                                     flag, over, advice):
    # Black-box finding: "it's gone" just after "call emergency services now" for chest pain
    # got "Good. I'm here if it comes back." and "How bad was it?": it sounded like an
    # all-clear, and may have meant the chest pain had gone.
    t = talk(language=language)
    t.start()
    t.say(cramp)
    t.say(flag)
    assert t.say(over) == [advice]


def test_its_gone_after_same_day_advice_gets_the_advice_first(talk):
    t = talk()
    t.start()
    t.say("cramp in my left calf")
    t.say("my left calf is swollen and hot")
    said = t.say("it's gone")
    assert said[0] == SAME_DAY_AGAIN[0] and not any(s.startswith("Good") for s in said)
