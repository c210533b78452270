"""Ordinary Korean speech that says no command, played to ``listen``: the coach never acts.

Debian's Korean FAQ (the debian-faq-ko package, installed by ``scripts/setup --test``) read by
espeak-ng, a stretch of about two and a half minutes, through ``listen --input`` as a user
would run it. The full measurement (20 minutes and more) is benchmarks/false_accepts.py.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT


def benchmark():
    spec = importlib.util.spec_from_file_location("false_accepts",
                                                  ROOT / "benchmarks" / "false_accepts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.integration
def test_korean_speech_that_is_no_command_never_acts(ko_model, tmp_path: Path):
    fa = benchmark()
    if not shutil.which("espeak-ng") or not list(fa.FAQ.rglob("*.ko.html")):
        pytest.skip("needs espeak-ng and debian-faq-ko (scripts/setup --test installs both)")
    # The last chapters: far from the one the rejection rules were designed on.
    paragraphs = fa.faq_paragraphs("ko")[-60:]
    wav, seconds = fa.render(paragraphs, "ko", 2.5, tmp_path)
    assert seconds >= 120
    got = fa.listen(wav, "ko", str(ko_model), tmp_path)
    assert got["acts"] == []
    assert got["red_flags"] == []
    assert got["episodes"] == 0


@pytest.mark.integration
def test_listen_trace_says_what_was_heard_and_why(ko_model, tmp_path: Path):
    from .test_voice_path import listen_traced

    events = listen_traced(tmp_path, ["다 됐어요", "쥐 났어요"], "ko")
    heard = [e for e in events if e["event"] == "heard"]
    assert heard[0]["acted"] is False and heard[0]["why"]  # no wake phrase: ignored, said why
    assert heard[-1] == {**heard[-1], "text": "쥐 났어요", "acted": True, "why": "acts alone"}
    assert all(isinstance(e["readings"], list) and "confidence" in e for e in heard)
    [intent] = [e for e in events if e["event"] == "intent"]
    assert intent["name"] == "cramp.report" and intent["plugin"] == "relief"
    assert any(e["event"] == "said" and e["plugin"] == "relief" for e in events)
