"""The command line as a user meets it."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli


def test_parse_prints_one_json_object_on_one_line():
    out = run_cli("parse", "my left calf")
    assert out.returncode == 0
    assert out.stdout.count("\n") == 1
    assert json.loads(out.stdout) == {
        "intent": "cramp.report", "slots": {"side": "left", "muscle": "calf"}, "plugin": "relief"}
    assert json.loads(run_cli("parse", "banana split").stdout) == {
        "intent": None, "slots": {}, "plugin": None}


def test_chat_prefixes_every_line_and_exits_at_end_of_input():
    out = run_cli("chat", "--time-scale", "0", input="what can i say\nbanana\n")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines and all(line.startswith("coach: ") for line in lines)
    assert "coach: Say cramp when one starts." in lines
    assert "coach: Sorry, I didn't catch that." in lines


def test_plugins_lists_origin_and_version():
    out = run_cli("plugins")
    assert out.returncode == 0
    header, *rows = out.stdout.splitlines()
    assert header.split() == ["name", "origin", "version", "status"]
    names = {r.split()[0] for r in rows}
    assert {"relief", "journal", "safety", "tips", "summary", "help"} <= names
    assert all("builtin" in r for r in rows)


def test_config_show_says_where_each_value_came_from(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('follow_up_s = 12\n[speech]\nrate = 120\n')
    out = run_cli("--config", str(cfg), "--data-dir", str(tmp_path / "d"), "config", "show")
    assert out.returncode == 0, out.stderr
    assert f"follow_up_s = 12.0  # file {cfg}" in out.stdout
    assert f"speech.rate = 120  # file {cfg}" in out.stdout
    assert 'wake_phrase = "hey coach"  # default' in out.stdout
    assert f"# data folder: {tmp_path / 'd'} (--data-dir)" in out.stdout


def test_data_dir_env_is_used(isolated):
    out = run_cli("config", "show")
    assert f"# data folder: {isolated} (CRAMPCOACH_DATA_DIR)" in out.stdout


@pytest.mark.parametrize("args,message", [
    (["--config", "/nonexistent.toml", "plugins"], "does not exist"),
    (["parse", "x", "--language", "xx"], "no language data for 'xx'"),
    (["chat", "--time-scale", "-1"], "--time-scale must be zero or more"),
    (["chat", "--time-scale", "nan"], "--time-scale must be zero or more"),
    (["chat", "--time-scale", "inf"], "--time-scale must be zero or more"),
    (["chat", "--time-scale", "fast"], "invalid float value"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_is_a_one_line_error(args, message):
    out = run_cli(*args, input="")
    assert out.returncode == 2
    assert message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_bad_config_value_is_a_one_line_error(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('follow_up_s = "soon"\n')
    out = run_cli("--config", str(cfg), "plugins")
    assert out.returncode == 2
    assert "follow_up_s" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    cfg.write_text('this is not toml')
    out = run_cli("--config", str(cfg), "plugins")
    assert out.returncode == 2 and "cannot read config file" in out.stderr


def test_global_options_work_after_the_command_too(tmp_path):
    before = run_cli("--data-dir", str(tmp_path), "config", "show").stdout
    after = run_cli("config", "show", "--data-dir", str(tmp_path)).stdout
    assert before == after and f"# data folder: {tmp_path} (--data-dir)" in after
    chat = run_cli("chat", "--time-scale", "0", "--data-dir", str(tmp_path), input="cramp\n")
    assert chat.returncode == 0 and (tmp_path / "journal.sqlite3").exists()


PROBE = """
import sys
from crampcoach.voice import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
print(",".join(m for m in ("numpy", "sounddevice", "urllib.request") if m in sys.modules),
      file=sys.stderr)
"""


@pytest.mark.parametrize("argv", [["parse", "my left calf"], ["--help"], ["log", "list"],
                                  ["report", "--out", "REPORT"]])
def test_light_commands_import_no_audio_or_network_modules(argv, tmp_path):
    """They start fast because they do not load what they never use (issue 16)."""
    import subprocess
    import sys

    from .conftest import ROOT

    argv = [str(tmp_path / "r.html") if a == "REPORT" else a for a in argv]
    run_cli("log", "add", "--side", "left", "--muscle", "calf", "--severity", "5",
            "--start", "2026-11-24T03:10", "--duration", "60")
    out = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.stderr.splitlines()[-1:] == [""], out.stderr


def _later(**delta: float) -> str:
    from datetime import datetime, timedelta

    return (datetime.now() + timedelta(**delta)).isoformat(timespec="minutes")


@pytest.mark.parametrize("args,message", [
    (["log", "add", "--start", "2030-01-01T03:10"], "is in the future"),
    (["log", "add", "--start", _later(hours=1)], "is in the future"),
    (["log", "add", "--start", "2026-01-01T03:10", "--duration", "99999999"], "a day"),
    (["profile", "add-medicine", "X", "--since", "2030-10-01"], "is in the future"),
    (["profile", "details", "--birth-date", "2030-01-01"], "is in the future"),
    (["report", "--out", "{tmp}/nonexistent/dir/r.html"], "does not exist"),
    (["log", "backup", "{tmp}/nonexistent/dir/x.sqlite3"], "does not exist"),
])
def test_impossible_values_and_mistyped_folders_are_refused(isolated, tmp_path, args, message):
    out = run_cli(*[a.format(tmp=tmp_path) for a in args])
    assert out.returncode == 2, out
    assert message in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert not (tmp_path / "nonexistent").exists()  # a mistyped folder is never made
    listed = run_cli("log", "list")
    assert "no episodes yet" in listed.stdout  # nothing was saved


def test_a_start_a_few_minutes_ahead_is_clock_skew(isolated):
    out = run_cli("log", "add", "--start", _later(minutes=2))
    assert out.returncode == 0, out.stderr


def test_a_data_folder_that_cannot_be_made_is_refused(tmp_path):
    out = run_cli("--data-dir", "/proc/crampcoach-nowhere", "log", "list")
    assert out.returncode == 2 and "cannot be created" in out.stderr, out
    assert len(out.stderr.strip().splitlines()) == 1
    # One that can be made is a fresh install, and reading it makes nothing.
    fresh = tmp_path / "new" / "data"
    out = run_cli("--data-dir", str(fresh), "log", "list")
    assert out.returncode == 0 and "no episodes yet" in out.stdout
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("given, seconds", [("95", 95), ("95s", 95), ("3m", 180),
                                            ("3 min", 180), ("2m30s", 150), ("1h", 3600)])
def test_log_add_takes_a_length_as_people_write_it(isolated, given, seconds):
    out = run_cli("log", "add", "--start", "2026-11-24T03:10", "--duration", given)
    assert out.returncode == 0, out.stderr
    [ep] = json.loads(run_cli("log", "export").stdout)
    assert ep["duration_s"] == seconds


@pytest.mark.parametrize("given", ["three minutes ish", "m", "-3m", "nan"])
def test_log_add_refuses_a_length_it_cannot_read_in_one_line(isolated, given):
    out = run_cli("log", "add", "--start", "2026-11-24T03:10", "--duration", given)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "duration" in out.stderr and "Traceback" not in out.stderr
