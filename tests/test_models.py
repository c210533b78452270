"""Model management: verified downloads, safe extraction, nothing half-installed."""

from __future__ import annotations

import hashlib
import http.server
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from crampcoach.voice import models

from .conftest import run_cli

MODEL_FILES = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/HCLr.fst",
               "graph/Gr.fst")


def model_zip(path: Path, top: str = "tiny-model", extra: dict[str, bytes] | None = None,
              link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for rel in MODEL_FILES:
            z.writestr(f"{top}/{rel}", b"x")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(f"{top}/link")
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, link)
    return path


def test_install_from_zip_list_and_remove(tmp_path, isolated):
    archive = model_zip(tmp_path / "tiny-model.zip")
    out = run_cli("models", "install", "--from", str(archive))
    assert out.returncode == 0, out.stderr
    target = isolated / "models" / "tiny-model"
    assert (target / "am" / "final.mdl").is_file()
    assert "tiny-model" in run_cli("models", "list").stdout
    assert run_cli("models", "remove", "tiny-model").returncode == 0
    assert not target.exists()


@pytest.mark.parametrize("bad", ["../evil.txt", "/etc/evil.txt", "tiny-model/../../evil.txt"])
def test_entries_outside_the_model_folder_are_refused(tmp_path, isolated, bad):
    archive = model_zip(tmp_path / "tiny-model.zip", extra={bad: b"owned"})
    out = run_cli("models", "install", "--from", str(archive))
    assert out.returncode == 2
    assert "outside the model folder" in out.stderr
    assert not (isolated / "models" / "tiny-model").exists()
    assert not (tmp_path / "evil.txt").exists()
    assert [p.name for p in (isolated / "models").iterdir()] == []


def test_links_are_refused(tmp_path, isolated):
    archive = model_zip(tmp_path / "tiny-model.zip", link="/etc/passwd")
    out = run_cli("models", "install", "--from", str(archive))
    assert out.returncode == 2 and "is a link" in out.stderr
    assert not (isolated / "models" / "tiny-model").exists()


def test_a_zip_named_like_a_manifest_model_must_match_its_checksum(tmp_path, isolated):
    archive = model_zip(tmp_path / "vosk-model-small-en-us-0.15.zip",
                        top="vosk-model-small-en-us-0.15")
    out = run_cli("models", "install", "--from", str(archive))
    assert out.returncode == 2
    assert "does not match the manifest" in out.stderr
    assert not (isolated / "models" / "vosk-model-small-en-us-0.15").exists()


def test_a_folder_missing_vosk_files_is_refused(tmp_path, isolated):
    archive = tmp_path / "half.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("half/am/final.mdl", b"x")
    out = run_cli("models", "install", "--from", str(archive))
    assert out.returncode == 2 and "conf/mfcc.conf is missing" in out.stderr
    assert [p.name for p in (isolated / "models").iterdir()] == []


def test_manifest_default_is_the_small_english_model():
    default, entries = models.manifest()
    assert default == "vosk-model-small-en-us-0.15"
    e = entries[default]
    assert e.size == 41205931
    assert e.sha256 == "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
    assert e.url and e.url.startswith("https://alphacephei.com/vosk/models/")


class _Serve(http.server.BaseHTTPRequestHandler):
    """Serves ``body``, honouring ``Range``; the first ``cuts`` responses stop half-way."""

    body = b""
    cuts = 0
    ranges: list[str | None] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        wanted = self.headers.get("Range")
        _Serve.ranges.append(wanted)
        start = int(wanted.removeprefix("bytes=").rstrip("-")) if wanted else 0
        self.send_response(206 if wanted else 200)
        self.send_header("Content-Length", str(len(self.body) - start))
        self.end_headers()
        rest = self.body[start:]
        if _Serve.cuts:
            _Serve.cuts -= 1
            rest = rest[: len(rest) // 2]
        self.wfile.write(rest)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    _Serve.body = model_zip(tmp_path / "src.zip").read_bytes()
    _Serve.cuts, _Serve.ranges = 0, []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Serve)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()


def _entry(server, body: bytes) -> models.Entry:
    return models.Entry("tiny-model", "xx", f"http://127.0.0.1:{server.server_port}/m.zip",
                        len(body), hashlib.sha256(body).hexdigest())


def test_download_is_verified_then_renamed(server, tmp_path):
    body = _Serve.body
    dest = tmp_path / "dl"
    got = models.download(_entry(server, body), dest)
    assert got == dest / "tiny-model.zip" and got.read_bytes() == body
    assert sorted(p.name for p in dest.iterdir()) == ["tiny-model.zip"]
    assert _Serve.ranges == [None]


def test_an_interrupted_download_is_retried_with_back_off_and_resumed(server, tmp_path):
    body = _Serve.body
    _Serve.cuts = 2
    waits: list[float] = []
    got = models.download(_entry(server, body), tmp_path / "dl", sleep=waits.append)
    assert got.read_bytes() == body
    assert waits == [2.0, 4.0]  # back-off doubles
    half = len(body) // 2
    assert _Serve.ranges == [None, f"bytes={half}-", f"bytes={half + (len(body) - half) // 2}-"]


