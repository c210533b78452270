"""The voice loop: audio blocks → gate → recogniser → wake/follow-up rules → dialogue.

Listening rules: an utterance acts when it starts with the wake phrase, when it is one of the
plugins' ``wake_alone`` phrases ("cramp"), or while the conversation is live (coaching, a
question open, or within the follow-up window after the coach answered someone). While the
coach is speaking only barge-in phrases count, so its own voice coming back through the
microphone is never taken as a command.

Rejection: a grammar recogniser maps any speech to some mix of its phrases, so a television
would be "heard" saying commands all night. Two rules keep what acts to what was said to the
coach. Asleep, the grammar also holds the language's decoys (words ordinary speech is full
of), and only a reading that *is* a phrase that acts alone, or starts with the wake phrase,
wakes the coach. Awake, a reading acts only when one phrase of the grammar covers it, give or
take :data:`MAX_EXTRA_WORDS`: a command is one phrase, while running speech comes back as a
string of phrase words.

The open-vocabulary pass (:mod:`crampcoach.voice.openvocab`) reads the same audio while the
coach is awake, on a thread of its own: an utterance's grammar reading is acted on as soon as
it ends, and its open reading when it is ready (:meth:`Listener.heard_open`); a red flag found
only there then outranks what the grammar's reading started and cuts the coach short.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from crampcoach.voice.dialogue import Dialogue
from crampcoach.voice.grammars import Grammars
from crampcoach.voice.intents import IntentMatcher
from crampcoach.voice.messages import Intent, Said, Utterance
from crampcoach.voice.openvocab import OpenReading, OpenVocab, OpenWorker
from crampcoach.voice.recognizer import Recognizer
from crampcoach.voice.vad import SpeechGate

log = logging.getLogger(__name__)
WORDS_PER_SECOND = 2.3
"""Rough pace of slow night speech, to know when the coach will have finished a sentence."""
MAX_EXTRA_WORDS = 1
"""Words a reading may hold beyond the one phrase that covers it: a breath or a click often
comes back as one more short word ("좋은 아침 쉬기"); running speech as many."""
MAX_ASLEEP_AUDIO = 16_000 * 2 * 10
"""Bytes of one asleep utterance kept for the open pass (10 s): a wake phrase is short."""
QUIET_BEFORE_ALONE_S = 1.0
UNSURE_SHARE = 0.35
UNSURE_QUIET_S = 15.0
"""Awake, a grammar reading with less of the recogniser's n-best than this is asked about,
not acted on (commands heard right get 0.5 or more: benchmarks/recognition.py)."""
"""Asleep, a phrase that acts alone ("cramp!") must be said on its own: after at least this
long with the gate shut (the gate shuts ``endpoint_silence_s`` after the last word, so about
1.5 s of quiet). Running speech on a television or between people pauses for less between
its sentences (espeak-ng reading the Debian FAQ: 0.24-0.36 s with the gate shut), and in it
two syllables now and then sound just like "쥐 났어" (benchmarks/false_accepts.py); someone
woken by a cramp says it into a quiet room, or says it again at once when it was not
taken (then it was among the readings of what came just before). The wake phrase needs no
pause: it is longer and rarer."""
MAX_OPEN_WORDS = 20
"""Words an open reading may hold and still be screened: a symptom told to the coach is a
breath or two ("my calf is swollen and hot and now I can't breathe"); a television read
out by the open recogniser runs to thirty words and more without a pause, and somewhere in
them "a long time" and "cramp" meet by chance (benchmarks/false_accepts.py)."""
CONVERSATION_S = 600.0
"""How long after the person last spoke to the coach its sentences still open the follow-up
window: a greeting at start-up, or a timer's sentence in an empty room, opens none."""


def one_phrase(text: str, phrases: frozenset[str], extra: int = MAX_EXTRA_WORDS) -> bool:
    """True when a single phrase covers ``text`` but for at most ``extra`` words."""
    padded, n = f" {text} ", len(text.split())
    return any(n - len(p.split()) <= extra and f" {p} " in padded for p in phrases)


