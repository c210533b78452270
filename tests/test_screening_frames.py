"""How a sign is told: as now, or in a frame that makes it no red flag now (the past, a
general question, the television, a figure of speech), and tingling right after a cramp let
go. Each class in English and Korean, with the real sign beside it still raised (sentences
written for these tests; none taken from the benchmark sets). Tiers: content brief, section 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crampcoach.plugins import safety
from crampcoach.plugins.safety import screening
from crampcoach.voice import phrasebook


def _verdict(text: str, language: str) -> screening.Verdict:
    return screening.screen(text, phrasebook.load(Path(safety.__file__).parent, language),
                            language)


def _got(text: str, language: str) -> str:
    v = _verdict(text, language)
    return v.tier or ("check" if v.check else "none")


# Tingling, pins and needles, 얼얼/저릿/찌릿 right after the cramp let go: its aftermath.
# Numbness that lasts or keeps coming is still numbness (see a doctor soon).
AFTERMATH = [
    ("it's let go now, just a bit of pins and needles", "en", "none"),
    ("the cramp's gone and my toes are tingly", "en", "none"),
    ("it released but the calf is tingling a little", "en", "none"),
    ("after the cramp my foot was tingling for a minute", "en", "none"),
    ("it's eased, still a bit tender and tingly", "en", "none"),
    ("my foot went numb", "en", "soon"),  # "went" here is no easing
    ("it's gone all tingly and numb down my shin", "en", "soon"),
    ("the cramp's gone but my foot's been numb for days", "en", "soon"),
    ("it let go but my toes are numb all the time lately", "en", "soon"),
    ("쥐 풀렸는데 종아리가 좀 얼얼하네요", "ko", "none"),
    ("다 풀렸어 발바닥이 좀 저릿해", "ko", "none"),
    ("풀리고 나니까 다리가 찌릿찌릿해요", "ko", "none"),
    ("쥐가 풀린 뒤로 좀 얼얼하고 뻐근합니다", "ko", "none"),
    ("쥐는 풀렸는데 발이 며칠째 저려요", "ko", "soon"),
    ("풀렸는데 요즘 발끝이 늘 저려요", "ko", "soon"),
    ("발이 저리고 감각이 없어요", "ko", "soon"),
]

# Told as the past, with nothing said of now; a present cue brings it back to now.
PAST = [
    ("I used to get chest pains years back", "en", "none"),
    ("I blacked out once as a teenager", "en", "none"),
    ("when I was pregnant one ankle swelled right up", "en", "none"),
    ("I had a seizure in 2015", "en", "none"),
    ("I used to have numbness in my toes", "en", "none"),
    ("I had a clot last year and now my chest hurts", "en", "emergency"),
    ("my calf looks thinner than it used to", "en", "soon"),
    ("years ago I had a clot, now my left calf is swollen and red", "en", "same_day"),
    ("어렸을 때 기절한 적이 있어요", "ko", "none"),
    ("작년에 숨쉬기 힘들었던 적 있어", "ko", "none"),
    ("예전엔 발이 자주 저렸어요", "ko", "none"),
    ("예전에 혈전이 있었는데 지금 가슴이 답답해요", "ko", "emergency"),
    ("작년에 쓰러졌는데 오늘 또 쓰러졌어요", "ko", "emergency"),
]

# A general question about cramps: no tier; an emergency sign in it is asked back once.
ASKED = [
    ("what if I can't breathe in the night", "en", "check"),
    ("can cramps make you collapse", "en", "check"),
    ("can a cramp go on for twenty minutes", "en", "none"),
    ("is it bad if your ankle swells", "en", "none"),
    ("what if it's a clot and I can't breathe, my chest is tight right now", "en", "emergency"),
    ("숨이 막히면 어떡해요", "ko", "check"),
    ("쥐가 한 시간 갈 수도 있나요", "ko", "none"),
    ("가슴이 아프면 119 불러야 돼요", "ko", "check"),
    ("숨을 못 쉬겠어요 어떡해요", "ko", "emergency"),  # a cry for help, not a question
    ("누우면 숨이 차요", "ko", "emergency"),  # "when I lie down": a real condition
]

# On the television; a figure of speech; the time of something done.
NOT_NOW = [
    ("a man collapsed on the telly and my calf went", "en", "none"),
    ("there was a documentary where someone had a seizure", "en", "none"),
    ("I was watching telly and my chest started hurting", "en", "emergency"),
    ("it was such a heart attack of a cramp", "en", "none"),
    ("it nearly gave me a heart attack", "en", "none"),
    ("I feel like I'm having a heart attack", "en", "emergency"),
    ("the cramp took my breath away", "en", "none"),
    ("I can't get my breath, it's that bad", "en", "emergency"),
    ("I was out cold, sound asleep, when it hit", "en", "none"),
    ("my husband is out cold on the floor", "en", "emergency"),
    ("it keeps coming back, the cramp", "en", "none"),
    ("I get cramps in my back as well", "en", "soon"),
    ("I walked for an hour this afternoon", "en", "none"),
    ("I rubbed it for twenty minutes and it's still tight", "en", "same_day"),
    ("it cramped for twenty minutes while I was walking", "en", "same_day"),
    ("드라마에서 누가 발작하는 장면 봤어요", "ko", "none"),
    ("뉴스 보다가 가슴이 아파요", "ko", "emergency"),
    ("숨 막히는 줄 알았어", "ko", "none"),
    ("숨이 막혀요 진짜로", "ko", "emergency"),
    ("경련하듯이 쥐가 확 올라왔어요", "ko", "none"),
    ("아침에 한 시간 산책했어요", "ko", "none"),
    ("쥐가 이십 분째 안 풀려요", "ko", "same_day"),
]

# Found by the second probe: more ways to say the same classes.
SECOND_PROBE = [
    ("that's passed, my heel is a bit fizzy", "en", "none"),  # aftermath, said "fizzy"
    ("my feet fizz and tingle all evening every day", "en", "soon"),
    ("numb for a second after it let go, fine now", "en", "none"),
    ("I haven't got any chest pain or anything like that", "en", "none"),
    ("I've never had chest pain like this", "en", "emergency"),
    ("my grandad died of a heart attack", "en", "none"),
    ("I stood at work for nine hours", "en", "none"),
    ("할머니가 뇌졸중으로 돌아가셨어요", "ko", "none"),
    ("할아버지가 심장마비가 와서 쓰러지셨어요", "ko", "emergency"),
    ("숨도 못 쉬는 줄 알았네", "ko", "none"),
    ("열다섯 분째 안 풀려요", "ko", "same_day"),
    ("스무 분 넘게 쥐가 나 있어요", "ko", "same_day"),
    ("쥐가 오래 가면 안 좋은 거예요?", "ko", "none"),
]

# A denial denied says the sign is there; a denial alone is still a denial.
DOUBLE_NEGATION = [
    ("가슴이 안 아픈 건 아니에요", "ko", "emergency"),
    ("숨이 안 찬 건 아닌데 조금이에요", "ko", "emergency"),
    ("숨 못 쉬는 건 아니에요", "ko", "none"),
    ("가슴 통증 같은 건 없어요", "ko", "none"),
    ("I can't say my chest doesn't hurt", "en", "emergency"),
    ("my chest doesn't hurt", "en", "none"),
]

OK = {"emergency": {"emergency"}, "same_day": {"same_day"}, "soon": {"soon", "same_day"},
      "none": {"none", "check"}, "check": {"check"}}


@pytest.mark.parametrize(("text", "language", "tier"),
                         AFTERMATH + PAST + ASKED + NOT_NOW + SECOND_PROBE + DOUBLE_NEGATION)
def test_how_a_sign_is_told(text, language, tier):
    assert _got(text, language) in OK[tier], (text, _got(text, language))


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_question_asked_back_is_one_the_plugin_can_say(language):
    say = phrasebook.load(Path(safety.__file__).parent, language)["say"]
    for key in set(screening.ASK_BACK.values()):
        assert f"check_{key}" in say


@pytest.mark.parametrize(("text", "language", "asked"), [
    ("what if I start coughing up blood", "en", "coughing_blood"),
    ("what if my chest starts hurting", "en", "chest_unclear"),
    ("피를 토하면 어떡해요", "ko", "coughing_blood"),
])
def test_a_sign_only_asked_about_is_asked_back(text, language, asked):
    v = _verdict(text, language)
    assert v.tier is None and v.check == asked


# Round 5's classes (benchmarks/data/symptoms_*_round5.tsv, its development part), each said
# other ways here: times of day, severe cramping that goes on, a stiff jaw after a wound, a
# leg twice the size, a catch in the chest with each breath, a list denied as a whole.
ROUND5_CLASSES = [
    ("it started at twenty past two and it's ten to three now, still cramping", "en", "same_day"),
    ("since 3am, it's now 3:15 and it won't let go", "en", "same_day"),
    ("it started at three and it was gone by two minutes past", "en", "none"),
    ("I woke at two with one and then at four with another", "en", "none"),
    ("I went to bed at eleven and it woke me at three", "en", "none"),
    ("it's been going since I woke up, a good half hour, still cramping", "en", "same_day"),
    ("I couldn't get back to sleep for an hour afterwards", "en", "none"),
    ("it's agonising and it just keeps going", "en", "same_day"),
    ("it won't let go", "en", "none"),  # any cramp, said in its first minute
    ("my jaw feels locked and my legs keep cramping", "en", "same_day"),
    ("my jaw's stiff from clenching it", "en", "none"),
    ("my right calf is twice the size of the left", "en", "same_day"),
    ("there's a catch in my chest with every breath", "en", "emergency"),
    ("my calves ached after the long walk yesterday", "en", "none"),
    ("my calves hurt when I walk and ease when I stop", "en", "soon"),
    ("두 시 십 분에 시작했는데 지금 두 시 반이에요 아직 안 풀려요", "ko", "same_day"),
    ("3시부터 쥐가 났는데 벌써 3시 반이야", "ko", "same_day"),
    ("두 시에 깼다가 네 시에 또 쥐가 났어요", "ko", "none"),
    ("세 시에 쥐가 나서 세 시 오 분에 풀렸어요", "ko", "none"),
    ("쥐가 너무 심한데 멈추지를 않아요", "ko", "same_day"),
    ("아직도 안 풀려요", "ko", "none"),
    ("턱이 굳고 다리에 계속 쥐가 나요", "ko", "same_day"),
    ("한쪽 종아리가 보랏빛이 됐고 아파요", "ko", "same_day"),
    ("숨차거나 가슴 답답한 건 없어요", "ko", "none"),
    ("어지럽거나 숨쉬기 힘들거나 그런 건 없어요", "ko", "none"),
    ("산책 다녀와서 종아리가 뻐근해요", "ko", "none"),
]


@pytest.mark.parametrize(("text", "language", "tier"), ROUND5_CLASSES)
def test_round5_classes(text, language, tier):
    assert _got(text, language) in OK[tier], (text, _got(text, language))
