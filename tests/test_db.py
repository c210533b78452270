"""The shared database helper and the contract between plugins (issue 11, part 4)."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crampcoach.plugins.common import db
from crampcoach.plugins.common.facts import HealthProfile
from crampcoach.plugins.journal.store import Journal
from crampcoach.voice import hookimpl
from crampcoach.voice.host import BUILTINS, PluginHost

from .conftest import ROOT

PLUGINS = ROOT / "plugins"


def test_lost_muscle_case_keeps_the_foot(talk, isolated):
    """Say "cramp", answer "my foot", let the episode time out: it keeps the foot."""
    t = talk()
    t.start()
    t.say("cramp")
    t.say("my foot")
    with Journal(isolated) as j:
        assert j.last()["muscle"] == "foot"  # written the moment it was said
    t.wait(16 * 60)
    with Journal(isolated) as j:
        ep = j.last()
    assert ep["ended_by"] == "timed out" and ep["muscle"] == "foot" and ep["side"] is None


def test_relief_steps_are_written_as_they_happen(talk, isolated):
    t = talk()
    t.start()
    t.say("my left calf")
    t.run_until_quiet(limit=200)
    with Journal(isolated) as j:
        ep = j.last()
    assert ep["ended_by"] is None and ep["relief"], "steps done are kept while still open"


class Misspelled:
    @hookimpl
    def crampcoach_handle_intnet(self, intent, convo):  # sic: never called
        return None


def test_a_misspelled_hook_is_reported_and_its_plugin_not_loaded(caplog):
    host = PluginHost(builtins=(*BUILTINS, ("typo", "tests.test_db")), autoload=False)
    info = [i for i in host.infos if i.name == "typo"][0]
    assert not info.enabled and "crampcoach_handle_intnet" in (info.error or "")
    assert host.pm.get_plugin("typo") is None
    assert "plugin typo" in caplog.text and "not loaded" in caplog.text
    assert host.names == [n for n, _ in BUILTINS]


def plugin() -> Misspelled:  # this module doubles as the misspelled plugin above
    return Misspelled()


def test_hook_specs_name_their_real_types():
    from crampcoach.voice import hookspecs

    source = Path(hookspecs.__file__).read_text()
    tree = ast.parse(source)
    for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        for arg in fn.args.args:
            if arg.arg in ("intent", "convo"):
                assert ast.unparse(arg.annotation) in ("Intent", "Conversation"), fn.name


def _tables_created(path: Path) -> set[str]:
    import re

    text = path.read_text()
    return set(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", text))


def test_no_plugin_issues_sql_on_another_plugins_tables():
    owners: dict[str, set[str]] = {}
    for store in PLUGINS.glob("*/store.py"):
        owners[store.parent.name] = _tables_created(store)
    assert owners["journal"] >= {"episodes", "symptoms", "history"}
    assert owners["profile"] == {"profile", "medicines"}
    assert owners["veins"] == {"vein_checks"}
    import re

    for source in PLUGINS.rglob("*.py"):
        plugin = source.relative_to(PLUGINS).parts[0]
        text = source.read_text()
        for other, tables in owners.items():
            if other == plugin:
                continue
            for table in tables:
                pattern = rf"(FROM|INTO|UPDATE|TABLE)\s+{table}\b"
                assert not re.search(pattern, text), f"{source} uses {other}'s table {table}"


def test_facts_are_typed(talk):
    t = talk()
    t.start()
    facts = t.session.convo.facts
    assert facts.get(HealthProfile) == HealthProfile()
    assert not hasattr(t.session.convo, "shared")


def test_the_file_is_owner_only_whatever_the_umask(isolated):
    old = os.umask(0)
    try:
        with Journal(isolated):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(isolated).st_mode) == 0o700
    for f in isolated.iterdir():
        if f.name.startswith("journal.sqlite3"):
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


FIRST_RUN = """
import sys
from crampcoach.plugins.journal.store import Journal
from crampcoach.plugins.profile import store as profile
from crampcoach.plugins.veins import store as veins
from datetime import datetime
now = datetime.now().astimezone()
order = [lambda: Journal(sys.argv[1]), lambda: profile.open_profile(sys.argv[1]),
         lambda: veins.open_veins(sys.argv[1])]
k = int(sys.argv[2]) % 3
for opener in order[k:] + order[:k]:
    with opener() as d:
        pass
with Journal(sys.argv[1]) as j:
    j.add(now, now, source="cli")
"""


def test_twenty_rounds_of_six_simultaneous_first_runs_all_succeed(tmp_path):
    failures = []
    for round_ in range(20):
        data = tmp_path / f"r{round_}"
        procs = [subprocess.Popen([sys.executable, "-c", FIRST_RUN, str(data), str(k)],
                                  stderr=subprocess.PIPE, text=True, cwd=ROOT)
                 for k in range(6)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            if p.returncode:
                failures.append(err.strip().splitlines()[-1:])
        if not failures:
            with Journal(data) as j:
                assert len(j.episodes()) == 6
    assert failures == []


def test_a_newer_plugin_schema_is_refused_in_one_line(isolated):
    with db.open_db(isolated, "mine", ["CREATE TABLE mine_things (x);"]):
        pass
    with pytest.raises(db.DatabaseError, match="newer"):
        db.open_db(isolated, "mine", [])
