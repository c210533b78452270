"""Print the report page to PDF with a headless Chromium, if one is installed.

Chromium lays the page out with the report's own ``@page`` rules (size, margins, the
"self-reported" line in every page's margin), so the PDF is what a browser would print.
It runs with a throw-away profile and its background networking switched off: the page is
a local file with nothing to fetch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER_ENV = "CRAMPCOACH_CHROMIUM"
INSTALL_HINT = ("install one with `sudo apt-get install chromium` (Debian/Ubuntu), or write"
                " --out FILE.html and print it from any browser")
TIMEOUT_S = 120


class PrintError(RuntimeError):
    """Chromium ran but gave no PDF; the message is fit for one line."""


def find_browser() -> str | None:
    """The Chromium to print with: ``$CRAMPCOACH_CHROMIUM`` or the first one on PATH."""
    named = os.environ.get(BROWSER_ENV)
    if named:
        return shutil.which(named)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def headless_args(browser: str, profile: Path) -> list[str]:
    args = [browser, "--headless", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update",
            "--mute-audio", f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
    return args


def print_page(page: str, target: Path, browser: str) -> None:
    """Write ``page`` (HTML) as a PDF at ``target``, owner-only."""
    with tempfile.TemporaryDirectory(prefix="crampcoach-report-") as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(page, encoding="utf-8")
        out = Path(tmp) / "report.pdf"
        cmd = [*headless_args(browser, Path(tmp) / "profile"), "--no-pdf-header-footer",
               f"--print-to-pdf={out}", source.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PrintError(f"Chromium could not print the report: {err}") from None
        if not out.exists() or out.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise PrintError(f"Chromium gave no PDF (exit {done.returncode}): {last}")
        try:
            shutil.copyfile(out, target)
            target.chmod(0o600)
        except OSError as err:
            raise PrintError(f"cannot write {target}: {err}") from None
