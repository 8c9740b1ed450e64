"""The plugin manager and the registries it fills.

Built-ins are registered through the same hooks as third-party plugins, from one explicit tuple.
Third-party plugins come from the `exolint` entry-point group; `EXOLINT_DISABLE_PLUGIN_AUTOLOAD`
turns that off and `EXOLINT_DISABLE_PLUGINS=a,b` blocks plugins by name. A plugin that fails to
import gives a named warning and the run goes on; a misspelled hook fails at load.
"""
from __future__ import annotations

import importlib
import os
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pluggy

from . import hookspecs

DEFAULT_PLUGINS = (
    "exolint.plugins.text",
    "exolint.plugins.markdown",
    "exolint.plugins.html",
    "exolint.kinds",
    "exolint.reporters",
    "exolint.rules",
)


class PluginWarning(UserWarning):
    """A plugin could not be loaded or registered something invalid; the run goes on."""


class PluginError(Exception):
    """A plugin is unusable in a way that must stop the run (e.g. a misspelled hook)."""


@dataclass
class FormatSpec:
    name: str
    parse: Callable[..., Any]
    extensions: tuple[str, ...] = ()
    description: str = ""
    plugin: str = ""


@dataclass
class KindSpec:
    name: str
    compile: Callable[..., Any]
    schema: dict
    doc: str = ""
    plugin: str = ""


@dataclass
class ReporterSpec:
    name: str
    factory: Callable[..., Any]
    plugin: str = ""


@dataclass
class PackSpec:
    name: str
    path: Path
    plugin: str = ""


@dataclass
class Registry:
    """What the plugins registered. Rule kinds are collected on first use of `kinds`: importing
    them (and compiling their patterns) is most of a start-up, and a run served from the result
    cache compiles no rule, so it never needs them."""

    formats: dict[str, FormatSpec] = field(default_factory=dict)
    reporters: dict[str, ReporterSpec] = field(default_factory=dict)
    packs: dict[str, PackSpec] = field(default_factory=dict)
    pm: pluggy.PluginManager | None = None
    _kinds: dict[str, KindSpec] = field(default_factory=dict, repr=False)
    _collect_kinds: Callable[[], None] | None = field(default=None, repr=False, compare=False)

    @property
    def kinds(self) -> dict[str, KindSpec]:
        if self._collect_kinds is not None:
            collect, self._collect_kinds = self._collect_kinds, None
            collect()
        return self._kinds

    def format_for_extension(self, ext: str) -> str | None:
        ext = ext.lower()
        for spec in self.formats.values():
            if ext in spec.extensions:
                return spec.name
        return None

    def detect_format(self, path: str, sample: bytes) -> str | None:
        """Extension first; then the plugins' first-result `detect_format` hook (once per file, not per rule)."""
        name = self.format_for_extension(Path(path).suffix)
        if name is None and self.pm is not None:
            name = self.pm.hook.detect_format(path=path, sample=sample)
        return name


def _warn(message: str) -> None:
    warnings.warn(message, PluginWarning, stacklevel=3)


def make_plugin_manager(extra_plugins: tuple[object, ...] = ()) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("exolint")
    pm.add_hookspecs(hookspecs)
    blocked = [n.strip() for n in os.environ.get("EXOLINT_DISABLE_PLUGINS", "").split(",") if n.strip()]
    for name in blocked:
        pm.set_blocked(name)
    for modname in DEFAULT_PLUGINS:
        if modname in blocked:
            continue
        mod = importlib.import_module(modname)
        pm.register(mod, name=modname)
    if not os.environ.get("EXOLINT_DISABLE_PLUGIN_AUTOLOAD"):
        _load_entry_points(pm, blocked)
    for plugin in extra_plugins:
        pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"plugin {exc.plugin!r}: {exc}") from None
    return pm


def _load_entry_points(pm: pluggy.PluginManager, blocked: list[str]) -> None:
    """Load each entry point on its own, so one broken plugin cannot stop the others."""
    from .entrypoints import exolint_entry_points
    from .rulecache import default_dir

    for ep in exolint_entry_points(default_dir()):
        if ep.name in blocked or pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # noqa: BLE001 - any failure of third-party code
            dist = getattr(ep, "dist", None)
            who = f"{dist.name} {dist.version}" if dist is not None else ep.value
            _warn(f"exolint: plugin {ep.name!r} ({who}) failed to load and was skipped: "
                  f"{type(exc).__name__}: {exc}")
            continue
        try:
            pm.register(plugin, name=ep.name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {ep.name!r}: {exc}") from None


def _collect(pm: pluggy.PluginManager, hook_name: str, add: Callable[..., None]) -> None:
    """Call one register_* hook plugin by plugin, so each registration knows its plugin and a
    plugin whose hook raises is skipped with a warning."""
    hook = getattr(pm.hook, hook_name)
    for impl in hook.get_hookimpls():  # registration order: built-ins first
        name = impl.plugin_name

        def register(*args: Any, _who: str = name, **kwargs: Any) -> None:
            add(_who, *args, **kwargs)

        try:
            impl.function(register)
        except Exception as exc:  # noqa: BLE001
            _warn(f"exolint: plugin {name!r} raised in {hook_name} and was skipped: "
                  f"{type(exc).__name__}: {exc}")


def build_registry(pm: pluggy.PluginManager) -> Registry:
    reg = Registry(pm=pm)

    def add_format(who: str, name: str, parse: Callable, *, extensions=(), description: str = "") -> None:
        if name in reg.formats:
            _warn(f"exolint: plugin {who!r} registers format {name!r} again; keeping {reg.formats[name].plugin!r}")
            return
        reg.formats[name] = FormatSpec(name, parse, tuple(e.lower() for e in extensions), description, who)

    def add_kind(who: str, name: str, compile: Callable, *, schema: dict, doc: str = "") -> None:
        kinds = reg._kinds
        if name in kinds:
            _warn(f"exolint: plugin {who!r} registers rule kind {name!r} again; keeping {kinds[name].plugin!r}")
            return
        kinds[name] = KindSpec(name, compile, schema, doc, who)

    def add_reporter(who: str, name: str, factory: Callable) -> None:
        if name in reg.reporters:
            _warn(f"exolint: plugin {who!r} registers output format {name!r} again")
            return
        reg.reporters[name] = ReporterSpec(name, factory, who)

    def add_pack(who: str, name: str, path) -> None:
        if name in reg.packs:
            _warn(f"exolint: plugin {who!r} registers rule pack {name!r} again")
            return
        reg.packs[name] = PackSpec(name, Path(path), who)

    _collect(pm, "register_formats", add_format)
    # kinds last and on first use (see Registry); their warnings come when they are collected
    reg._collect_kinds = lambda: _collect(pm, "register_rule_kinds", add_kind)
    _collect(pm, "register_reporters", add_reporter)
    _collect(pm, "register_rule_packs", add_pack)
    return reg


_REGISTRY: Registry | None = None


def get_registry() -> Registry:
    """The process-wide registry, built on first use."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = build_registry(make_plugin_manager())
    return _REGISTRY


def plugin_versions(reg: Registry) -> dict[str, str]:
    """Names and versions of loaded plugins, for cache keys."""
    out: dict[str, str] = {}
    if reg.pm is None:
        return out
    for name, plugin in reg.pm.list_name_plugin():
        mod = sys.modules.get(getattr(plugin, "__name__", "")) or plugin
        out[str(name)] = str(getattr(mod, "__version__", ""))
    return out
