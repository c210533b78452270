"""Text mode: the whole dialogue by typing, one utterance per line.

Lines are read on a thread so timers (holds, count-downs) keep firing while the person is
thinking; the main loop waits for whichever comes first, a line or the next timer.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from crampcoach.voice.dialogue import Dialogue

_EOF = object()


def _reader(stream: TextIO, out: queue.Queue[object]) -> None:
    try:
        while line := stream.readline():
            out.put(line.rstrip("\n"))
    finally:
        out.put(_EOF)


def run(
    dialogue: Dialogue,
    stream: TextIO = sys.stdin,
    prompt: bool = False,
    on_heard: Callable[[str], None] | None = None,
) -> None:
    """Feed lines from ``stream`` to the dialogue until end of input.

    On a terminal there is no prompt to redraw: the coach keeps talking during holds, so
    its lines (``coach: …``) and what you type simply alternate.
    """
    if prompt:
        print("(type what you would say, one line at a time; Ctrl-D to finish)",
              file=sys.stderr)
    lines: queue.Queue[object] = queue.Queue()
    threading.Thread(target=_reader, args=(stream, lines), daemon=True).start()
    dialogue.start()
    try:
        while True:
            dialogue.tick()
            due = dialogue.next_due()
            wait = None if due is None else max(0.0, due - dialogue.clock())
            try:
                line = lines.get(timeout=wait)
            except queue.Empty:
                continue
            if line is _EOF:
                break
            assert isinstance(line, str)
            if line.strip():
                if on_heard:
                    on_heard(line)
                dialogue.hear(line)
    finally:
        dialogue.end()
