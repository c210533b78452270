"""Round 6 classes (issue 12), each with sentences written for these tests, none taken from a
benchmark set: breathlessness said in everyday words, alone and with faintness; gasping; the
urge to move the legs; "passed out" said of sleep; fainting as a figure of speech. English and
Korean: the words are each language's data, the rules are shared (content brief, section 4).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crampcoach.plugins import safety
from crampcoach.plugins.safety import screening
from crampcoach.voice import phrasebook
from tests.rounds import screen_tier

# Breathless said any way: alone an emergency, with faintness too.
BREATHLESS_EVERYDAY = [
    ("totally winded just turning over in bed", "en", "emergency"),
    ("bit winded and woozy, and the calf is still sore", "en", "emergency"),
    ("I'm puffed out from nothing at all", "en", "emergency"),
    ("head's swimming and I can't catch my breath", "en", "emergency"),
    ("숨이 차고 머리가 빙빙 돌아요", "ko", "emergency"),
]

# Gasping: asked about alone; with faintness an emergency; the cramp's jolt is nothing.
GASPING = [
    ("I gasped and now the room is spinning", "en", "emergency"),
    ("I gasped a bit", "en", "check:breath_unclear"),
    ("I gasped when it grabbed my calf", "en", "none"),
    ("헉헉거리는데 어질어질해요", "ko", "emergency"),
    ("헉헉거려요", "ko", "check:breath_unclear"),
]

# Faintness with breathing or a chest that is "not right" is the brief's faintness together
# with breathlessness or chest pain: no question.
FAINT_WITH_UNCLEAR = [
    ("my breathing feels weird and I'm lightheaded", "en", "emergency"),
    ("my chest feels funny and I'm dizzy", "en", "emergency"),
    ("my breathing feels weird", "en", "check:breath_unclear"),
]

# The urge to move the legs (see a doctor soon); a foot moved to ease a cramp is not it.
URGE_TO_MOVE = [
    ("once I'm in bed I can't stop moving my legs", "en", "soon"),
    ("I keep having to jiggle my legs at night", "en", "soon"),
    ("lying down I get an urge to kick them about", "en", "soon"),
    ("I wiggled my foot until the cramp let go", "en", "none"),
    ("my legs cramped and I couldn't stop it", "en", "none"),
    ("밤에 누우면 다리가 안절부절못해요", "ko", "soon"),
    ("다리를 움직여야 좀 편해져요", "ko", "soon"),
    ("발가락을 꼼지락거리니까 쥐가 풀렸어요", "ko", "none"),
    # moving a leg to work the cramp off is coping, not the urge
    ("I had to keep moving it about till the cramp eased", "en", "none"),
    ("during a cramp I have to keep moving, is that normal", "en", "none"),
    ("다리를 자꾸 움직여야 쥐가 풀리더라고요", "ko", "none"),
    ("잘 때 다리를 계속 움직여야 해요", "ko", "soon"),
]

# "Passed out" said of sleep is not a collapse; with only a couch said it is asked about; a
# faint said plainly, or someone who won't wake, stays an emergency.
PASSED_OUT_ASLEEP = [
    ("I passed out in front of the footy last night", "en", "none"),
    ("passed out the moment my head touched the pillow", "en", "none"),
    ("I passed out on the settee", "en", "check:passed_out"),
    ("I passed out in the kitchen", "en", "emergency"),
    ("my dad passed out on the sofa and he won't wake up", "en", "emergency"),
    ("I fainted on the stairs", "en", "emergency"),
    ("I nearly passed out, it hurt so much", "en", "check:faint"),
    ("어제 눕자마자 기절했어요", "ko", "none"),
    ("부엌에서 기절했어요", "ko", "emergency"),
    ("아빠가 기절했어요", "ko", "emergency"),
]

# Figures of speech: the laugh or the boredom said with it.
FIGURES = [
    ("we nearly fainted with laughter", "en", "none"),
    ("I passed out from boredom in that lecture", "en", "none"),
    ("I was laughing so hard I couldn't breathe", "en", "none"),
    ("I was laughing and now I can't breathe", "en", "emergency"),
    ("I fainted, it was in the bathroom", "en", "emergency"),
]


# Wanting something ("gasping for a cuppa") is no breathlessness.
WANTING = [
    ("I'm gasping for a cup of tea after that", "en", "none"),
    ("gasped for a brew once it let go", "en", "none"),
    ("I'm gasping for breath", "en", "emergency"),
]

# A story or a match told: the cue may come well before the sign.
TOLD = [
    ("last week's episode had a nurse running to a patient who had collapsed", "en", "none"),
    ("the pundit reckons the striker went down with cramp", "en", "none"),
    ("I was watching the match and now I can't breathe", "en", "emergency"),
]

# Cramping that comes back again and again and will not ease: severe persistent cramping.
AGAIN_AND_NOT_EASING = [
    ("it cramps again and again and nothing helps", "en", "same_day"),
    ("the cramps come one after another and won't let up", "en", "same_day"),
    ("it comes back now and then but eases quickly", "en", "none"),
    ("I stretched it over and over and it won't ease", "en", "none"),  # one cramp, stretched
    ("쥐가 연거푸 나는데 뭘 해도 안 풀려요", "ko", "same_day"),
    ("여러 번 스트레칭해도 풀리질 않아요", "ko", "none"),
]

# Korean words said without their particle, and nights without a break said other ways.
KO_OTHER_WORDS = [
    ("남편이 의식 잃고 누워 있어요", "ko", "emergency"),
    ("정신 놓지 말고 천천히 펴 보세요", "ko", "none"),
    ("한 달째 빠짐없이 쥐 때문에 깨요", "ko", "soon"),
    ("이틀이 멀다 하고 쥐가 나요", "ko", "soon"),
]


@pytest.mark.parametrize(("text", "language", "tier"),
                         BREATHLESS_EVERYDAY + GASPING + FAINT_WITH_UNCLEAR + URGE_TO_MOVE
                         + PASSED_OUT_ASLEEP + FIGURES + WANTING + TOLD + AGAIN_AND_NOT_EASING
                         + KO_OTHER_WORDS)
def test_round6_classes(text, language, tier):
    assert screen_tier(text, language) == tier


@pytest.mark.parametrize(("language", "said", "asked", "yes", "emergency"), [
    ("en", "I passed out on the couch", "Was that a faint?", "yes",
     "Please call emergency services now."),
])
def test_passed_out_on_the_couch_is_asked_and_yes_is_the_emergency_answer(
        talk, language, said, asked, yes, emergency):
    t = talk(language)
    assert t.say(said) == [asked]
    assert t.say(yes)[-1] == emergency


def test_every_check_has_its_question_in_both_languages():
    for language in ("en", "ko"):
        data = phrasebook.load(Path(safety.__file__).parent, language)
        keys = {spec.get("ask") for spec in data["screen"].get("frames", {}).values()}
        keys |= set(screening.ASK_BACK.values())
        missing = [k for k in keys if k and f"check_{k}" not in data["say"]]
        assert not missing, (language, missing)
