"""Korean, round 19 by class: a part that is not the leg said not to hurt ("가슴은 안 아파요",
"머리는 괜찮아", "숨은 잘 쉬어져요") is a no to what was asked of it, never the cramp let go; at
"쥐가 풀렸나요?" the stretch goes on, and the calf named after it is the same cramp.

Own sentences, none of them the benchmark's (benchmarks/data/ko_phrasings.tsv).
"""

from __future__ import annotations

import pytest

from crampcoach.plugins.journal.store import Journal
from tests import test_korean_text
from tests.rounds import benchmark_rows_among, class_params, sentences_of

ko = test_korean_text.ko  # the Korean matcher, built once per module
said = test_korean_text.said

CHECK = "쥐가 풀렸나요?"
OVER = "다행이에요. 쥐가 풀렸어요."

CLASSES = {
    "a part that is not the leg said not to hurt: a no, not the cramp let go": [
        ("가슴은 하나도 안 아파요", "answer.no", {}),
        ("머리는 괜찮아요", "answer.no", {}),
        ("숨은 이제 잘 쉬어져", "answer.no", {}),
        ("허리는 멀쩡해요", "answer.no", {}),
        ("배는 안 아파", "answer.no", {}),
        ("심장은 안 조여요", "answer.no", {}),
    ],
}

KEPT = [  # the leg, or nothing, said not to hurt is still the cramp let go; red flags stay
    ("이제는 전혀 안 아파요", "cramp.over", {}),
    ("다리 이제 괜찮아요", "cramp.over", {}),
    ("종아리 안 아파", "cramp.over", {}),
    ("가슴은 안 아픈데 숨이 차요", "safety.symptom", {"symptom": "breathless"}),
    ("머리는 괜찮은데 가슴이 조여요", "safety.symptom", {"symptom": "chest_pain"}),
    ("숨쉬기가 힘들어 죽겠어", "safety.symptom", {"symptom": "breathless"}),
    ("숨이 잘 안 쉬어져요", "safety.symptom", {"symptom": "breathless"}),
    # a new cramp said after a part denied is a report, no correction
    ("배는 괜찮은데 오른쪽 종아리에 쥐 났어", "cramp.report", {"side": "right", "muscle": "calf"}),
]


@pytest.mark.parametrize("text, intent, slots", class_params(CLASSES))
def test_class(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


@pytest.mark.parametrize("text, intent, slots", KEPT)
def test_kept(ko, text, intent, slots):
    assert said(ko, text) == (intent, slots)


def test_no_test_sentence_is_a_benchmark_row():
    assert benchmark_rows_among(sentences_of(CLASSES) + [t for t, _, _ in KEPT], "ko") == []


@pytest.mark.parametrize("denial", ["가슴은 안 아파요", "머리는 괜찮아", "숨은 잘 쉬어져요"])
def test_another_part_denied_at_the_check_is_no_end_and_the_calf_is_the_same_cramp(
        talk, isolated, denial):
    t = talk(language="ko")
    t.start()
    t.say("왼쪽 종아리에 쥐났어")
    assert t.run_until_quiet()[-1] == CHECK
    assert OVER not in t.say(denial)
    assert OVER not in t.say("그냥 종아리야")
    with Journal(isolated) as j:
        assert len(j.episodes()) == 1
