"""Input files as recorders write them: sox writes anything but 16-bit mono/stereo PCM with
the "extensible" WAV header, which Python 3.11's wave module refuses (found by a review)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from crampcoach.voice import audio

pytestmark = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")


@pytest.mark.parametrize(("bits", "channels"), [(16, 1), (24, 2), (32, 1), (16, 3)])
def test_pcm_in_any_header_is_read_at_sixteen_kilohertz(tmp_path, bits, channels):
    path = tmp_path / f"tone-{bits}-{channels}.wav"
    subprocess.run(["sox", "-n", "-r", "44100", "-c", str(channels), "-b", str(bits),
                    str(path), "synth", "0.5", "sine", "440", "vol", "0.5"], check=True)
    samples = audio.read_wav(path)
    assert len(samples) == 8000
    assert 14000 < int(np.abs(samples).max()) < 18000  # half of full scale, not noise


def test_a_file_that_is_no_pcm_wav_is_told_in_one_line(tmp_path):
    path = tmp_path / "float.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-e", "floating-point", "-b", "32", str(path),
                    "synth", "0.2", "sine", "440"], check=True)
    with pytest.raises(audio.AudioError, match="cannot read") as err:
        audio.read_wav(path)
    assert "\n" not in str(err.value)
