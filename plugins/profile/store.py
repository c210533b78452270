"""The health profile: its own tables in the shared database file (owner-only).

Only this module issues SQL on ``profile`` and ``medicines``; what other plugins need from
it (a fluid limit, a pregnancy) they get as a
:class:`~crampcoach.plugins.common.facts.HealthProfile` fact.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any

from crampcoach.plugins.common import db as shared_db
from crampcoach.plugins.common.db import Database
from crampcoach.plugins.common.db import DatabaseError as ProfileError

OWNER = "profile"
# IF NOT EXISTS: files from before the per-plugin split already hold these tables.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS profile (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS medicines (
        name TEXT PRIMARY KEY,
        since TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    """,
    # The day a medicine was stopped: kept, not deleted, so the doctor's report can still
    # show cramps before and after it. Empty for one still taken (and for older rows).
    "ALTER TABLE medicines ADD COLUMN stopped TEXT;",
)


def open_profile(data_dir: str | os.PathLike[str], create: bool = True,
                 busy_timeout_s: float = shared_db.BUSY_TIMEOUT_S) -> Database:
    return shared_db.open_db(data_dir, OWNER, MIGRATIONS, create=create,
                             busy_timeout_s=busy_timeout_s)


ITEMS = {
    "pregnant": "pregnancy",
    "diabetes": "diabetes",
    "kidney_disease": "kidney disease",
    "thyroid_disease": "thyroid disease",
    "vein_or_artery_problems": "vein or artery problems",
    "fluid_limit": "a fluid limit set by a doctor",
}
"""Profile keys (yes/no) and how the report names them."""
YES, NO = "yes", "no"
DETAILS = {"name": "name", "birth_date": "date of birth"}
"""Optional, free text: only for the report's heading and the FHIR Patient."""

# Medicine classes the content brief (section 5) associates with cramps, by generic name (no
# brands; the Korean names as Korean writes them). The report says "associated with cramps in
# some people", never that it caused them.
MEDICINE_CLASSES = {
    "thiazide diuretic": ["hydrochlorothiazide", "chlorothiazide", "chlorthalidone",
                          "chlortalidone", "indapamide", "bendroflumethiazide",
                          "cyclopenthiazide", "metolazone", "인다파미드", "히드로클로로티아지드",
                          "하이드로클로로티아지드", "클로르탈리돈"],
    "potassium-sparing diuretic": ["spironolactone", "amiloride", "triamterene", "eplerenone",
                                   "스피로놀락톤", "아밀로라이드"],
    "loop diuretic": ["furosemide", "frusemide", "bumetanide", "torsemide", "torasemide",
                      "ethacrynic acid", "푸로세미드", "부메타니드", "토르세미드"],
    "inhaled long-acting beta-agonist": ["salmeterol", "formoterol", "eformoterol",
                                         "arformoterol", "vilanterol", "indacaterol",
                                         "olodaterol"],
    "statin": ["atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "lovastatin",
               "fluvastatin", "pitavastatin", "스타틴"],  # 아토르바스타틴, 로수바스타틴…
    "blood-pressure medicine (calcium-channel blocker)": [
        "amlodipine", "nifedipine", "felodipine", "lercanidipine", "nicardipine", "isradipine",
        "nisoldipine", "lacidipine", "nitrendipine", "diltiazem", "verapamil", "암로디핀",
        "니페디핀", "펠로디핀", "레르카니디핀", "딜티아젬", "베라파밀"],
    "raloxifene": ["raloxifene"],
    "conjugated estrogens": ["conjugated estrogens", "conjugated oestrogens",
                             "conjugated equine estrogens", "estrogens, conjugated"],
    "teriparatide": ["teriparatide"],
    "intravenous iron sucrose": ["iron sucrose", "iron saccharate", "ferric saccharate"],
    "naproxen": ["naproxen", "나프록센"],
}


def medicine_class(name: str) -> str | None:
    """The cramp-associated class of a medicine, by its generic name, if it has one."""
    lowered = name.lower().strip()
    for cls, names in MEDICINE_CLASSES.items():
        if any(n in lowered for n in names):
            return cls
    return None


