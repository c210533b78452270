"""The health profile: pregnancy, conditions, medicines, a doctor's fluid limit.

It changes what the coach says: no "drink more" with a fluid limit, a one-sided swelling
warning in pregnancy, and "ask the prescriber" when cramps began after a new medicine. It
also gives the doctor's report its profile section. Its own tables in the shared database
file (owner-only); the other plugins learn of it through the ``HealthProfile`` fact.
"""

from __future__ import annotations

import html
import logging
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampcoach.plugins.common.db import Database, DatabaseError
from crampcoach.plugins.common.facts import HealthProfile
from crampcoach.plugins.journal.store import Journal
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Reply

from . import store

if TYPE_CHECKING:  # annotations only: importing the engine's dialogue costs start-up
    from crampcoach.voice.dialogue import Conversation

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
NEW_MEDICINE_WEEKS = 8
"""Cramps that began within this many weeks after a medicine started are worth a question
to the prescriber (a design choice; the brief gives no number)."""


def plugin() -> Profile:
    return Profile()


def publish(j: Database, convo: Conversation) -> None:
    """Tell the other plugins what they must respect (tips, safety)."""
    have = store.items(j)
    convo.facts.put(HealthProfile(fluid_limit=have.get("fluid_limit") == store.YES,
                                  pregnant=have.get("pregnant") == store.YES))


def medicine_before_cramps(j: Database, now: datetime) -> dict[str, Any] | None:
    """A medicine started in the last weeks, with cramps logged after its start."""
    recent = [m for m in store.medicines(j)
              if now.date() - date.fromisoformat(m["since"]) <= timedelta(weeks=NEW_MEDICINE_WEEKS)]
    if not recent:
        return None
    # The episodes are the journal's: read through its API, never its tables.
    with Journal(j.path.parent, create=False) as journal:
        for med in recent:
            start = datetime.combine(date.fromisoformat(med["since"]),
                                     datetime.min.time()).astimezone()
            if journal.episodes(since=start):
                return med
    return None


def medicine_lines(j: Journal, med: dict[str, Any], now: datetime, data: dict[str, Any],
                   code: str) -> list[str]:
    """Only what is true: when the medicine started, cramps logged since, and in the same span
    before. Never that it caused them: cramps may have begun long before it."""
    from crampcoach.voice import language

    lang = language.load(code)
    say = data["say"]
    since = date.fromisoformat(med["since"])
    start = datetime.combine(since, datetime.min.time()).astimezone()
    after = len(j.episodes(since=start))
    before = len(j.episodes(since=start - (now - start), until=start))
    counts = data.get("counts")  # languages that count with other words than they spell

    def count(n: int) -> str:
        return counts[n] if counts and n < len(counts) else lang.spell(n)

    name = say["a_new_medicine"] if med["name"].startswith("new medicine") else med["name"]
    when = since.strftime(data["date_format"]).replace("{day}", str(since.day))
    return [phrasebook.capitalise(line.format(name=name, since=when, after=count(after),
                                              before=count(before)))
            for line in say["medicine_summary"]]


class Profile:
    @hookimpl
    def crampcoach_intents(self, language: str) -> dict[str, Any] | None:
        return phrasebook.declaration(phrasebook.load(HERE, language))

    @hookimpl
    def crampcoach_commands(self, subparsers: Any) -> None:
        from .cli import add_commands

        add_commands(subparsers)

    @hookimpl
    def crampcoach_session_start(self, convo: Conversation) -> None:
        try:
            with store.open_profile(convo.data_dir, create=False) as j:
                publish(j, convo)
        except DatabaseError as err:  # unreadable: the journal tells the person once
            log.warning("profile: cannot read: %s", err)

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        if intent.name != "profile.update":
            return None
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        item = intent.slots.get("item")
        if item is None:
            return Reply(say=list(data["say"]["unclear"]))
        now = convo.now()
        with store.open_profile(convo.data_dir) as j:
            if item == "new_medicine":
                store.add_medicine(j, f"new medicine, said by voice on {now:%Y-%m-%d}",
                                   now.date(), now)
            else:
                store.set_item(j, item, store.YES, now)
            publish(j, convo)
        return Reply(say=list(data["say"].get(item, data["say"]["other"])))

    @hookimpl
    def crampcoach_summary_lines(self, convo: Any) -> list[str] | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        with store.open_profile(convo.data_dir, create=False) as p:
            flagged = medicine_before_cramps(p, convo.now())
        if not flagged:
            return None
        with Journal(convo.data_dir, create=False) as j:
            return medicine_lines(j, flagged, convo.now(), data, convo.language)

    @hookimpl
    def crampcoach_report_sections(self, now: datetime, data_dir: Path) -> list[str] | None:
        with store.open_profile(data_dir, create=False) as j:
            return [report_section(store.export(j), medicine_before_cramps(j, now))]


def report_section(profile: dict[str, Any], flagged: dict[str, Any] | None) -> str:
    e = html.escape
    said = [label for key, label in store.ITEMS.items() if profile["items"].get(key) == "yes"]
    meds = profile["medicines"]
    out = ["<h3>Health profile</h3>"]
    out.append("<p>" + (e("Reported: " + ", ".join(said) + ".") if said
                        else "No conditions reported.") + "</p>")
    if meds:
        # The report's "Medicines started" table lists them, with cramps per week before and
        # after each start; here only the pointer, so the doctor reads them once.
        out.append(f"<p>Medicines: {e(', '.join(m['name'] for m in meds))} (see Medicines "
                   "started).</p>")
    if flagged:
        out.append(f"<p><b>Cramps were logged after starting {e(flagged['name'])} "
                   f"({e(flagged['since'])}).</b> Worth reviewing with the prescriber; the "
                   "person has been told not to stop it on their own.</p>")
    return "".join(out)

