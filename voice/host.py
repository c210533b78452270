"""The plugin manager: built-ins and installed plugins, loaded alike and kept apart.

Built-in plugins are registered explicitly; third-party ones come from the entry-point group
``crampcoach.plugins`` unless ``CRAMPCOACH_DISABLE_PLUGIN_AUTOLOAD`` is set (as pytest's
``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), so tests load exactly what they name. pluggy stops at the
first exception, so hooks are called here one implementation at a time: a plugin that raises
is logged by name and skipped, and the rest of the assistant keeps going.
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

from crampcoach.voice import __version__, hookspecs

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "crampcoach.plugins"
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
    ):
        self.pm = pluggy.PluginManager("crampcoach")
        self.pm.add_hookspecs(hookspecs)
        self.infos: list[PluginInfo] = []
        self.failures: list[PluginFailure] = []
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
        except Exception as err:  # a broken third-party install must not stop the coach
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
        otherwise called in the order they were loaded.
        """
        caller = getattr(self.pm.hook, hook)
        impls = list(caller.get_hookimpls())  # registration order (pluggy itself calls LIFO)
        if only is not None:
            impls = [i for i in impls if i.plugin_name == only]
        elif first is not None:
            impls.sort(key=lambda i: i.plugin_name != first)
        results: list[tuple[str, Any]] = []
        for impl in impls:
            args = {k: kwargs[k] for k in impl.argnames if k in kwargs}
            try:
                result = impl.function(**args)
            except Exception as err:  # contain the plugin, keep the assistant alive
                self.failures.append(PluginFailure(impl.plugin_name, hook, repr(err)))
                log.error("plugin %s failed in %s: %r", impl.plugin_name, hook, err)
                log.debug("plugin %s traceback", impl.plugin_name, exc_info=True)
                results.append((impl.plugin_name, PluginFailure(impl.plugin_name, hook, repr(err))))
                continue
            if result is not None:
                results.append((impl.plugin_name, result))
        return results
