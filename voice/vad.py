"""The voice-activity gate: only speech (with a little before and after) reaches Vosk.

Through quiet hours the recogniser does no work at all; webrtcvad's per-frame check costs a
few microseconds. Pre-roll keeps a command's first syllable; hang-over lets Vosk hear the
trailing silence it needs to end the command.
"""

from __future__ import annotations

from collections import deque

import webrtcvad

FRAME_MS = 30
RATE = 16_000
FRAME_BYTES = RATE * FRAME_MS // 1000 * 2


class SpeechGate:
    """Feed 16 kHz int16 blocks; get back what should be recognised, and when speech ends."""

    def __init__(self, aggressiveness: int = 2, preroll_s: float = 0.5, hangover_s: float = 1.0,
                 start_frames: int = 3):
        self.vad = webrtcvad.Vad(aggressiveness)
        self.preroll: deque[bytes] = deque(maxlen=max(1, int(preroll_s * 1000 / FRAME_MS)))
        self.hangover_frames = max(1, int(hangover_s * 1000 / FRAME_MS))
        self.start_frames = start_frames
        self.open = False
        self._voiced_run = 0
        self._quiet_run = 0
        self._pending = b""
        self.frames_in = 0
        self.frames_passed = 0

    def feed(self, block: bytes) -> tuple[bytes, bool]:
        """``(audio to recognise, speech just ended)`` for one block of audio."""
        data = self._pending + block
        usable = len(data) - len(data) % FRAME_BYTES
        self._pending = data[usable:]
        out = bytearray()
        ended = False
        for i in range(0, usable, FRAME_BYTES):
            frame = data[i : i + FRAME_BYTES]
            self.frames_in += 1
            voiced = self.vad.is_speech(frame, RATE)
            if not self.open:
                self.preroll.append(frame)
                self._voiced_run = self._voiced_run + 1 if voiced else 0
                if self._voiced_run >= self.start_frames:
                    self.open = True
                    self._quiet_run = 0
                    for f in self.preroll:
                        out += f
                    self.frames_passed += len(self.preroll)
                    self.preroll.clear()
                continue
            out += frame
            self.frames_passed += 1
            self._quiet_run = 0 if voiced else self._quiet_run + 1
            if self._quiet_run >= self.hangover_frames:
                self.open = False
                self._voiced_run = 0
                ended = True
        return bytes(out), ended
