"""Round 7 classes, each with sentences written for these tests, none taken from a benchmark
set. A sign told as a scene (on the TV or radio, in a film, a drama, the news, a game, a book,
a video, by a commentator) raises nothing, to the end of its sentence and inside what is
reported; the speaker's own sign while watching or listening, or a real person's in front of
the TV, keeps its full answer. A fall getting up in the dark (content brief 2): a knock on the
head is worth getting checked today; with being sick, confusion or heavy bleeding, or unable to
get up, it is an emergency (first-aid sense); a fall with no injury said is asked about once,
and a "yes" gets the same-day answer. English and Korean: the words are each language's data,
the rules are shared (content brief, section 4).
"""

from __future__ import annotations

import pytest

from tests.rounds import screen_tier

# In the show, to the end of the sentence and inside what is reported: nothing.
SCENE = [
    ("on the telly they said the old boy collapsed and stopped breathing", "en"),
    ("the woman on the show keeps saying my chest hurts I can't breathe", "en"),
    ("in the game my character got hit and blacked out", "en"),
    ("the commentator says the striker is down and not moving", "en"),
    ("there's a youtube video of a lad having a seizure in a shop", "en"),
    ("on the radio they were talking about a swollen calf and chest pain", "en"),
    ("I'm reading a story about a sailor who coughed up blood", "en"),
    ("watching a film where a man can't breathe and collapses", "en"),
    ("in the hospital drama tonight a nurse had a seizure", "en"),
    ("watching the rugby and the referee went down clutching his chest", "en"),
    ("드라마에 나오는 할머니가 숨을 헐떡이다 쓰러졌어요", "ko"),
    ("야구 중계 보는데 선수가 의식을 잃었어", "ko"),
    ("뉴스에서 할아버지가 가슴을 부여잡고 쓰러지더라", "ko"),
    ("영화 속 주인공이 숨을 못 쉬고 기절했어요", "ko"),
    ("게임에서 내 캐릭터가 쓰러졌어", "ko"),
    ("라디오에서 다리가 붓고 가슴이 아프면 위험하대요", "ko"),
    ("유튜브 영상에서 어떤 남자가 경련을 일으켰어", "ko"),
]

# The speaker's own sign while watching or listening, or a real person's: the full answer.
OWN = [
    ("I was watching the telly and my chest went tight", "en", "emergency"),
    ("watching a film on tv and suddenly I can't get my breath", "en", "emergency"),
    ("listening to the radio when my chest started hurting", "en", "emergency"),
    ("my dad was watching the football on tv and he collapsed", "en", "emergency"),
    ("she keeled over watching the news on the telly", "en", "emergency"),
    ("I got a crushing chest pain watching the match on tv", "en", "emergency"),
    ("on the tv they said it would rain and now I can't breathe", "en", "emergency"),
    ("halfway through the programme my calf went red and swollen", "en", "same_day"),
    ("the telly was on when he collapsed", "en", "emergency"),
    ("I switched off the radio and then she had a fit", "en", "emergency"),
    ("it was on the telly and he collapsed", "en", "emergency"),
    ("there was a documentary on and he suddenly collapsed", "en", "emergency"),
    ("티비 보다가 숨이 차요", "ko", "emergency"),
    ("뉴스 보는데 가슴이 조여요", "ko", "emergency"),
    ("티비에서 드라마 보다가 가슴이 아파요", "ko", "emergency"),
    ("아버지가 티비 앞에서 쓰러졌어요", "ko", "emergency"),
    ("라디오 듣다가 숨을 못 쉬겠어요", "ko", "emergency"),
    ("same as that man on the news, can't breathe", "en", "emergency"),
    ("티비에서 본 것처럼 가슴이 조여요", "ko", "emergency"),
]


@pytest.mark.parametrize(("text", "language"), SCENE)
def test_a_sign_told_as_a_scene_raises_nothing(text, language):
    assert screen_tier(text, language) == "none"


@pytest.mark.parametrize(("text", "language", "tier"), OWN)
def test_ones_own_sign_while_watching_keeps_its_answer(text, language, tier):
    assert screen_tier(text, language) == tier


# Falls: a knock on the head, today; with its warning signs, now; no injury said, one question.
FALLS = [
    ("stood up too quick, went over and smacked my head on the wardrobe", "en", "same_day"),
    ("I lost my balance and knocked my head against the radiator", "en", "same_day"),
    ("fell over in the dark and now there's a lump on my head", "en", "same_day"),
    ("took a tumble getting up and hurt my hip", "en", "same_day"),
    ("I fell and banged my head and I've been sick twice", "en", "emergency"),
    ("my husband slipped and hit his head and he's slurring", "en", "emergency"),
    ("I've fallen by the bed and I can't get up", "en", "emergency"),
    ("I tripped on the rug and cut my head, there's blood everywhere", "en", "emergency"),
    ("I stumbled getting out of bed", "en", "check:fall"),
    ("I slipped on the way to the loo", "en", "check:fall"),
    ("I rolled and fell off the bed with it", "en", "check:fall"),
    ("the sheet fell off the bed", "en", "none"),
    ("I nearly fell when I stood on it", "en", "none"),
    ("I fell back asleep after it eased", "en", "none"),
    ("the duvet fell on the floor", "en", "none"),
    ("I'm worried I'll fall if I stand", "en", "none"),
    ("I didn't fall, I sat on the edge of the bed", "en", "none"),
    ("발 디디다가 미끄러져서 머리를 바닥에 찧었어요", "ko", "same_day"),
    ("넘어지면서 이마를 부딪쳤어", "ko", "same_day"),
    ("넘어져서 머리를 박았는데 속이 울렁거리고 토할 것 같아요", "ko", "emergency"),
    ("할머니가 넘어져서 머리를 다치셨는데 횡설수설하세요", "ko", "emergency"),
    ("넘어져서 일어날 수가 없어요", "ko", "emergency"),
    ("일어서다가 미끄러졌어요", "ko", "check:fall"),
    ("넘어질 뻔했어요", "ko", "none"),
    ("베개가 바닥에 떨어졌어요", "ko", "none"),
]


@pytest.mark.parametrize(("text", "language", "tier"), FALLS)
def test_falls(text, language, tier):
    assert screen_tier(text, language) == tier


@pytest.mark.parametrize(("language", "calf", "fell", "asked", "yes", "today"), [
    ("en", "my left calf", "I fell when I stood up", "Did anyone get hurt, or hit their head?",
     "yes", "That is worth getting checked today."),
    ("ko", "왼쪽 종아리", "일어나다가 넘어졌어요", "다치거나 머리를 부딪친 사람이 있나요?", "네",
     "오늘 진료를 받아 보는 게 좋아요."),
])
def test_a_fall_mid_routine_is_asked_about_and_yes_gets_the_same_day_answer(
        talk, language, calf, fell, asked, yes, today):
    t = talk(language)
    t.say(calf)
    t.wait(12)
    assert t.say(fell) == [asked]
    said = t.say(yes)
    assert today in said
    assert not any("emergency" in s or "응급" in s for s in said)


def test_a_fall_mid_routine_with_a_head_knock_gets_the_same_day_answer(talk):
    t = talk("en")
    t.say("my left calf")
    t.wait(12)
    said = t.say("I fell when I stood up and hit my head")
    assert "That is worth getting checked today." in said
    assert not any(s.startswith("Has it let go") for s in said)
