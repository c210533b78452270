"""Commands of the voice path: ``listen``, ``say``, ``devices``, ``models``."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from crampcoach.voice import language, outputs, status
from crampcoach.voice.errors import RuntimeFailure, UserError
from crampcoach.voice.host import PluginHost
from crampcoach.voice.messages import Said, Utterance


def add_commands(sub: Any) -> None:
    """Register the voice commands on the ``crampcoach`` parser."""
    listen = sub.add_parser("listen", help="the hands-free coach: wake phrase, then commands")
    listen.add_argument("--input", metavar="FILE.wav",
                        help="listen to a recording instead of the microphone, then exit")
    listen.add_argument("--speak", action=argparse.BooleanOptionalAction, default=True,
                        help="speak replies (--no-speak prints what would be said)")
    listen.add_argument("--model", metavar="DIR", help="a Vosk model folder or installed name")
    listen.add_argument("--satellite", action="append", default=[], metavar="tcp://HOST:PORT",
                        help="use a Wyoming satellite as microphone and loudspeaker "
                             "(repeat for several rooms)")
    listen.add_argument("--realtime", action="store_true",
                        help="with --input: feed the recording at the pace of real audio")
    listen.add_argument("--trace", metavar="FILE.jsonl",
                        help="write what was heard (acted on or not, and why), understood and "
                             "said, one JSON object per line")
    language.add_option(listen)
    listen.set_defaults(func=cmd_listen)

    say = sub.add_parser("say", help="speak a sentence in the coach's voice")
    say.add_argument("text")
    say.add_argument("--to", metavar="FILE.wav", help="write the speech to a WAV file instead")
    language.add_option(say)
    say.set_defaults(func=cmd_say)

    devices = sub.add_parser("devices", help="list audio devices")
    devices.set_defaults(func=cmd_devices)

    m = sub.add_parser("models", help="speech models: list, install, verify, remove")
    msub = m.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ls = msub.add_parser("list", help="known and installed models")
    ls.set_defaults(func=cmd_models_list)
    inst = msub.add_parser("install", help="download (or unpack --from) and verify a model")
    inst.add_argument("name", nargs="?", help="manifest name (default: the default model)")
    inst.add_argument("--from", dest="from_zip", metavar="FILE.zip",
                      help="install from a zip you already have")
    inst.set_defaults(func=cmd_models_install)
    ver = msub.add_parser("verify", help="check a model's files and the phrases' vocabulary")
    ver.add_argument("name", nargs="?")
    ver.add_argument("--model", metavar="DIR")
    language.add_option(ver)
    ver.set_defaults(func=cmd_models_verify)
    rm = msub.add_parser("remove", help="delete a downloaded model")
    rm.add_argument("name")
    rm.set_defaults(func=cmd_models_remove)


# -- listen --------------------------------------------------------------------------------
def cmd_listen(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import audio, listen, satellite
    from crampcoach.voice.clock import SystemClock

    code = args.language or cfg["language"]
    if args.realtime and args.input is None:
        raise UserError("--realtime plays a recording: give it with --input FILE.wav")
    if args.satellite and args.input:
        raise UserError("--satellite and --input cannot be used together")
    try:
        addresses = list(dict.fromkeys(satellite.Address.parse(u) for u in args.satellite))
    except satellite.SatelliteError as err:
        raise UserError(str(err)) from None
    device = cfg["audio.input_device"]
    live = args.input is None
    where = ", ".join(f"satellite {a}" for a in addresses) or device or "default"
    mic = listen.MicrophoneSource(device) if live and not addresses else None
    try:
        folder = listen.preflight(cfg, code, args.model, mic)
    except listen.NotReady as err:
        if live:  # what `crampcoach service status` shows as the last problem
            status.StatusFile(cfg.data_dir, microphone=where, state="stopped",
                              pid=None).problem(str(err))
        for p in err.problems:
            print(f"crampcoach: {p}", file=sys.stderr)
        print("crampcoach: to talk to the coach by typing instead, run `crampcoach chat`",
              file=sys.stderr)
        return 1
    watch = None
    if live:
        watch = status.Watch(status.StatusFile(cfg.data_dir, model=folder.name,
                                               microphone=where), status.ServiceManager())

    # What is heard and said goes nowhere a log collector keeps it, unless asked (-v).
    transcript = bool(args.verbose) or not status.writes_to_journal()

    def said(line: Said) -> None:
        if transcript:
            print(f"coach: {line.text}", flush=True)

    def heard(utt: Utterance, acted: bool) -> None:
        if acted and transcript:
            print(f"you: {utt.text}", flush=True)

    trace = None

    def build(source: listen.Source, speaker: Any, plugins: Any, room: str = "") -> Any:
        return listen.build(cfg, plugins, folder, source, language=code, speaker=speaker,
                            on_said=said, on_heard=heard, room=room, trace=trace)

    if addresses:
        paths = []
        # One trace for every room: each line's time is on the system clock all rooms share.
        trace = _trace(args, SystemClock().monotonic, cfg.data_dir)
        try:
            for i, address in enumerate(addresses):
                link = satellite.Link(address)
                speaker = _speaker(cfg, code, lambda rate, link=link: satellite.SatellitePlayer(
                    link, rate)) if args.speak else None
                # Each room its own conversation: its own plugins, so no state is shared.
                plugins = host if i == 0 else PluginHost(disabled=cfg["plugins.disabled"])
                source = satellite.SatelliteSource(link, listen.notify, watch)
                paths.append(build(source, speaker, plugins, room=str(address)))
            _run_all(paths, listen.stop_on_signals())
        finally:
            if trace is not None:
                trace.close()
        return 1 if any(p.session.convo.problems for p in paths) else 0
    if mic is None:
        try:
            source: listen.Source = listen.WavSource(audio.read_wav(args.input),
                                                     realtime=args.realtime)
        except audio.AudioError as err:
            raise UserError(str(err)) from None
    else:
        source = mic
        mic.watch = watch
    trace = _trace(args, source.clock.monotonic, cfg.data_dir)
    speaker = _speaker(cfg, code) if args.speak else None
    try:
        path = build(source, speaker, host)
        path.run(listen.stop_on_signals())
    finally:
        if trace is not None:
            trace.close()
    return path.session.convo.exit_status()


def _trace(args: argparse.Namespace, clock: Any, data_dir: Any) -> Any:
    """The ``--trace`` file, when asked for."""
    if not args.trace:
        return None
    from crampcoach.voice.trace import Trace

    return Trace.open(args.trace, clock, data_dir)


def _speaker(cfg: Any, code: str, make_player: Any = None) -> Any:
    from crampcoach.voice.speech import Speaker, renderer_for

    return Speaker(lambda: renderer_for(cfg, code), device=cfg["audio.output_device"],
                   make_player=make_player)


def _run_all(paths: list[Any], stop: threading.Event) -> None:
    """Several rooms at once: each conversation on its own thread until told to stop."""
    threads = [threading.Thread(target=p.run, args=(stop,), daemon=True,
                                name=f"room {p.session.convo.room}") for p in paths]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        for t in threads:
            t.join(timeout=0.5)


# -- say, devices --------------------------------------------------------------------------
def cmd_say(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import audio
    from crampcoach.voice.speech import Renderer, Speaker, SpeechError, chunks, renderer_for

    code = args.language or cfg["language"]
    if not chunks(args.text):
        raise UserError("nothing to say: the text has no words")
    if args.to:
        outputs.check(args.to, cfg.data_dir, "speech")
        try:
            renderer: Renderer = renderer_for(cfg, code)
        except SpeechError as err:
            raise RuntimeFailure(str(err)) from None
        try:
            seconds = audio.write_wav_pieces(args.to, renderer.pieces(args.text))
        except OSError as err:
            raise RuntimeFailure(f"cannot write {args.to}: {err.strerror or err}") from None
        except SpeechError as err:
            raise RuntimeFailure(str(err)) from None
        finally:
            renderer.close()
        print(f"wrote {args.to} ({seconds:.1f} s)")
        return 0
    errors: list[str] = []
    speaker = Speaker(lambda: renderer_for(cfg, code), device=cfg["audio.output_device"],
                      on_error=errors.append)
    speaker.say(args.text)
    speaker.wait()
    speaker.close()
    if errors:
        raise RuntimeFailure(errors[0])
    return 0


def cmd_devices(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import audio

    try:
        devices = audio.list_devices()
    except audio.AudioError as err:
        raise RuntimeFailure(str(err)) from None
    except Exception as err:
        raise RuntimeFailure(f"cannot list audio devices: {err}") from None
    if not devices:
        print("no audio devices")
    for d in devices:
        print(f"{d['index']:>3}  {d['name']:<40} in {d['inputs']:>2}  out {d['outputs']:>2}  "
              f"{d['default']}")
    return 0


# -- models --------------------------------------------------------------------------------
def cmd_models_list(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import models

    default, entries = models.manifest()
    have = {**models.found_elsewhere(), **models.installed(cfg.data_dir)}
    for name in sorted(set(entries) | set(have)):
        entry = entries.get(name)
        lang = entry.language if entry else "?"
        mark = "*" if name == default else " "
        where = str(have[name]) if name in have else "not installed"
        print(f"{mark} {name:<32} {lang:<3} {where}")
    return 0


def cmd_models_install(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import models

    try:
        if args.from_zip:
            path = Path(args.from_zip)
            if not path.is_file():
                raise UserError(f"no such file: {path}")
            target = models.install_zip(cfg.data_dir, path, args.name)
        else:
            default, _ = models.manifest()
            name = default if args.name is None else models.model_name(args.name)
            kept = models.found_elsewhere().get(name)
            if kept and name not in models.installed(cfg.data_dir):
                print(f"{name} is already at {kept}, where Vosk keeps models; "
                      "Cramp Coach uses it from there, nothing to download")
                return 0
            target = models.install(cfg.data_dir, name)
    except models.ModelError as err:
        raise _model_failure(err) from None
    print(f"installed {target}")
    return 0


def cmd_models_verify(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import models, session
    from crampcoach.voice.listen import report_missing_words, wake_phrase_for
    from crampcoach.voice.recognizer import load_model

    code = args.language or cfg["language"]
    try:
        name = None if args.name is None else models.model_name(args.name)  # a name, not a path
        folder = models.resolve(cfg.data_dir, code, args.model or name or cfg["model"])
    except models.ModelError as err:
        raise _model_failure(err) from None
    matcher = session.build_matcher(host, code)
    model = load_model(str(folder))
    missing = report_missing_words(model, matcher, wake_phrase_for(cfg, code))
    print(f"{folder}: files complete; "
          f"{'every phrase word is known' if not missing else 'some phrase words are unknown'}")
    return 1 if missing else 0


def cmd_models_remove(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import models

    try:
        models.remove(cfg.data_dir, args.name)
    except models.ModelError as err:
        raise _model_failure(err) from None
    print(f"removed {args.name}")
    return 0


def _model_failure(err: Exception) -> Exception:
    """A wrong name or archive is a usage error (exit 2); the rest are runtime ones (1)."""
    from crampcoach.voice import models

    return (UserError if isinstance(err, models.ModelUsageError) else RuntimeFailure)(str(err))
