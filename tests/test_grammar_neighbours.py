"""A command said while coaching must not be heard as a symptom phrase of the grammar: the
made-up phrase "기침 피" once won "천천히" (slower), and asking to slow down drew the
emergency answer (docs/decisions.md). Real Vosk, espeak-ng, ``listen --input``."""

from __future__ import annotations

from pathlib import Path

from .test_voice_path import listen_traced


def test_slower_said_while_coaching_raises_no_red_flag(ko_model, tmp_path: Path):
    events = listen_traced(tmp_path, ["쥐 났어요", "왼쪽 종아리", "천천히"], "ko", gap_s=4.0)
    coached = [e for e in events if e["event"] == "intent" and e["name"] == "cramp.report"]
    assert coached, "the episode under way is what puts the coach in its coaching grammar"
    flags = [e for e in events if e["event"] == "intent" and e["name"] == "safety.symptom"]
    assert not flags, flags
