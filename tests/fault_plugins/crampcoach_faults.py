"""Plugins that fail in every way a plugin can. The coach must go on with each of them."""

import time

from crampcoach.voice import hookimpl
from crampcoach.voice.messages import Intent, Reply, Timer


class Exit:
    @hookimpl
    def crampcoach_handle_intent(self, intent):
        raise SystemExit(3)


class Interrupt:
    @hookimpl
    def crampcoach_handle_intent(self, intent):
        raise KeyboardInterrupt


class Echo:
    """A reply that follows with its own intent, for ever."""

    @hookimpl
    def crampcoach_handle_intent(self, intent):
        if intent.name in ("cramp.report", "echo.ping"):
            return Reply(follow=[Intent("echo.ping", {}, "faults_echo")])
        return None


class BadPhrases:
    """A slot list whose phrases are numbers, and a template that never closes."""

    @hookimpl
    def crampcoach_intents(self, language):
        return {"lists": {"fruit": {"apple": [1, 2]}},
                "intents": {"faults.bad": {"sentences": ["{fruit"]}}}


class ListPhrases:
    @hookimpl
    def crampcoach_intents(self, language):
        return ["cramp", "stop"]


class Sleeper:
    @hookimpl
    def crampcoach_handle_intent(self, intent):
        if intent.name == "cramp.report":
            time.sleep(30)


class Flaky:
    calls = 0

    @hookimpl
    def crampcoach_handle_intent(self, intent):
        Flaky.calls += 1
        raise RuntimeError(f"failure number {Flaky.calls}")


class IntLine:
    @hookimpl
    def crampcoach_summary_lines(self):
        return 7


class StrLine:
    @hookimpl
    def crampcoach_summary_lines(self):
        return "Spoken one letter at a time."


class BadStart:
    @hookimpl
    def crampcoach_session_start(self):
        raise OSError("cannot open my storage")

    @hookimpl
    def crampcoach_session_end(self):
        raise OSError("cannot close my storage")


class BadTimer:
    @hookimpl
    def crampcoach_handle_intent(self, intent):
        if intent.name == "cramp.report":
            return Reply(timers=[Timer(0.0, "tick")])
        return None

    @hookimpl
    def crampcoach_timer(self, name):
        raise ValueError("timer broke")


class BadReply:
    @hookimpl
    def crampcoach_handle_intent(self, intent):
        return {"say": ["not a Reply"]}


class BadSettings:
    """A settings declaration whose default breaks its own limits."""

    @hookimpl
    def crampcoach_settings(self):
        return {"loudness": {"default": 11, "type": "int", "max": 10}}


class Setting:
    """A well-behaved plugin with settings of its own."""

    @hookimpl
    def crampcoach_settings(self):
        return {"greeting": {"default": "Hello there.", "type": "str", "nonempty": True,
                             "help": "what it adds to the morning summary"},
                "repeat": {"default": 1, "type": "int", "min": 1, "max": 3}}

    @hookimpl
    def crampcoach_summary_lines(self, convo):
        mine = convo.settings("faults_setting")
        return [mine["greeting"]] * mine["repeat"]


class BareSay:
    """Sentences as one string (spoken letter by letter if taken as a list) and a NaN timer."""

    @hookimpl
    def crampcoach_handle_intent(self, intent):
        if intent.name == "cramp.report":
            return Reply(say="Spoken one letter at a time.")
        return Reply(timers=[Timer(float("nan"), "never")])
