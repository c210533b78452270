"""Keeping one plugin's faults from reaching the coach: threads, budgets, result types.

Each plugin's hooks run on a thread of its own, so a hook that hangs costs the coach its
time budget, not the night: the caller stops waiting, and the host switches the plugin off
for the session. One thread per plugin (rather than a pool) keeps every call of a plugin on
the same thread, which SQLite connections and other thread-bound resources need. A hook
that calls other plugins' hooks from inside its own (``convo.call``) is fine; a call back
into its own plugin runs inline, so it cannot wait on itself.

Anything a hook raises is caught here, ``SystemExit`` and ``KeyboardInterrupt`` included:
plugin code must never end the program mid-cramp.
"""

from __future__ import annotations

import inspect
import queue
import threading
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEFAULT_BUDGET_S = 5.0
"""Seconds a hook may take before the coach gives up on it and switches its plugin off."""
HOOK_BUDGETS_S = {
    "crampcoach_session_start": 30.0,  # opening storage, recovering an interrupted night
    "crampcoach_session_end": 30.0,
    "crampcoach_report_sections": 300.0,  # a page of charts for the doctor, not the night
}


class HookTimeout(Exception):
    """A hook ran past its budget; it may still be running, abandoned on its thread."""


class HookRaised(Exception):
    """A hook raised ``error`` (anything, ``SystemExit`` included). Wrapped, so that a real
    Ctrl-C arriving while the coach waits on a hook is not mistaken for the plugin's."""

    def __init__(self, error: BaseException):
        super().__init__(repr(error))
        self.error = error


@dataclass
class _Job:
    function: Callable[..., Any]
    kwargs: dict[str, Any]
    done: threading.Event
    result: Any = None
    error: BaseException | None = None


class PluginThread:
    """One daemon thread that runs one plugin's hook calls, one at a time."""

    def __init__(self, name: str):
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=f"plugin-{name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job.result = job.function(**job.kwargs)
            except BaseException as err:  # noqa: BLE001 - contained and reported by the caller
                job.error = err
            finally:
                job.done.set()

    def run(self, function: Callable[..., Any], kwargs: dict[str, Any], budget_s: float) -> Any:
        """``function(**kwargs)`` on this plugin's thread; :class:`HookRaised` with what it
        raised, or :class:`HookTimeout` after ``budget_s`` seconds."""
        if threading.current_thread() is self._thread:
            try:  # a plugin calling its own hooks through convo.call
                return function(**kwargs)
            except BaseException as err:  # noqa: BLE001 - handed to the host, wrapped
                raise HookRaised(err) from err
        job = _Job(function, kwargs, threading.Event())
        self._jobs.put(job)
        if not job.done.wait(budget_s):
            raise HookTimeout(f"took more than {budget_s:g} s")
        if job.error is not None:
            raise HookRaised(job.error)
        return job.result

    def stop(self) -> None:
        self._jobs.put(None)


# -- result types ------------------------------------------------------------------------------
def declared_result(spec: Callable[..., Any], namespace: dict[str, Any]) -> Any:
    """The return type a hook spec declares, or ``Any`` when it cannot be resolved."""
    annotation = inspect.signature(spec).return_annotation
    if annotation is inspect.Signature.empty:
        return Any
    if isinstance(annotation, str):
        try:
            annotation = eval(annotation, dict(namespace))  # noqa: S307 - our own hook specs
        except Exception:  # a name only imported for type checkers: do not check
            return Any
    return annotation


def conforms(value: Any, expected: Any) -> bool:
    """Whether ``value`` has the shape ``expected`` (a class, ``X | None``, ``list[str]``,
    ``dict[str, Any]``); unknown forms are accepted."""
    if expected is Any or expected is object:
        return True
    if expected is None or expected is type(None):
        return value is None
    origin = typing.get_origin(expected)
    args = typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, a) for a in args)
    if origin in (list, tuple, set, frozenset):
        return isinstance(value, origin) and (
            not args or origin is tuple or all(conforms(v, args[0]) for v in value))
    if origin is dict:
        return isinstance(value, dict) and (not args or all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()))
    if isinstance(expected, type):
        if expected is float:
            return isinstance(value, int | float) and not isinstance(value, bool)
        return isinstance(value, expected)
    return True


def describe(value: Any) -> str:
    """A short description of a wrong result for the log: its type and the start of it."""
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'…' if len(text) > 60 else ''}"