def test_a_download_that_keeps_failing_stops_and_resumes_next_time(server, tmp_path):
    body = _Serve.body
    _Serve.cuts = 99
    dest = tmp_path / "dl"
    with pytest.raises(models.ModelError, match="again to resume"):
        models.download(_entry(server, body), dest, sleep=lambda s: None, tries=2)
    assert not (dest / "tiny-model.zip").exists()  # nothing that looks installed
    part = dest / ".tiny-model.zip.part"
    kept = part.stat().st_size
    assert 0 < kept < len(body)
    _Serve.cuts, _Serve.ranges = 0, []
    got = models.download(_entry(server, body), dest)
    assert got.read_bytes() == body and not part.exists()
    assert _Serve.ranges == [f"bytes={kept}-"]


def test_corrupted_download_is_refused(server, tmp_path):
    entry = _entry(server, _Serve.body)
    entry = models.Entry(entry.name, entry.language, entry.url, entry.size, "0" * 64)
    with pytest.raises(models.ModelError, match="SHA-256 does not match"):
        models.download(entry, tmp_path / "dl")
    assert list((tmp_path / "dl").iterdir()) == []


def test_models_where_vosk_users_keep_them_are_found_and_used(tmp_path, isolated):
    cache = tmp_path / "home" / ".cache" / "vosk"
    name = "vosk-model-small-en-us-0.15"
    with zipfile.ZipFile(model_zip(tmp_path / "m.zip", top=name)) as z:
        z.extractall(cache)
    other = tmp_path / "elsewhere"
    with zipfile.ZipFile(model_zip(tmp_path / "k.zip", top="vosk-model-small-xx-0.1")) as z:
        z.extractall(other)
    env = {"HOME": str(tmp_path / "home"), "VOSK_MODEL_PATH": str(other)}
    listed = run_cli("models", "list", env=env)
    assert f"{name}" in listed.stdout and str(cache / name) in listed.stdout
    assert str(other / "vosk-model-small-xx-0.1") in listed.stdout
    out = run_cli("models", "install", env=env)
    assert out.returncode == 0, out.stderr
    assert f"already at {cache / name}" in out.stdout
    found = models.found_elsewhere(env)
    assert set(found) == {name, "vosk-model-small-xx-0.1"}
    assert models.language_of("vosk-model-small-xx-0.1") == "xx"
    assert models.language_of("tiny-model") is None


def test_endpoint_silence_is_applied_to_a_view_of_the_model(tmp_path):
    src = tmp_path / "m"
    for rel in MODEL_FILES:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("--beam=10.0\n--endpoint.rule2.min-trailing-silence=0.5\n"
                               if rel == "conf/model.conf" else "x")
    view = models.with_endpoint_silence(src, 0.3, tmp_path / "views")
    rules = models.endpoint_rules(view)
    assert rules["endpoint.rule2.min-trailing-silence"] == pytest.approx(0.3)
    assert rules["endpoint.rule3.min-trailing-silence"] == pytest.approx(0.6)
    assert "--beam=10.0" in (view / "conf" / "model.conf").read_text()
    assert (src / "conf" / "model.conf").read_text().count("0.5") == 1  # source untouched
    models.check_folder(view)


def test_a_view_made_by_many_at_once_is_always_whole(tmp_path):
    """Two processes starting at once (a service and a `listen --input`) both make the view:
    neither may see it half made or removed under it."""
    from concurrent.futures import ThreadPoolExecutor

    src = tmp_path / "m"
    for rel in MODEL_FILES:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("--beam=10.0\n" if rel == "conf/model.conf" else "x")
    for silence in (0.3, 0.8, 0.3):
        with ThreadPoolExecutor(8) as pool:
            views = list(pool.map(lambda s: models.with_endpoint_silence(
                src, s, tmp_path / "views"), [silence] * 16))
        for view in views:
            models.check_folder(view)
            assert models.endpoint_rules(view)["endpoint.rule2.min-trailing-silence"] == \
                pytest.approx(silence)
    made = sorted(p.name for p in (tmp_path / "views").iterdir())
    assert len(made) == 2 and made[0].endswith("-endpoint-0.30") and \
        made[1].endswith("-endpoint-0.80")  # nothing left behind


def test_a_view_is_of_the_model_where_it_is_not_of_one_with_the_same_name(tmp_path):
    """Every pip-installed Korean model is a folder called "model". A view made for the one
    in a virtualenv that was later deleted must not be loaded for another install."""
    import shutil

    made = []
    for place in ("old-venv", "new-venv"):
        src = tmp_path / place / "model"
        for rel in MODEL_FILES:
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_text("--beam=10.0\n" if rel == "conf/model.conf" else place)
        made.append(models.with_endpoint_silence(src, 0.3, tmp_path / "views"))
    assert made[0] != made[1]
    assert (made[1] / "am").resolve().parent.parent.name == "new-venv"
    shutil.rmtree(tmp_path / "old-venv")
    view = models.with_endpoint_silence(tmp_path / "new-venv" / "model", 0.3, tmp_path / "views")
    models.check_folder(view)
    # Reinstalled where it was: the view is made again, whole.
    src = tmp_path / "old-venv" / "model"
    for rel in MODEL_FILES:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("--beam=10.0\n" if rel == "conf/model.conf" else "again")
    models.check_folder(models.with_endpoint_silence(src, 0.3, tmp_path / "views"))


def test_listen_names_the_install_command_when_no_model(tmp_path):
    out = run_cli("--data-dir", str(tmp_path), "listen", "--input", "x.wav", "--no-speak")
    assert out.returncode == 1
    assert "crampcoach models install vosk-model-small-en-us-0.15" in out.stderr
    assert "Traceback" not in out.stderr

