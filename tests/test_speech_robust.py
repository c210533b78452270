"""The speaker never dies: empty, long and huge text, failing engines, a stuck engine."""

from __future__ import annotations

import threading
import wave

import numpy as np
import pytest

from crampcoach.voice import audio, speech
from crampcoach.voice.clock import ManualClock
from crampcoach.voice.speech import MAX_CHUNK, Renderer, Speaker, SpeechError, chunks

from .conftest import run_cli

SENTENCE = "Hold your calf gently now, and breathe out slowly while you count. "
TEXT_300 = (SENTENCE * 5)[:300]
TEXT_50K = SENTENCE * (50_000 // len(SENTENCE) + 1)


def test_chunks_cut_long_text_at_sentences_then_words_and_keep_every_word():
    for text in (TEXT_300, TEXT_50K, "x" * 500, "word " * 200, "a, b; " * 100):
        pieces = chunks(text)
        assert pieces and all(0 < len(p) <= MAX_CHUNK for p in pieces)
        assert "".join("".join(pieces).split()) == "".join(text.split())
    assert chunks("One. Two! Three?") == ["One.", "Two!", "Three?"]


@pytest.mark.parametrize("text", ["", "   ", "...", "\n\t", "-"])
def test_chunks_drop_text_with_nothing_to_say(text):
    assert chunks(text) == []


def test_undecodable_command_line_text_is_still_spoken():
    assert chunks("caf\udce9 now") == ["caf\ufffd now"]


@pytest.fixture(scope="module")
def renderer():
    r = Renderer()
    yield r
    r.close()


def test_empty_text_renders_nothing_through_real_espeak(renderer):
    samples, _ = renderer.render("")
    assert len(samples) == 0


def test_300_characters_render_whole_through_real_espeak(renderer):
    samples, rate = renderer.render(TEXT_300)
    first, _ = renderer.render(chunks(TEXT_300)[0])
    assert len(samples) > 2.5 * len(first)  # every piece spoken, not just the first
    assert float(np.sqrt((samples.astype(np.float64) ** 2).mean())) > 300


def test_50_kilobytes_render_piece_by_piece_through_real_espeak(renderer):
    n = seconds = 0.0
    for samples, rate in renderer.pieces(TEXT_50K):
        n += 1
        seconds += len(samples) / rate
    assert n == len(chunks(TEXT_50K))
    assert seconds > 3000  # about an hour of speech, none of it lost


# -- the speaker, with a recording player so the thread's own logic is what is tested -------
class RecordingPlayer:
    played: list[int] = []

    def __init__(self, rate: int, device: str = ""):
        self.rate = rate

    def open(self) -> None:
        pass

    def play(self, samples: np.ndarray) -> bool:
        RecordingPlayer.played.append(len(samples))
        return True

    def cut(self) -> None:
        pass

    def close(self) -> None:
        pass


class FakeRenderer:
    """Fails on sentences containing "bad"; blocks on "hang" until released."""

    def __init__(self):
        self.release = threading.Event()
        self.started_hang = threading.Event()

    def pieces(self, text):
        if "bad" in text:
            raise SpeechError(f"speech engine wrote no audio for {text!r}")
        if "hang" in text:
            self.started_hang.set()
            self.release.wait(30)
        yield np.ones(len(text), dtype=np.int16), 22050

    def close(self):
        pass


@pytest.fixture
def recording(monkeypatch):
    RecordingPlayer.played = []
    monkeypatch.setattr(audio, "Player", RecordingPlayer)
    return RecordingPlayer.played


def test_a_failing_sentence_is_reported_once_and_the_next_is_spoken(recording):
    errors: list[str] = []
    fake = FakeRenderer()
    speaker = Speaker(lambda: fake, on_error=errors.append)
    for text in ("bad one", "good one", "bad two", "fine"):
        speaker.say(text)
    assert speaker.wait(10)
    speaker.close()
    assert recording == [len("good one"), len("fine")]
    assert len(errors) == 1 and "could not speak a sentence" in errors[0]
    assert not speaker.speaking


def test_empty_text_never_reaches_the_engine(recording):
    fake = FakeRenderer()
    speaker = Speaker(lambda: fake)
    speaker.say("")
    assert not speaker.speaking
    speaker.say("after")
    assert speaker.wait(10)
    speaker.close()
    assert recording == [len("after")]


def test_an_engine_that_cannot_start_is_reported_once_and_speaking_clears(recording):
    errors: list[str] = []

    def broken():
        raise SpeechError("no speech engine (espeak-ng missing)")

    speaker = Speaker(broken, on_error=errors.append)
    speaker.say("one")
    speaker.say("two")
    assert speaker.wait(10)
    speaker.close()
    assert len(errors) == 1 and "espeak-ng missing" in errors[0]
    assert not speaker.speaking


def test_a_crashing_error_callback_does_not_kill_the_speaker(recording):
    def explode(msg):
        raise RuntimeError("callback broke")

    speaker = Speaker(FakeRenderer, on_error=explode)
    speaker.say("bad")
    speaker.say("good")
    assert speaker.wait(10)
    speaker.close()
    assert recording == [len("good")]


def test_the_watchdog_clears_speaking_when_the_engine_hangs(recording, caplog):
    clock = ManualClock()
    fake = FakeRenderer()
    errors: list[str] = []
    speaker = Speaker(lambda: fake, on_error=errors.append, monotonic=clock.monotonic)
    speaker.say("hang here")
    assert fake.started_hang.wait(10)
    assert speaker.speaking  # the coach listens only for "stop" while it talks
    clock.advance(speech.WATCHDOG_S + 1)
    assert not speaker.speaking  # ...but a stuck engine must not leave it deaf
    assert errors == ["speech is stuck; listening again (replies are still printed)"]
    fake.release.set()
    speaker.say("after")
    assert speaker.wait(10)
    speaker.close()
    assert recording[-1] == len("after")


def test_hush_drops_queued_sentences_and_clears_speaking(recording):
    fake = FakeRenderer()
    speaker = Speaker(lambda: fake)
    speaker.say("hang first")
    assert fake.started_hang.wait(10)
    speaker.say("queued one")
    speaker.say("queued two")
    speaker.hush()
    fake.release.set()
    assert speaker.wait(10)
    speaker.close()
    assert recording == []  # the hushed sentence's piece and the queued ones are dropped


# -- the command line ------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   ", "..."])
def test_say_nothing_is_one_line_and_usage_error(text):
    out = run_cli("say", text, timeout=20)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == ["crampcoach: error: nothing to say: the text has "
                                                "no words"]


def test_say_to_a_missing_folder_is_one_line(tmp_path):
    out = run_cli("say", "hello", "--to", str(tmp_path / "no" / "x.wav"), timeout=20)
    assert out.returncode == 2  # a slip in what was typed (README), said before any speech
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "does not exist" in out.stderr and "Exception ignored" not in out.stderr
    assert not (tmp_path / "no").exists()


def test_say_300_characters_to_a_file(tmp_path):
    out_file = tmp_path / "long.wav"
    out = run_cli("say", TEXT_300, "--to", str(out_file))
    assert out.returncode == 0, out.stderr
    with wave.open(str(out_file)) as w:
        assert w.getnframes() / w.getframerate() > 15
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
