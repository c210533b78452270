"""Commands of the voice path: ``listen``, ``say``, ``devices``, ``models``."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from crampcoach.voice import audio, models
from crampcoach.voice.clock import SystemClock
from crampcoach.voice.errors import UserError
from crampcoach.voice.messages import Said, Utterance

log = logging.getLogger(__name__)
MIC_RETRY_S = 5.0


def add_commands(sub: Any) -> None:
    """Register the voice commands on the ``crampcoach`` parser."""
    listen = sub.add_parser("listen", help="the hands-free coach: wake phrase, then commands")
    listen.add_argument("--input", metavar="FILE.wav",
                        help="listen to a recording instead of the microphone, then exit")
    listen.add_argument("--speak", action=argparse.BooleanOptionalAction, default=True,
                        help="speak replies (--no-speak prints what would be said)")
    listen.add_argument("--model", metavar="DIR", help="a Vosk model folder or installed name")
    listen.add_argument("--language", metavar="CODE")
    listen.set_defaults(func=cmd_listen)

    say = sub.add_parser("say", help="speak a sentence in the coach's voice")
    say.add_argument("text")
    say.add_argument("--to", metavar="FILE.wav", help="write the speech to a WAV file instead")
    say.add_argument("--language", metavar="CODE")
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
    ver.add_argument("--language", metavar="CODE")
    ver.set_defaults(func=cmd_models_verify)
    rm = msub.add_parser("remove", help="delete a downloaded model")
    rm.add_argument("name")
    rm.set_defaults(func=cmd_models_remove)


# -- listen --------------------------------------------------------------------------------
def wake_phrase_for(cfg: Any, code: str) -> str:
    """The configured wake phrase, or the language's own when the config leaves the default."""
    from crampcoach.voice import language

    if cfg.sources["wake_phrase"] != "default":
        return str(cfg["wake_phrase"])
    return language.load(code).wake_phrase or str(cfg["wake_phrase"])


def grammars_for(folder: Path, matcher: Any, wake_phrase: str) -> Any:
    from crampcoach.voice.grammars import Grammars

    return Grammars(folder, matcher.sentences_by_intent(),
                    matcher.language.normalise(wake_phrase), matcher.wake_alone)


def report_missing_words(model: Any, matcher: Any, wake_phrase: str) -> dict[str, list[str]]:
    from crampcoach.voice.recognizer import missing_words

    vocab = matcher.vocabulary()
    vocab["wake phrase"] = set(matcher.language.normalise(wake_phrase).split())
    missing = missing_words(model, vocab)
    for plugin, words in missing.items():
        print(f"crampcoach: note: the model does not know these words of {plugin}, "
              f"so they cannot be heard: {', '.join(words)}", file=sys.stderr)
    return missing


