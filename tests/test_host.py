"""The plugin host: built-ins through the same manager, containment, disabling, entry points."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from crampcoach.voice import hookimpl
from crampcoach.voice.host import BUILTINS, PluginHost
from crampcoach.voice.messages import Intent, Reply

from .conftest import ROOT, pip_install_site, run_cli


class Exploding:
    @hookimpl
    def crampcoach_intents(self, language):
        return {"intents": {"boom.now": {"sentences": ["boom"]}}}

    @hookimpl
    def crampcoach_handle_intent(self, intent, convo):
        if intent.name in ("boom.now", "cramp.report"):
            raise RuntimeError("kaboom")


def test_builtins_are_registered_through_the_plugin_manager():
    host = PluginHost(autoload=False)
    assert host.names == [name for name, _ in BUILTINS]
    assert all(host.pm.get_plugin(n) is not None for n in host.names)


def test_a_plugin_that_raises_is_contained(talk, caplog):
    host = PluginHost(autoload=False)
    host.register(Exploding(), "exploding")
    t = talk(host=host)
    t.start()
    said = t.say("boom")
    assert said == ["Sorry, something went wrong on my side. Please say that again."]
    assert "plugin exploding failed in crampcoach_handle_intent" in caplog.text
    # The rest of the assistant still works, even on an intent the broken plugin spoils.
    said = t.say("my left calf")
    assert said[0] == "Okay. Your left calf. I'm here."


def test_disabled_plugins_are_not_loaded():
    host = PluginHost(disabled=["tips"], autoload=False)
    assert "tips" not in host.names
    assert [i for i in host.infos if i.name == "tips"][0].enabled is False


def test_disabled_in_config_file(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[plugins]\ndisabled = ["tips"]\n')
    out = run_cli("--config", str(cfg), "plugins")
    assert out.returncode == 0
    assert any(line.split()[0] == "tips" and line.split()[-1] == "disabled"
               for line in out.stdout.splitlines())
    parsed = run_cli("--config", str(cfg), "parse", "any tips")
    assert json.loads(parsed.stdout)["intent"] is None


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    """The example plugin package, pip-installed into a folder of its own."""
    return pip_install_site(ROOT / "examples" / "crampcoach-goodnight",
                            tmp_path_factory.mktemp("site"))


def _with_example(site: Path, autoload: bool = True) -> dict[str, str]:
    env = {"PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    env["CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD"] = "" if autoload else "1"
    return env


def test_example_plugin_is_found_through_its_entry_point(example_site):
    env = _with_example(example_site)
    out = run_cli("plugins", env=env)
    line = [x for x in out.stdout.splitlines() if x.startswith("goodnight")][0]
    assert "entry point of crampcoach-goodnight" in line and "0.1.0" in line
    parsed = json.loads(run_cli("parse", "good night coach", env=env).stdout)
    assert parsed == {"intent": "goodnight.say", "slots": {}, "plugin": "goodnight"}
    chat = run_cli("chat", "--time-scale", "0", input="good night\n", env=env)
    assert "coach: If a cramp wakes you, just say cramp." in chat.stdout


def test_example_plugin_adds_a_line_to_the_morning_summary(example_site):
    chat = run_cli("chat", "--time-scale", "0", input="good morning\n",
                   env=_with_example(example_site))
    assert "coach: Say good night at bedtime, and I'll be listening." in chat.stdout


def test_autoload_switch_keeps_entry_points_out(example_site):
    out = run_cli("plugins", env=_with_example(example_site, autoload=False))
    assert "goodnight" not in out.stdout


def test_an_intent_declared_twice_stays_with_the_first_plugin(talk, caplog):
    class Thief:
        @hookimpl
        def crampcoach_intents(self, language):
            return {"intents": {"cramp.report": {"sentences": ["mine"]}}}

    host = PluginHost(autoload=False)
    host.register(Thief(), "thief")
    t = talk(host=host)
    assert "thief: intent cramp.report is already declared by relief" in caplog.text
    assert t.session.matcher.match("mine").name is None
    assert t.session.matcher.match("cramp").plugin == "relief"


def test_reply_of_wrong_type_is_contained(talk):
    class Sloppy:
        @hookimpl
        def crampcoach_handle_intent(self, intent):
            return "not a reply"

    host = PluginHost(autoload=False)
    host.register(Sloppy(), "sloppy")
    t = talk(host=host)
    said = t.say("help")
    # Help answered, so the person is not left without a reply: no apology for sloppy.
    assert said and "Sorry, something went wrong" not in " ".join(said)
    assert isinstance(Reply(), Reply)


class Slow:
    def __init__(self):
        import threading

        self.release = threading.Event()

    @hookimpl
    def crampcoach_handle_intent(self, intent):
        if intent.name == "cramp.report":
            self.release.wait(30)


def test_a_hanging_third_party_hook_is_abandoned_and_switched_off(talk, caplog):
    slow = Slow()
    host = PluginHost(autoload=False, budget_s=0.2)
    host.register(slow, "slow", origin="entry point of slow")
    t = talk(host=host)
    said = t.say("my left calf")
    slow.release.set()
    assert said[0] == "Okay. Your left calf. I'm here."
    assert "slow" in host.switched_off and "took more than 0.2 s" in host.switched_off["slow"]
    assert t.say("my right foot")  # the coach goes on without it


def test_a_built_in_that_misses_its_budget_once_stays_on(talk):
    slow = Slow()
    host = PluginHost(autoload=False, budget_s=0.2)
    host.register(slow, "slow", origin="builtin")
    t = talk(host=host)
    t.say("my left calf")
    slow.release.set()
    assert "slow" not in host.switched_off


def test_follow_ups_that_loop_are_cut(talk, caplog):
    class Loop:
        @hookimpl
        def crampcoach_handle_intent(self, intent):
            if intent.name in ("help", "loop.again"):
                return Reply(follow=[Intent("loop.again", {}, "loop")])
            return None

    host = PluginHost(autoload=False)
    host.register(Loop(), "loop")
    t = talk(host=host)
    assert t.say("what can i say")
    assert "replies followed each other 8 deep" in caplog.text


def test_ending_a_session_lets_its_plugin_threads_go(talk):
    import threading

    before = threading.active_count()
    for _ in range(5):
        t = talk()
        t.say("cramp")
        t.dialogue.end()
    assert threading.active_count() <= before + 12  # one session's worth at most, not five
