"""The open-vocabulary reading, for real: Korean speech by espeak-ng, the Korean Vosk model.

The Korean model hears espeak-ng's Korean poorly without a grammar (README: most red-flag
descriptions come out as other words), so the sentences here are ones whose open reading
was checked: "쥐가 오래 계속돼요" (the cramp keeps going, a long time) is read back with
"오래 계속", which the safety screen takes for a cramp that lasts: see a doctor today.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from crampcoach.voice import audio, config, listen
from crampcoach.voice.clock import ManualClock, SystemClock
from crampcoach.voice.host import PluginHost
from crampcoach.voice.openvocab import OpenVocab
from crampcoach.voice.recognizer import Recognizer

from .test_voice_path import listen_traced, speech

LONG_CRAMP = "쥐가 오래 계속돼요"
SAME_DAY = "오늘 진료를 받아 보는 게 좋아요."

pytestmark = pytest.mark.integration


def test_the_open_reading_hears_words_outside_any_grammar(ko_model, tmp_path):
    pcm = speech(LONG_CRAMP, "ko", tmp_path).tobytes()
    ear = OpenVocab(ko_model)
    got = ear.read(pcm)
    assert "오래" in got.text.split()
    assert 0.0 < got.confidence <= 1.0
    # Nothing carries over from one utterance to the next: the same audio is read the same
    # way after another one (but for Vosk's own jitter: now and then the last syllable).
    ear.read(speech("좋은 아침", "ko", tmp_path).tobytes())
    assert ear.read(pcm).text.split()[:4] == got.text.split()[:4]
    assert ear.read(audio.silence(0.5).tobytes()).text == ""


def test_the_grammar_recognisers_confidence_is_between_0_and_1(ko_model, tmp_path):
    rec = Recognizer(ko_model, ["쥐 났어요", "그만", "헤이 코치"])
    pcm = speech("쥐 났어요", "ko", tmp_path).tobytes()
    rec.accept(pcm)
    utt = rec.end()
    assert utt is not None and "쥐 났어요" in utt.alternatives
    # Vosk's own n-best score is 60..600; what is passed on is each reading's share, 0..1.
    assert 0.0 < utt.confidence <= 1.0 and utt.confidence == utt.shares[0]
    assert len(utt.shares) == len(utt.alternatives) and sum(utt.shares) <= 1.0 + 1e-9


def test_a_red_flag_in_own_words_mid_episode_is_answered(ko_model, tmp_path: Path):
    events = listen_traced(tmp_path, ["쥐 났어요", "왼쪽 종아리", LONG_CRAMP], "ko", gap_s=4.0)
    heard = [e for e in events if e["event"] == "heard"]
    # The grammar's reading is acted on first; the open reading follows once it is made.
    last = heard[-1]
    assert last["acted"] and "오래" in last["open"]["text"]
    assert last["why"] == "a red flag in the open reading"
    assert 0.0 <= last["confidence"] <= 1.0 and 0.0 < last["open"]["confidence"] <= 1.0
    found = [e for e in events if e["event"] == "intent" and e["name"] == "safety.symptom"
             and "open reading" in e["why"]]
    assert found and found[-1]["slots"]["tier"] == "same_day"
    said = [e["text"] for e in events if e["event"] == "said"]
    assert SAME_DAY in said


class _Talking:
    """A loudspeaker that is always mid-sentence: everything heard is said over the coach."""

    speaking = True

    def __init__(self) -> None:
        self.hushed = 0
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def beep(self) -> None: ...

    def hush(self) -> None:
        self.hushed += 1

    def wait(self, timeout: float | None = None) -> bool:
        return True

    def close(self) -> None: ...


class _Room(listen.WavSource):
    echo = True  # a live room: the coach's own voice comes back, so barge-in rules apply


def test_a_red_flag_said_over_the_coach_stops_it_and_is_answered(ko_model, tmp_path, isolated):
    samples = speech(LONG_CRAMP, "ko", tmp_path)
    source = _Room(samples)
    source.clock = ManualClock(SystemClock().now())
    voice = _Talking()
    cfg = config.load()
    path = listen.build(cfg, PluginHost(autoload=False), ko_model, source, language="ko",
                        speaker=voice)
    path.run(threading.Event())
    assert voice.hushed >= 1
    assert SAME_DAY in voice.said
