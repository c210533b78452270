"""The plugin contract: every hook a Cramp Coach plugin may implement.

Implement a hook by decorating a function of the same name with ``crampcoach.voice.hookimpl``;
declare only the arguments you use, so hooks can gain arguments without breaking you. The built-in
features are plugins registered through this same contract.

The arguments that recur:

``language``
    The language code of the conversation, e.g. ``"en"``.
``intent``
    A :class:`crampcoach.voice.messages.Intent`: ``name``, ``slots``, ``plugin`` (who declared it).
``convo``
    The :class:`crampcoach.voice.dialogue.Conversation`: ``now()`` (aware wall-clock time),
    ``elapsed()`` (monotonic seconds), ``config``, ``data_dir``, ``language``, ``source``,
    ``facts`` (typed facts the plugins of one conversation share, see
    :mod:`crampcoach.voice.facts`), ``problems`` (append a line when something the person
    was told of could not be done, e.g. saved: the command then exits non-zero),
    ``call(hook, **kwargs)``, and ``asked`` (the name of the open question this intent
    answers, if any).

A hook implementation whose name is not one of these is reported at start-up and its plugin
is not loaded (pluggy's ``check_pending``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from crampcoach.voice.messages import Intent, Reply

if TYPE_CHECKING:  # the dialogue imports the host, which imports these specs
    from crampcoach.voice.dialogue import Conversation

hookspec = pluggy.HookspecMarker("crampcoach")


@hookspec
def crampcoach_intents(language: str) -> dict[str, Any] | None:
    """Declare the phrases this plugin understands, in ``language``.

    Return ``{"lists": {...}, "intents": {...}, "wake_alone": [...], "not_slot": {...}}`` (see
    :mod:`crampcoach.voice.intents`) or ``None`` when the plugin has nothing in that language.
    ``not_slot`` says where a list's phrases are not a mention of it, by the word just
    before (``after``) or just after (``before``): ``{"side": {"after": ["i"], "before":
    ["now"]}}`` — "I left my phone", "right now" name no side; ``"before_unknown": true``
    adds any word no plugin knows after it ("my left shoe"), but for the words in ``known``.
    ``stands_for`` maps a word of the plugin's sentences to other words heard in its place
    (``{"cramp": ["knot"]}``: "the knot's gone"); it loosens matching, never the grammar.
    ``heard_only`` holds more phrases for a list's values, as ``lists`` does (a value of its
    own may be heard only): matched exactly, as the list's own phrases are, and never in a
    grammar (the words a red flag is said with, which the recogniser must not be led to hear).
    ``places`` names the lists whose phrases are places on the body (``["side",
    "muscle"]``): a language that reads words back (Korean) leaves them out of what is said
    where they name where a thing is ("리모컨 왼쪽에 있어"), never a health fact.
    ``wake_alone`` lists phrases that, said on their own, act without the wake phrase (it may
    also sit inside one intent, beside its sentences). Each intent may say when it can be
    heard by voice with ``heard``: ``asleep``, ``coaching``, ``question``, ``answer``,
    ``barge_in`` (see :data:`crampcoach.voice.intents.LISTENING`); without it, an intent is
    heard once the coach is awake. ``only_asked = true`` makes an intent an answer and
    nothing else: it is understood only while a question that expects it is open ("the
    back" answers "front or back?", and is nothing in "did you lock the back door").
    A red flag (priority 90 and up) may list ``advice`` values of its slot: said with them
    alone it wins on what it explains, not whenever it matches.
    ``which_after`` lists words that, said just after slot values, make them name which
    record is meant rather than a value to set ("the *calf* one was a three"): the intent
    then carries them in ``Intent.which``, and its slots hold only the values;
    ``which_before`` does the same for phrases said just before them ("the one in my *calf*").
    ``kept_beside_screen = true``: said in the same breath as what a screen finds and acts on
    alone (a red flag), the intent is still handed on after it, with ``convo.kept`` set, so
    that the plugins keep what it says without starting anything from it ("my calf is cramping
    and it looks swollen": the cramp is logged, not coached).
    The engine matches utterances against every plugin's sentences, and the same sentences
    become the recogniser's grammar, so a phrase not declared here cannot be heard by voice.
    """


@hookspec
def crampcoach_screen(text: str, convo: Conversation, confidence: float) -> Intent | None:
    """Screen an utterance before anything else; return an ``Intent`` or ``None``.

    ``confidence`` (0..1) is the recogniser's (typed text is 1): a screen may ask rather
    than act on a reading it is unsure of.

    Called with the raw ``text`` of every utterance, in every state of the conversation
    (idle, coaching, a question open, the coach talking), before intent matching. What a
    screen returns outranks everything: any open question is dropped and the intent goes to
    every plugin, the screening plugin first, in place of what the text would otherwise
    match. The safety plugin screens for red flags; the first screen to answer wins.
    An intent marked ``advisory`` is answered first and then the text is understood as usual
    (the open question, if any, stays open): advice that must not stop the conversation.
    Intents a plugin declares with ``screened = true`` are left to its screen: the matcher
    never takes an utterance as one of them in a conversation.
    """


@hookspec
def crampcoach_handle_intent(intent: Intent, convo: Conversation) -> Reply | None:
    """React to an understood utterance; return a ``Reply`` or ``None``.

    Called on every plugin for every intent, the declaring plugin first, so a plugin may
    also listen in on intents it does not own (the journal opens an episode on
    ``cramp.report`` while the relief plugin coaches). ``intent.name`` is ``None`` for an
    utterance nobody understood. When a plugin's open question (``Reply.ask``) expects this
    intent, only that plugin is called, with ``convo.asked`` naming the question; its reply
    may ``follow`` with intents for everyone (a "yes" to "Is it easing?" follows with
    ``cramp.over``, so the journal hears the cramp is over).
    """


@hookspec
def crampcoach_timer(name: str, data: dict[str, Any], convo: Conversation) -> Reply | None:
    """A timer this plugin scheduled (``Reply.timers``) is due; return a ``Reply`` or ``None``.

    Timers run on the monotonic clock, scaled by ``--time-scale``. ``name`` is
    ``question.timeout`` with ``data["question"]`` when a question of this plugin went
    unanswered.
    """


@hookspec
def crampcoach_session_start(convo: Conversation) -> Reply | None:
    """A conversation begins (``chat`` or ``listen`` started); return a ``Reply`` or ``None``.

    Use it to open storage or recover from an interrupted run.
    """


@hookspec
def crampcoach_session_end(convo: Conversation) -> None:
    """The conversation ends (end of input, Ctrl-C, end of a recording). Release resources."""


@hookspec
def crampcoach_summary_lines(
    night_start: datetime, night_end: datetime, convo: Conversation
) -> list[str] | None:
    """Sentences to add to the morning summary for the night ``[night_start, night_end)``.

    Both are timezone-aware datetimes. Return a list of short spoken sentences, or ``None``.
    """


@hookspec
def crampcoach_tips(language: str) -> list[dict[str, Any]] | None:
    """Offer prevention tips: ``[{"id": ..., "say": [...], "evidence": ..., "topics": [...]}]``.

    ``evidence`` is ``trial``, ``guideline`` or ``opinion``; ``topics`` name what the tip is
    for (e.g. ``calf``, ``foot``), so tips can follow what the journal shows.
    """


@hookspec
def crampcoach_report_sections(now: datetime, days: int, data_dir: Path) -> list[str] | None:
    """HTML sections for the doctor's report (``crampcoach report``), period ending ``now``.

    ``data_dir`` is where the journal (and your own files) live.

    Return complete, self-contained fragments (``<h2>…</h2><p>…</p>``); escape any text you
    did not write yourself. No scripts or outside resources: the page must work offline.
    """


@hookspec
def crampcoach_commands(subparsers: Any) -> None:
    """Add ``crampcoach`` sub-commands (an ``argparse`` sub-parsers object).

    Give each parser ``set_defaults(func=handler)``; the handler is called as
    ``handler(args, config, host)`` and returns the exit code. Raise ``voice.errors.UserError``
    for bad input: the command line prints its message on one line and exits with 2.
    """


@hookspec
def crampcoach_settings() -> dict[str, dict[str, Any]] | None:
    """Declare this plugin's settings: ``{name: {"default": ..., "type": ..., ...}}``.

    ``type`` is ``str`` (the default), ``int``, ``float``, ``bool``, ``time`` (``"HH:MM"``)
    or ``list`` (of text); ``min``, ``max`` (inclusive), ``above`` (exclusive), ``choices``
    and ``nonempty`` say what is allowed, ``help`` what it is for. The user sets them under
    the plugin's name in the config file (``[myplugin] name = value``); a wrong value is
    refused in one line before the coach starts. Read them with ``convo.settings(plugin)``
    (or ``config.settings(plugin)`` in a command handler).
    """
