"""Audio in and out: microphone and WAV sources at 16 kHz mono int16, and one player.

The microphone callback only copies into a bounded queue (dropping the oldest block when the
consumer falls behind), so a slow recogniser never stalls PortAudio. Playback keeps one
output stream open for the whole run and writes in short blocks, so "stop" cuts it at once.
"""

from __future__ import annotations

import queue
import struct
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

RATE = 16_000
BLOCK = 480 * 2  # 60 ms: two webrtcvad frames
"""Samples per block handed to the gate."""
LATENCY = 0.08
"""Explicit output/input latency: PulseAudio's 'low'/'high' presets blocked for seconds."""


class AudioError(Exception):
    """A device that cannot be opened or a recording that cannot be read."""


def resample(samples: np.ndarray, rate_in: int, rate_out: int = RATE) -> np.ndarray:
    """Linear-interpolated resampling of mono int16 (speech-grade, no extra dependency)."""
    if rate_in == rate_out or len(samples) == 0:
        return samples.astype(np.int16)
    n_out = int(round(len(samples) * rate_out / rate_in))
    x_out = np.linspace(0, len(samples) - 1, n_out)
    return np.interp(x_out, np.arange(len(samples)), samples.astype(np.float32)).astype(np.int16)


def read_wav(path: str | Path) -> np.ndarray:
    """A WAV file (any rate, 8/16/32-bit PCM, any channels) as 16 kHz mono int16."""
    try:
        with wave.open(str(path), "rb") as w:
            rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
            raw = w.readframes(w.getnframes())
    except wave.Error as err:
        # Python 3.11's wave knows only plain PCM headers; sox and many recorders write
        # PCM in the "extensible" header (format 65534) for anything but 16-bit mono.
        found = _extensible_pcm(path) if "65534" in str(err) else None
        if found is None:
            raise AudioError(f"cannot read {path}: not a PCM WAV file ({err})") from None
        rate, channels, width, raw = found
    except (OSError, EOFError) as err:
        raise AudioError(f"cannot read {path}: {err}") from None
    if width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.int32)
    elif width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.int32) - 128) << 8
    elif width == 3:  # 24-bit: the top two bytes of each little-endian sample
        trimmed = raw[:len(raw) - len(raw) % 3]
        data = np.frombuffer(trimmed, dtype=np.uint8).reshape(-1, 3)[:, 1:].copy().view("<i2")
        data = data.reshape(-1).astype(np.int32)
    elif width == 4:
        data = np.frombuffer(raw, dtype="<i4").astype(np.int64) >> 16
    else:
        raise AudioError(f"cannot read {path}: {8 * width}-bit samples are not supported")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return resample(np.clip(data, -32768, 32767).astype(np.int16), rate)


def _extensible_pcm(path: str | Path) -> tuple[int, int, int, bytes] | None:
    """(rate, channels, sample width, frames) of a WAVE_FORMAT_EXTENSIBLE file whose
    sub-format is integer PCM; ``None`` for anything else."""
    try:
        blob = Path(path).read_bytes()
    except OSError:
        return None
    if blob[:4] != b"RIFF" or blob[8:12] != b"WAVE":
        return None
    fmt: bytes | None = None
    at = 12
    while at + 8 <= len(blob):
        name, size = blob[at:at + 4], struct.unpack("<I", blob[at + 4:at + 8])[0]
        body = blob[at + 8:at + 8 + size]
        if name == b"fmt ":
            fmt = body
        elif name == b"data" and fmt is not None and len(fmt) >= 26:
            channels, rate = struct.unpack("<HI", fmt[2:8])
            bits = struct.unpack("<H", fmt[14:16])[0]
            sub_format = struct.unpack("<H", fmt[24:26])[0]
            if sub_format != 1 or bits not in (8, 16, 24, 32):  # 1: integer PCM
                return None
            return rate, channels, bits // 8, body
        at += 8 + size + (size & 1)
    return None


def write_wav(path: str | Path, samples: np.ndarray, rate: int) -> None:
    write_wav_pieces(path, iter([(samples, rate)]))


