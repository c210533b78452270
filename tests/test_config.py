"""Settings: engine settings checked for type and range, plugins declaring their own, and
``config show`` printing TOML that can be fed back as a config."""

from __future__ import annotations

import tomllib

import pytest

from crampcoach.voice import config as configuration
from crampcoach.voice.host import PluginHost
from crampcoach.voice.session import declare_settings

from .conftest import run_cli
from .test_fault_plugins import only


@pytest.mark.parametrize("toml,key,allowed", [
    ("follow_up_s = -10", "follow_up_s = -10", "a number, above 0"),
    ("follow_up_s = 0", "follow_up_s = 0", "above 0"),
    ("follow_up_s = \"soon\"", "follow_up_s = 'soon'", "a number"),
    ("[speech]\nvolume = 7", "speech.volume = 7", "from 0 to 1"),
    ("[speech]\nrate = -140", "speech.rate = -140", "a whole number, from 50 to 400"),
    ("[speech]\nrate = true", "speech.rate = True", "a whole number"),
    ("[summary]\nnight_start = \"25:99\"", "summary.night_start = '25:99'", "a time of day"),
    ("[summary]\nnight_end = 6", "summary.night_end = 6", "a time of day"),
    ("wake_phrase = [\"hey\", \"coach\"]", "wake_phrase = ['hey', 'coach']", "text"),
    ("wake_phrase = \"  \"", "wake_phrase = '  '", "not empty"),
    ("[journal]\nopen_timeout_min = 0", "journal.open_timeout_min = 0", "from 1 to 720"),
    ("[plugins]\nhook_budget_s = -1", "plugins.hook_budget_s = -1", "above 0"),
    ("[plugins]\ndisabled = \"tips\"", "plugins.disabled = 'tips'", "a list of text"),
])
def test_a_wrong_value_is_refused_in_one_line_naming_key_value_and_what_is_allowed(
        tmp_path, toml, key, allowed):
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml + "\n")
    for command in (["config", "show"], ["chat"]):
        out = run_cli("--config", str(cfg), *command, input="")
        assert out.returncode == 2
        [line] = out.stderr.splitlines()
        assert line.startswith(f"crampcoach: error: setting {key} (from file {cfg})"), line
        assert allowed in line
        assert "Traceback" not in out.stderr and out.stdout == ""


@pytest.mark.parametrize("toml,key", [
    ("colour = 1", "colour"), ("[speech]\npitch = 2", "speech.pitch"),
    ("[nosuchplugin]\nx = 1", "nosuchplugin.x"),
    ("[summary]\nnight_middle = \"02:00\"", "summary.night_middle"),
])
def test_unknown_keys_are_refused_in_one_line(tmp_path, toml, key):
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml + "\n")
    out = run_cli("--config", str(cfg), "plugins")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [f"crampcoach: error: unknown setting {key!r} "
                                       f"(from file {cfg})"]


def test_a_disabled_plugins_settings_may_stay_in_the_file(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[plugins]\ndisabled = ["summary"]\n[summary]\nnight_start = "20:00"\n')
    out = run_cli("--config", str(cfg), "chat", "--time-scale", "0", input="help\n")
    assert out.returncode == 0, out.stderr


def test_the_engine_declares_no_plugin_setting():
    assert not [k for k in configuration.DEFAULTS if k.split(".")[0] in ("journal", "summary")]


def test_plugin_settings_are_declared_by_the_plugins_and_read_through_them(tmp_path):
    cfg_file = tmp_path / "c.toml"
    cfg_file.write_text('[summary]\nnight_start = "21:30"\n')
    cfg = configuration.load(config_file=cfg_file)
    declare_settings(cfg, PluginHost(autoload=False))
    assert cfg.owners["summary.night_start"] == "summary"
    assert cfg.settings("summary") == {"night_start": "21:30", "night_end": "11:00"}
    assert cfg.sources["summary.night_start"] == f"file {cfg_file}"
    assert cfg.settings("journal") == {"open_timeout_min": 15.0}


def test_config_show_prints_toml_that_round_trips(tmp_path):
    first = tmp_path / "c.toml"
    first.write_text('wake_phrase = "hey \\"coach\\" \\u00e9"\nfollow_up_s = 12\n'
                     '[speech]\nrate = 120\n[plugins]\ndisabled = ["tips", "veins"]\n'
                     '[summary]\nnight_end = "09:15"\n')
    shown = run_cli("--config", str(first), "config", "show")
    assert shown.returncode == 0, shown.stderr
    assert f"speech.rate = 120  # file {first}" in shown.stdout
    assert "# plugin summary\n" in shown.stdout
    assert f'summary.night_end = "09:15"  # file {first}' in shown.stdout
    assert "summary.night_start = \"18:00\"  # default" in shown.stdout
    parsed = tomllib.loads(shown.stdout)
    assert parsed["wake_phrase"] == 'hey "coach" é'
    assert parsed["summary"]["night_end"] == "09:15"
    again = tmp_path / "again.toml"
    again.write_text(shown.stdout)
    reshown = run_cli("--config", str(again), "config", "show")
    assert reshown.returncode == 0, reshown.stderr
    assert tomllib.loads(reshown.stdout) == parsed


def test_a_third_party_plugin_declares_a_setting_and_reads_it(fault_site, tmp_path):
    env = only("setting", fault_site, tmp_path,
               extra='[faults_setting]\ngreeting = "Morning from the plugin."\nrepeat = 2\n')
    shown = run_cli("config", "show", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "# plugin faults_setting\n" in shown.stdout
    assert 'faults_setting.greeting = "Morning from the plugin."  # file' in shown.stdout
    morning = run_cli("chat", "--time-scale", "0", input="good morning\n", env=env)
    assert morning.returncode == 0, morning.stderr
    assert morning.stdout.count("coach: Morning from the plugin.") == 2
    # The plugin's limits are enforced like the engine's.
    bad = only("setting", fault_site, tmp_path, extra="[faults_setting]\nrepeat = 9\n")
    out = run_cli("chat", input="", env=bad)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"crampcoach: error: setting faults_setting.repeat = 9 (from file {tmp_path}/config.toml)"
        " is not allowed: it must be a whole number, from 1 to 3"]
