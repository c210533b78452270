"""The health profile: pregnancy, conditions, medicines, a doctor's fluid limit.

It changes what the coach says: no "drink more" with a fluid limit, a one-sided swelling
warning in pregnancy, and "ask the prescriber" when cramps began after a new medicine. It
also gives the doctor's report its profile section. Its own tables in the shared database
file (owner-only); the other plugins learn of it through the ``HealthProfile`` fact.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampcoach.plugins.common import db as shared_db
from crampcoach.plugins.common.db import Database
from crampcoach.plugins.common.facts import HealthProfile, MedicineAdvised
from crampcoach.plugins.journal.store import Journal
from crampcoach.voice import hookimpl, phrasebook
from crampcoach.voice.messages import Intent, Question, Reply

from . import store

if TYPE_CHECKING:  # annotations only: importing the engine's dialogue costs start-up
    from crampcoach.voice.dialogue import Conversation

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
MEDICINE_ANSWERS = ("answer.unsure", "answer.no", "chat.never_mind", "coach.next")
"""Answers to "Which medicine is it?" that give no name; any other unexplained words do."""
MEDICINE_QUESTION_S = 20.0
NEW_MEDICINE_WEEKS = 8
"""Cramps that began within this many weeks after a medicine started are worth a question
to the prescriber (a design choice; the brief gives no number)."""
MAX_AGO_DAYS = 366
"""How far back "started N weeks ago" is taken; beyond it, the day is not told."""


def started_on(text: str, today: date, data: dict[str, Any],
               code: str) -> tuple[date | None, str]:
    """When a medicine was started, from how it was said ("last monday", "three days ago",
    "since the first of the month"), and the words that said it.

    ``(today, "")`` when nothing in the words says when; ``(None, "")`` when they say when
    in a way not understood ("back in the spring"): the caller says so, never "from today".
    """
    said = " ".join(re.findall(r"\w+", text.lower().replace("'", "")))
    ago = data.get("started_ago", {})
    for find in (_on_weekday, _days_ago, _counted_ago, _day_of_month):
        found = find(said, today, ago, code)
        if found is not None:
            return found
    if any(_has(said, word) for word in ago.get("vague", [])):
        return None, ""
    return today, ""


def _has(said: str, phrase: str) -> re.Match[str] | None:
    """The phrase at the start of a word ("어제부터": a particle may follow it)."""
    return re.search(rf"(^| ){re.escape(phrase)}", said)


def _days_ago(said: str, today: date, ago: dict[str, Any], code: str) -> tuple[date, str] | None:
    for phrase, days in sorted(ago.get("phrases", {}).items(), key=lambda x: -len(x[0])):
        if _has(said, phrase):
            return today - timedelta(days=int(days)), phrase
    return None


def _counted_ago(said: str, today: date, ago: dict[str, Any],
                 code: str) -> tuple[date, str] | None:
    from crampcoach.voice import language

    numbers = language.load(code).numbers
    for unit, days in ago.get("units", {}).items():
        m = re.search(rf"(^| )(\w+?) ?{re.escape(unit)}( |$)", said)
        if m is None:
            continue
        count = int(m.group(2)) if m.group(2).isdigit() else numbers.get(m.group(2))
        if count is not None and 0 < count * int(days) <= MAX_AGO_DAYS:
            return today - timedelta(days=count * int(days)), m.group(0).strip()
    return None


def _on_weekday(said: str, today: date, ago: dict[str, Any],
                code: str) -> tuple[date | None, str] | None:
    """"last monday", "since friday": the latest such day before today; "monday last week"
    (지난주 월요일): that day of the week before this one."""
    for index, name in enumerate(ago.get("weekdays", [])):
        m = _has(said, name)
        if m is None:
            continue
        monday = today - timedelta(days=today.weekday())
        if any(_has(said, w) for w in ago.get("week_before", [])):
            return monday - timedelta(days=7 - index), name
        if any(_has(said, w) for w in ago.get("this_week", [])):
            day = monday + timedelta(days=index)
            return (day, name) if day <= today else (None, "")
        return today - timedelta(days=(today.weekday() - index - 1) % 7 + 1), name
    return None


def _day_of_month(said: str, today: date, ago: dict[str, Any],
                  code: str) -> tuple[date | None, str] | None:
    """"since the first of the month", "on the 3rd", "1일부터": the latest such day."""
    day = None
    for pattern in ago.get("day_of_month", []):
        m = re.search(pattern, said)
        if m is not None:
            day, words = int(m.group(1)), m.group(0)
            break
    else:
        frames = ago.get("ordinal_frames", ["{w}"])
        for words, number in sorted(ago.get("ordinals", {}).items(), key=lambda x: -len(x[0])):
            if any(_has(said, frame.format(w=words)) for frame in frames):
                day = int(number)
                break
    if day is None:
        return None
    month = today.replace(day=1) if day <= today.day else (
        today.replace(day=1) - timedelta(days=1)).replace(day=1)
    try:
        return month.replace(day=day), words
    except ValueError:  # "the 31st" of a shorter month: not a day that was
        return None, ""


def plugin() -> Profile:
    return Profile()


def publish(j: Database, convo: Conversation) -> None:
    """Tell the other plugins what they must respect (tips, safety)."""
    have = store.items(j)
    convo.facts.put(HealthProfile(fluid_limit=have.get("fluid_limit") == store.YES,
                                  pregnant=have.get("pregnant") == store.YES))


def save_live(convo: Any, say: dict[str, Any], write: Callable[[Database], None]) -> list[str]:
    """Write what was said during a conversation: a lock held by another process is waited
    for a second, not fifteen; a failure is one plain line and the talk goes on (the command
    then exits 1). Returns what to say about a failure, or nothing."""
    try:
        with store.open_profile(convo.data_dir,
                                busy_timeout_s=shared_db.LIVE_BUSY_TIMEOUT_S) as j:
            write(j)
            publish(j, convo)
    except shared_db.LIVE_ERRORS as err:
        log.info("profile: cannot save: %s", err)
        convo.problems.append(f"the health profile could not be saved ({err})")
        return [say["not_saved"]]
    return []


def medicine_before_cramps(j: Database, now: datetime) -> dict[str, Any] | None:
    """A medicine started in the last weeks and still taken, with cramps logged after its
    start: of several, first one that cramps are known to follow (vitamin D is no lead)."""
    recent = [m for m in store.medicines(j) if not m.get("stopped") and
              now.date() - date.fromisoformat(m["since"]) <= timedelta(weeks=NEW_MEDICINE_WEEKS)]
    if not recent:
        return None
    recent.sort(key=lambda m: store.medicine_class(m["name"]) is None)
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
    # With nothing logged before the start at all, the journal was not kept then: "zero
    # before" would be untrue, so that line is left out.
    kept_before = bool(j.episodes(until=start))
    counts = data.get("counts")  # languages that count with other words than they spell

    def count(n: int) -> str:
        return counts[n] if counts and n < len(counts) else lang.spell(n)

    name = say["a_new_medicine"] if med["name"].startswith("new medicine") else med["name"]
    when = since.strftime(data["date_format"]).replace("{day}", str(since.day))
    return [phrasebook.capitalise(line.format(name=name, since=when, after=count(after),
                                              before=count(before)))
            for line in say["medicine_summary"] if kept_before or "{before}" not in line]


def _noted_start(data: dict[str, Any], started: date | None, when: str,
                 today: date) -> list[str]:
    """What is said of the day a new medicine started: the day heard, or honestly that none
    was (it is then kept from today, and the person is told so)."""
    say = data["say"]
    if started is None:
        return list(say["new_medicine_unclear"])
    if started == today:
        return list(say["new_medicine"] if when else say["new_medicine_no_day"])
    day = started.strftime(data["weekday_date_format"]).replace("{day}", str(started.day))
    return [say["new_medicine_when"].format(when=day, what="{what}")]  # filled by the caller


def _names_one(answer: str, not_names: dict[str, Any]) -> bool:
    """Whether an answer holds a word that could name a medicine: "I got a new prescription"
    (약 새로 처방받았어) only says again that there is one, and must not become its name."""
    words = set(not_names.get("generic", []))
    stems = tuple(not_names.get("generic_stems", []))
    return any(w not in words and not (stems and w.startswith(stems))
               for w in re.findall(r"\w+", answer.lower()))


def _not_known(answer: str, not_names: dict[str, Any]) -> bool:
    """Whether an answer says the name is not known ("I don't remember the name", "이름이
    기억 안 나요"): no medicine's name holds a word of remembering or knowing."""
    words = set(not_names.get("unknown_words", []))
    stems = tuple(not_names.get("unknown_stems", []))
    return any(w in words or (stems and w.startswith(stems))
               for w in re.findall(r"\w+", answer.lower()))


def named_with(text: str, data: dict[str, Any], key: str = "") -> str | None:
    """The medicine's name when it was said with the news ("I started taking furosemide
    last monday", "they put me on amlodipine"): the word or two right after a frame that
    introduces one, up to a word that says when or why. ``None`` when no such word is there:
    then the coach asks, rather than guess a name for the doctor's report."""
    names = data.get("named_with", {})
    names = names.get(key, names) if key else names  # a language without stop frames: its own
    said = " ".join(re.findall(r"\w+", text.lower().replace("'", "")))
    for known in names.get("known", []):  # Korean: the name comes first, with a particle
        if any(word.startswith(known) for word in said.split()):
            return known
    stop = set(names.get("stops", [])) | set(data.get("not_names", {}).get("generic", []))
    stop |= set(data.get("started_ago", {}).get("weekdays", []))
    for frame in names.get("frames", []):
        found = re.search(rf"(?:^| ){re.escape(frame)} ((?:\w+ ?){{1,3}})", said)
        if found is None:
            continue
        words: list[str] = []
        for word in found.group(1).split():
            if word in stop or word.isdigit():
                break
            words.append(word)
        if words and len(words) <= 2:
            return " ".join(words)
    return None


@dataclass(frozen=True)
class StopSaid:
    """What was said with a stop, kept while the coach asks which medicine it was."""

    day: date
    unclear: bool
    """A day was said but not understood: today is kept, and the person told so."""
    by_self: bool
    """Stopped by the person: tell the prescriber. By a doctor (or not said): only noted."""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("'", ""))