def set_item(j: Database, key: str, value: str, now: datetime) -> None:
    if key not in ITEMS:
        raise ProfileError(f"unknown profile item {key!r} (use {', '.join(ITEMS)})")
    if value not in (YES, NO):
        raise ProfileError(f"{key} must be yes or no, not {value!r}")
    with j.transaction():
        j.db.execute("INSERT INTO profile (key, value, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                     "updated_at = excluded.updated_at", (key, value, now.isoformat()))


def items(j: Database) -> dict[str, str]:
    return {r["key"]: r["value"] for r in j.db.execute("SELECT key, value FROM profile")
            if r["key"] not in DETAILS}


def set_detail(j: Database, key: str, value: str | None, now: datetime) -> None:
    """Name or date of birth (ISO date); ``None`` or empty removes it."""
    if key not in DETAILS:
        raise ProfileError(f"unknown detail {key!r} (use {', '.join(DETAILS)})")
    value = (value or "").strip()
    if key == "birth_date" and value:
        try:
            born = date.fromisoformat(value)
        except ValueError:
            raise ProfileError(f"not a date (YYYY-MM-DD): {value!r}") from None
        if born > now.date():
            raise ProfileError(f"the date of birth {value} is in the future")
    with j.transaction():
        if not value:
            j.db.execute("DELETE FROM profile WHERE key = ?", (key,))
            return
        j.db.execute("INSERT INTO profile (key, value, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                     "updated_at = excluded.updated_at", (key, value, now.isoformat()))


def details(j: Database) -> dict[str, str]:
    """The optional name and date of birth the person gave, if any."""
    rows = j.db.execute("SELECT key, value FROM profile")
    return {r["key"]: r["value"] for r in rows if r["key"] in DETAILS}


def add_medicine(j: Database, name: str, since: date, now: datetime) -> dict[str, Any] | None:
    """Add a medicine, or give one already there (in any case: "Atorvastatin" is
    "atorvastatin") its new start; the name keeps the spelling it was first given. Returns
    the course this one replaces, if it had been stopped (for the caller to say so)."""
    name = " ".join(name.split())
    if not name:
        raise ProfileError("a medicine needs a name")
    if since > now.date():
        raise ProfileError(f"the start date {since} is in the future")
    with j.transaction():
        kept = _same_name(j, name)
        replaced = j.db.execute("SELECT name, since, stopped FROM medicines WHERE name = ? "
                                "AND stopped IS NOT NULL", (kept[0],)).fetchone() if kept else None
        j.db.execute("INSERT INTO medicines (name, since, added_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(name) DO UPDATE SET since = excluded.since, stopped = NULL",
                     (kept[0] if kept else name, since.isoformat(), now.isoformat()))
    return dict(replaced) if replaced else None


def stop_medicine(j: Database, name: str, on: date, now: datetime) -> str:
    """Keep that a medicine was stopped on a day (it stays in the profile, with its start);
    the stored name is returned. Said again, the later day is kept."""
    if on > now.date():
        raise ProfileError(f"the stop date {on} is in the future")
    with j.transaction():
        stored = _same_name(j, name)
        if not stored:
            raise ProfileError(f"no medicine named {name!r} in the profile")
        since = j.db.execute("SELECT since FROM medicines WHERE name = ?",
                             (stored[0],)).fetchone()[0]
        if on < date.fromisoformat(since):
            raise ProfileError(f"{stored[0]} was started on {since}: it cannot stop before, "
                               f"on {on}")
        for kept in stored:
            j.db.execute("UPDATE medicines SET stopped = ? WHERE name = ?",
                         (on.isoformat(), kept))
    return stored[0]


def remove_medicine(j: Database, name: str) -> None:
    with j.transaction():
        for stored in _same_name(j, name) or [name]:
            cur = j.db.execute("DELETE FROM medicines WHERE name = ?", (stored,))
        if cur.rowcount == 0:
            raise ProfileError(f"no medicine named {name!r} in the profile")


def _same_name(j: Database, name: str) -> list[str]:
    """The stored names that are this one but for case and spacing (older files may hold
    more than one)."""
    key = " ".join(name.split()).casefold()
    return [r["name"] for r in j.db.execute("SELECT name FROM medicines")
            if " ".join(r["name"].split()).casefold() == key]


def medicines(j: Database) -> list[dict[str, Any]]:
    """Each medicine with its start and class, and ``stopped`` (a date) only for one stopped."""
    columns = {r["name"] for r in j.db.execute("PRAGMA table_info(medicines)")}
    stopped = "stopped" if "stopped" in columns else "NULL AS stopped"  # a read-only older file
    rows = j.db.execute(f"SELECT name, since, {stopped} FROM medicines ORDER BY since, name")
    seen: set[str] = set()  # one per name in any case, the earliest start (older files)
    out = []
    for r in rows:
        key = " ".join(r["name"].split()).casefold()
        if key not in seen:
            seen.add(key)
            out.append({"name": r["name"], "since": r["since"],
                        "class": medicine_class(r["name"])}
                       | ({"stopped": r["stopped"]} if r["stopped"] else {}))
    return out


def export(j: Database) -> dict[str, Any]:
    """The whole profile as ``crampcoach profile export`` prints it (vein checks included,
    read through the veins plugin's own store)."""
    from crampcoach.plugins.veins import store as veins

    have = items(j)
    with veins.open_veins(j.path.parent, create=False) as v:
        checks = veins.vein_checks(v)
    return {
        "details": details(j),
        "items": {k: have.get(k) for k in ITEMS},
        "medicines": medicines(j),
        "vein_checks": checks,
    }
