"""Korean, round 15b by class: the back of the knee (오금) as the back of the thigh, the end
of a cramp said many ways (gone, gone out, what was hard let go, the toes straightened, saved),
the step asked again (explained again, what was it you said to do), the coaching turned off,
more time for each hold, what is done standing named as a thing one cannot do, how long with
동안, no cramp at all with the undo, the week compared, whether to drink more, a stretch said
as lengthening, and the hedge -기도 하고.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from tests import test_korean_text
from tests.rounds import benchmark_rows_among, sentences_of

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said

CLASSES = {
    "back of the knee": [
        ("오금에 쥐가 났어요", "cramp.report", {"muscle": "hamstring"}),
        ("오른쪽 오금이 땡겨 죽겠어", "cramp.report", {"side": "right", "muscle": "hamstring"}),
        ("왼쪽 무릎 뒤쪽에 쥐났어", "cramp.report", {"side": "left", "muscle": "hamstring"}),
    ],
    "over": [
        ("쥐가 싹 갔어요", "cramp.over", {}),
        ("이제 쥐 다 나갔네", "cramp.over", {}),
        ("뭉쳤던 게 이제 다 풀렸네", "cramp.over", {}),
        ("땡기던 거 풀렸어요", "cramp.over", {}),
        ("발가락이 다 펴졌네", "cramp.over", {}),
        ("어휴 이제 살았네", "cramp.over", {}),
    ],
    "repeat": [
        ("다시 설명해 주세요", "coach.repeat", {}),
        ("어떻게 하라고 했지", "coach.repeat", {}),
        ("뭐 하라고 했더라 다시", "coach.repeat", {}),
    ],
    "stop": [
        ("이제 코칭 꺼 줘요", "coach.stop", {}),
        ("코칭은 중단해 주세요", "coach.stop", {}),
    ],
    "slower": [
        ("좀 더 길게 버텨 볼게", "coach.slower", {}),
        ("시간 좀 더 줘", "coach.slower", {}),
    ],
    "cannot stand": [
        ("일어서서 하는 건 못 하겠어요", "coach.alternative", {"limit": "stand"}),
        ("어지러워서 서서 하는 거 못 해", "coach.alternative", {"limit": "stand"}),
    ],
    "how long": [
        ("쥐 얼마 동안 갔어요", "status.elapsed", {}),
    ],
    "no cramp at all": [
        ("아까 그거 쥐 아니었어 지워", "log.undo", {}),
        ("쥐 아니었어 취소해", "log.undo", {}),
    ],
    "morning": [
        ("저번 주보다 쥐가 줄었어?", "summary.request", {}),
        ("지난달보다 많이 줄었나", "summary.request", {}),
        ("물 많이 마시는 게 좋아?", "tips.request", {}),
        ("자기 전에 다리 늘리기 해 볼까", "tips.bedtime_stretch", {}),
        ("잠자기 전에 허벅지 늘리는 거 하자", "tips.bedtime_stretch", {}),
    ],
    "unsure": [
        ("글쎄 나아진 것 같기도 하고", "answer.unsure", {}),
        ("풀린 것 같기도 하고", "answer.unsure", {}),
        ("음 풀린 거 같기도 하고 아닌 거 같기도 하고", "answer.unsure", {}),
    ],
}


@pytest.mark.parametrize("text, intent, slots",
                         [row for rows in CLASSES.values() for row in rows])
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text", [
    "서울에 살았어",          # lived there: no relief
    "휴 살았다",              # said alone, the idiom is too short to tell
    "쥐가 밖으로 나갔어요",    # a mouse going out
    "다리 폈어요",            # the leg straightened for the stretch
    "무릎 폈어",
    "불 좀 꺼 줘",            # the light, not the coaching
])
def test_not_taken(ko, text):
    assert said(ko, text)[0] is None


def test_the_usual_readings_hold(ko):
    # Words declared for these classes must not change how the older ones are read.
    assert said(ko, "얼마나 됐어요")[0] == "status.elapsed"
    assert said(ko, "많이 나아졌어요")[0] == "cramp.over"
    assert said(ko, "음 아니다 됐어")[0] == "chat.never_mind"
    assert said(ko, "자기 전에 하는 스트레칭 좀 알려 줘")[0] == "tips.bedtime_stretch"


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES), "ko") == []