ASLEEP_READINGS = 3
"""Asleep, only the recogniser's best few readings may wake the coach: a wake phrase found
eighth in line is the decoder scraping the barrel, not what was said."""
WAKE_TAIL_WORDS = 2
"""Words heard after the wake phrase in the same breath, asleep: a short tail is a breath or
the start of a command ("hey coach, um"), a long one is the wake phrase's sounds met by
chance inside running speech."""


def wakes(text: str, wake: str, alone: set[str] | frozenset[str],
          tail: int | None = None) -> bool:
    """True when ``text`` is a phrase that acts alone or starts with the wake phrase (followed
    by at most ``tail`` words, when given)."""
    if text in alone:
        return True
    if not wake or not (text == wake or text.startswith(f"{wake} ")):
        return False
    return tail is None or len(text.split()) - len(wake.split()) <= tail


def choose_reading(matcher: IntentMatcher, readings: tuple[str, ...], wake: str,
                   expects: tuple[str, ...] = (), phrases: frozenset[str] = frozenset()) -> str:
    """Match the recogniser's readings back to the phrases.

    Vosk's grammar is a bigram model, so its best reading is often a mix of words that is
    no phrase while a later reading is exactly what was said. In order: a reading that is a
    whole phrase and answers the open question; any reading that answers it; a whole phrase
    that means something; any reading that does (a known intent, the wake phrase, a phrase
    that acts alone); else the best reading.
    """
    norm = [matcher.language.normalise(r) for r in readings]

    def means(text: str) -> bool:
        return (matcher.match(text).name is not None or text in matcher.wake_alone
                or bool(wake and f" {wake} " in f" {text} "))

    tiers = []
    if expects:
        tiers.append(lambda t: t in phrases and matcher.match(t).name in expects)
        tiers.append(lambda t: matcher.match(t).name in expects)
    tiers.append(lambda t: t in phrases and means(t))
    tiers.append(means)
    for accept in tiers:
        for text in norm:
            if accept(text):
                return text
    return norm[0] if norm else ""


def drop_lead(text: str, wake: str) -> str:
    """The text from the wake phrase on, when one word comes before it (a breath, a click
    heard as a syllable): what came before the wake phrase was not meant for the coach."""
    words = text.split()
    if wake and words[1:] and " ".join(words[1:]).startswith(wake) and wakes(
            " ".join(words[1:]), wake, frozenset()):
        return " ".join(words[1:])
    return text


def after_wake(text: str, wake: str) -> str:
    """What follows the wake phrase (the wake phrase itself when nothing does), or the whole
    text when it does not start with it."""
    if wake and wakes(text, wake, frozenset()):
        return text[len(wake):].strip() or wake
    return text


def screenable(open_text: str | None) -> str | None:
    """The open reading as the screens get it: none when it is running speech."""
    if open_text is None or len(open_text.split()) > MAX_OPEN_WORDS:
        return None
    return open_text


def share_of(utt: Utterance, taken: str,
             normalise: Callable[[str], str] = lambda text: text) -> float:
    """The confidence (0..1) of the reading taken: the recogniser's share of belief in the
    readings that give it (see :func:`crampcoach.voice.recognizer.shares`); typed text and
    readings without shares are certain."""
    if not utt.shares:
        return utt.confidence
    found = [share for reading, share in zip(utt.alternatives, utt.shares, strict=False)
             if taken and f" {taken} " in f" {normalise(reading)} "]
    return min(1.0, sum(found)) if found else utt.confidence


def take_reading(matcher: IntentMatcher, readings: tuple[str, ...], wake: str,
                 phrases: frozenset[str], asleep: bool = False,
                 expects: tuple[str, ...] = ()) -> str | None:
    """The reading taken as what was said, or ``None`` when none passes the rejection rules
    (see the module's documentation). ``phrases`` are the recogniser's own; ``asleep``: it
    listened with the asleep grammar, decoys and all."""
    norm = [drop_lead(matcher.language.normalise(r), wake) for r in readings]
    if asleep:
        norm = [r for r in norm[:ASLEEP_READINGS]
                if wakes(r, wake, matcher.wake_alone, WAKE_TAIL_WORDS)]
    elif phrases:
        norm = [r for r in norm if one_phrase(after_wake(r, wake), phrases)]
    if not norm:
        return None
    return choose_reading(matcher, tuple(norm), wake, expects, phrases)


