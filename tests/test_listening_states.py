"""Listening states come from what intents declare, not from a list in the engine.

A third-party plugin declares an intent heard while coaching; the engine builds the coaching
grammar from that declaration and a spoken phrase reaches the plugin mid-routine.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import numpy as np
import pytest

from crampcoach.voice import audio, hookimpl
from crampcoach.voice.grammars import Grammars
from crampcoach.voice.host import PluginHost
from crampcoach.voice.intents import DeclarationError, IntentMatcher
from crampcoach.voice.language import load as load_language
from crampcoach.voice.listener import Listener
from crampcoach.voice.messages import Reply
from crampcoach.voice.session import build_matcher
from crampcoach.voice.vad import SpeechGate

from .conftest import ROOT
from .test_voice_path import speech


class Water:
    """A third-party plugin: "a glass of water" while coaching."""

    def __init__(self, heard: list[str]):
        self.heard = heard
        self.got: list[str] = []

    @hookimpl
    def crampcoach_intents(self, language):
        sentences = ["물 주세요"] if language == "ko" else ["a glass of water"]
        return {"intents": {"water.fetch": {"sentences": sentences, "heard": self.heard}}}

    @hookimpl
    def crampcoach_handle_intent(self, intent, convo):
        if intent.name == "water.fetch":
            self.got.append(intent.name)
            return Reply(say=["물은 나중에요."])
        return None


def grammars_with(plugin: Water, language: str = "ko", folder: Path = Path("unused")) -> Grammars:
    host = PluginHost(autoload=False)
    host.register(plugin, "water")
    return Grammars.for_matcher(folder, build_matcher(host, language), "헤이 코치")


def test_a_third_party_intent_declared_heard_while_coaching_is_in_the_coaching_grammar():
    g = grammars_with(Water(["coaching"]))
    assert "water.fetch" in g.declared("coaching")
    assert "물 주세요" in g.phrases(g.declared("coaching"))
    assert "water.fetch" not in g.declared("barge_in")


def test_an_intent_that_declares_nothing_is_heard_only_when_awake():
    g = grammars_with(Water([]))
    assert "물 주세요" not in g.phrases(g.declared("coaching"))
    assert "물 주세요" not in g.phrases(g.declared("barge_in"))
    assert "water.fetch" not in g.declared("answer")


def test_asleep_intents_act_alone():
    g = grammars_with(Water(["asleep"]))
    assert "물 주세요" in g.wake_alone


def test_an_unknown_listening_state_names_the_plugin():
    lang = load_language("en")
    bad = {"intents": {"x.y": {"sentences": ["x"], "heard": ["sleeping"]}}}
    with pytest.raises(DeclarationError, match="plugin odd: intent x.y: unknown listening state"):
        IntentMatcher(lang, [("odd", bad)])


def test_builtin_intents_declare_the_same_states_in_every_language():
    for lang_dir in sorted(ROOT.glob("plugins/*/lang")):
        declared = {}
        for path in sorted(lang_dir.glob("*.toml")):
            data = tomllib.loads(path.read_text("utf-8"))
            declared[path.stem] = {n: sorted(s.get("heard", []))
                                   for n, s in data.get("intents", {}).items()}
        first, *rest = declared.values()
        for other in rest:
            for name in set(first) & set(other):
                assert first[name] == other[name], (lang_dir, name)


def test_no_engine_module_names_a_plugins_intent():
    names = set()
    for path in ROOT.glob("plugins/*/lang/*.toml"):
        names |= set(tomllib.loads(path.read_text("utf-8")).get("intents", {}))
    names -= {p.name for p in ROOT.glob("plugins/*")}  # "help" is a plugin's name as well
    for path in sorted(ROOT.glob("voice/*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
                      and n.body and isinstance(n.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings):
                assert node.value not in names, f"{path.name} names {node.value}"


@pytest.mark.integration
def test_a_third_party_intent_is_heard_by_voice_while_coaching(ko_model, talk, tmp_path):
    water = Water(["coaching"])
    host = PluginHost(autoload=False)
    host.register(water, "water")
    t = talk(language="ko", host=host)
    t.start()
    t.say("왼쪽 종아리")  # a routine starts: its timers make the coach busy
    assert t.dialogue.busy()
    grammars = Grammars.for_matcher(ko_model, t.session.matcher, "헤이 코치")
    ear = Listener(t.dialogue, t.session.matcher, grammars, SpeechGate(hangover_s=1.0),
                   "헤이 코치", follow_up_s=8)
    said = np.concatenate([audio.silence(0.5), speech("물 주세요", "ko", tmp_path),
                           audio.silence(1.5)])
    for block in audio.blocks(said):
        ear.feed(block)
    ear.finish()
    assert water.got == ["water.fetch"]
    assert "물은 나중에요." in [s.text for s in t.said]
