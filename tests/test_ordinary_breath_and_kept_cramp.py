"""Ordinary 3 a.m. talk about breathing that is no emergency, and a cramp said in the same breath
as a red flag (found by a black-box review, /work/helpers/r18/HUNT.md findings 7 and 10).
Sentences written for these tests, none a row of any benchmark.

- breath lost for a moment to the pain, and said to be back now: asked about once
  (breath_unclear), not "call emergency services"; not said to be back, it stays an emergency;
- out of breath with an everyday cause said ("coming up the stairs"): asked about once; said to be
  new, or at rest, it stays an emergency, and with a swollen leg it is one;
- snoring, or breath that stops in one's sleep as a bed partner tells it: a doctor soon; someone
  not breathing now, or not waking, stays an emergency;
- "my wife says I…": the sign is the speaker's own, not someone else's;
- a cramp said with a red flag that takes the turn is logged (closed as stopped), and the coach
  says it starts no stretches; never twice for the cramp the flag has just stopped.
"""

from __future__ import annotations

import pytest

from crampcoach.plugins.journal.store import Journal
from tests.rounds import benchmark_rows_among, screen_tier, spoken, symptom_rows

EN: dict[str, list[tuple[str, str]]] = {
    "breath lost for a moment to the pain, back now": [
        ("it was so painful i couldn't get a breath for a moment but i'm okay now",
         "check:breath_unclear"),
        ("for a few seconds i could not breathe with the pain, i'm breathing fine now",
         "check:breath_unclear"),
    ],
    "breath lost, not said to be back": [
        ("i couldn't breathe for a moment and it's still hard", "emergency"),
        ("it hurts so much i can't breathe", "emergency"),
        ("i couldn't breathe for a moment, i'm not okay now", "emergency"),
    ],
    "out of breath with an everyday cause": [
        ("i'm a bit out of breath from rushing up the stairs to the loo", "check:breath_unclear"),
        ("puffed out after climbing the stairs that's all", "check:breath_unclear"),
    ],
    "out of breath, new or at rest, or with a leg sign": [
        ("i get out of breath on the stairs lately and i never used to", "emergency"),
        ("i'm just lying in bed and i'm out of breath like i ran up the stairs", "emergency"),
        ("out of breath from the stairs and one calf has gone all swollen", "emergency"),
    ],
    "breathing in one's sleep, told by a partner": [
        ("my husband says i snore and stop breathing at night", "soon"),
        ("apparently i was gasping in my sleep, she says it's the snoring", "soon"),
    ],
    "someone not breathing now stays an emergency": [
        ("my wife snores but now she isn't breathing and won't wake up", "emergency"),
        ("he's not breathing", "emergency"),
        ("my husband's snoring is driving me mad", "none"),
    ],
}

KO: dict[str, list[tuple[str, str]]] = {
    "breath lost for a moment to the pain, back now": [
        ("너무 아파서 순간 숨이 안 쉬어졌는데 지금은 괜찮아", "check:breath_unclear"),
    ],
    "breath lost, not said to be back": [
        ("순간 숨이 안 쉬어졌어요", "emergency"),
    ],
    "out of breath with an everyday cause": [
        ("화장실 갔다가 계단을 올라와서 숨이 좀 찹니다", "check:breath_unclear"),
    ],
    "out of breath, new or at rest": [
        ("요즘은 계단 몇 걸음만 올라도 숨이 차요", "emergency"),
    ],
    "breathing in one's sleep, told by a partner": [
        ("아내가 그러는데 제가 코를 심하게 골고 숨을 멈춘대요", "soon"),
    ],
}


@pytest.mark.parametrize(("text", "tier"), [
    pytest.param(t, tier, id=f"{cls}: {t}") for cls, rows in EN.items() for t, tier in rows])
def test_english(text, tier):
    assert screen_tier(text, "en") == tier


@pytest.mark.parametrize(("text", "tier"), [
    pytest.param(t, tier, id=f"{cls}: {t}") for cls, rows in KO.items() for t, tier in rows])
def test_korean(text, tier):
    assert screen_tier(text, "ko") == tier


def test_a_partner_telling_of_the_speaker_is_about_the_speaker():
    from crampcoach.plugins import safety
    from crampcoach.plugins.safety import screening
    from crampcoach.voice import phrasebook

    data = phrasebook.load(safety.HERE, "en") or {}
    assert not screening.screen("my wife says my leg keeps twitching", data, "en").about_other
    assert screening.screen("my wife says her leg keeps twitching", data, "en").about_other


def test_no_test_sentence_is_a_benchmark_row():
    en = [t for rows in EN.values() for t, _ in rows]
    ko = [t for rows in KO.values() for t, _ in rows]
    assert benchmark_rows_among(en, "en") == [] and benchmark_rows_among(ko, "ko") == []
    rows = symptom_rows()
    assert [t for t in en + ko if spoken(t) in rows] == []


HELD = "I won't start the stretches for now. Say cramp if you want them."


def _episodes(data) -> list[dict]:
    with Journal(data) as j:
        return j.episodes()


def test_a_cramp_said_with_a_same_day_sign_is_logged_and_not_coached(talk, isolated):
    t = talk()
    t.start()
    said = t.say("my right calf has cramped up and i think it looks a bit swollen")
    assert said[-1] == HELD
    assert "Hold" not in " ".join(said)
    eps = _episodes(isolated)
    assert [(e["side"], e["muscle"], e["ended_by"]) for e in eps] == [("right", "calf", "stopped")]
    # "next" later is told the stretches were stopped, not coached.
    assert t.say("next") == ["I've stopped the stretches. Say cramp if you want them again."]


def test_a_cramp_said_with_an_emergency_sign_is_logged_without_a_word_more(talk, isolated):
    t = talk()
    t.start()
    said = t.say("my left foot is cramping and my chest feels crushed")
    assert said == ["That needs help straight away.", "Please call emergency services now."]
    assert [(e["side"], e["muscle"]) for e in _episodes(isolated)] == [("left", "foot")]


def test_the_cramp_a_flag_has_just_stopped_is_not_logged_twice(talk, isolated):
    t = talk()
    t.start()
    t.say("cramp in my left calf")
    said = t.say("my calf is cramping and it's swollen and hot")
    assert HELD not in said
    assert len(_episodes(isolated)) == 1


def test_a_past_cramp_with_a_sign_logs_nothing_new(talk, isolated):
    t = talk()
    t.start()
    t.say("last week i had a cramp and now my calf is swollen and red")
    assert _episodes(isolated) == []


@pytest.mark.parametrize("said", ["my left calf is swollen and red and hot",
                                  "오른쪽 종아리가 퉁퉁 붓고 빨개요"])
def test_a_place_named_with_a_sign_logs_no_cramp(talk, isolated, said):
    t = talk("ko" if said[0] > "z" else "en")
    t.start()
    out = t.say(said)
    assert not any("start the stretches" in line or "스트레칭을 시작" in line for line in out)
    assert _episodes(isolated) == []
