"""Red flags: a worrying symptom, said at any moment, gets the right tier of advice at once.

Which symptom belongs to which tier is data (``lang/<code>.toml``, from the content brief);
the relief plugin stops coaching when it hears ``safety.symptom``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Reply

HERE = Path(__file__).parent


def plugin() -> Safety:
    return Safety()


def tier_of(symptom: str | None, data: dict[str, Any]) -> str:
    """The brief's tier for a symptom: ``emergency``, ``same_day`` or ``soon``."""
    for tier, symptoms in data["tiers"].items():
        if symptom in symptoms:
            return tier
    return "same_day"  # an unrecognised worry is not waved away


class Safety:
    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        if intent.name != "safety.symptom":
            return None
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        symptom = intent.slots.get("symptom")
        tier = tier_of(symptom, data)
        say = list(data["say"][tier])
        if convo.shared.get("profile.pregnant") and symptom == "swelling":
            say.append(data["say"]["pregnancy_swelling"])
        # The journal keeps it, for the morning summary and the doctor's report.
        convo.shared.setdefault("safety.reported", []).append(
            {"symptom": symptom or "unspecified", "tier": tier})
        return Reply(say=say)
