"""The plugin manager: built-ins and installed plugins, loaded alike and kept apart.

Built-in plugins are registered explicitly; third-party ones come from the entry-point group
``crampcoach.plugins`` unless ``CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD`` is set (as pytest's
``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), so tests load exactly what they name. pluggy stops at the
first exception, so hooks are called here one implementation at a time, each on its plugin's
own thread with a time budget (:mod:`crampcoach.voice.isolation`): a plugin that raises,
hangs or answers with the wrong type is logged by name and skipped, one that keeps failing
is switched off for the session, and the rest of the assistant keeps going.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import pluggy

from crampcoach.voice import __version__, hookspecs, isolation

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "crampcoach.plugins"
MAX_FAILURES = 3
"""Failures after which a plugin is switched off for the rest of the session."""
SWITCH_OFF_AT_ONCE = frozenset({"crampcoach_intents", "crampcoach_settings"})
"""Hooks whose failure leaves the plugin unusable: its declarations could not be read."""
AUTOLOAD_OFF_ENV = "CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD"

BUILTINS: tuple[tuple[str, str], ...] = (
    ("relief", "crampcoach.plugins.relief"),
    ("journal", "crampcoach.plugins.journal"),
    ("safety", "crampcoach.plugins.safety"),
    ("tips", "crampcoach.plugins.tips"),
    ("summary", "crampcoach.plugins.summary"),
    ("veins", "crampcoach.plugins.veins"),
    ("profile", "crampcoach.plugins.profile"),
    ("help", "crampcoach.plugins.help"),
)
"""Name and module of each built-in plugin; each module has a ``plugin()`` factory."""


@dataclass
class PluginInfo:
    """One plugin as ``crampcoach plugins`` shows it."""

    name: str
    origin: str
    """``builtin`` or ``entry point of <distribution>``."""
    version: str
    enabled: bool = True
    error: str | None = None
    """Why it could not be loaded, if it could not."""


@dataclass(frozen=True)
class PluginFailure:
    """A plugin raised inside a hook; what the host logged."""

    plugin: str
    hook: str
    error: str


class PluginHost:
    """Loads plugins and calls their hooks, containing any that fail."""

    def __init__(
        self,
        disabled: Iterable[str] = (),
        builtins: Iterable[tuple[str, str]] = BUILTINS,
        autoload: bool | None = None,
        budget_s: float = isolation.DEFAULT_BUDGET_S,
        max_failures: int = MAX_FAILURES,
    ):
        self.pm = pluggy.PluginManager("crampcoach")
        self.pm.add_hookspecs(hookspecs)
        self.infos: list[PluginInfo] = []
        self.failures: list[PluginFailure] = []
        self.switched_off: dict[str, str] = {}
        """Plugins stopped for this run (failing, hanging, malformed), with the reason."""
        self.max_failures = max_failures
        self.default_budget_s = budget_s
        self.budgets = dict(isolation.HOOK_BUDGETS_S)
        self._threads: dict[str, isolation.PluginThread] = {}
        self._result_types: dict[str, Any] = {}
        self._disabled = set(disabled)
        for name, module in builtins:
            self._load(name, lambda module=module: importlib.import_module(module), "builtin",
                       __version__)
        if autoload is None:
            autoload = not os.environ.get(AUTOLOAD_OFF_ENV)
        if autoload:
            for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
                dist = ep.dist
                self._load(
                    ep.name,
                    ep.load,
                    f"entry point of {dist.name if dist else 'unknown'}",
                    dist.version if dist else "?",
                )

    def _load(self, name: str, loader: Any, origin: str, version: str) -> None:
        info = PluginInfo(name, origin, version, enabled=name not in self._disabled)
        self.infos.append(info)
        if not info.enabled:
            return
        if any(i.name == name and i.enabled and i is not info for i in self.infos):
            info.enabled, info.error = False, "a plugin of that name is already loaded"
            log.error("plugin %s (%s) not loaded: %s", name, origin, info.error)
            return
        try:
            target = loader()
            # A module with a plugin() factory, a class, or any object with hookimpls.
            if inspect.ismodule(target) and hasattr(target, "plugin"):
                target = target.plugin()
            elif inspect.isclass(target):
                target = target()
            self._register_checked(target, name)
        except BaseException as err:  # noqa: BLE001 - a broken install must not stop the coach
            info.enabled, info.error = False, f"{type(err).__name__}: {err}"
            log.error("plugin %s (%s) not loaded: %s", name, origin, info.error)

    def _register_checked(self, target: object, name: str) -> None:
        """Register, then refuse the plugin if it implements a hook that does not exist.

        A misspelled hook would otherwise never be called, silently; pluggy's
        ``check_pending`` finds it, and the plugin is unregistered and reported instead.
        """
        self.pm.register(target, name=name)
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as err:
            self.pm.unregister(target)
            raise ValueError(str(err).split(" in plugin ")[0]) from None

    @property
    def names(self) -> list[str]:
        return [i.name for i in self.infos if i.enabled]

    def register(self, obj: object, name: str, origin: str = "test", version: str = "0") -> None:
        """Register an object directly (tests, embedding); refused like any other plugin."""
        self._register_checked(obj, name)
        self.infos.append(PluginInfo(name, origin, version))

    def call(
        self, hook: str, *, first: str | None = None, only: str | None = None, **kwargs: Any
    ) -> list[tuple[str, Any]]:
        """Call ``hook`` on each plugin; ``[(plugin, result)]`` for those that returned something.

        ``first`` puts that plugin's answer first; ``only`` calls just that plugin. Plugins are
        otherwise called in the order they were loaded. A plugin that raised (anything, even
        ``SystemExit``), ran past its time budget or returned something of the wrong type is
        listed with a :class:`PluginFailure` instead of a result.
        """
        caller = getattr(self.pm.hook, hook)
        # registration order (pluggy itself calls LIFO); plugins switched off are skipped
        impls = [i for i in caller.get_hookimpls() if i.plugin_name not in self.switched_off]
        if only is not None:
            impls = [i for i in impls if i.plugin_name == only]
        elif first is not None:
            impls.sort(key=lambda i: i.plugin_name != first)
        expected = self._result_type(hook)
        budget = self.budgets.get(hook, self.default_budget_s)
        results: list[tuple[str, Any]] = []
        for impl in impls:
            name = impl.plugin_name
            args = {k: kwargs[k] for k in impl.argnames if k in kwargs}
            try:
                result = self._thread(name).run(impl.function, args, budget)
            except isolation.HookTimeout as err:
                # A third-party plugin that hangs is off at once; a built-in one (the journal
                # on a slow disk) only after a few misses, as for any failure: its work may
                # still finish on its thread, and switching it off would lose episodes.
                results.append((name, self._failed(name, hook, str(err),
                                                   switch_off=not self._builtin(name))))
                continue
            except isolation.HookRaised as raised:  # contain the plugin, keep the coach
                log.debug("plugin %s traceback", name, exc_info=raised.error)
                results.append((name, self._failed(name, hook, repr(raised.error))))
                continue
            if not isolation.conforms(result, expected):
                why = f"returned {isolation.describe(result)}, not {_type_name(expected)}"
                results.append((name, self._failed(name, hook, why)))
                continue
            if result is not None:
                results.append((name, result))
        return results

    # -- isolation ---------------------------------------------------------------------------
    def _thread(self, name: str) -> isolation.PluginThread:
        if name not in self._threads:
            self._threads[name] = isolation.PluginThread(name)
        return self._threads[name]

    def _builtin(self, name: str) -> bool:
        return any(i.name == name and i.origin == "builtin" for i in self.infos)

    def _result_type(self, hook: str) -> Any:
        if hook not in self._result_types:
            spec = getattr(hookspecs, hook, None)
            self._result_types[hook] = (
                isolation.declared_result(spec, vars(hookspecs)) if spec else Any)
        return self._result_types[hook]

    def _failed(self, plugin: str, hook: str, error: str,
                switch_off: bool = False) -> PluginFailure:
        """Record a failure; the first is logged, and a plugin that keeps failing (or hangs)
        is switched off for the session with one more message, not one per utterance."""
        failure = PluginFailure(plugin, hook, error)
        self.failures.append(failure)
        count = sum(1 for f in self.failures if f.plugin == plugin)
        if switch_off or hook in SWITCH_OFF_AT_ONCE:
            self.switch_off(plugin, f"{hook} {error}")
        elif count >= self.max_failures:
            self.switch_off(plugin, f"failed {count} times, last in {hook}: {error}")
        elif count == 1:
            log.error("plugin %s failed in %s: %s", plugin, hook, error)
        else:
            log.debug("plugin %s failed in %s: %s", plugin, hook, error)
        return failure

    def report_failure(self, plugin: str, what: str, error: str) -> None:
        """Count a fault found outside a hook call (a malformed reply) like any failure."""
        self._failed(plugin, what, error)

    def switch_off(self, plugin: str, reason: str) -> None:
        """Stop calling ``plugin`` for the rest of this run; ``crampcoach plugins`` shows why."""
        if plugin in self.switched_off:
            return
        self.switched_off[plugin] = reason
        for info in self.infos:
            if info.name == plugin and info.enabled:
                info.enabled, info.error = False, reason
        log.error("plugin %s switched off for this session: %s", plugin, reason)
        thread = self._threads.pop(plugin, None)
        if thread:
            thread.stop()

    def close(self) -> None:
        """Let the plugins' threads finish; a later call starts them again. Without this,
        every session built in one process (a benchmark builds thousands) keeps its own."""
        threads, self._threads = self._threads, {}
        for thread in threads.values():
            thread.stop()


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")