@dataclass
class _Owed:
    """An utterance whose open reading is still being made."""

    utt: Utterance
    """The grammar's utterance (readings, confidence), for the trace."""
    screen: bool = True
    """Screen the open reading (awake); else it is only recorded."""
    answered: Intent | None = None
    """What the grammar's reading was taken as, once acted on."""


class Listener:
    """Decides which recognised utterances reach the dialogue."""

    def __init__(
        self,
        dialogue: Dialogue,
        matcher: IntentMatcher,
        grammars: Grammars,
        gate: SpeechGate,
        wake_phrase: str,
        follow_up_s: float,
        is_speaking: Callable[[], bool] = lambda: False,
        hush: Callable[[], None] = lambda: None,
        beep: Callable[[], None] = lambda: None,
        on_heard: Callable[[Utterance, bool], None] | None = None,
        open_vocab: OpenVocab | None = None,
        wait_for_open: bool = False,
    ):
        self.dialogue = dialogue
        self.matcher = matcher
        self.grammars = grammars
        self.gate = gate
        self.recognizer: Recognizer | None = None
        """The recogniser of the utterance under way, chosen when it began."""
        self.open_pass = OpenWorker(open_vocab) if open_vocab is not None else None
        """The open-vocabulary pass, on its own thread (None: grammar readings only)."""
        self.wait_for_open = wait_for_open
        """Take each open reading as soon as its utterance has been acted on, before more
        audio: a recording (read faster than real time) is then heard the same way every
        run. Live, the readings are taken with the next block after they are ready."""
        self._open_live: _Owed | None = None
        """The utterance under way whose audio the open pass decodes as it comes (awake)."""
        self._owed: _Owed | None = None
        """The utterance just ended whose open reading is being made, while its grammar
        reading is acted on."""
        self._audio = bytearray()
        """Asleep, the utterance's audio, read by the open pass only if it seems to wake."""
        self.wake = matcher.language.normalise(wake_phrase)
        self.follow_up_s = follow_up_s
        self.is_speaking = is_speaking
        self.hush = hush
        self.beep = beep
        self.on_heard = on_heard
        self.awake_until = float("-inf")
        self.spoken_to = float("-inf")
        """When an utterance last acted: the conversation is under way for a while after."""
        self._asked_again = float("-inf")
        """When the person was last asked to say something again (an unsure reading)."""
        self.last_acted = ""
        """The text of the last utterance acted on (what a satellite is told it heard)."""
        self.trace: Any = None
        """A :class:`crampcoach.voice.trace.Trace` that records every utterance and why it
        acted or not (``listen --trace``)."""
        self._talking = False
        """The gate is open: someone is talking."""
        self._quiet_since = float("-inf")
        """When the gate last closed."""
        self.quiet_before = float("inf")
        """Seconds of quiet (the gate shut) before the utterance under way began."""
        self._said_before: frozenset[str] = frozenset()
        """Asleep, the readings of the utterance before: a phrase that acts alone and was
        among them is someone saying it again, which needs no pause before it."""

    def feed(self, block: bytes) -> None:
        """One block of 16 kHz mono int16 audio."""
        self._take_open()
        speech, ended = self.gate.feed(block)
        if speech:
            if self.recognizer is None:
                # Quiet before this utterance: since the gate closed, or none at all when
                # Vosk cut running speech into pieces and this is the next piece.
                now = self.dialogue.clock()
                self.quiet_before = 0.0 if self._talking else now - self._quiet_since
                self._talking = True
                self.recognizer = self.choose()
                self._begin(self.recognizer.state)
            rec = self.recognizer
            self._feed_open(speech)
            utt = rec.accept(speech)
            if utt:
                self.recognizer = None  # the next words may be heard in a new state
                self._end_open(utt)
                self.heard(utt, rec.phrases, rec.state == "asleep")
                self._take_open(self.wait_for_open)
        if ended:
            self._flush()
            self._talking, self._quiet_since = False, self.dialogue.clock()
        self._window_after_speech()
        self.dialogue.tick()

    def _window_after_speech(self) -> None:
        """An open follow-up window starts over while the coach is still speaking: it runs
        from when the coach falls silent, however long the sentence took to play (Korean,
        a satellite), not from the guess :meth:`spoke` makes from its words."""
        now = self.dialogue.clock()
        if now < self.awake_until and self.is_speaking():
            self.awake_until = max(self.awake_until, now + self.follow_up_s)

    def idle(self) -> None:
        """No audio just now (a satellite that streams only while it hears speech, a
        microphone between blocks): act on open readings that are ready, let timers fire."""
        self._take_open()
        self.dialogue.tick()

    def finish(self) -> None:
        """End of audio: act on whatever was still being said, and on its open reading."""
        self._flush()
        self._take_open(wait=True)
        self.dialogue.tick()

    def close(self) -> None:
        """Stop the open pass's thread (at the end of listening)."""
        if self.open_pass is not None:
            self.open_pass.close()

    def _flush(self) -> None:
        if self.recognizer is not None:
            rec, self.recognizer = self.recognizer, None
            utt = rec.end()
            self._end_open(utt or Utterance("", source="voice"))
            if utt:
                self.heard(utt, rec.phrases, rec.state == "asleep")
            self._take_open(self.wait_for_open)

    # -- the open-vocabulary pass ----------------------------------------------------------
    def _begin(self, state: str) -> None:
        """A new utterance: awake, the open pass reads it as it comes; asleep, its audio is
        only kept, for the open pass to read when the wake phrase came with a command."""
        awake = self.open_pass is not None and state != "asleep"
        self._open_live = _Owed(Utterance("", source="voice")) if awake else None
        self._audio.clear()

    def _feed_open(self, pcm: bytes) -> None:
        if self.open_pass is None:
            return
        if self._open_live is not None:
            self.open_pass.feed(pcm)
        else:
            self._audio += pcm
            del self._audio[:-MAX_ASLEEP_AUDIO]

    def _end_open(self, utt: Utterance) -> None:
        """The utterance under way has ended: the open pass finishes its reading on its own
        thread while the grammar's reading is acted on."""
        owed, self._open_live = self._open_live, None
        self._owed = owed
        if owed is not None and self.open_pass is not None:
            owed.utt = utt
            self.open_pass.end(owed)

    def _read_kept(self, utt: Utterance) -> None:
        """Asleep, the open reading of the kept audio, for the trace (it is not screened:
        asleep, only the grammar's reading counts)."""
        if self.open_pass is not None and self._audio:
            self.open_pass.read(bytes(self._audio), _Owed(utt, screen=False))
            self._audio.clear()

    def _take_open(self, wait: bool = False) -> None:
        """Act on the open readings that are ready (with ``wait``: on every one owed)."""
        if self.open_pass is not None and self.open_pass.pending:
            for owed, got in self.open_pass.ready(wait):
                self.heard_open(owed, got)

    def heard_open(self, owed: _Owed, got: OpenReading) -> None:
        """The open reading of an utterance whose grammar reading has been dealt with,
        screened for red flags: one found outranks whatever the grammar made of the same
        words, cuts the coach short and is answered. The grammar's reading, already acted on,
        is not screened again: the same finding in both is answered once."""
        utt = replace(owed.utt, open_text=got.text, open_confidence=got.confidence)
        said = screenable(got.text) if owed.screen else None
        found = self.dialogue.screen(said, got.confidence) if said else None
        if found is None or _same(owed.answered, found):
            why = ("asleep: recorded only" if not owed.screen else "no red flag" if
                   found is None else "the grammar's reading said the same")
            self._report(utt, False, why, quiet=True)
            return
        self._report(utt, True, "a red flag in the open reading")
        self.hush()
        self.spoken_to = self.dialogue.clock()
        self.dialogue.hear("", 0.0, open_text=said, open_confidence=got.confidence)

    def _wake_and_command(self, utt: Utterance) -> Utterance | None:
        """Asleep, the wake phrase said with more after it in one breath ("hey coach, cramp in
        my left calf"): the asleep grammar has no commands, so the rest came out as decoy
        syllables. The kept audio is read again with the awake grammar; when that reads the
        wake phrase and one phrase that means something, the utterance is that, with the open
        reading of the same audio (the rest may be a symptom in the person's own words).
        Costs a grammar pass, and an open pass, only when the wake phrase was heard."""
        if not self._audio or self.grammars is None or not self.wake:
            return None
        norm = [drop_lead(self.matcher.language.normalise(r), self.wake)
                for r in utt.alternatives[:ASLEEP_READINGS]]
        if not any(wakes(r, self.wake, frozenset()) and r != self.wake for r in norm):
            return None
        rec = self.grammars.awake()
        again = rec.accept(bytes(self._audio)) or rec.end()
        if again is None:
            return None
        taken = take_reading(self.matcher, again.alternatives, self.wake, rec.phrases)
        if taken is None or not wakes(taken, self.wake, frozenset()) or \
                self.matcher.match(after_wake(taken, self.wake)).name is None:
            return None
        command = replace(again, text=taken)
        self._read_kept(command)
        return command

    def _why_asleep(self, utt: Utterance) -> str:
        """Why a reading heard asleep was not taken, in words a person woken by it can follow:
        the wake phrase, or a phrase that acts alone, inside running speech is not the same
        as neither being heard at all."""
        norm = [f" {self.matcher.language.normalise(r)} "
                for r in utt.alternatives[:ASLEEP_READINGS]]
        if self.wake and any(f" {self.wake} " in r for r in norm):
            return f"asleep: '{self.wake}' amid other words (say it first)"
        for alone in sorted(self.matcher.wake_alone, key=len, reverse=True):
            if any(f" {alone} " in r for r in norm):
                return (f"asleep: '{alone}' with other words (say it alone, "
                        f"or '{self.wake}' first)")
        return "no wake phrase"

    # -- listening rules -------------------------------------------------------------------
    def woken(self) -> None:
        """Woken by other means than the wake phrase (a satellite heard its own wake word):
        what is said next counts as said after the wake phrase."""
        now = self.dialogue.clock()
        self.spoken_to = now
        self.awake_until = max(self.awake_until, now + self.follow_up_s)

    def live(self) -> bool:
        """True while commands count without the wake phrase."""
        return (self.dialogue.clock() < self.awake_until or self.dialogue.busy()
                or self.dialogue.question is not None)

    def choose(self) -> Recognizer:
        """The grammar for what can sensibly be said now."""
        if self.is_speaking():
            return self.grammars.speaking()
        q = self.dialogue.question
        if q is not None:
            return self.grammars.question(q.question.expects)
        if self.dialogue.busy():
            return self.grammars.coaching()
        if self.dialogue.clock() < self.awake_until:
            return self.grammars.awake()
        return self.grammars.asleep()

    def spoke(self, said: Said) -> None:
        """Called for each sentence the coach says: the follow-up window starts after it,
        when someone has been talking to the coach."""
        now = self.dialogue.clock()
        if now - self.spoken_to > CONVERSATION_S:
            return
        duration = len(said.text.split()) / WORDS_PER_SECOND
        self.awake_until = now + duration + self.follow_up_s

    def reading(self, utt: Utterance, phrases: frozenset[str] = frozenset(),
                asleep: bool = False) -> str | None:
        q = self.dialogue.question
        return take_reading(self.matcher, utt.alternatives or (utt.text,), self.wake, phrases,
                            asleep, q.question.expects if q else ())

    def heard(self, utt: Utterance, phrases: frozenset[str] = frozenset(),
              asleep: bool = False) -> None:
        """Act on an utterance, or ignore it. ``asleep``: it was heard with the asleep
        grammar, decoys and all. ``utt.open_text``: the open-vocabulary reading of the same
        audio (awake), screened for red flags before anything else."""
        log.debug("readings %s", " | ".join(utt.alternatives))
        taken = self.reading(utt, phrases, asleep)
        said_before, self._said_before = self._said_before, frozenset(
            self.matcher.language.normalise(r) for r in utt.alternatives) if asleep else frozenset()
        if asleep and (command := self._wake_and_command(utt)) is not None:
            utt, taken, phrases = command, command.text, frozenset()
        # A red flag in the person's own words outranks whatever the grammar made of them.
        said = "" if asleep else screenable(utt.open_text)
        alarm = bool(said) and self.dialogue.screen(said, utt.open_confidence) is not None
        if taken is None and not alarm:
            self._report(utt, False, self._why_asleep(utt) if asleep else "not one phrase")
            return
        text = taken or ""
        conf = share_of(utt, text, self.matcher.language.normalise) if text else 0.0
        utt = replace(utt, text=text, confidence=conf)
        if self.is_speaking():
            intent = self.matcher.match(text)
            acted = alarm or intent.name in self.matcher.heard_in("barge_in")
            self._report(utt, acted, "a red flag in the open reading" if alarm else
                         "barge-in" if acted else "the coach is talking")
            if acted:
                self.hush()
                if alarm:
                    self._hear(utt, text)
                else:
                    self.dialogue.handle(intent)
            return
        if alarm:
            self._report(utt, True, "a red flag in the open reading")
            self._hear(utt, text)
            return
        woke = bool(self.wake) and wakes(text, self.wake, frozenset())
        if woke:
            text = text[len(self.wake):].strip()
        if not (woke or self.live() or text in self.matcher.wake_alone):
            self._report(utt, False, "asleep")
            return
        if not (woke or self.live() or text in said_before) and \
                self.quiet_before < QUIET_BEFORE_ALONE_S:
            self._report(utt, False, "not said on its own")
            return
        if not asleep and not woke and conf < UNSURE_SHARE and not self._answers(text):
            # Awake, a reading the recogniser barely preferred ("숨을 못 쉬겠어요" read as
            # "조용히 다 됐어요" at 0.22, which ended the cramp): when unsure, ask.
            self._report(utt, False, f"unsure (share {conf:.2f})")
            now = self.dialogue.clock()
            if now - self._asked_again >= UNSURE_QUIET_S:  # never a loop of "say again"
                self._asked_again = now
                self.dialogue.unsure()
            return
        self._report(utt, True, "wake phrase" if woke else
                     "acts alone" if text in self.matcher.wake_alone else "live")
        self.spoken_to = self.dialogue.clock()
        if woke and self.matcher.match(text).name is None:
            text = ""  # "hey coach" and a mumble: wake up and listen for the command
        if not text:
            self.beep()
            self.awake_until = self.dialogue.clock() + self.follow_up_s
            return
        self._hear(utt, text)

    def _answers(self, text: str) -> bool:
        """Whether ``text`` answers the open question: there the grammar holds only its few
        answers, which split the n-best between them ("종아리", "정강이")."""
        q = self.dialogue.question
        return q is not None and self.matcher.match(text).name in q.question.expects

    def _hear(self, utt: Utterance, text: str) -> None:
        """Pass the taken reading and the open reading to the dialogue."""
        self.spoken_to = self.dialogue.clock()
        intent = self.dialogue.hear(text, utt.confidence, open_text=screenable(utt.open_text),
                                    open_confidence=utt.open_confidence)
        if self._owed is not None:  # its open reading, when ready, is told with it
            self._owed.utt, self._owed.answered = utt, intent

    def _report(self, utt: Utterance, acted: bool, why: str, quiet: bool = False) -> None:
        """Log and trace what was heard; ``on_heard`` is told too, unless ``quiet`` (an open
        reading that changed nothing: its utterance was told already)."""
        log.info("heard %r (conf %.2f; open %r): %s, %s", utt.text, utt.confidence,
                 utt.open_text, "acted" if acted else "ignored", why)
        if self.trace is not None:
            self.trace.heard(utt.text, utt.alternatives, utt.confidence, acted, why,
                             open_text=utt.open_text, open_confidence=utt.open_confidence)
        if acted:
            self.last_acted = utt.text
        if self.on_heard and not quiet:
            self.on_heard(utt, acted)


def _same(a: Intent | None, b: Intent | None) -> bool:
    """Two screens' findings are the same answer (same intent, same slots)."""
    return a is not None and b is not None and (a.name, a.slots) == (b.name, b.slots)
