"""Fuzz every sub-command and option of the real ``crampcoach`` command with bad input.

Every option (and positional argument) of every command, found by walking the parser, gets
wrong types, out-of-range and empty values, huge and undecodable text, paths that climb out
of their folder or lead nowhere, and a folder where a file belongs; the global options get
missing, misplaced, garbage and read-only files and folders. Each run must end with no
traceback, at most one line on stderr (the failure), a documented exit code (0, 1, 2) and
nothing written outside its own folders. Runs are real processes, a few at a time, each in
a data folder of its own, so the suite is parallel-safe and takes a minute or two.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from crampcoach.voice.cli import build_parser
from crampcoach.voice.host import PluginHost

from .conftest import ROOT
from .test_models import model_zip

GLOBAL = {"help", "data_dir", "config", "verbose"}
SYSTEM_CHANGING = {("service", "install"), ("service", "uninstall")}
"""Run only with arguments the parser must refuse: valid ones would install a service."""
PLACEHOLDERS = {"text": "hello", "id": "1", "key": "pregnant", "value": "no", "name": "x"}
OUTPUT_OPTIONS = {"--to", "--out", "--trace"}
"""Options naming a file the user asks to be written: writing there is not an escape."""


@dataclass(frozen=True)
class Slot:
    command: tuple[str, ...]
    option: str | None  # None for a positional
    dest: str
    takes_value: bool


def _slots() -> tuple[list[tuple[str, ...]], list[Slot], dict[tuple[str, ...], list[str]]]:
    parser = build_parser(PluginHost(autoload=False))
    commands: list[tuple[str, ...]] = []
    slots: list[Slot] = []
    required: dict[tuple[str, ...], list[str]] = {}

    def walk(p: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if subs:
            for name, sp in subs[0].choices.items():
                walk(sp, (*path, name))
            return
        commands.append(path)
        required[path] = []
        for a in p._actions:
            if a.dest in GLOBAL:
                continue
            if a.option_strings:
                slots.append(Slot(path, a.option_strings[-1], a.dest, a.nargs != 0))
            else:
                slots.append(Slot(path, None, a.dest, True))
                if a.nargs not in ("?", "*"):
                    required[path].append(PLACEHOLDERS.get(a.dest, "x"))

    walk(parser, ())
    return commands, slots, required


COMMANDS, SLOTS, REQUIRED = _slots()

BAD_VALUES: list[str | bytes] = [
    "", " ", "-1", "0", "1e309", "nan", "x" * 20_000, b"\xff\xfe\xc3", "../../../fuzz-escape",
    "{folder}/missing/dir/x", "{folder}", "--", "\n", "9" * 40, "-", "2026-13-45T99:99",
]


@dataclass
class Run:
    argv: list[str | bytes]
    label: str
    stdin: bytes = b""
    outputs: bool = False
    read_only: bool = False


def _runs() -> list[Run]:
    runs: list[Run] = []
    for command in COMMANDS:
        if command not in SYSTEM_CHANGING:
            runs.append(Run([*command, *REQUIRED[command]], "as is"))
        runs.append(Run([*command, "--no-such-option"], "unknown option"))
    for i, slot in enumerate(SLOTS):
        # Each slot gets every kind of bad value across the suite, four of them per slot.
        values = [BAD_VALUES[(i + k * 3) % len(BAD_VALUES)] for k in range(4)] if \
            slot.takes_value else [None]
        for value in values:
            base = list(REQUIRED[slot.command])
            if slot.option is None:
                position = [s for s in SLOTS if s.command == slot.command and s.option is None]
                index = position.index(slot)
                if value is None:
                    continue
                args = base[:index] + [value] + base[index + 1:] if index < len(base) else \
                    base + [value]
            else:
                args = base + [slot.option] + ([] if value is None else [value])
            if slot.command in SYSTEM_CHANGING and slot.option is not None and value is None:
                continue
            runs.append(Run([*slot.command, *args], f"{slot.option or slot.dest}={value!r:.30}",
                            outputs=slot.option in OUTPUT_OPTIONS))
    return runs


def _global_runs(tmp: Path) -> list[Run]:
    garbage = tmp / "garbage.toml"
    garbage.write_bytes(b"\x00\xff[[[ not toml \xfe" * 100)
    huge = tmp / "huge.toml"
    huge.write_text("# filler\n" * 200_000 + "follow_up_s = 0\n")
    a_file = tmp / "a-file"
    a_file.write_text("not a folder")
    runs = []
    for command in (["plugins"], ["config", "show"], ["log", "list"], ["chat"],
                    ["models", "list"], ["parse", "hello"]):
        for cfg in ("/nonexistent/c.toml", str(tmp), str(garbage), str(huge), "",
                    b"\xff.toml"):
            runs.append(Run(["--config", cfg, *command], f"--config {cfg!r:.30}"))
        for data in (str(a_file), str(a_file / "below"), "", b"\xff-data"):
            runs.append(Run(["--data-dir", data, *command], f"--data-dir {data!r:.30}"))
    junk = bytes((i * 7919 + 13) % 256 for i in range(50_000))  # fixed, not random
    for label, text in (("binary", junk), ("a long line", b"my left calf " * 20_000 + b"\n"),
                        ("NULs", b"cramp\0\0\nstop\0\n"), ("carriage returns", b"\r\r\r"),
                        ("many lines", b"cramp\nstop\n" * 500), ("latin-1", b"caf\xe9\n")):
        runs.append(Run(["chat", "--time-scale", "0"], f"stdin {label}", stdin=text))
        runs.append(Run(["chat", "--time-scale", "0", "--language", "ko"], f"ko {label}",
                        stdin=text))
    return runs


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A data folder with a model, an episode and a profile, copied for every run."""
    tmp = tmp_path_factory.mktemp("fuzz-template")
    data = tmp / "data"
    archive = model_zip(tmp / "tiny-model.zip")
    env = _env(tmp)
    for args, text in ((["models", "install", "--from", str(archive)], b""),
                       (["chat", "--time-scale", "0"], b"my left calf\nit's gone\nseven\n"),
                       (["profile", "set", "pregnant", "no"], b"")):
        done = subprocess.run([sys.executable, "-m", "crampcoach.voice.cli", "--data-dir",
                               str(data), *args], input=text, capture_output=True, env=env,
                              cwd=tmp, timeout=120)
        assert done.returncode == 0, done.stderr
    return data


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE", "CRAMPCOACH"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"), CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD="1")
    return env


