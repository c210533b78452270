"""Help, yes/no answers, the one-time self-care note, and the reply to the unheard.

The yes/no intents live here because several plugins ask yes/no questions; each hears the
answers to its own questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crampcoach.plugins.common.facts import Coaching, UrgentAdvice
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Reply

HERE = Path(__file__).parent
NOTE_FLAG = "self-care-note-given"
SHORT_WORDS = 3
SMALL_TALK = {"chat.thanks": "thanks", "chat.goodnight": "goodnight",
              "chat.never_mind": "never_mind", "chat.presence": "presence"}
"""Things people say to a helper that need a short, kind answer, never "didn't catch that"."""


def plugin() -> Help:
    return Help()


class Help:
    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_session_start(self, convo: Any) -> Reply | None:
        flag = Path(convo.data_dir) / NOTE_FLAG
        data = phrasebook.load(HERE, convo.language)
        if flag.exists() or data is None:
            return None
        try:
            flag.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            flag.touch(mode=0o600)
        except OSError:
            pass  # an unwritable folder (the journal says so): the note is simply said again
        return Reply(say=list(data["say"]["first_run"]))

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        if intent.name == "help":
            return Reply(say=list(data["say"]["help"]))
        if intent.name == "chat.time":
            # Said in the dark with no clock in reach; the coach never guesses it otherwise.
            lang = phrasebook.Phrasebook(data, convo.language).lang
            return Reply(say=[data["say"]["time"].format(time=lang.clock_time(convo.now()))])
        urgent = convo.facts.get(UrgentAdvice)
        if urgent and urgent.tier and (intent.name is None or intent.name in SMALL_TALK):
            return None  # after urgent advice the safety plugin says it again instead
        if intent.name in SMALL_TALK:
            key = SMALL_TALK[intent.name]
            coaching = convo.facts.get(Coaching)
            busy = (coaching and coaching.running) or (key == "presence" and convo.waiting_for)
            if busy and f"{key}_coaching" in data["say"]:
                key += "_coaching"  # "thank you" mid-stretch: not "say cramp if another comes"
            return Reply(say=list(data["say"][key]))
        if intent.name is None:
            # "Say cramp" only answers a short mumble out of a routine: never a description
            # of how someone feels, never mid-routine or while a question waits.
            coaching = convo.facts.get(Coaching)
            if (coaching and coaching.running) or convo.waiting_for:
                return Reply(say=list(data["say"]["unknown_coaching"]), repeatable=False)
            if len(intent.text.split()) > SHORT_WORDS:
                return Reply(say=list(data["say"]["unknown_described"]), repeatable=False)
            return Reply(say=list(data["say"]["unknown"]), repeatable=False)
        return None
