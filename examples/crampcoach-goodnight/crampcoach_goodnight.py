"""An example third-party Cramp Coach plugin: a calm good night, and a summary line.

Install it next to crampcoach (``pip install ./examples/crampcoach-goodnight``) and say
"good night" in ``crampcoach chat``.
"""

from typing import Any

from crampcoach.voice import hookimpl
from crampcoach.voice.messages import Reply

PHRASES = {
    "en": {
        "intents": {
            "goodnight.say": {
                "priority": 50,
                "sentences": ["good night", "goodnight", "night night", "(im|i am) going to sleep"],
            }
        }
    }
}
SAY = {
    "en": {
        "reply": ["Good night.", "If a cramp wakes you, just say cramp."],
        "summary": "Say good night at bedtime, and I'll be listening.",
    }
}


@hookimpl
def crampcoach_intents(language: str) -> dict[str, Any] | None:
    return PHRASES.get(language)


@hookimpl
def crampcoach_handle_intent(intent: Any, convo: Any) -> Reply | None:
    if intent.name == "goodnight.say" and convo.language in SAY:
        return Reply(say=list(SAY[convo.language]["reply"]))
    return None


@hookimpl
def crampcoach_summary_lines(convo: Any) -> list[str] | None:
    words = SAY.get(convo.language)
    return [words["summary"]] if words else None