def _execute(run: Run, n: int, tmp: Path, template: Path) -> str | None:
    """Run one case in its own sandbox; the problem found, or None."""
    sandbox = tmp / f"run{n}"
    cwd = sandbox / "a" / "b" / "c"
    cwd.mkdir(parents=True)
    data = cwd / "data"
    shutil.copytree(template, data)
    argv = [a.replace("{folder}", str(cwd)) if isinstance(a, str) else a for a in run.argv]
    has_data_dir = "--data-dir" in argv
    full = [sys.executable, "-m", "crampcoach.voice.cli",
            *([] if has_data_dir else ["--data-dir", str(data)]), *argv]
    try:
        done = subprocess.run([os.fsencode(a) if isinstance(a, str) else a for a in full],
                              input=run.stdin, capture_output=True, env=_env(cwd), cwd=cwd,
                              timeout=90)
    except subprocess.TimeoutExpired:
        return f"{run.label}: {argv[:3]} hung"
    err = done.stderr.decode("utf-8", "replace")
    lines = err.splitlines()
    if argv[0] == "listen" and done.returncode == 1:
        # listen names each missing thing (model, microphone) in a line of its own, then
        # points to chat: one line per problem, as the README says.
        lines = [x for x in lines if not x.endswith("run `crampcoach chat`")][:1]
    where = f"{' '.join(str(a)[:40] for a in argv[:4])} [{run.label}] → {done.returncode}"
    if "Traceback" in err or "Exception ignored" in err:
        return f"{where}: traceback\n{err[-800:]}"
    if done.returncode not in (0, 1, 2):
        return f"{where}: undocumented exit code\n{err[-300:]}"
    if done.returncode != 0 and len(lines) != 1:
        return f"{where}: {len(lines)} lines on stderr\n{err[-500:]}"
    if done.returncode != 0 and not lines[0].startswith("crampcoach"):
        return f"{where}: stderr is not the program's own line: {lines[0][:200]}"
    outside = [p for p in sandbox.iterdir() if p.name != "a"] + \
        [p for p in (sandbox / "a").iterdir() if p.name != "b"] + \
        [p for p in (sandbox / "a" / "b").iterdir() if p.name != "c"]
    # A file the user named on the command line (--to, --pdf, log backup FILE…) is theirs
    # to ask for; anything else outside the run's own folders is an escape.
    named = {(cwd / a).resolve() for a in argv if isinstance(a, str) and a}
    outside = [p for p in outside if p.resolve() not in named and
               p.resolve().with_suffix("") not in named]
    if outside and not run.outputs:
        return f"{where}: wrote outside its folder: {outside}"
    shutil.rmtree(sandbox, ignore_errors=True)
    return None


def _run_all(runs: list[Run], tmp: Path, template: Path) -> list[str]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = pool.map(lambda nr: _execute(nr[1], nr[0], tmp, template), enumerate(runs))
        return [f for f in found if f]


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--ignored=no"], cwd=ROOT,
                          capture_output=True, text=True).stdout


def test_every_command_and_option_with_bad_input(tmp_path, template):
    before = _git_status()
    runs = _runs()
    assert len(runs) > 150 and len({r.argv[0] for r in runs}) >= 10
    problems = _run_all(runs, tmp_path, template)
    assert not problems, f"{len(problems)} of {len(runs)} runs:\n" + "\n".join(problems[:15])
    assert _git_status() == before  # nothing written into the checkout either


def test_global_options_with_bad_files_and_folders(tmp_path, template):
    problems = _run_all(_global_runs(tmp_path), tmp_path, template)
    assert not problems, "\n".join(problems[:15])
