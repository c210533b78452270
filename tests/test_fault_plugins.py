"""A plugin can fail in every way there is, and the coach still coaches and keeps the journal.

Each failure mode is an installed entry-point plugin (``tests/fault_plugins``, pip-installed
into a temporary folder); each test enables one of them beside the built-ins, runs a whole
cramp through ``chat`` and checks the episode reached the journal.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

FAULTS = ("exit", "interrupt", "echo", "bad_phrases", "list_phrases", "sleeper", "flaky",
          "int_line", "str_line", "bad_start", "bad_timer", "bad_reply", "import_exit",
          "bad_settings", "setting", "bare_say")
ROUTINE = "my left calf is cramping\nit's gone\nseven\n"


def only(fault: str, site: Path, tmp_path: Path, extra: str = "") -> dict[str, str]:
    """Environment and config with just the fault plugin ``fault`` loaded beside the built-ins."""
    others = [f"faults_{f}" for f in FAULTS if f != fault]
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"{extra}\n[plugins]\ndisabled = {json.dumps(others)}\nhook_budget_s = 1.0\n")
    return {"PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
            "CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD": "", "CRAMPCOACH_CONFIG": str(cfg)}


def _episodes(env: dict[str, str]) -> list[dict]:
    out = run_cli("log", "export", env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _coached_and_logged(chat: subprocess.CompletedProcess[str], env: dict[str, str]) -> None:
    assert chat.returncode == 0, chat.stderr
    assert "Traceback" not in chat.stderr
    assert "coach: Okay. Your left calf." in chat.stdout
    assert "coach: How bad was it, zero to ten?" in chat.stdout
    [ep] = _episodes(env)
    assert (ep["side"], ep["muscle"], ep["severity"]) == ("left", "calf", 7)


@pytest.mark.parametrize("fault", ["exit", "interrupt", "echo", "bad_timer", "bad_reply",
                                   "bad_start", "bare_say"])
def test_the_coach_finishes_the_routine_beside_a_failing_plugin(fault, fault_site, tmp_path):
    env = only(fault, fault_site, tmp_path)
    chat = run_cli("chat", "--time-scale", "0", input=ROUTINE, env=env, timeout=60)
    _coached_and_logged(chat, env)
    assert f"faults_{fault}" in chat.stderr  # the culprit is named
    assert not [x for x in chat.stdout.splitlines() if len(x) <= len("coach: x")]


def test_a_plugin_ending_the_program_at_import_is_not_loaded(fault_site, tmp_path):
    env = only("import_exit", fault_site, tmp_path)
    out = run_cli("plugins", env=env)
    assert out.returncode == 0, out.stderr
    line = [x for x in out.stdout.splitlines() if x.startswith("faults_import_exit")][0]
    assert "error: SystemExit" in line
    _coached_and_logged(run_cli("chat", "--time-scale", "0", input=ROUTINE, env=env), env)


@pytest.mark.parametrize("fault,why", [("bad_phrases", "malformed phrases"),
                                       ("list_phrases", "returned list")])
def test_malformed_phrases_switch_off_that_pluginonly(fault, why, fault_site, tmp_path):
    env = only(fault, fault_site, tmp_path)
    chat = run_cli("chat", "--time-scale", "0", input=ROUTINE, env=env)
    _coached_and_logged(chat, env)
    [line] = [x for x in chat.stderr.splitlines() if f"faults_{fault}" in x]
    assert "switched off" in line and why in line
    parsed = run_cli("parse", "my left calf", env=env)
    assert json.loads(parsed.stdout)["intent"] == "cramp.report"


def test_a_hook_over_its_budget_does_not_hold_up_the_coach(fault_site, tmp_path):
    env = only("sleeper", fault_site, tmp_path)
    started = time.monotonic()
    chat = run_cli("chat", "--time-scale", "0", input=ROUTINE, env=env)
    assert time.monotonic() - started < 25  # the plugin sleeps 30 s; the budget is 1 s
    _coached_and_logged(chat, env)
    [line] = [x for x in chat.stderr.splitlines() if "faults_sleeper" in x]
    assert "switched off for this session" in line and "more than 1 s" in line


def test_a_plugin_that_keeps_failing_is_switched_off_with_one_message(fault_site, tmp_path):
    env = only("flaky", fault_site, tmp_path)
    chat = run_cli("chat", "--time-scale", "0", input=ROUTINE + "what can i say\n" * 5,
                   env=env)
    _coached_and_logged(chat, env)
    mentions = [x for x in chat.stderr.splitlines() if "faults_flaky" in x]
    assert len(mentions) == 2  # the first failure, then switched off: not one per utterance
    assert "switched off for this session" in mentions[1]
    assert "Sorry, something went wrong" not in chat.stdout


@pytest.mark.parametrize("fault", ["int_line", "str_line"])
def test_a_summary_line_of_the_wrong_type_keeps_the_rest_of_the_summary(fault, fault_site,
                                                                          tmp_path):
    env = only(fault, fault_site, tmp_path)
    run_cli("chat", "--time-scale", "0", input=ROUTINE, env=env)
    morning = run_cli("chat", "--time-scale", "0", input="good morning\n", env=env)
    assert morning.returncode == 0, morning.stderr
    said = [x for x in morning.stdout.splitlines() if x.startswith("coach: ")]
    assert len(said) >= 2 and all(len(x) > len("coach: ") + 1 for x in said)
    assert "Spoken one letter" not in morning.stdout
    assert f"plugin faults_{fault} failed in crampcoach_summary_lines: returned" in morning.stderr


def test_every_fault_at_once(fault_site, tmp_path):
    env = only("none", fault_site, tmp_path)
    env["CRAMPCOACH_CONFIG"] = ""
    cfg = tmp_path / "all.toml"
    cfg.write_text("[plugins]\nhook_budget_s = 1.0\n")
    env["CRAMPCOACH_CONFIG"] = str(cfg)
    chat = run_cli("chat", "--time-scale", "0", input=ROUTINE, env=env, timeout=90)
    _coached_and_logged(chat, env)


def test_a_malformed_settings_declaration_switches_off_that_plugin_only(fault_site, tmp_path):
    env = only("bad_settings", fault_site, tmp_path)
    chat = run_cli("chat", "--time-scale", "0", input=ROUTINE, env=env)
    _coached_and_logged(chat, env)
    [line] = [x for x in chat.stderr.splitlines() if "faults_bad_settings" in x]
    assert "switched off" in line and "malformed settings" in line and "loudness" in line
