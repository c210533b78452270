"""Red flags first: screened before intent matching, in every state, at the brief's tier.

The floors are asserted on the symptom corpus (benchmarks/data/symptoms_*.tsv, written and
labelled before the safety plugin's data), on the text alone so it stays fast; the dialogue
tests below check that every state of the conversation gives the same answer.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from crampcoach.plugins.journal.store import Journal

ROOT = Path(__file__).resolve().parent.parent
EMERGENCY = ["That needs help straight away.", "Please call emergency services now."]
SAME_DAY = "That is worth getting checked today."
SOON = "That is worth mentioning to a doctor."
UNKNOWN = "Say cramp, and I'll talk you through it."


def _triage():
    spec = importlib.util.spec_from_file_location("triage", ROOT / "benchmarks" / "triage.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["triage"] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


triage = _triage()


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("heldout", [False, True], ids=["development", "held-back"])
def test_floors_on_the_symptom_corpus(language, heldout):
    assert len(triage.load(language, heldout)) >= (20 if heldout else 100)
    for context, s in triage.evaluate(language, heldout, text=True).items():
        assert s.emergency_recall >= 0.97, (context, s.wrong)
        assert s.emergency_below_same_day == 0, (context, s.wrong)
        assert s.same_day_ok >= 0.90 and s.soon_ok >= 0.90, (context, s.wrong)
        assert s.over_emergency == 0, (context, s.wrong)
        assert s.none_raised == 0, (context, s.wrong)


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize(("block", "heldout"), [("round2", False), ("round2", True),
                                                ("round3", False), ("round3", True),
                                                ("round4", False), ("round4", True),
                                                ("probe5", False), ("probe5b", False),
                                                ("probe5c", False), ("round5", False),
                                                ("round7", False)])
def test_floors_on_the_later_blocks(language, block, heldout):
    # Every held-back part here has been read (its misses were fixed by class); probe5* are
    # triage5's own probes (how a sign is told: the past, questions, figures, aftermath).
    # round5's held-back part is never run here: the lead measures it.
    for context, s in triage.evaluate(language, heldout, text=True, block=block).items():
        assert triage.floors_met(s), (context, s.wrong)


def test_the_corpus_is_big_enough_and_covers_every_tier():
    en = triage.load("en") + triage.load("en", heldout=True)
    ko = triage.load("ko") + triage.load("ko", heldout=True)
    assert len(en) >= 300 and len(ko) >= 120
    for cases in (en, ko):
        assert {c.tier for c in cases} == set(triage.TIERS)


def _easing(t) -> None:
    t.say("my left calf")
    for _ in range(300):
        if t.dialogue.question and t.dialogue.question.question.name == "check":
            return
        t.wait(1)
    raise AssertionError("never asked whether it is easing")


def test_a_red_flag_outranks_the_answer_to_is_it_easing(talk):
    t = talk()
    _easing(t)
    assert t.say("no and now my chest hurts") == EMERGENCY
    assert t.run_until_quiet() == []  # coaching has stopped
    assert t.dialogue.question is None


def test_a_red_flag_outranks_the_answer_to_how_bad(talk):
    t = talk()
    t.start()
    t.say("my left calf")
    t.say("it's gone")
    assert t.dialogue.question.question.name == "severity"
    assert t.say("eight and my chest hurts") == EMERGENCY


def test_a_rating_said_with_a_red_flag_is_kept_without_a_word(talk, isolated):
    # The advice outranks the answer, and nothing is said after it; but "eight" was said
    # and is not lost. A bare "no" carries nothing and is not taken as an answer.
    t = talk()
    t.start()
    t.say("my left calf")
    t.say("it's gone")
    assert t.dialogue.question.question.name == "severity"
    assert t.say("eight, and the calf is swollen and hot") == [SAME_DAY,
                                                            "Please call urgent care, "
                                                            "your doctor, or a nurse line."]
    assert t.dialogue.question is None and t.run_until_quiet() == []
    with Journal(isolated) as j:
        assert [e["severity"] for e in j.episodes()] == [8]


def test_a_red_flag_outranks_calf_or_foot(talk):
    t = talk()
    t.say("cramp")
    assert t.say("my leg hurts and I can't get my breath") == EMERGENCY
    assert t.run_until_quiet() == []


def test_stop_inside_a_description_is_not_the_stop_command(talk):
    t = talk()
    t.say("my calf")
    t.wait(5)
    said = t.say("my calf aches when I walk and goes away when I stop")
    assert said[0] == SOON
    assert "Stopping." not in " ".join(said)


def test_someone_else_gets_the_emergency_answer_for_them(talk):
    said = talk().say("my wife is having a fit")
    assert said == ["They need help straight away.", "Please call emergency services now."]


@pytest.mark.parametrize("text", ["there's a faint ache left in my calf", "no chest pain",
                                  "I had a warm bath and it helped", "my calf is still a bit sore"])
def test_ordinary_talk_raises_no_red_flag(talk, text):
    said = talk().say(text)
    assert not {EMERGENCY[0], SAME_DAY, SOON} & set(said)


def test_feeling_faint_alone_gets_one_question_and_yes_gets_the_emergency_answer(talk, isolated):
    t = talk()
    t.start()
    said = t.say("I got up too fast and felt dizzy")
    assert said == ["Do you have chest pain or trouble breathing?"]
    assert t.say("yes") == EMERGENCY
    with Journal(isolated) as j:
        (row,) = j.symptoms()
    assert row["tier"] == "emergency" and "dizzy" in row["symptom"]


def test_no_to_the_question_lets_coaching_carry_on(talk):
    t = talk()
    t.say("my calf")
    t.wait(12)
    assert t.say("I feel a bit dizzy") == ["Do you have chest pain or trouble breathing?"]
    assert t.wait(10) == []  # the holds wait for the answer
    t2 = talk()
    t2.say("my calf")
    t2.wait(12)
    t2.say("I feel a bit dizzy")
    assert t2.say("no") == ["All right. Tell me at once if that changes."]
    assert t2.run_until_quiet()  # coaching resumes


def test_an_unanswered_question_still_says_when_to_call(talk):
    t = talk()
    t.say("I feel light-headed")
    assert "If you get chest pain or trouble breathing, call emergency services." in t.wait(13)


@pytest.mark.parametrize("text", ["my calf is swollen and red", "it's been going for ages",
                                  "I'm so tired in the daytime from being woken by cramps",
                                  "she's not responding"])
def test_a_symptom_is_never_answered_with_say_cramp(talk, text):
    t = talk()
    t.say("my calf")
    t.wait(12)
    assert UNKNOWN not in t.say(text)


def test_every_red_flag_is_kept_with_its_tier(talk, isolated):
    t = talk()
    t.start()
    t.say("my left calf is hot and swollen")
    t.say("I get cramps in my hands too")
    with Journal(isolated) as j:
        rows = j.symptoms()
    assert [r["tier"] for r in rows] == ["same_day", "soon"]
    assert "hot and swollen" in rows[0]["symptom"]


def test_pregnancy_with_one_sided_swelling_is_soon_not_today(talk):
    said = talk().say("I'm pregnant and my left leg is swollen")
    assert said[0] == SOON
    assert not any("today" in s for s in said)
    assert not any("pregnan" in s for s in talk().say("my ankles are puffy"))


def test_korean_red_flag_after_an_answer_word(talk):
    t = talk("ko")
    t.say("왼쪽 종아리")
    for _ in range(300):
        if t.dialogue.question and t.dialogue.question.question.name == "check":
            break
        t.wait(1)
    said = t.say("아니요 그리고 가슴이 아파요")
    assert said == ["바로 도움이 필요해요.", "지금 응급 번호로 전화하세요."]


def test_parse_still_names_the_symptom_intent(talk):
    # `crampcoach parse` is a contract: the phrase-level intent is still declared.
    t = talk()
    assert t.session.matcher.match("my chest hurts").name == "safety.symptom"
    assert "safety.symptom" in t.session.matcher.screened


def test_a_long_cramp_said_in_minutes_is_same_day(talk, clock):
    clock.advance(timedelta(minutes=1).total_seconds())
    assert talk().say("it's been half an hour and it won't let go")[0] == SAME_DAY


def test_say_cramp_is_never_the_answer_mid_routine_or_to_a_description(talk):
    t = talk()
    assert t.say("mumble") == ["Sorry, I didn't catch that.", UNKNOWN]
    said = t.say("something odd is going on with me tonight")
    assert UNKNOWN not in said and said[0] == "Sorry, I didn't catch that."
    t.say("my calf")
    t.wait(12)
    assert t.say("mumble") == ["Sorry, I didn't catch that."]


def test_a_doubtfully_heard_emergency_is_checked_once(talk):
    t = talk()
    t.dialogue.hear("my chest hurts", confidence=0.3)
    assert [s.text for s in t.said] == ["Do you have chest pain?"]
    assert t.say("yes") == EMERGENCY
    t2 = talk()
    t2.dialogue.hear("she's not responding", confidence=0.3)
    assert [s.text for s in t2.said] == ["Is someone having a fit, or not responding?"]
    assert t2.say("no") == ["All right. Tell me at once if that changes."]


def test_the_coachs_own_sentence_heard_back_is_not_a_red_flag(talk):
    t = talk()
    t.say("I feel light-headed")
    t.wait(13)  # "If you get chest pain or trouble breathing, call emergency services."
    assert t.say("if you get chest pain or trouble breathing") == ["Sorry, I didn't catch that.",
        "If something worries you, call a doctor or a nurse line."]
    assert t.say("chest pain") == EMERGENCY  # a person saying it is still heard


def test_see_a_doctor_soon_is_advice_and_the_cramp_is_still_coached(talk, isolated):
    t = talk()
    t.start()
    said = t.say("cramp again in my left calf, third one tonight")
    assert said[0] == SOON  # the advice first, then the coaching
    assert t.dialogue.question is None or t.dialogue.question.question.name != "muscle"
    assert len(said) > 2 and t.run_until_quiet()  # the calf routine runs
    with Journal(isolated) as j:
        (row,) = j.symptoms()
        (episode,) = j.episodes()
    assert row["tier"] == "soon"
    assert episode["muscle"] == "calf" and episode["ended_at"] is None


def test_see_a_doctor_soon_mid_routine_does_not_stop_it(talk, isolated):
    t = talk()
    t.start()
    t.say("my right calf")
    t.wait(12)
    said = t.say("my feet go numb sometimes")
    assert said[0] == SOON and UNKNOWN not in said
    assert t.run_until_quiet()  # the holds carry on
    with Journal(isolated) as j:
        (episode,) = j.episodes()
    assert episode["ended_at"] is None or episode["outcome"] != "stopped"


def test_an_emergency_with_a_cramp_still_stops_the_coaching(talk):
    t = talk()
    t.say("my calf")
    t.wait(12)
    assert t.say("my calf is cramping and my chest hurts") == EMERGENCY
    assert t.run_until_quiet() == []


# -- classes found by the round2 block (benchmarks/data/symptoms_*_round2.tsv) -----------------
def _tier(text: str, language: str = "en") -> str | None:
    from crampcoach.plugins import safety
    from crampcoach.plugins.safety import screening
    from crampcoach.voice import phrasebook

    data = phrasebook.load(Path(safety.__file__).parent, language)
    return screening.screen(text, data, language).tier


@pytest.mark.parametrize("text", [
    "every breath is like breathing through a straw",  # a simile, not "breathing through it"
    "my lungs won't fill properly",
    "my chest feels like an elephant is sitting on it",
    "there's a stabbing pain in my ribs",
    "I'm coughing up pink frothy stuff",
    "my husband's having some sort of fit",
    "her eyes have rolled back",
    "my dad is jerking about",  # someone else jerking: not their leg cramp
    "I came round on the kitchen floor",
    "my grandma dropped and she isn't moving",  # someone else going down
    "my breathing feels strange and my left calf is swollen",  # unclear breathing + a leg sign
])
def test_emergency_described_indirectly(text):
    assert _tier(text) == "emergency"


@pytest.mark.parametrize("text", [
    "I'm breathing through the pain", "my calf is warm from the heat pad",
    "my calf is red where I was massaging it", "I cut my nails last night",
    "my husband is shaking my foot for me",
])
def test_risky_words_in_ordinary_talk(text):
    assert _tier(text) is None


def test_a_cause_explains_warmth_but_never_swelling():
    assert _tier("my left calf is hot and swollen after the bath") == "same_day"
    assert _tier("my calf is hot and red, rubbing didn't help") == "same_day"


@pytest.mark.parametrize(("text", "tier"), [
    ("숨 쉴 수가 없어요", "emergency"),
    ("아들이 눈이 뒤집혔어요", "emergency"),
    ("정신 차려 보니 바닥이었어요", "emergency"),
    ("추워서 몸이 떨려요", None),  # a cause said before the trembling
    ("빨갛거나 붓진 않아요", None),  # a list joined by "or", denied as a whole
    ("뜨겁거나 붓거나 하진 않아요", None),
    ("핫팩 댔더니 종아리가 화끈해요", None),
    ("다리에 힘이 전혀 없어요", "soon"),
    ("혈압약 먹은 뒤로 쥐가 나요", "soon"),
    ("퀴닌 먹는데 붉은 점이 생겼어요", "same_day"),
])
def test_korean_classes(text, tier):
    assert _tier(text, "ko") == tier


@pytest.mark.parametrize(("text", "tier"), [
    ("it's been twenty odd minutes and it's still going", "same_day"),
    ("it's been hours since I went to bed", None),  # the time is about sleep, not the cramp
    ("my breathing feels strange", None),  # alone: one question, not a tier
])
def test_durations_and_unclear_breathing(text, tier):
    assert _tier(text) == tier


@pytest.mark.parametrize(("text", "language", "tier"), [
    ("I'm out of puff", "en", "emergency"),  # breathlessness, not a puffy leg
    ("there's blood in my phlegm", "en", "emergency"),
    ("I'm bringing up blood", "en", "emergency"),
    ("I've had cramps five nights this week", "en", "soon"),
    ("밤에 다리가 간질간질해서 못 자요", "ko", "soon"),  # a tickle, not epilepsy
    ("간질이 있는 남편이 발작을 해요", "ko", "emergency"),
    ("할머니가 축 늘어졌어요", "ko", "emergency"),  # someone else not coming round
    ("가래에 피가 섞여요", "ko", "emergency"),
])
def test_third_probe_classes(text, language, tier):
    assert _tier(text, language) == tier


@pytest.mark.parametrize("text", ["남편이 쓰러져서 안 일어나요", "아내가 쓰러지고 안 깨어나요"])
def test_korean_negation_after_a_joined_verb_denies_the_next_verb_not_the_collapse(talk, text):
    said = talk("ko").say(text)
    assert said[-1] == "지금 응급 번호로 전화하세요.", said


@pytest.mark.parametrize("text", ["아빠가 의식 없어요", "엄마가 쓰러졌는데 의식도 없어요"])
def test_korean_unconscious_without_a_particle_is_an_emergency(talk, text):
    assert talk("ko").say(text)[-1] == "지금 응급 번호로 전화하세요."


def test_a_korean_rating_said_with_a_red_flag_is_kept(talk, isolated):
    t = talk("ko")
    t.start()
    t.say("왼쪽 종아리에 쥐났어")
    t.say("풀렸어")
    assert t.dialogue.question.question.name == "severity"
    said = t.say("여덟이고 왼쪽 종아리가 부었고 뜨거워요")
    assert said[0] == "오늘 진료를 받아 보는 게 좋아요." and len(said) == 2
    with Journal(isolated) as j:
        assert [e["severity"] for e in j.episodes()] == [8]
