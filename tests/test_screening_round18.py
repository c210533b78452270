"""Round 18 classes (triage round7, Korean): how people describe a sign or deny it, and the
ordinary talk beside it that must raise nothing. Sentences written for these tests, none a row of
any benchmark.

- chest pain told as a catch, a stitch (결리다: "숨 쉴 때마다 가슴이 결려요"): chest pain, an
  emergency, also beside a swollen calf;
- "not only" ("다리만 아니고", "다리뿐만 아니라") adds another place, it denies nothing: cramps in
  the belly or back too are other muscles (soon);
- frequent cramps told as past and then said to have become rare ("전엔 밤마다 났었는데 요새는
  뜸해"): nothing now; still so now ("요즘도 그래요"), or starting then ("지난주부터"), they stay
  soon;
- the world gone dark before the eyes (눈앞이 캄캄) with the room's dark said as its cause ("불
  꺼 놔서 그런 거였어"): no blackout; said alone, or after only turning the light off, it stays one.

The blackout class holds in English too ("everything went black … the power cut"), and a cramp
that keeps coming back "for the last hour" is an hour of it (same day), as "for an hour" was.
"""

from __future__ import annotations

import pytest

from tests.rounds import benchmark_rows_among, screen_tier, spoken, symptom_rows

CLASSES: dict[str, list[tuple[str, str]]] = {
    "chest pain told as a catch (결리다)": [
        ("숨을 들이쉴 때마다 가슴이 결려요", "emergency"),
        ("가슴 한가운데가 콕 결리네", "emergency"),
        ("다리가 퉁퉁 붓고 숨 쉬면 가슴이 결려", "emergency"),
        ("왼쪽 가슴이 결리고 숨이 잘 안 쉬어져요", "emergency"),
    ],
    "a catch that is not the chest, or denied": [
        ("옆구리가 좀 결려요", "none"),
        ("어깨가 결려서 잠을 잘못 잤나 봐", "none"),
        ("가슴은 하나도 안 결려요", "none"),
    ],
    "not only, another place too (만 아니고, 뿐만 아니라)": [
        ("종아리만 아니고 팔에도 쥐가 나요", "soon"),
        ("다리뿐만 아니라 손에도 쥐가 자꾸 나", "soon"),
        ("쥐가 발만이 아니라 등까지 올라와", "soon"),
        ("가슴만 아니고 숨도 차요", "emergency"),
    ],
    "a plain denial stays a denial": [
        ("팔에는 쥐 안 나요 다리만 그래요", "none"),
        ("숨만 안 차면 괜찮아요", "none"),
    ],
    "frequent cramps told as past, become rare": [
        ("전엔 밤마다 쥐가 났었는데 요새는 뜸해", "none"),
        ("저번 달에는 거의 매일 쥐가 났는데 이제는 잘 안 나요", "none"),
        ("그땐 자주 쥐가 났지만 요즘은 많이 줄었어", "none"),
    ],
    "frequent cramps still now, or from then on": [
        ("지난주엔 밤마다 쥐가 났는데 요즘도 그래요", "soon"),
        ("저번 주부터 밤마다 쥐가 나요", "soon"),
        ("지난달엔 괜찮았는데 이번 달엔 쥐가 매일 나", "soon"),
        ("요새 쥐가 자주 나서 잠을 설쳐", "soon"),
    ],
    "the room dark said as the cause (눈앞이 캄캄 + 불 꺼서)": [
        ("눈앞이 깜깜하길래 놀랐는데 정전돼서 그랬던 거야", "none"),
        ("일어나니까 눈앞이 캄캄했는데 방이 어두워서 그런 거였어", "none"),
        ("눈앞이 까매서 뭔가 했더니 불이 나가서 그랬네", "none"),
    ],
    "a blackout stays one": [
        ("갑자기 눈앞이 캄캄해지더니 정신이 없어", "emergency"),
        ("불 끄고 누웠는데 눈앞이 캄캄해지면서 몸이 안 움직여", "emergency"),
        ("눈앞이 깜깜해졌어요", "emergency"),
    ],
}


# The same classes in English, and a cramp that keeps coming back "for the last hour".
EN_CLASSES: dict[str, list[tuple[str, str]]] = {
    "the room dark said with it": [
        ("it all went black for a moment but that was just the power cut", "none"),
        ("everything went dark, the bulb had blown in the hall", "none"),
        ("I got up and everything went black, the lights were off downstairs", "none"),
    ],
    "a blackout stays one": [
        ("everything went dark and then I was on the floor", "emergency"),
        ("I turned the light off and then everything went black for a bit", "emergency"),
        ("my vision went black when I stood up", "emergency"),
    ],
    "a cramp on and off for the last hour": [
        ("my calf has been seizing up on and off for the last hour", "same_day"),
        ("it keeps knotting up again for the past hour and won't settle", "same_day"),
        ("I've had two short cramps in the last hour", "none"),
    ],
}


@pytest.mark.parametrize(("text", "tier"), [
    pytest.param(t, tier, id=f"{cls}: {t}") for cls, rows in CLASSES.items() for t, tier in rows])
def test_round18_classes(text, tier):
    assert screen_tier(text, "ko") == tier


@pytest.mark.parametrize(("text", "tier"), [
    pytest.param(t, tier, id=f"{cls}: {t}")
    for cls, rows in EN_CLASSES.items() for t, tier in rows])
def test_round18_classes_in_english(text, tier):
    assert screen_tier(text, "en") == tier


def test_no_test_sentence_is_a_benchmark_row():
    rows = symptom_rows()
    ko = [t for rows_ in CLASSES.values() for t, _ in rows_]
    en = [t for rows_ in EN_CLASSES.values() for t, _ in rows_]
    assert [t for t in ko + en if spoken(t) in rows] == []
    assert benchmark_rows_among(ko, "ko") == [] and benchmark_rows_among(en, "en") == []
