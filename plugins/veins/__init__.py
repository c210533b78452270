"""The spoken vein self-check: five yes/no questions, one at a time, stored with the date.

Never a diagnosis: any "yes" gets one calm sentence that vein problems may be linked with
cramps and that a doctor can look at the leg veins with an ultrasound.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from crampcoach.plugins.common import db as shared_db
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Question, Reply

from . import store

HERE = Path(__file__).parent
KEYS = ("swelling", "aching", "itch_burn_heavy", "spider_veins", "bulging_veins")
"""What each question asks, in order, as stored and shown in the report."""
LABELS = {"itch_burn_heavy": "itching, burning or heaviness"}
"""Column headings in the report where the stored key is not already plain words."""
ANSWERS = {"answer.yes": "yes", "answer.no": "no", "answer.unsure": "not sure"}
EXPECTS = (*ANSWERS, "coach.repeat", "coach.stop")
WAIT_S = 20.0
"""Time to think about a question about one's own legs."""


def plugin() -> Veins:
    return Veins()


class Veins:
    def __init__(self) -> None:
        self.answers: dict[str, str] | None = None

    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        say = data["say"]
        if intent.name == "check.veins":
            self.answers = {}
            return self._ask(say, list(say["intro"]))
        if convo.asked != "vein" or self.answers is None:
            return None
        if intent.name == "coach.repeat":
            return self._ask(say, [])
        if intent.name == "coach.stop":
            return self._finish(convo, say, list(say["stopped"]), completed=False)
        self.answers[KEYS[len(self.answers)]] = ANSWERS[str(intent.name)]
        if len(self.answers) < len(KEYS):
            return self._ask(say, [])
        values = set(self.answers.values())
        verdict = "any_yes" if "yes" in values else "unsure" if "not sure" in values else "all_no"
        return self._finish(convo, say, list(say[verdict]), completed=True)

    @hookimpl
    def crampcoach_timer(self, name: str, data: dict[str, Any], convo: Any) -> Reply | None:
        lang = phrasebook.load(HERE, convo.language)
        if name != "question.timeout" or data.get("question") != "vein" or lang is None:
            return None
        if self.answers is None:
            return None
        return self._finish(convo, lang["say"], list(lang["say"]["later"]), completed=False)

    def _ask(self, say: dict[str, Any], before: list[str]) -> Reply:
        assert self.answers is not None
        question = say["questions"][len(self.answers)]
        return Reply(say=[*before, question], ask=Question(EXPECTS, WAIT_S, name="vein"))

    def _finish(self, convo: Any, say: dict[str, Any], lines: list[str],
                completed: bool) -> Reply:
        assert self.answers is not None
        if self.answers:
            try:
                with store.open_veins(convo.data_dir,
                                      busy_timeout_s=shared_db.LIVE_BUSY_TIMEOUT_S) as j:
                    store.add_vein_check(j, convo.now(), self.answers, completed)
            except shared_db.LIVE_ERRORS as err:
                # The answers were heard and the advice still stands: say so, in one line.
                convo.problems.append(f"the vein self-check could not be saved ({err})")
                lines = [*lines, say["not_saved"]]
        self.answers = None
        return Reply(say=lines)

    @hookimpl
    def crampcoach_report_sections(self, data_dir: Path) -> list[str] | None:
        with store.open_veins(data_dir, create=False) as j:
            checks = store.vein_checks(j)
        if not checks:
            return ["<h3>Vein self-checks</h3><p>None taken.</p>"]
        head = "".join(f"<th>{LABELS.get(k, k.replace('_', ' '))}</th>" for k in KEYS)
        rows = []
        for c in checks:
            cells = "".join(f"<td>{html.escape(c['answers'].get(k, '–'))}</td>" for k in KEYS)
            rows.append(f"<tr><td>{html.escape(c['taken_at'][:16].replace('T', ' '))}</td>"
                        f"{cells}<td>{'yes' if c['completed'] else 'stopped'}</td></tr>")
        return ["<h3>Vein self-checks</h3><table><thead><tr><th>Taken</th>" + head +
                "<th>Completed</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"]
