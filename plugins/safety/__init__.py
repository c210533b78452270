"""Red flags: a worrying symptom, said at any moment, gets the right tier of advice at once.

The plugin's screen runs before intent matching on every utterance, in every state
(:func:`crampcoach_screen`). What it finds goes to every plugin as ``safety.symptom`` with
the tier, so the relief plugin stops coaching (except for "see a doctor soon", which is
advice: the utterance is then understood as usual) and the journal keeps it; when unsure it asks
one yes/no question (``safety.check``) and a "yes" gets the emergency answer. The concepts
are each language's data; the rules are in :mod:`.screening`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crampcoach.plugins.common.facts import (
    HealthProfile,
    MedicineAdvised,
    UrgentAdvice,
    red_flag,
)
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Question, Reply

from . import screening

HERE = Path(__file__).parent
CHECK = "safety.check"
CHECK_ANSWERS = ("answer.yes", "answer.no", "answer.unsure")
CHECK_TIMEOUT_S = 12.0
LOW_CONFIDENCE = 0.6
"""Below this recogniser confidence an emergency reading is checked with one question."""
LEG_SIGNS = {"swelling", "hard_vein", *screening.CLOT_SIGNS}
"""Signs on the leg itself: with any of them, a "soon" finding is not followed by coaching."""
RECENT_TIER_S = 3600.0
""""Should I call?" within the hour after a red flag is about that red flag."""
URGENT = (screening.EMERGENCY, screening.SAME_DAY)
AFTER_URGENT = ("chat.thanks", "chat.goodnight", "chat.never_mind", None, "tips.request",
                "tips.bedtime_stretch")
"""What, said after urgent advice, gets that advice again: "okay", "thanks", "good night",
"another tip", "bedtime stretch" (no coffee tip after "call emergency services now")."""
UNSURE_CHECK = {"chest": "chest_unclear", "breathing": "breath_unclear",
                "breath_fast": "breath_unclear"}
"""Which question confirms a doubtfully heard emergency; any other gets ``collapse_unclear``."""


def plugin() -> Safety:
    return Safety()


class Safety:
    def __init__(self) -> None:
        self.pending: Intent | None = None
        """The check question asked, while its answer is awaited."""
        self.last_tier: tuple[str, float] | None = None
        """The tier last answered in this conversation, and when (monotonic seconds)."""

    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_screen(self, text: str, convo: Any, confidence: float) -> Intent | None:
        data = phrasebook.load(HERE, convo.language)
        convo.facts.put(UrgentAdvice(self._recent_tier(convo)))  # for the help plugin
        if data is None or _echo(text, convo.last_said):
            return None
        profile = convo.facts.get(HealthProfile)
        verdict = screening.screen(text, data, convo.language,
                                   pregnant=bool(profile and profile.pregnant))
        slots: dict[str, Any] = {"concepts": list(verdict.concepts),
                                 "about": "other" if verdict.about_other else "self"}
        if verdict.tier == screening.EMERGENCY and confidence < LOW_CONFIDENCE:
            # Misheard words must not call an ambulance, nor be ignored: ask once.
            asked = next((UNSURE_CHECK[c] for c in verdict.concepts if c in UNSURE_CHECK),
                         "collapse_unclear")
            slots.update(check=asked)
            return Intent(CHECK, slots, "safety", text)
        if verdict.tier is not None:
            slots.update(tier=verdict.tier, detail=list(verdict.detail))
            # "See a doctor soon" is advice, not an alarm: "cramp again, third one tonight"
            # hears it and is then coached as usual. Not a swollen or discoloured leg, even
            # at that tier (pregnancy): nobody should be talked into stretching it.
            # Same day is advice too when the leg itself shows nothing (a cramp past ten
            # minutes, a wound, quinine and bruising): someone still cramping is coached on.
            advice_only = verdict.tier in (screening.SOON, screening.SAME_DAY) and \
                not set(verdict.concepts) & LEG_SIGNS
            return Intent("safety.symptom", slots, "safety", text, advisory=advice_only)
        if verdict.check is not None:
            slots.update(check=verdict.check)
            return Intent(CHECK, slots, "safety", text)
        return None

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        say = data["say"]
        if convo.asked == CHECK:
            return self._answer(intent, say)
        if intent.name == CHECK:
            self.pending = intent
            return Reply(say=[say[f"check_{intent.slots['check']}"]],
                         ask=Question(CHECK_ANSWERS, CHECK_TIMEOUT_S, name=CHECK))
        if intent.name == "safety.should_call":
            return self._should_call(say, convo)
        urgent = self._recent_tier(convo)
        if intent.name in AFTER_URGENT and urgent in URGENT and convo.asked is None:
            # "okay", "thanks" or "good night" after "call emergency services now" is no
            # all-clear: the advice again, in one line.
            return Reply(say=[say[f"after_{urgent}"]])
        if intent.name == "cramp.over" and urgent in URGENT and convo.asked is None:
            # "It's gone" just after "call emergency services now" may be the chest pain
            # gone, and is no all-clear either way: the advice again, first.
            return Reply(say=[say[f"after_{urgent}"]], urgent=True)
        if intent.name == "cramp.report" and urgent in URGENT and convo.asked is None \
                and not convo.kept:  # said with the flag itself: its advice was just given
            # A cramp within the hour after that advice is coached, but the advice comes
            # first: the red flag outranks the stretches.
            return Reply(say=[say[f"after_{urgent}"]], urgent=True)
        if intent.name != "safety.symptom":
            return None
        if "tier" not in intent.slots:  # a phrase heard without screening (e.g. a test harness)
            found = self.crampcoach_screen(intent.text, convo, 1.0)
            if found is None or found.name != "safety.symptom":
                return None
            intent = found
        tier = intent.slots["tier"]
        key = f"{tier}_other" if intent.slots.get("about") == "other" and \
            f"{tier}_other" in say else tier
        sentences = list(say[key]) + [say[d] for d in intent.slots.get("detail", []) if d in say]
        if "new_medicine" in intent.slots.get("detail", []):
            convo.facts.put(MedicineAdvised(True))  # the profile need not say it again
        self.last_tier = (tier, convo.elapsed())
        # The journal keeps it, for the morning summary and the doctor's report.
        return Reply(say=sentences, follow=[red_flag("safety", _reported(intent), tier)])

    def _should_call(self, say: dict[str, Any], convo: Any) -> Reply:
        """ "Should I call an ambulance?" gets the tier already said, never a softer one;
        with none said lately, the coach cannot judge and says so."""
        tier = self._recent_tier(convo)
        said = say[f"should_call_{tier or 'unknown'}"]
        return Reply(say=[said] if isinstance(said, str) else list(said))

    def _recent_tier(self, convo: Any) -> str | None:
        """The tier answered in this conversation within the hour, if any."""
        if self.last_tier is not None and convo.elapsed() - self.last_tier[1] < RECENT_TIER_S:
            return self.last_tier[0]
        return None

    def _answer(self, intent: Intent, say: dict[str, Any]) -> Reply:
        asked, self.pending = self.pending, None
        if intent.name == "answer.no":
            return Reply(say=[say["check_no"]], follow=[Intent("safety.clear", {}, "safety")])
        # "yes", or "not sure": when unsure, the emergency answer (a fall that hurt: today).
        slots = dict(asked.slots) if asked else {}
        tier = screening.CHECK_YES_TIER.get(slots.get("check", ""), screening.EMERGENCY)
        slots.update(tier=tier, detail=[])
        text = f"{asked.text if asked else ''} — {intent.text}".strip(" —")
        return Reply(follow=[Intent("safety.symptom", slots, "safety", text)])

    @hookimpl
    def crampcoach_timer(self, name: str, data: dict[str, Any], convo: Any) -> Reply | None:
        if name != "question.timeout" or data.get("question") != CHECK:
            return None
        self.pending = None
        lang = phrasebook.load(HERE, convo.language)
        if lang is None:
            return None
        return Reply(say=[lang["say"]["check_timeout"]],
                     follow=[Intent("safety.clear", {}, "safety")])


ECHO_WORDS = 5


def _echo(text: str, last_said: list[str]) -> bool:
    """The coach's own sentence heard back ("…chest pain or trouble breathing…"), not a
    person describing a symptom: a long stretch of what it just said, word for word."""
    words = screening.normalise(text).replace(",", " ").split()
    if len(words) < ECHO_WORDS:
        return False
    heard = f" {' '.join(words)} "
    return any(heard in f" {screening.normalise(s).replace(',', ' ')} " for s in last_said)


def _reported(intent: Intent) -> str:
    """What the person reported, as the journal keeps it: their words and what was found."""
    concepts = ", ".join(intent.slots.get("concepts", []))
    who = " (someone else)" if intent.slots.get("about") == "other" else ""
    words = intent.text.strip()
    return f"{words}{who} [{concepts}]" if concepts else f"{words}{who}"
