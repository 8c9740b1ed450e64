"""The layering of docs/architecture.md, enforced: a lower layer never imports a higher one.

Data flows one way (file -> format -> Document -> engine -> findings -> filters -> reporter), so
the modules that hold a stage must not import the stages after it or the faces on top. Imports
inside functions count too: a lazy import is still a dependency. Read from the source with `ast`,
so nothing is imported to check it.
"""
from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FACE = ("exolint.cli", "exolint.cli_rules", "exolint.cli_setup", "exolint.api", "exolint.ci")
ORCHESTRATION = ("exolint.runner", "exolint.parallel", "exolint.resolve", "exolint.cache", "exolint.checkrun",
                 "exolint.fixrun")
ENGINE = ("exolint.engine",)
KINDS = ("exolint.kinds",)
REPORTERS = ("exolint.reporters",)
FORMATS = ("exolint.plugins",)

#: module (as installed; a glob) -> packages or modules it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    # the ground: the Document and what builds and reads it
    "exolint.document": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.offsetmap": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS + ("exolint.document",),
    "exolint.builder": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.segments": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.sentences": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.wordindex": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.confusables": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.reported": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.mentioned": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.questions": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.tables": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS,
    "exolint.spans": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS + FORMATS + ("exolint.document",),
    # formats turn files into Documents: they know nothing of rules or output
    "exolint.plugins.*": FACE + ORCHESTRATION + ENGINE + KINDS + REPORTERS,
    # rule kinds read Documents; they never run the engine, a file or a report
    "exolint.kinds.*": FACE + ORCHESTRATION + ENGINE + REPORTERS + FORMATS,
    # the engine runs rules over one Document
    "exolint.engine": FACE + ORCHESTRATION + REPORTERS + FORMATS,
    # reporters only format findings
    "exolint.reporters.*": FACE + ORCHESTRATION + ENGINE + KINDS + FORMATS,
    # orchestration never reaches up into the faces
    "exolint.runner": FACE,
    "exolint.parallel": FACE,
    "exolint.resolve": FACE,
    "exolint.cache": FACE,
}


def _module_files() -> dict[str, Path]:
    """Installed module name -> source file, with `plugins/` mapped to `exolint.plugins` as pyproject does."""
    out = {}
    for base, package in ((ROOT / "exolint", "exolint"), (ROOT / "plugins", "exolint.plugins")):
        for path in base.rglob("*.py"):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([package, *parts])] = path
    return out


def _imports(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)  # `from . import x` imports module x
    return found


def _hits(imported: set[str], banned: tuple[str, ...]) -> list[str]:
    return sorted(i for i in imported for b in banned if i == b or i.startswith(b + "."))


MODULES = _module_files()


@pytest.mark.parametrize("pattern", sorted(FORBIDDEN))
def test_lower_layers_never_import_higher_ones(pattern: str) -> None:
    matched = [m for m in MODULES if fnmatch(m, pattern)]
    assert matched, f"no module matches {pattern}: update FORBIDDEN"
    bad = {m: _hits(_imports(m, MODULES[m]), FORBIDDEN[pattern]) for m in matched}
    assert not {m: h for m, h in bad.items() if h}


def test_the_checker_sees_imports() -> None:
    # the check is real: the CLI imports the runner, and a relative import resolves from its package
    assert _hits(_imports("exolint.cli", MODULES["exolint.cli"]), ORCHESTRATION + ("exolint.checkrun",))
    assert "exolint.document" in _imports("exolint.kinds.scan", MODULES["exolint.kinds.scan"])
