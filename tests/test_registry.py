"""The plugin manager: built-ins through the public hooks, validation at load, graceful failures."""
import warnings

import pytest

from exolint import hookimpl
from exolint.registry import (DEFAULT_PLUGINS, PluginError, PluginWarning, build_registry,
                              make_plugin_manager)


def test_builtins_are_registered_through_the_hooks():
    pm = make_plugin_manager()
    for name in DEFAULT_PLUGINS:
        assert pm.get_plugin(name) is not None
    reg = build_registry(pm)
    assert {"text", "markdown", "html"} <= set(reg.formats)
    assert {"pattern", "substitution"} <= set(reg.kinds)
    assert {"concise", "json", "full"} <= set(reg.reporters)
    assert "exolint" in reg.packs
    assert reg.formats["markdown"].plugin == "exolint.plugins.markdown"
    assert reg.format_for_extension(".MD") == "markdown"


def test_a_misspelled_hook_fails_at_load():
    class Typo:
        @hookimpl
        def register_formatz(self, register):
            pass

    with pytest.raises(PluginError) as info:
        make_plugin_manager(extra_plugins=(Typo(),))
    assert "register_formatz" in str(info.value)


def test_a_hook_that_raises_is_skipped_with_a_named_warning():
    class Broken:
        @hookimpl
        def register_rule_kinds(self, register):
            raise RuntimeError("kind table missing")

    pm = make_plugin_manager(extra_plugins=(Broken(),))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reg = build_registry(pm)
        assert "pattern" in reg.kinds  # the others still registered (kinds are collected on first use)
    msgs = [str(w.message) for w in caught if issubclass(w.category, PluginWarning)]
    assert any("raised in register_rule_kinds" in m and "kind table missing" in m for m in msgs)


def test_duplicate_registration_keeps_the_first_and_warns():
    class Dup:
        @hookimpl
        def register_formats(self, register):
            register("text", lambda *a: None, extensions=(".txt",))

    pm = make_plugin_manager(extra_plugins=(Dup(),))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reg = build_registry(pm)
    assert reg.formats["text"].plugin == "exolint.plugins.text"
    assert any("registers format 'text' again" in str(w.message) for w in caught)


def test_detect_format_hook_names_unknown_extensions():
    class Detect:
        @hookimpl
        def detect_format(self, path, sample):
            return "markdown" if sample.startswith(b"---\n") else None

    reg = build_registry(make_plugin_manager(extra_plugins=(Detect(),)))
    assert reg.detect_format("notes.page", b"---\ntitle: x\n---\n") == "markdown"
    assert reg.detect_format("notes.page", b"plain") is None
    assert reg.detect_format("a.htm", b"") == "html"


def test_blocked_plugins(monkeypatch):
    monkeypatch.setenv("EXOLINT_DISABLE_PLUGINS", "exolint.plugins.html")
    reg = build_registry(make_plugin_manager())
    assert "html" not in reg.formats and "markdown" in reg.formats


def test_rule_kinds_are_imported_on_first_use_only():
    """A run served from the result cache compiles no rule, so it must not pay for the kinds."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from exolint.registry import build_registry, make_plugin_manager\n"
            "reg = build_registry(make_plugin_manager())\n"
            "before = 'exolint.kinds.pattern' in sys.modules\n"
            "print(before, 'pattern' in reg.kinds, 'exolint.kinds.pattern' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**__import__('os').environ, "EXOLINT_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert r.stdout.split() == ["False", "True", "True"]