def _by_self(text: str, data: dict[str, Any]) -> bool:
    """Whether the person stopped it on their own ("I stopped taking it", "약 끊었어요"), not
    a doctor ("the doctor took me off it", "의사가 그만 먹으래요"); "I'm not on it anymore"
    says neither. A language that drops "I" (Korean) lists no ``self`` words."""
    by = data.get("named_with", {}).get("stopped_by", {})
    said = " ".join(_words(text))
    if any(_has(said, w) for w in by.get("words", [])) or any(
            w.endswith(tuple(by.get("endings", []))) for w in said.split() if by.get("endings")):
        return False
    return "self" not in by or any(_has(said, w) for w in by["self"])


def stopped_one(text: str, meds: list[dict[str, Any]], data: dict[str, Any]
                ) -> dict[str, Any] | None:
    """The medicine in the profile that a stop names: by its name (a word of the name at
    the start of a word said: "아토르바스타틴을"), or by its kind when only one still taken is
    of that kind ("my statin", "the water pill"). ``None`` when the words do not tell."""
    said = _words(text)
    taken = [m for m in meds if not m.get("stopped")] + [m for m in meds if m.get("stopped")]
    for med in taken:
        name = _words(med["name"])
        if name and any(said[i:i + len(name)][:-1] == name[:-1] and
                        said[i + len(name) - 1].startswith(name[-1])
                        for i in range(len(said) - len(name) + 1)):
            return med
    joined = " ".join(said)
    for word, classes in data.get("named_with", {}).get("stopped_kinds", {}).items():
        if not any(w.startswith(word) for w in said) and word not in joined:
            continue
        of_kind = [m for m in meds if not m.get("stopped") and m["class"] in classes]
        if len(of_kind) == 1:
            return of_kind[0]
    return None


