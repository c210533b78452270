"""What the built-in plugins tell each other, as types and intent names (docs/plugins.md).

Two kinds, for two needs:

- **State** that holds for the whole conversation is a fact on ``convo.facts``: publish it
  with ``convo.facts.put(...)``, read it with ``convo.facts.get(Class)``.
- **Events** that must be acted on (written down) the moment they happen travel as follow-up
  intents (``Reply.follow``), dispatched to every plugin after the reply: a plugin that does
  not care returns ``None``. Their names and slots are listed here; none of them is a phrase
  anyone can say.
"""

from __future__ import annotations

from dataclasses import dataclass

from crampcoach.voice.messages import Intent


@dataclass(frozen=True)
class HealthProfile:
    """Published by the profile plugin at the start of a conversation and on every change."""

    fluid_limit: bool = False
    """A doctor limits how much the person drinks: never suggest drinking more."""
    pregnant: bool = False
    """The person is pregnant: one-sided swelling needs a doctor the same day."""


@dataclass(frozen=True)
class Coaching:
    """Published by relief before it answers each intent: is a relief routine running?"""

    running: bool = False


@dataclass(frozen=True)
class UrgentAdvice:
    """Published by safety before each utterance: the tier of the red flag it answered in
    this conversation within the hour, if that was same day or emergency, else ``None``.
    Small talk and words not understood then get that advice again (from safety), never
    "say cramp" or "good night" (from help)."""

    tier: str | None = None


@dataclass(frozen=True)
class MedicineAdvised:
    """Published by safety when its answer has said not to stop a new medicine and to ask
    the prescriber. The profile then notes the medicine without saying it all again."""

    said: bool = False


@dataclass(frozen=True)
class CrampBesideFlag:
    """Published by relief with a cramp report kept beside a red flag (``convo.kept``):
    whether a cramp is said to be here now ("my calf is cramping, and it's swollen"), not only
    a place named with the sign ("my left calf is swollen and hot"). The journal logs it only
    then."""

    here: bool = False


@dataclass(frozen=True)
class ToldAsPast:
    """Published by relief with each cramp report: it tells of a cramp that has been ("I had
    a cramp last night"), not one happening now. The journal then opens no episode; when it
    was last night and nothing was logged then, it asks whether to note it."""

    past: bool = False
    last_night: bool = False
    """The cramp told of was last night ("last night", "어젯밤", "새벽에 … 났었어")."""


@dataclass(frozen=True)
class OnlyEasing:
    """Published by relief with each ``cramp.over``: what was said means the cramp is letting
    go, not gone ("it's easing"). The journal then keeps the episode open."""

    easing: bool = False


@dataclass(frozen=True)
class UrgentLately:
    """Published by the journal while giving the morning summary: a red flag of last night
    needs a doctor today or sooner. The summary then gives no prevention tip after it."""

    tier: str


LOCATED = "cramp.located"
"""Where the cramp is, said in answer to a question (relief's "Calf or foot?").

Slots: ``side`` (``left``/``right``/``both``) and/or ``muscle``, only what the person said.
The journal writes them onto the open episode at once."""

STEP_DONE = "cramp.step_done"
"""A relief step was done (its hold completed). Slot ``step``: the step's id."""

RED_FLAG = "safety.reported"
"""A worrying symptom was heard and answered. Slots ``symptom`` and ``tier``
(``emergency``, ``same_day`` or ``soon``). The journal keeps it for the summary and report."""


def located(plugin: str, side: str | None = None, muscle: str | None = None) -> Intent:
    slots = {k: v for k, v in (("side", side), ("muscle", muscle)) if v}
    return Intent(LOCATED, slots, plugin)


def step_done(plugin: str, step: str) -> Intent:
    return Intent(STEP_DONE, {"step": step}, plugin)


def red_flag(plugin: str, symptom: str, tier: str) -> Intent:
    return Intent(RED_FLAG, {"symptom": symptom, "tier": tier}, plugin)
