"""The ``crampcoach`` command line.

Global options come first (``crampcoach --data-dir DIR chat``); plugins add their own
commands through ``crampcoach_commands``. Every expected failure is one line on stderr and
a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from crampcoach.voice import __version__
from crampcoach.voice import config as configuration
from crampcoach.voice import language as languages
from crampcoach.voice.errors import EXIT_RUNTIME, EXIT_USAGE, RuntimeFailure, UserError
from crampcoach.voice.host import PluginHost
from crampcoach.voice.intents import DeclarationError
from crampcoach.voice.messages import Said

log = logging.getLogger("crampcoach")


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are reported in one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _global_parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="crampcoach",
        description="Hands-free, offline coach for night leg cramps.",
    )
    p.add_argument("--version", action="version", version=f"crampcoach {__version__}")
    p.add_argument("--data-dir", metavar="DIR",
                   help=f"where the journal lives (env {configuration.DATA_DIR_ENV})")
    p.add_argument("--config", metavar="FILE",
                   help=f"config file (env {configuration.CONFIG_ENV})")
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    return p


WITHOUT_PLUGINS = frozenset({"say", "devices"})
"""Built-in commands that never consult a plugin: they start without loading any (``say
--to`` is used in scripts, where the plugins' start-up was most of its time)."""


def build_parser(host: PluginHost | None) -> argparse.ArgumentParser:
    p = _global_parser()
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", help="talk to the coach by typing, one line per utterance")
    chat.add_argument("--speak", action=argparse.BooleanOptionalAction, default=False,
                      help="also speak the replies aloud (default: print only)")
    chat.add_argument("--time-scale", type=float, default=1.0, metavar="F",
                      help="multiply every hold and pause; 0 runs them instantly")
    chat.add_argument("--trace", metavar="FILE.jsonl",
                      help="write what was heard, understood and said, one JSON object a line")
    languages.add_option(chat)
    chat.set_defaults(func=cmd_chat)

    parse = sub.add_parser("parse", help="show the intent a sentence is understood as")
    parse.add_argument("text")
    languages.add_option(parse)
    parse.set_defaults(func=cmd_parse)

    plugins = sub.add_parser("plugins", help="list plugins with origin and version")
    plugins.set_defaults(func=cmd_plugins)

    cfg = sub.add_parser("config", help="show the effective configuration")
    cfg_sub = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = cfg_sub.add_parser("show", help="print each setting and where it came from")
    show.set_defaults(func=cmd_config_show)

    from crampcoach.voice import servicecli, voicecli

    voicecli.add_commands(sub)
    servicecli.add_commands(sub)
    if host is not None:
        host.call("crampcoach_commands", subparsers=sub)
    _accept_global_options_anywhere(p)
    return p


def _accept_global_options_anywhere(parser: argparse.ArgumentParser) -> None:
    """``crampcoach chat --data-dir X`` works as well as ``crampcoach --data-dir X chat``.

    The values were already read before the commands were built (they choose the config and
    the plugins); here every sub-command only learns to accept them.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                names = {o for a in sub._actions for o in a.option_strings}
                if "--data-dir" not in names:
                    sub.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                                     help="where the journal lives")
                    sub.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                                     help="config file")
                    sub.add_argument("-v", "--verbose", action="store_true",
                                     default=argparse.SUPPRESS, help="log details to stderr")
                _accept_global_options_anywhere(sub)


# -- commands ------------------------------------------------------------------------------
def _print_said(said: Said) -> None:
    print(f"coach: {said.text}", flush=True)


def cmd_chat(args: argparse.Namespace, cfg: configuration.Config, host: PluginHost) -> int:
    from crampcoach.voice import chat, session

    speak = _print_said
    speaker = None
    if args.speak:
        from crampcoach.voice.speech import Speaker

        speaker = Speaker.from_config(cfg, language=args.language or cfg["language"])

        def speak(said: Said) -> None:
            _print_said(said)
            speaker.say(said.text)

    if not math.isfinite(args.time_scale) or args.time_scale < 0:
        # nan and inf parse as floats, but no hold could ever end at either.
        raise UserError("--time-scale must be zero or more")
    trace = None
    on_heard = None
    if args.trace:
        from crampcoach.voice.clock import SystemClock
        from crampcoach.voice.trace import Trace

        trace = Trace.open(args.trace, SystemClock().monotonic, cfg.data_dir)
        speak = trace.speaker(speak)

        def on_heard(line: str) -> None:
            trace.heard(line, why="typed")

    s = session.build(cfg, speak, language=args.language, time_scale=args.time_scale,
                      host=host)
    if trace:
        trace.attach(s.dialogue)
    try:
        skipped = chat.run(s.dialogue, prompt=sys.stdin.isatty(), on_heard=on_heard)
    finally:
        if speaker:
            speaker.close()
        if trace:
            trace.close()
    status = s.convo.exit_status()  # tells the conversation's problems in one line
    return EXIT_RUNTIME if skipped else status


def cmd_parse(args: argparse.Namespace, cfg: configuration.Config, host: PluginHost) -> int:
    from crampcoach.voice import session

    matcher = session.build_matcher(host, args.language or cfg["language"])
    print(json.dumps(matcher.match(args.text).to_json(), ensure_ascii=False))
    return 0


def cmd_plugins(args: argparse.Namespace, cfg: configuration.Config, host: PluginHost) -> int:
    rows = [(i.name, i.origin, i.version,
             "enabled" if i.enabled else ("disabled" if i.error is None else f"error: {i.error}"))
            for i in host.infos]
    widths = [max(len(r[c]) for r in rows + [("name", "origin", "version", "")]) for c in range(3)]
    print(f"{'name':<{widths[0]}}  {'origin':<{widths[1]}}  {'version':<{widths[2]}}  status")
    for r in rows:
        print(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}")
    return 0


def cmd_config_show(args: argparse.Namespace, cfg: configuration.Config, host: Any) -> int:
    """The effective settings as a TOML file that can be fed back with ``--config``; each
    line says where its value came from, plugins' settings grouped under their names."""
    import tomli_w

    def line(key: str) -> str:
        value = tomli_w.dumps({"v": cfg.values[key]}).strip().removeprefix("v = ")
        return f"{key} = {value}  # {cfg.sources[key]}"

    print(f"# config file: {cfg.config_file} ({cfg.sources['config_file']})")
    print(f"# data folder: {cfg.data_dir} ({cfg.sources['data_dir']})")
    for key in configuration.DEFAULTS:
        print(line(key))
    plugins: dict[str, list[str]] = {}
    for key, plugin in cfg.owners.items():
        plugins.setdefault(plugin, []).append(key)
    for plugin, keys in plugins.items():
        print(f"# plugin {plugin}")
        for key in keys:
            print(line(key))
    return 0


# -- entry point ---------------------------------------------------------------------------
def _check_data_dir(folder: Any) -> None:
    """The data folder, or the nearest part of its path that exists, must be a folder: a
    file there would fail every plugin that stores something, each in a line of its own."""
    from pathlib import Path

    probe, missing = Path(folder), None
    while not probe.exists() and probe != probe.parent:
        probe, missing = probe.parent, probe
    if not probe.is_dir():
        raise UserError(f"the data folder {folder} cannot be used: {probe} is not a folder")
    if missing is not None:
        # A folder that could never be made (/proc/x, a read-only disk) is no fresh install:
        # try to make its first part, and take it away again (reading makes nothing).
        try:
            missing.mkdir(mode=0o700)
            missing.rmdir()
        except OSError as err:
            raise UserError(f"the data folder {folder} cannot be created: "
                            f"{err.strerror or err}") from None


def _one_line(err: BaseException) -> str:
    """An error message as one line, whatever a name typed into it holds."""
    return str(err).replace("\r", "\\r").replace("\n", "\\n")



def main(argv: Sequence[str] | None = None) -> int:
    import faulthandler
    import signal

    faulthandler.register(signal.SIGUSR1)  # `kill -USR1` shows where a stuck coach is
    # Everything this program creates holds or sits beside health data: owner-only, whatever
    # umask the shell (or a service manager) started us with.
    os.umask(0o077)
    argv = list(sys.argv[1:] if argv is None else argv)
    pre, rest = _global_parser().parse_known_args([a for a in argv if a not in ("-h", "--help")])
    command = next((a for a in rest if not a.startswith("-")), None)
    logging.basicConfig(
        level=logging.DEBUG if pre.verbose else logging.WARNING,
        format="crampcoach: %(levelname)s: %(name)s: %(message)s",
    )
    try:
        for option, value in (("--data-dir", pre.data_dir), ("--config", pre.config)):
            if value is not None and not value.strip():
                raise UserError(f"{option} is empty: give a path")
        cfg = configuration.load(data_dir=pre.data_dir, config_file=pre.config)
        if command not in ("chat", "listen"):
            # The coach still coaches a person in pain when nothing can be saved: the journal
            # keeps that episode aside and says so (plugins/journal); other commands refuse.
            _check_data_dir(cfg.data_dir)
        host = (None if command in WITHOUT_PLUGINS
                else PluginHost(disabled=cfg["plugins.disabled"],
                                budget_s=cfg["plugins.hook_budget_s"]))
        if host is not None:  # plugins declare their settings; a wrong value stops us here
            from crampcoach.voice.session import declare_settings

            declare_settings(cfg, host)
        parser = build_parser(host)
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        if hasattr(args, "language"):  # the option, or the config's language, must exist
            languages.load(args.language or cfg["language"])
        return int(args.func(args, cfg, host) or 0)
    except (UserError, configuration.ConfigError, languages.UnknownLanguage,
            DeclarationError) as err:
        print(f"crampcoach: error: {_one_line(err)}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeFailure as err:
        print(f"crampcoach: error: {_one_line(err)}", file=sys.stderr)
        return EXIT_RUNTIME
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # the last net: one line, details only with -v
        log.debug("unexpected error", exc_info=True)
        print(f"crampcoach: error: {type(err).__name__}: {_one_line(err)} "
              "(run with -v for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