def _bare_name(answer: str, data: dict[str, Any]) -> str:
    """A name said as an answer, without the words around it ("it's called X", "X요")."""
    name = " ".join(_words(answer))
    for prefix in data.get("name_prefixes", []):
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1:]
            break
    for suffix in data.get("name_suffixes", []):
        # "푸로세미드요": the name, not its polite ending, goes in the report.
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[:-len(suffix)].rstrip()
    return name


def _advice(data: dict[str, Any], convo: Any) -> list[str]:
    """Ask the prescriber, never stop it: said once, unless safety has just said so."""
    advised = convo.facts.get(MedicineAdvised)
    return [] if advised and advised.said else list(data["say"]["medicine_advice"])


def _unnamed(now: datetime) -> str:
    """The name a medicine gets until the person says which it is."""
    return f"new medicine, said by voice on {now:%Y-%m-%d}"


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
            with store.open_profile(convo.data_dir, create=False,
                                    busy_timeout_s=shared_db.LIVE_BUSY_TIMEOUT_S) as j:
                publish(j, convo)
        except shared_db.LIVE_ERRORS as err:  # unreadable: the journal tells the person once
            log.info("profile: cannot read: %s", err)

    @hookimpl
    def crampcoach_handle_intent(self, intent: Intent, convo: Any) -> Reply | None:
        data = phrasebook.load(HERE, convo.language)
        if data is None:
            return None
        if convo.asked == "medicine":
            return self._medicine_named(intent, convo, data)
        if convo.asked == "stopped_medicine":
            return self._stopped_named(intent, convo, data)
        if intent.name != "profile.update":
            return None
        item = intent.slots.get("item")
        if item is None:
            return Reply(say=list(data["say"]["unclear"]))
        if item == "stopped_medicine":
            return self._stopped(intent.text, convo, data)
        now = convo.now()
        started, when = started_on(intent.text, now.date(), data, convo.language)
        name = named_with(intent.text, data) if item == "new_medicine" else None

        def write(j: Database) -> None:
            if item == "new_medicine":
                store.add_medicine(j, name or _unnamed(now), started or now.date(), now)
            else:
                store.set_item(j, item, store.YES, now)

        failed = save_live(convo, data["say"], write)
        if failed:
            return Reply(say=failed)
        reply = Reply(say=list(data["say"].get(item, data["say"]["other"])))
        if item == "new_medicine":
            what = name or data["say"]["a_new_medicine"]
            reply.say = [line.format(what=what) for line in
                         _noted_start(data, started, when, now.date())]
            if name:
                reply.say.extend(_advice(data, convo))
                return reply
            # Which one matters to the prescriber and the report: ask, once, and take any
            # answer that is not another command as its name.
            reply.say.append(data["say"]["ask_medicine"])
            reply.ask = _medicine_question()
        return reply

    @staticmethod
    def _medicine_named(intent: Intent, convo: Any, data: dict[str, Any]) -> Reply:
        say = data["say"]
        advice = _advice(data, convo)
        if intent.name is not None or not intent.text:
            return Reply(say=[say["medicine_unnamed"], *advice])
        name = intent.text
        # "What?" asks to hear the question again; "I don't know" names nothing. Neither
        # may become the medicine's name in the doctor's report.
        not_names = data.get("not_names", {})
        if name in not_names.get("again", []):
            return Reply(say=[say["ask_medicine"]], ask=_medicine_question())
        if (name in not_names.get("unknown", []) or _not_known(name, not_names)
                or not _names_one(name, not_names)):
            return Reply(say=[say["medicine_unnamed"], *advice])
        name = _bare_name(name, data)
        now = convo.now()

        def write(j: Database) -> None:
            placeholder = _unnamed(now)
            started = now.date()
            for m in store.medicines(j):
                if m["name"] == placeholder:
                    started = date.fromisoformat(m["since"])  # "last week", said before
                    store.remove_medicine(j, placeholder)
            store.add_medicine(j, name, started, now)

        failed = save_live(convo, say, write)
        return Reply(say=failed + advice if failed else
                     [say["medicine_named"].format(name=name), *advice])

    def _stopped(self, text: str, convo: Any, data: dict[str, Any]) -> Reply:
        """"I stopped taking atorvastatin", "the doctor took me off simvastatin": the medicine
        is kept with the day it stopped (never deleted: the report shows cramps before and
        after it). Which one, when the words do not say, is asked once."""
        now = convo.now()
        day, when = started_on(text, now.date(), data, convo.language)
        self._stop = StopSaid(day or now.date(), day is None, _by_self(text, data))
        try:
            with store.open_profile(convo.data_dir, create=False,
                                    busy_timeout_s=shared_db.LIVE_BUSY_TIMEOUT_S) as j:
                meds = store.medicines(j)
        except shared_db.LIVE_ERRORS as err:
            log.info("profile: cannot read: %s", err)
            meds = []
        found = stopped_one(text, meds, data)
        if found is not None:
            return self._note_stop(found, convo, data)
        name = named_with(text, data, "stopped")
        if name:
            return Reply(say=[phrasebook.capitalise(data["say"]["stopped_not_kept"].format(
                name=name))])
        return Reply(say=[data["say"]["ask_stopped"]], ask=_stopped_question())

    def _stopped_named(self, intent: Intent, convo: Any, data: dict[str, Any]) -> Reply:
        say = data["say"]
        not_names = data.get("not_names", {})
        answer = intent.text
        if intent.name is not None or not answer or _not_known(answer, not_names) or \
                answer in not_names.get("unknown", []):
            return Reply(say=[say["stopped_unnamed"]])
        if answer in not_names.get("again", []):
            return Reply(say=[say["ask_stopped"]], ask=_stopped_question())
        try:
            with store.open_profile(convo.data_dir, create=False,
                                    busy_timeout_s=shared_db.LIVE_BUSY_TIMEOUT_S) as j:
                meds = store.medicines(j)
        except shared_db.LIVE_ERRORS:
            meds = []
        found = stopped_one(answer, meds, data)
        if found is None:
            name = _bare_name(answer, data)
            return Reply(say=[phrasebook.capitalise(say["stopped_not_kept"].format(name=name))])
        return self._note_stop(found, convo, data)

    def _note_stop(self, med: dict[str, Any], convo: Any, data: dict[str, Any]) -> Reply:
        say = data["say"]
        now = convo.now()
        stop = getattr(self, "_stop", None) or StopSaid(now.date(), False, True)
        # Never before it began, never after today.
        day = min(max(stop.day, date.fromisoformat(med["since"])), now.date())
        failed = save_live(convo, say, lambda j: store.stop_medicine(j, med["name"], day, now))
        if failed:
            return Reply(say=failed)
        lines = [say["stopped"].format(name=med["name"])]
        if stop.unclear:
            lines.append(say["stopped_day_unclear"])
        if stop.by_self:
            lines.append(say["stopped_tell_prescriber"])
        return Reply(say=lines)

    @hookimpl
    def crampcoach_timer(self, name: str, data: dict[str, Any], convo: Any) -> Reply | None:
        if name != "question.timeout" or data.get("question") != "medicine":
            return None
        words = phrasebook.load(HERE, convo.language)
        return Reply(say=_advice(words, convo)) if words else None

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


def _stopped_question() -> Question:
    """ "Which medicine did you stop?": any answer that is not another command names it."""
    return Question(MEDICINE_ANSWERS, MEDICINE_QUESTION_S, name="stopped_medicine",
                    free_text=True)


def _medicine_question() -> Question:
    """The question "Which medicine is it?": any answer that is not another command is its name."""
    return Question(MEDICINE_ANSWERS, MEDICINE_QUESTION_S, name="medicine", free_text=True)
