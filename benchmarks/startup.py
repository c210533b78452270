"""Start-up cost of the commands that do little: each against ``python -c pass``, and ``say
--to`` against ``espeak-ng -w`` on the same sentence, in the same run.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--checkout DIR ...]

``--checkout DIR`` also measures another tree of the project (say, a worktree of an older
commit: ``git worktree add /tmp/before COMMIT``) with this interpreter, for before/after.
Each figure is the median of ``--runs`` wall-clock runs, every command of every tree
interleaved so that a busy machine slows them all alike. It also prints which heavy
modules each command imported.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("numpy", "sounddevice", "urllib.request", "vosk", "pyttsx3", "webrtcvad", "rapidfuzz")
SENTENCE = "Pull your toes toward your face and hold."
PROBE = """
import runpy, sys
sys.argv = ["crampcoach", *sys.argv[1:]]
try:
    runpy.run_module("crampcoach.voice.cli", run_name="__main__")
except SystemExit:
    pass
finally:
    heavy = [m for m in {heavy!r} if m in sys.modules]
    print("IMPORTED " + ",".join(heavy), file=sys.stderr)
"""


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    """Wall time of one successful run (the speech engine now and then fails to start on a
    busy machine: such a run is tried again, not timed)."""
    for _ in range(3):
        t = time.perf_counter()
        done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if done.returncode == 0:
            return elapsed
    raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.strip()[-300:]}")


def setup(tree: Path, work: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The environment and the commands that run ``tree``'s code."""
    # Plugins are looked up by entry point as for any user (none beyond the built-ins here).
    env = dict(os.environ, CRAMPCOACH_DATA_DIR=str(work / "data"),
               XDG_CONFIG_HOME=str(work / "config"))
    env.pop("CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD", None)
    # An installed package has its bytecode compiled (pip does it at install): measure that,
    # not a compile of every module on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if tree != ROOT:
        # The other tree's packages, mapped as an install would map them.
        shim = work / "shim" / "crampcoach"
        shim.mkdir(parents=True)
        for name in ("voice", "plugins", "models"):
            (shim / name).symlink_to(tree / name)
        env["PYTHONPATH"] = str(shim.parent)
    py = sys.executable
    cli = [py, "-m", "crampcoach.voice.cli"]
    subprocess.run([*cli, "log", "add", "--side", "left", "--muscle", "calf", "--severity", "5",
                    "--start", "2026-11-24T03:10", "--duration", "60"], env=env, cwd=work,
                   check=True, capture_output=True)
    return env, {
        "python -c pass": [py, "-c", "pass"],
        "crampcoach --help": [*cli, "--help"],
        "crampcoach parse": [*cli, "parse", "my left calf"],
        "crampcoach log list": [*cli, "log", "list"],
        "crampcoach report": [*cli, "report", "--out", str(work / "r.html")],
        "espeak-ng -w": ["espeak-ng", "-w", str(work / "e.wav"), SENTENCE],
        "crampcoach say --to": [*cli, "say", SENTENCE, "--to", str(work / "s.wav")],
    }


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--checkout", type=Path, action="append", default=[],
                   help="another tree of the project to measure in the same runs, "
                        "interleaved with this one (repeatable)")
    args = p.parse_args()
    trees = [ROOT, *(t.resolve() for t in args.checkout)]
    work = Path(tempfile.mkdtemp(prefix="crampcoach-startup-"))
    setups = {}
    for i, tree in enumerate(trees):
        (work / str(i)).mkdir()
        setups[tree] = (work / str(i), *setup(tree, work / str(i)))
    times: dict[tuple[Path, str], list[float]] = {}
    for run in range(args.runs + 1):  # the first once unmeasured: bytecode written, caches warm
        for tree, (cwd, env, commands) in setups.items():
            for name, cmd in commands.items():
                elapsed = timed(cmd, env, cwd)
                if run:
                    times.setdefault((tree, name), []).append(elapsed)
    med = {k: statistics.median(v) for k, v in times.items()}
    cli_len = 3
    for tree, (cwd, env, commands) in setups.items():
        print(f"Start-up of {tree} ({len(os.sched_getaffinity(0))} cores, "
              f"median of {args.runs} runs, interleaved with {len(trees) - 1} other tree(s))")
        print(f"{'command':<22} {'median ms':>9}  {'ratio':>6}  {'against':<15} heavy imports")
        for name, cmd in commands.items():
            ref = ("espeak-ng -w" if name.startswith(("crampcoach say", "espeak"))
                   else "python -c pass")
            imported = ""
            if name.startswith("crampcoach"):
                probe = subprocess.run([cmd[0], "-c", PROBE.format(heavy=HEAVY),
                                        *cmd[cli_len:]], env=env, cwd=cwd, capture_output=True,
                                       text=True)
                line = [x for x in probe.stderr.splitlines() if x.startswith("IMPORTED")]
                imported = line[-1].split(" ", 1)[1] if line and " " in line[-1] else "none"
            ratio = "" if name == ref else f"{med[tree, name] / med[tree, ref]:>5.1f}x"
            print(f"{name:<22} {1000 * med[tree, name]:>9.0f}  {ratio:>6}  "
                  f"{'' if name == ref else ref:<15} {imported}")
        print()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
