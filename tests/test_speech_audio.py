"""Speech and audio with the real components: espeak-ng via pyttsx3, PortAudio via PulseAudio."""

from __future__ import annotations

import subprocess
import wave

import numpy as np

from crampcoach.voice import audio
from crampcoach.voice.vad import SpeechGate

from .conftest import run_cli


def _level(path) -> tuple[float, float]:
    with wave.open(str(path)) as w:
        rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    return len(x) / rate, float(np.sqrt((x ** 2).mean()))


def test_say_to_file_writes_real_speech(tmp_path):
    out = tmp_path / "hello.wav"
    done = run_cli("say", "Pull your toes gently toward you.", "--to", str(out))
    assert done.returncode == 0, done.stderr
    seconds, rms = _level(out)
    assert 1.0 < seconds < 6.0
    assert rms > 300  # speech, not silence
    assert "Audio saved" not in done.stdout  # pyttsx3's own chatter is kept off stdout


def test_volume_setting_makes_it_quieter(tmp_path):
    loud, quiet = tmp_path / "loud.wav", tmp_path / "quiet.wav"
    cfg = tmp_path / "c.toml"
    cfg.write_text("[speech]\nvolume = 1.0\n")
    run_cli("--config", str(cfg), "say", "Breathe slowly.", "--to", str(loud))
    cfg.write_text("[speech]\nvolume = 0.3\n")
    run_cli("--config", str(cfg), "say", "Breathe slowly.", "--to", str(quiet))
    assert _level(quiet)[1] < 0.5 * _level(loud)[1]


def test_slower_rate_makes_longer_speech(tmp_path):
    fast, slow = tmp_path / "fast.wav", tmp_path / "slow.wav"
    cfg = tmp_path / "c.toml"
    cfg.write_text("[speech]\nrate = 220\n")
    run_cli("--config", str(cfg), "say", "Straighten your knee.", "--to", str(fast))
    cfg.write_text("[speech]\nrate = 110\n")
    run_cli("--config", str(cfg), "say", "Straighten your knee.", "--to", str(slow))
    assert _level(slow)[0] > 1.4 * _level(fast)[0]


def test_korean_voice_follows_the_language(tmp_path):
    out = tmp_path / "ko.wav"
    done = run_cli("say", "그만", "--to", str(out), "--language", "ko")
    assert done.returncode == 0, done.stderr
    assert _level(out)[1] > 300


def test_read_wav_resamples_and_mixes_to_16k_mono(tmp_path):
    t = np.arange(44100) / 44100
    stereo = (np.stack([np.sin(2 * np.pi * 440 * t)] * 2, axis=1) * 10000).astype("<i2")
    path = tmp_path / "s.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(stereo.tobytes())
    x = audio.read_wav(path)
    assert len(x) == 16000
    assert 6000 < np.abs(x).max() <= 10001


def test_unreadable_wav_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    model = tmp_path / "model"
    for rel in ("am/final.mdl", "conf/mfcc.conf", "graph/HCLG.fst"):
        (model / rel).parent.mkdir(parents=True, exist_ok=True)
        (model / rel).write_text("x")
    out = run_cli("listen", "--input", str(bad), "--no-speak", "--model", str(model))
    assert out.returncode == 2
    assert out.stderr.startswith("crampcoach: error: cannot read")
    assert len(out.stderr.strip().splitlines()) == 1


def test_gate_keeps_silence_away_from_the_recogniser(tmp_path):
    gate = SpeechGate()
    passed = b"".join(gate.feed(b)[0] for b in audio.blocks(audio.silence(10)))
    assert passed == b""
    assert gate.frames_in > 300


def test_gate_opens_for_speech_and_closes_after_it(tmp_path):
    out = tmp_path / "s.wav"
    run_cli("say", "Has the cramp let go?", "--to", str(out))
    speech = audio.read_wav(out)
    gate = SpeechGate(hangover_s=0.5)
    stream = np.concatenate([audio.silence(2), speech, audio.silence(2)])
    passed, ended = b"", 0
    for block in audio.blocks(stream):
        chunk, end = gate.feed(block)
        passed += chunk
        ended += end
    assert ended == 1
    assert 0.5 * len(speech) * 2 < len(passed) < len(stream) * 2 * 0.8


def test_speech_plays_into_the_room_through_sounddevice(pulse, tmp_path):
    recording = tmp_path / "room.wav"
    rec = subprocess.Popen(["parecord", "--device=room.monitor", "--rate=16000",
                            "--channels=1", "--file-format=wav", str(recording)], env=pulse)
    try:
        done = run_cli("say", "Hold for ten seconds.", env=pulse)
        assert done.returncode == 0, done.stderr
    finally:
        rec.terminate()
        rec.wait(timeout=10)
    seconds, rms = _level(recording)
    assert rms > 200, "nothing reached the room"


def test_devices_lists_pulse_devices(pulse):
    out = run_cli("devices", env=pulse)
    assert out.returncode == 0, out.stderr
    assert "pulse" in out.stdout or "default" in out.stdout


def test_listen_without_microphone_or_model_says_so_and_points_to_chat(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[audio]\ninput_device = "no such microphone"\n')
    out = run_cli("--data-dir", str(tmp_path), "--config", str(cfg), "listen")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert any("no speech model installed for 'en'" in x and "models install" in x for x in lines)
    assert any("no microphone" in x for x in lines)
    assert lines[-1].endswith("run `crampcoach chat`")
    assert len(lines) == 3


def test_stop_cuts_speech_mid_sentence_through_the_room(pulse):
    """The one output stream is cut from another thread: play() returns before the end."""
    snippet = (
        "import threading\n"
        "from voice import audio\n"
        "p = audio.Player(22050)\n"
        "p.open()\n"
        "out = {}\n"
        "t = threading.Thread(target=lambda: out.update(done=p.play(audio.tone(22050, "
        "seconds=30.0))))\n"
        "t.start()\n"
        "assert p.playing.wait(10)\n"
        "p.cut()\n"
        "t.join(10)\n"
        "print('played to the end:', out.get('done'), '| still playing:', t.is_alive())\n"
        "p.close()\n"
    )
    import sys

    done = subprocess.run([sys.executable, "-c", snippet], env=pulse, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "played to the end: False | still playing: False"
