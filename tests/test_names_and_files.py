"""Names are names, files are the owner's: no path escapes its folder, no archive unpacks
without bounds, every file created is owner-only whatever the umask, and the commands that
only read work on a read-only data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crampcoach.voice import models

from .conftest import ROOT, run_cli
from .test_models import model_zip


def _one_line(out: subprocess.CompletedProcess[str], code: int) -> str:
    assert out.returncode == code, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr
    [line] = out.stderr.splitlines()
    return line


@pytest.mark.parametrize("name", ["", " ", ".", "..", "../models", "/", "a/b", ".views",
                                  "no-such-model"])
def test_models_remove_takes_only_the_name_of_a_downloaded_model(tmp_path, isolated, name):
    archive = model_zip(tmp_path / "tiny-model.zip")
    assert run_cli("models", "install", "--from", str(archive)).returncode == 0
    line = _one_line(run_cli("models", "remove", name), 2)
    assert "model" in line
    assert (isolated / "models" / "tiny-model" / "am" / "final.mdl").is_file()


@pytest.mark.parametrize("name", ["/../../tmp/x", "../x", "", ".hidden", "a/b", "x\\y"])
def test_models_install_refuses_a_name_that_is_a_path(tmp_path, isolated, name):
    archive = model_zip(tmp_path / "tiny-model.zip")
    line = _one_line(run_cli("models", "install", name, "--from", str(archive)), 2)
    assert "model name" in line
    assert not (isolated / "models").exists() or not any((isolated / "models").iterdir())
    assert not Path("/tmp/x").exists() or not (Path("/tmp/x") / "am").exists()


def test_a_zip_bomb_is_refused_before_anything_is_written(tmp_path, isolated):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for rel in ("am/final.mdl", "conf/mfcc.conf", "graph/HCLG.fst"):
            z.writestr(f"bomb/{rel}", b"x")
        z.writestr("bomb/am/padding", b"\0" * (64 * 1024 * 1024))
    assert archive.stat().st_size < 1024 * 1024
    line = _one_line(run_cli("models", "install", "--from", str(archive)), 2)
    assert "more than a speech model; refused" in line
    assert not any(p for p in (isolated / "models").rglob("*") if p.is_file())


def test_no_room_for_a_model_is_refused_before_unpacking(tmp_path, monkeypatch):
    archive = model_zip(tmp_path / "tiny-model.zip")
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage._replace(free=0))
    with pytest.raises(models.ModelError, match="not enough free space"):
        models.install_zip(tmp_path / "data", archive)
    assert not (tmp_path / "data" / "models" / "tiny-model").exists()


@pytest.mark.parametrize("code", ["../../x", "/etc/passwd", "en/../ko", "", "EN", "xx"])
def test_language_codes_are_names_not_paths(tmp_path, code):
    (tmp_path / "x.toml").write_text('say = { plugin_failed = "owned" }\n')
    for command in (["parse", "hello"], ["chat"], ["say", "hello", "--to", "x.wav"]):
        out = run_cli(*command, "--language", code, input="")
        if code == "":
            assert out.returncode == 0 or out.returncode == 2
            continue
        assert "no language data" in _one_line(out, 2)


def test_a_disabled_plugin_must_exist(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[plugins]\ndisabled = ["tipz"]\n')
    line = _one_line(run_cli("--config", str(cfg), "plugins"), 2)
    assert "'tipz', which is not a plugin" in line and "tips" in line


def _modes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): oct(p.stat().st_mode & 0o777)
            for p in [folder, *folder.rglob("*")] if not p.is_symlink()}


def test_every_file_created_is_owner_only_under_umask_000(tmp_path):
    data = tmp_path / "fresh" / "data"
    archive = model_zip(tmp_path / "tiny-model.zip")
    env = dict(os.environ, CRAMPCOACH_DATA_DIR=str(data))

    def run(*args: str, input: str | None = None) -> None:
        done = subprocess.run([sys.executable, "-m", "crampcoach.voice.cli", *args],
                              input=input, capture_output=True, text=True, env=env, cwd=ROOT,
                              preexec_fn=lambda: os.umask(0), timeout=120)
        assert done.returncode == 0, done.stderr

    run("models", "install", "--from", str(archive))  # the first command makes the folder
    run("chat", "--time-scale", "0", input="my left calf\nit's gone\nseven\ngood morning\n"
                                           "how can i prevent this\nwhat can i say\n")
    run("profile", "set", "fluid_limit", "yes")
    run("say", "Hello.", "--to", str(tmp_path / "hello.wav"))
    assert oct((tmp_path / "hello.wav").stat().st_mode & 0o777) == "0o600"
    modes = _modes(data)
    assert any(k.endswith(".sqlite3") for k in modes) and "models/tiny-model/am" in modes
    loose = {k: m for k, m in modes.items() if int(m, 8) & 0o077}
    assert not loose, loose


def _read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command with ``folder`` mounted read-only (a private mount namespace)."""
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", str(folder), sys.executable, "-m",
         "crampcoach.voice.cli", "--data-dir", str(folder), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def read_only_data(tmp_path_factory) -> Path:
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("no unprivileged mount namespaces here to make a read-only folder")
    tmp_path = tmp_path_factory.mktemp("read-only")
    data = tmp_path / "data"
    archive = model_zip(tmp_path / "tiny-model.zip")
    for args, text in ((["models", "install", "--from", str(archive)], None),
                       (["chat", "--time-scale", "0"], "my left calf\nit's gone\nseven\n"),
                       (["profile", "set", "pregnant", "no"], None)):
        done = run_cli("--data-dir", str(data), *args, input=text,
                       env={"CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD": "1",
                            "XDG_CONFIG_HOME": str(tmp_path / "config")})
        assert done.returncode == 0, done.stderr
    probe = _read_only(data, "config", "show")
    assert probe.returncode == 0, probe.stderr
    return data


@pytest.mark.parametrize("args", [
    ["models", "list"], ["config", "show"], ["plugins"], ["parse", "my left calf"],
    ["log", "list"], ["log", "export", "--format", "csv"], ["profile", "show"],
    ["profile", "export"],
])
def test_read_only_commands_work_on_a_read_only_data_folder(read_only_data, args):
    out = _read_only(read_only_data, *args)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""


def test_writing_to_a_read_only_data_folder_fails_in_one_line(read_only_data):
    out = _read_only(read_only_data, "log", "delete", "1")
    assert out.returncode in (1, 2)
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [["models", "install", ""], ["models", "verify", "../x"],
                                  ["models", "verify", ""]])
def test_an_empty_or_path_model_name_is_refused_before_any_download(args):
    line = _one_line(run_cli(*args), 2)
    assert "model name" in line
