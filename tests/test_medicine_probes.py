"""Probe sentences for starting, stopping and not naming a medicine, written and labelled
before the profile's templates were read (phrasings after patient forums and Q&A pages on
statins, water pills and blood-pressure tablets, in our own words). Each is run through the
dialogue with a profile that already holds four medicines.

Labels: ("stop", name or None) a medicine stopped, by name or to be asked;
("start", name or None) one started; ("unnamed", None) an answer to "Which medicine is it?"
that gives no name; ("named", name) one that does; ("none", None) nothing about medicines.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from crampcoach.plugins.profile import store

KNOWN = {"en": ["atorvastatin", "simvastatin", "furosemide", "amlodipine"],
         "ko": ["아토르바스타틴", "심바스타틴", "푸로세미드", "암로디핀"]}

EN = [
    ("I stopped taking atorvastatin", "stop", "atorvastatin"),
    ("the doctor took me off simvastatin", "stop", "simvastatin"),
    ("my doctor stopped my statin", "stop", None),
    ("I'm not on the water pill anymore", "stop", None),
    ("I quit the simvastatin a week ago", "stop", "simvastatin"),
    ("I've come off furosemide", "stop", "furosemide"),
    ("my GP told me to stop the amlodipine", "stop", "amlodipine"),
    ("I don't take atorvastatin any more", "stop", "atorvastatin"),
    ("I stopped my blood pressure pills", "stop", None),
    ("I stopped a medicine", "stop", None),
    ("no longer taking furosemide", "stop", "furosemide"),
    ("the cardiologist took me off amlodipine", "stop", "amlodipine"),
    ("my doctor had me stop the atorvastatin", "stop", "atorvastatin"),
    ("I've been off the statin for a week", "stop", None),
    ("I gave up the simvastatin", "stop", "simvastatin"),
    ("my doctor put me on something new for blood pressure", "start", None),
    ("I started a new medicine", "start", None),
    ("they started me on indapamide last week", "start", "indapamide"),
    ("I've just begun taking naproxen", "start", "naproxen"),
    ("the doctor gave me a new water pill", "start", None),
    ("I was prescribed rosuvastatin on monday", "start", "rosuvastatin"),
    ("my doctor put me on lovastatin", "start", "lovastatin"),
    ("I don't remember the name", "unnamed", None),
    ("I forget", "unnamed", None),
    ("not sure what it's called", "unnamed", None),
    ("I can't remember", "unnamed", None),
    ("no idea what it's called", "unnamed", None),
    ("the name escapes me", "unnamed", None),
    ("I'd have to check the box", "unnamed", None),
    ("it's called bendroflumethiazide", "named", "bendroflumethiazide"),
    ("metolazone", "named", "metolazone"),
    ("the cramp stopped", "none", None),
]

KO = [
    ("약 끊었어요", "stop", None),
    ("아토르바스타틴 끊었어", "stop", "아토르바스타틴"),
    ("의사가 그 약 그만 먹으래요", "stop", None),
    ("심바스타틴 이제 안 먹어요", "stop", "심바스타틴"),
    ("고지혈증 약 끊었어요", "stop", None),
    ("의사 선생님이 이뇨제 끊으라고 했어요", "stop", None),
    ("혈압약 그만 먹기로 했어요", "stop", None),
    ("스타틴 복용 중단했어요", "stop", None),
    ("푸로세미드 끊었어요", "stop", "푸로세미드"),
    ("약 먹는 거 그만뒀어요", "stop", None),
    ("병원에서 암로디핀 빼줬어요", "stop", "암로디핀"),
    ("선생님이 그 약 이제 먹지 말래요", "stop", None),
    ("아토르바스타틴 중단했어", "stop", "아토르바스타틴"),
    ("이제 약 안 먹어요", "stop", None),
    ("새 약 먹기 시작했어요", "start", None),
    ("의사가 혈압약을 새로 처방해 줬어요", "start", None),
    ("지난주부터 인다파미드 먹어요", "start", "인다파미드"),
    ("약을 새로 먹기 시작했어", "start", None),
    ("어제부터 이뇨제 먹어요", "start", None),
    ("로수바스타틴 먹기 시작했어요", "start", "로수바스타틴"),
    ("이름이 기억 안 나요", "unnamed", None),
    ("이름을 모르겠어요", "unnamed", None),
    ("기억이 안 나요", "unnamed", None),
    ("약 이름 까먹었어요", "unnamed", None),
    ("잘 모르겠어요", "unnamed", None),
    ("봉투 봐야 알아요", "unnamed", None),
    ("약 이름은 생각이 안 나요", "unnamed", None),
    ("메톨라존이에요", "named", "메톨라존"),
    ("나프록센", "named", "나프록센"),
    ("쥐가 멈췄어요", "none", None),
]

ASK_STOPPED = {"en": "Which medicine did you stop?", "ko": "끊으신 약이 뭐예요?"}
NOT_CAUGHT = {"en": "didn't catch", "ko": "알아듣지"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("'", ""))


def _meds(isolated) -> list[dict]:
    with store.open_profile(isolated) as p:
        return store.medicines(p)


def _seed(isolated, language: str) -> None:
    # Started before the talk's clock (1 January 2026): a stop is never before a start.
    now = datetime.now().astimezone()
    with store.open_profile(isolated) as p:
        for name in KNOWN[language]:
            store.add_medicine(p, name, date(2025, 12, 5), now)


def probe(t, isolated, language: str, said: str, kind: str, name: str | None) -> bool:
    """Whether the coach did what the label says."""
    _seed(isolated, language)
    t.start()
    if kind in ("unnamed", "named"):
        t.say({"en": "I started a new medicine", "ko": "새 약 먹기 시작했어요"}[language])
    heard = t.say(said)
    meds = {m["name"]: m for m in _meds(isolated)}
    if any(NOT_CAUGHT[language] in line for line in heard):
        return False
    if kind == "stop":
        if any(m.get("stopped") for n, m in meds.items() if n != name):
            return False
        if name is None:
            return ASK_STOPPED[language] in heard
        return bool(meds[name].get("stopped")) and len(meds) == len(KNOWN[language])
    if kind == "start":
        if name is None:
            return heard[-1:] != [] and t.dialogue.question is not None
        return name in meds and not meds[name].get("stopped")
    if kind == "unnamed":  # kept, but by no name made of the words said
        new = [n for n in meds if n not in KNOWN[language]]
        return len(new) == 1 and (new[0].startswith("new medicine")
                                  or not set(_words(new[0])) & set(_words(said)))
    if kind == "named":
        return name in meds
    return len(meds) == len(KNOWN[language]) and not any(m.get("stopped") for m in meds.values())


# Probes the coach does not yet get right (first run, before any template change: 17 of 62,
# en 10/32, ko 7/30). Strict: one that starts passing must leave this list.
# Final run: 58 of 62. Left: en03 and ko05 say "the water pill" / "이뇨제" with one diuretic
# in the profile, which the coach now takes as that one (the label, written first, asked
# which); ko16 and ko18 ("지난주부터 인다파미드 먹어요") say a start with no word of starting.
MISSES = set("""en03 ko05 ko16 ko18""".split())


def _cases() -> list:
    cases = [(f"{lang}{i:02d}", lang, *p)
             for lang, probes in (("en", EN), ("ko", KO)) for i, p in enumerate(probes)]
    return [pytest.param(*c[1:], id=c[0], marks=[pytest.mark.xfail(strict=True)]
                         if c[0] in MISSES else []) for c in cases]


@pytest.mark.parametrize("language,said,kind,name", _cases())
def test_probe(talk, isolated, language, said, kind, name):
    t = talk(language=language)
    assert probe(t, isolated, language, said, kind, name)
