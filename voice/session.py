"""Wiring: config → plugins → matcher → dialogue, the same for ``chat``, ``listen`` and tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crampcoach.voice import language as languages
from crampcoach.voice import settings
from crampcoach.voice.clock import Clock, SystemClock
from crampcoach.voice.config import Config, ConfigError
from crampcoach.voice.dialogue import Conversation, Dialogue
from crampcoach.voice.host import PluginFailure, PluginHost
from crampcoach.voice.intents import IntentMatcher
from crampcoach.voice.messages import Said


@dataclass
class Session:
    """Everything one conversation needs, built once."""

    host: PluginHost
    matcher: IntentMatcher
    dialogue: Dialogue
    convo: Conversation


def declare_settings(config: Config, host: PluginHost) -> None:
    """Add every loaded plugin's declared settings to ``config`` and check the values read
    for them; a plugin with a malformed declaration is switched off, named with the reason.
    Settings in the file that no known plugin declares are refused."""
    for plugin, table in host.call("crampcoach_settings"):
        if isinstance(table, PluginFailure):
            continue  # switched off by the host already
        try:
            config.declare(plugin, settings.declared(plugin, table))
        except settings.SettingError as err:
            host.switch_off(plugin, f"malformed settings: {err}")
    config.refuse_unknown(info.name for info in host.infos if not info.enabled)
    known = [info.name for info in host.infos]
    for name in config["plugins.disabled"]:
        if name not in known:
            raise ConfigError(f"setting plugins.disabled names {name!r}, which is not a plugin "
                              f"(plugins: {', '.join(known)})")


def build_matcher(host: PluginHost, code: str) -> IntentMatcher:
    """Every plugin's phrases in one matcher; a plugin whose declaration is malformed is
    switched off, named with the reason, and the others are understood as ever."""
    lang = languages.load(code)
    # A plugin whose declaration hook failed is already switched off by the host.
    decls = [(p, d) for p, d in host.call("crampcoach_intents", language=code)
             if not isinstance(d, PluginFailure)]
    try:
        return IntentMatcher(lang, decls)
    except Exception:  # noqa: BLE001 - find whose declaration it is, below
        pass
    accepted: list[tuple[str, Any]] = []
    for plugin, decl in decls:  # in load order, so a clash is blamed on the later plugin
        try:
            IntentMatcher(lang, [*accepted, (plugin, decl)])
        except Exception as err:  # noqa: BLE001 - any malformed data, any exception
            host.switch_off(plugin, f"malformed phrases: {err}")
        else:
            accepted.append((plugin, decl))
    return IntentMatcher(lang, accepted)


def build(
    config: Config,
    speak: Callable[[Said], None],
    *,
    language: str | None = None,
    time_scale: float = 1.0,
    clock: Clock | None = None,
    source: str = "text",
    host: PluginHost | None = None,
    room: str = "",
) -> Session:
    code = language or config["language"]
    lang = languages.load(code)
    host = host or PluginHost(disabled=config["plugins.disabled"],
                              budget_s=config["plugins.hook_budget_s"])
    declare_settings(config, host)
    matcher = build_matcher(host, code)

    def call(hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        return [(p, r) for p, r in host.call(hook, **kwargs) if not isinstance(r, PluginFailure)]

    convo = Conversation(
        clock=clock or SystemClock(),
        language=code,
        data_dir=config.data_dir,
        config=config,
        source=source,
        room=room,
        call=call,
    )
    dialogue = Dialogue(
        host, matcher, lang, convo, speak, time_scale=time_scale,
        follow_up_s=float(config["follow_up_s"]),
    )
    return Session(host, matcher, dialogue, convo)