def write_wav_pieces(path: str | Path, pieces: Iterator[tuple[np.ndarray, int]]) -> float:
    """Write mono int16 pieces (all at one rate) to a WAV file; returns its length in seconds.

    The file is opened here, owner-only, before ``wave`` sees it: ``wave.open`` on a path it
    cannot create leaves a half-built writer whose finaliser prints "Exception ignored". A
    file left half-written by a failure is removed.
    """
    from crampcoach.voice.files import private_open

    frames, rate = 0, 22050
    with private_open(path, "wb") as f:
        try:
            with wave.open(f, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                first = True
                for samples, piece_rate in pieces:
                    if first:
                        rate, first = piece_rate, False
                        w.setframerate(rate)
                    w.writeframes(samples.astype("<i2").tobytes())
                    frames += len(samples)
                if first:
                    w.setframerate(rate)
        except BaseException:
            Path(path).unlink(missing_ok=True)
            raise
    return frames / rate


def blocks(samples: np.ndarray, size: int = BLOCK) -> Iterator[bytes]:
    for i in range(0, len(samples), size):
        chunk = samples[i : i + size]
        if len(chunk) < size:
            chunk = np.concatenate([chunk, np.zeros(size - len(chunk), dtype=np.int16)])
        yield chunk.tobytes()


def _sd() -> Any:
    try:
        import sounddevice
    except OSError as err:  # PortAudio itself missing
        raise AudioError(f"no audio system: {err}") from None
    return sounddevice


_streams_open = 0
_portaudio = threading.Lock()
"""Held while a stream opens or closes, and while PortAudio is started again."""


def rescan() -> bool:
    """Start PortAudio again so it sees devices that appeared since (a USB microphone
    plugged in late, a sound server started after us); it lists devices only when it
    starts. Done only while no stream is open, as restarting it closes every stream.
    True if it was done."""
    sd = _sd()
    with _portaudio:
        if _streams_open:
            return False
        sd._terminate()
        sd._initialize()
        return True


def _opened(delta: int) -> None:
    global _streams_open
    _streams_open += delta


def list_devices() -> list[dict[str, Any]]:
    sd = _sd()
    default_in, default_out = sd.default.device
    out = []
    for i, d in enumerate(sd.query_devices()):
        out.append({
            "index": i, "name": d["name"], "inputs": d["max_input_channels"],
            "outputs": d["max_output_channels"],
            "default": ("in " if i == default_in else "") + ("out" if i == default_out else ""),
        })
    return out


def _device(spec: str) -> int | str | None:
    if spec == "":
        return None
    return int(spec) if spec.isdigit() else spec


def _why(sd: Any, err: Exception, direction: str, device: str) -> str:
    """PortAudio's error in words a person can act on."""
    key = "max_input_channels" if direction == "input" else "max_output_channels"
    try:
        any_device = any(d[key] > 0 for d in sd.query_devices())
    except Exception:  # PortAudio itself unusable: say what it said
        any_device = True
    if not any_device:
        return "none found on this machine"
    if device:
        return f"device {device!r} could not be opened: {err}"
    return str(err)


def check_input(device: str = "") -> None:
    """Raise AudioError in one sentence if no microphone can be opened."""
    sd = _sd()
    try:
        sd.check_input_settings(device=_device(device), samplerate=RATE, channels=1,
                                dtype="int16")
    except Exception as err:
        raise AudioError(f"no microphone available ({_why(sd, err, 'input', device)})") from None


def _close(stream: Any) -> None:
    """Stop and close a PortAudio stream; returns None to put in its place.

    A device that has already vanished cannot be closed cleanly, and closing it must not
    crash the shutdown.
    """
    if stream is not None:
        with _portaudio:
            try:
                stream.stop()
                stream.close()
            except Exception:
                pass
            _opened(-1)
    return None


class Microphone:
    """16 kHz mono int16 blocks from a PortAudio input, through a bounded queue."""

    def __init__(self, device: str = "", max_blocks: int = 100):
        self.device = device
        self.blocks: queue.Queue[bytes] = queue.Queue(maxsize=max_blocks)
        self.dropped = 0
        self._stream: Any = None

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        data = bytes(indata)
        try:
            self.blocks.put_nowait(data)
        except queue.Full:  # keep the newest audio: a command is in the latest blocks
            try:
                self.blocks.get_nowait()
            except queue.Empty:
                pass
            self.dropped += 1
            self.blocks.put_nowait(data)

    def open(self) -> None:
        sd = _sd()
        with _portaudio:
            try:
                self._stream = sd.RawInputStream(
                    samplerate=RATE, channels=1, dtype="int16", blocksize=BLOCK,
                    device=_device(self.device), latency=LATENCY, callback=self._callback,
                )
                self._stream.start()
                _opened(+1)
            except Exception as err:
                self._stream = None
                why = _why(sd, err, "input", self.device)
                raise AudioError(f"cannot open the microphone ({why})") from None

    @property
    def alive(self) -> bool:
        return self._stream is not None and bool(self._stream.active)

    def read(self, timeout: float) -> bytes | None:
        try:
            return self.blocks.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self._stream = _close(self._stream)


class Player:
    """One output stream for the whole run; :meth:`play` can be cut from another thread."""

    def __init__(self, rate: int, device: str = ""):
        self.rate = rate
        self.device = device
        self._stream: Any = None
        self._cut = threading.Event()
        self.playing = threading.Event()

    def open(self) -> None:
        sd = _sd()
        with _portaudio:
            try:
                self._stream = sd.OutputStream(samplerate=self.rate, channels=1, dtype="int16",
                                               device=_device(self.device), latency=LATENCY)
                self._stream.start()
                _opened(+1)
            except Exception as err:
                self._stream = None
                why = _why(sd, err, "output", self.device)
                raise AudioError(f"no audio output ({why})") from None

    def play(self, samples: np.ndarray) -> bool:
        """Play to the end, or until :meth:`cut`; True if it played to the end."""
        if self._stream is None:
            self.open()
        self._cut.clear()
        self.playing.set()
        try:
            step = int(self.rate * 0.05)
            for i in range(0, len(samples), step):
                if self._cut.is_set():
                    return False
                self._stream.write(samples[i : i + step].reshape(-1, 1))
            return True
        finally:
            self.playing.clear()

    def cut(self) -> None:
        self._cut.set()

    def close(self) -> None:
        self._stream = _close(self._stream)


def tone(rate: int, freq: float = 660.0, seconds: float = 0.15, level: float = 0.2) -> np.ndarray:
    """A short soft beep (the wake acknowledgement), faded in and out to avoid clicks."""
    t = np.arange(int(rate * seconds)) / rate
    env = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.02)
    return (np.sin(2 * np.pi * freq * t) * env * level * 32767).astype(np.int16)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds), dtype=np.int16)
