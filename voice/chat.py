"""Text mode: the whole dialogue by typing, one utterance per line.

Lines are read on a thread so timers (holds, count-downs) keep firing while the person is
thinking; the main loop waits for whichever comes first, a line or the next timer.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

from crampcoach.voice.dialogue import Dialogue

_EOF = object()
MAX_LINE = 1000
"""Characters of one typed line that are read; a spoken command is a few dozen."""


def lines_of(stream: TextIO, on_bad: Callable[[int], None]) -> Iterator[str]:
    """The lines of ``stream``, decoded one by one.

    A text stream decodes ahead in blocks, so one invalid byte would end the whole input
    (valid lines after it included); here each line is decoded on its own and one that is
    not valid in the stream's encoding is skipped and reported by number.
    """
    raw = getattr(stream, "buffer", None)
    if raw is None:  # already text (tests, StringIO)
        yield from (line.rstrip("\r\n") for line in iter(stream.readline, ""))
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    for number, line in enumerate(iter(raw.readline, b""), start=1):
        try:
            yield line.decode(encoding).rstrip("\r\n")
        except UnicodeDecodeError:
            on_bad(number)


def _reader(stream: TextIO, out: queue.Queue[object], on_bad: Callable[[int], None]) -> None:
    try:
        for line in lines_of(stream, on_bad):
            out.put(line)
    finally:
        out.put(_EOF)


def run(
    dialogue: Dialogue,
    stream: TextIO = sys.stdin,
    prompt: bool = False,
    on_heard: Callable[[str], None] | None = None,
) -> int:
    """Feed lines from ``stream`` to the dialogue until end of input; returns how many lines
    were skipped as undecodable.

    On a terminal there is no prompt to redraw: the coach keeps talking during holds, so
    its lines (``coach: …``) and what you type simply alternate.
    """
    if prompt:
        print("(type what you would say, one line at a time; Ctrl-D to finish)",
              file=sys.stderr)
    lines: queue.Queue[object] = queue.Queue()
    bad: list[int] = []

    encoding = getattr(stream, "encoding", None) or "utf-8"

    threading.Thread(target=_reader, args=(stream, lines, bad.append), daemon=True).start()
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
            if len(line) > MAX_LINE:
                # Nobody says this much in one breath; matching it all would hold up the
                # screening of what comes next.
                print(f"crampcoach: an input line of {len(line)} characters was cut to "
                      f"{MAX_LINE}", file=sys.stderr)
                line = line[:MAX_LINE]
            if line.strip():
                if on_heard:
                    on_heard(line)
                dialogue.hear(line)
    finally:
        dialogue.end()
        # One line for them all, however many: binary junk on stdin must not flood stderr.
        if len(bad) == 1:
            print(f"crampcoach: input line {bad[0]} is not valid text ({encoding}); skipped",
                  file=sys.stderr)
        elif bad:
            first = ", ".join(map(str, bad[:5])) + (", …" if len(bad) > 5 else "")
            print(f"crampcoach: {len(bad)} input lines ({first}) are not valid text "
                  f"({encoding}); skipped", file=sys.stderr)
    return len(bad)