def cmd_listen(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    code = args.language or cfg["language"]
    problems = []
    folder: Path | None = None
    try:
        folder = models.resolve(cfg.data_dir, code, args.model or cfg["model"])
    except models.ModelError as err:
        problems.append(str(err))
    if args.input is None:
        try:
            audio.check_input(cfg["audio.input_device"])
        except audio.AudioError as err:
            problems.append(str(err))
    if problems:
        for p in problems:
            print(f"crampcoach: {p}", file=sys.stderr)
        print("crampcoach: to talk to the coach by typing instead, run `crampcoach chat`",
              file=sys.stderr)
        return 1
    assert folder is not None
    try:
        samples = audio.read_wav(args.input) if args.input else None
    except audio.AudioError as err:
        raise UserError(str(err)) from None

    from crampcoach.voice import session
    from crampcoach.voice.listener import AudioClock, Listener
    from crampcoach.voice.recognizer import load_model
    from crampcoach.voice.vad import SpeechGate

    silence = float(cfg["recognizer.endpoint_silence_s"])
    view = models.with_endpoint_silence(folder, silence, models.models_dir(cfg.data_dir) / ".views")
    clock = AudioClock(SystemClock().now()) if samples is not None else SystemClock()
    speaker = None
    if args.speak:
        from crampcoach.voice.speech import Speaker

        speaker = Speaker.from_config(cfg, code)
    listener: Listener | None = None

    def speak(said: Said) -> None:
        print(f"coach: {said.text}", flush=True)
        if speaker:
            speaker.say(said.text)
        if listener:
            listener.spoke(said)

    def heard(utt: Utterance, acted: bool) -> None:
        if acted:
            print(f"you: {utt.text}", flush=True)

    s = session.build(cfg, speak, language=code, clock=clock, source="voice", host=host)
    wake = wake_phrase_for(cfg, code)
    grammars = grammars_for(view, s.matcher, wake)
    report_missing_words(load_model(str(view)), s.matcher, wake)
    listener = Listener(
        s.dialogue, s.matcher, grammars, SpeechGate(hangover_s=silence + 0.5),
        wake, float(cfg["follow_up_s"]),
        # A recording holds no echo of the coach's voice: only a live room needs ignoring it.
        is_speaking=(lambda: speaker.speaking) if speaker and samples is None else (lambda: False),
        hush=speaker.hush if speaker else (lambda: None),
        beep=speaker.beep if speaker else (lambda: None),
        on_heard=heard,
    )
    stop = _stop_on_signals()
    s.dialogue.start()
    try:
        if samples is not None:
            assert isinstance(clock, AudioClock)
            for block in audio.blocks(samples):
                if stop.is_set():
                    break
                clock.advance(audio.BLOCK / audio.RATE)
                listener.feed(block)
            for block in audio.blocks(audio.silence(1.5)):  # let the last command end
                clock.advance(audio.BLOCK / audio.RATE)
                listener.feed(block)
            listener.finish()
        else:
            _listen_to_microphone(listener, cfg["audio.input_device"], wake, stop)
    except KeyboardInterrupt:
        pass
    finally:
        s.dialogue.end()
        if speaker:
            speaker.wait(timeout=30)
            speaker.close()
    return 0


def _stop_on_signals() -> threading.Event:
    """Ctrl-C and SIGTERM end listening cleanly, even where the shell started us with
    SIGINT ignored (as it does for background jobs).

    The handler only sets a flag the loop checks: an exception raised from a signal handler
    lands wherever Python happens to be, and inside a finaliser (Vosk's ``__del__``) it is
    swallowed, which left the coach running after it was told to stop.
    """
    stop = threading.Event()

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    return stop


def _listen_to_microphone(listener: Any, device: str, wake_phrase: str,
                          stop: threading.Event) -> None:
    mic = audio.Microphone(device)
    try:
        _mic_loop(listener, mic, wake_phrase, stop)
    finally:
        mic.close()


def _mic_loop(listener: Any, mic: audio.Microphone, wake_phrase: str,
              stop: threading.Event) -> None:
    warned = False
    first = True
    while not stop.is_set():
        if not mic.alive:
            mic.close()
            try:
                mic.open()
                if first:
                    print(f"crampcoach: listening. Say \"{wake_phrase}\" to wake me.",
                          file=sys.stderr)
                    first = False
                if warned:
                    print("crampcoach: microphone is back.", file=sys.stderr)
                warned = False
            except audio.AudioError as err:
                if not warned:
                    print(f"crampcoach: {err}; retrying every {MIC_RETRY_S:.0f} seconds",
                          file=sys.stderr)
                    warned = True
                listener.dialogue.tick()
                stop.wait(MIC_RETRY_S)  # waiting for the hardware to come back
                continue
        block = mic.read(timeout=0.2)
        if block is None:
            listener.dialogue.tick()
            continue
        listener.feed(block)


# -- say, devices --------------------------------------------------------------------------
def cmd_say(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice.speech import Renderer, Speaker, SpeechError, renderer_for

    code = args.language or cfg["language"]
    if args.to:
        try:
            renderer: Renderer = renderer_for(cfg, code)
            samples, rate = renderer.render(args.text)
            renderer.close()
        except SpeechError as err:
            raise UserError(str(err)) from None
        try:
            audio.write_wav(args.to, samples, rate)
        except OSError as err:
            raise UserError(f"cannot write {args.to}: {err}") from None
        print(f"wrote {args.to} ({len(samples) / rate:.1f} s)")
        return 0
    errors: list[str] = []
    speaker = Speaker(lambda: renderer_for(cfg, code), device=cfg["audio.output_device"],
                      on_error=errors.append)
    speaker.say(args.text)
    speaker.wait(timeout=120)
    speaker.close()
    if errors:
        raise UserError(errors[0])
    return 0


def cmd_devices(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    try:
        devices = audio.list_devices()
    except audio.AudioError as err:
        raise UserError(str(err)) from None
    except Exception as err:
        raise UserError(f"cannot list audio devices: {err}") from None
    if not devices:
        print("no audio devices")
    for d in devices:
        print(f"{d['index']:>3}  {d['name']:<40} in {d['inputs']:>2}  out {d['outputs']:>2}  "
              f"{d['default']}")
    return 0


# -- models --------------------------------------------------------------------------------
def cmd_models_list(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    default, entries = models.manifest()
    have = models.installed(cfg.data_dir)
    for name in sorted(set(entries) | set(have)):
        entry = entries.get(name)
        lang = entry.language if entry else "?"
        mark = "*" if name == default else " "
        where = str(have[name]) if name in have else "not installed"
        print(f"{mark} {name:<32} {lang:<3} {where}")
    return 0


def cmd_models_install(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    try:
        if args.from_zip:
            path = Path(args.from_zip)
            if not path.is_file():
                raise UserError(f"no such file: {path}")
            target = models.install_zip(cfg.data_dir, path, args.name)
        else:
            default, _ = models.manifest()
            target = models.install(cfg.data_dir, args.name or default)
    except models.ModelError as err:
        raise UserError(str(err)) from None
    print(f"installed {target}")
    return 0


def cmd_models_verify(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    from crampcoach.voice import session
    from crampcoach.voice.recognizer import load_model

    code = args.language or cfg["language"]
    try:
        folder = models.resolve(cfg.data_dir, code, args.model or args.name or cfg["model"])
    except models.ModelError as err:
        raise UserError(str(err)) from None
    matcher = session.build_matcher(host, code)
    model = load_model(str(folder))
    missing = report_missing_words(model, matcher, wake_phrase_for(cfg, code))
    print(f"{folder}: files complete; "
          f"{'every phrase word is known' if not missing else 'some phrase words are unknown'}")
    return 1 if missing else 0


def cmd_models_remove(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    try:
        models.remove(cfg.data_dir, args.name)
    except models.ModelError as err:
        raise UserError(str(err)) from None
    print(f"removed {args.name}")
    return 0
