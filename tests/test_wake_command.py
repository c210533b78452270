"""The wake phrase and a command in one breath, for real: espeak-ng's Korean through
``listen --input`` with the Korean model (issue 13: it used to only wake the coach, or, with
more than two syllables after the wake phrase, not even that)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_voice_path import listen_traced

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("said, slots", [
    ("헤이 코치, 왼쪽 종아리", {"side": "left", "muscle": "calf"}),
    ("헤이 코치, 쥐 났어요", {}),
])
def test_the_wake_phrase_and_a_command_in_one_breath_wake_and_act(ko_model, tmp_path: Path,
                                                                   said, slots):
    events = listen_traced(tmp_path, [said], "ko")
    heard = [e for e in events if e["event"] == "heard" and e["acted"]]
    assert heard and heard[0]["why"] == "wake phrase"
    intents = [e for e in events if e["event"] == "intent"]
    assert intents and intents[0]["name"] == "cramp.report"
    assert {k: intents[0]["slots"].get(k) for k in slots} == slots
