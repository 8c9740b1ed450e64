"""Every built-in rule kind and hook has its documentation."""
from pathlib import Path

from exolint import hookspecs
from exolint.kinds import BUILTIN_KINDS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_builtin_kind_has_a_doc_page_and_a_docstring():
    import importlib

    for name, modname in BUILTIN_KINDS.items():
        assert (DOCS / "kinds" / f"{name}.md").is_file(), f"docs/kinds/{name}.md is missing"
        assert (importlib.import_module(modname).__doc__ or "").strip(), f"{modname} has no docstring"


def test_every_hook_is_documented_in_the_plugin_guide():
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    hooks = [n for n in dir(hookspecs) if n.startswith(("register_", "detect_"))]
    assert hooks
    for name in hooks:
        assert f"`{name}(" in text, f"docs/plugins.md does not document {name}"


def test_kind_docstrings_hold_no_control_characters():
    """`exolint explain <kind>` prints the kind's docstring: a regex written in it with a single
    backslash ("\\b") would print a backspace."""
    import importlib

    for modname in BUILTIN_KINDS.values():
        doc = importlib.import_module(modname).__doc__ or ""
        bad = sorted({hex(ord(c)) for c in doc if ord(c) < 32 and c not in "\n\t"})
        assert not bad, f"{modname} docstring holds control characters {bad}: escape the backslash"
