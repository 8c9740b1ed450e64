"""Orchestration: from paths to findings, file by file.

file -> decode -> format plugin -> Document -> engine -> filters -> reporter. Each file is
independent (one bad file never stops the others) and its result is handed on as soon as it is
done, so memory grows with the largest file, not with the number of files.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from .config import Settings
from .decode import DecodeError, decode, is_binary
from .discovery import walk_relative
from .document import Document
from .finding import FileError, Finding
from .registry import Registry

if TYPE_CHECKING:  # the engine (and the rule set behind it) loads only when a file is linted
    from .cache import ResultCache
    from .engine import Engine, LintResult, Timings

STDIN = "-"

#: a filter sees a file's document and findings and returns the findings to keep
Filter = Callable[[Document, list[Finding]], list[Finding]]


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    source: str | None = None
    document: Document | None = None


@dataclass
class Target:
    display: str  # as given on the command line (joined under it for walks)
    path: Path | None  # None for standard input
    explicit: bool = False


def collect_targets(paths: Sequence[str], registry: Registry, *, stdin_filename: str | None = None
                    ) -> tuple[list[Target], list[FileError]]:
    targets: list[Target] = []
    errors: list[FileError] = []
    known = {e for f in registry.formats.values() for e in f.extensions}
    for given in paths:
        if given == STDIN:
            targets.append(Target(stdin_filename or "-", None, True))
            continue
        p = Path(given)
        if p.is_dir():
            for f, rel in walk_relative(p, lambda q: q.suffix.lower() in known):
                targets.append(Target(os.path.join(given, rel), f))
        elif p.exists():
            targets.append(Target(given, p, True))
        else:
            errors.append(FileError(given, "no such file or directory"))
    seen: set[str] = set()
    unique = []
    for t in targets:
        if t.display not in seen:
            seen.add(t.display)
            unique.append(t)
    return unique, errors


def read_target(t: Target, settings: Settings) -> bytes:
    if t.path is None:
        return sys.stdin.buffer.read()
    size = t.path.stat().st_size
    if size > settings.max_file_size:
        raise OSError(f"file is {size:,} bytes, over the size limit of {settings.max_file_size:,} bytes "
                      "(max-file-size); not linted")
    return t.path.read_bytes()


def parse_document(data: bytes, display: str, fmt: str, registry: Registry, settings: Settings) -> Document:
    source = decode(data, display, settings.encoding)
    spec = registry.formats[fmt]
    return spec.parse(source, display, {"frontmatter_keys": settings.frontmatter_keys})


def choose_format(t: Target, data: bytes, registry: Registry) -> str:
    name = registry.detect_format(t.display, data[:4096])
    return name or "text"


def lint_target(t: Target, engine: Engine, registry: Registry, settings: Settings,
                filters: Sequence[Filter] = (), timings: Timings | None = None, *,
                data: bytes | None = None) -> FileResult:
    """Lint one file; every failure becomes a FileError of that file, never an exception."""
    import time

    res = FileResult(t.display)
    try:
        if data is None:
            data = read_target(t, settings)
    except OSError as exc:
        res.errors.append(FileError(
            t.display, str(exc) if "size limit" in str(exc) else f"cannot read file: {exc.strerror or exc}"))
        return res
    if is_binary(data):
        res.notices.append(f"{t.display}: binary file skipped")
        return res
    fmt = choose_format(t, data, registry)
    t0 = time.perf_counter()
    try:
        doc = parse_document(data, t.display, fmt, registry, settings)
        del data  # the bytes of a 50 MB page are not needed while the rules run
    except DecodeError as exc:
        res.errors.append(FileError(t.display, str(exc)))
        return res
    except Exception as exc:  # noqa: BLE001 - a format plugin's bug is that file's error
        res.errors.append(FileError(t.display, f"format {fmt!r} ({registry.formats[fmt].plugin}) failed to parse "
                                               f"the file: {type(exc).__name__}: {exc}"))
        return res
    if timings is not None:
        timings.stages["parse"] += time.perf_counter() - t0
    res.source = doc.source
    result: LintResult = engine.lint(doc, timings)
    findings = result.findings
    t1 = time.perf_counter()
    for flt in filters:
        findings = flt(doc, findings)
    if timings is not None:
        timings.stages["filters"] += time.perf_counter() - t1
    res.findings = findings
    res.errors += result.errors
    res.notices += result.notices
    res.document = doc
    return res


class Plan:
    """What applies to one file: its settings, the engine of its selected rules and its filters.

    A plan may be built on first use (`build` returns the engine and the filters): a run whose
    every file is served from the result cache then compiles no rule. Such a plan carries `key`,
    a name for everything `build` depends on besides `settings` (the rule set's key, the
    per-file ignores, the filters' keys), which the result cache uses instead of fingerprinting
    the compiled rules.
    """

    __slots__ = ("_build", "_engine", "_filters", "key", "settings")

    def __init__(self, settings: Settings, engine: Engine | None = None, filters: Sequence[Filter] = (), *,
                 build: Callable[[], tuple[Engine, Sequence[Filter]]] | None = None, key: str | None = None) -> None:
        if engine is None and build is None:
            raise TypeError("a Plan needs an engine or a build function")
        self.settings = settings
        self._engine = engine
        self._filters = filters
        self._build = build
        self.key = key

    @property
    def built(self) -> bool:
        return self._engine is not None

    def _ensure(self) -> None:
        if self._engine is None:
            assert self._build is not None
            self._engine, self._filters = self._build()
            self._build = None

    @property
    def engine(self) -> Engine:
        self._ensure()
        assert self._engine is not None
        return self._engine

    @property
    def filters(self) -> Sequence[Filter]:
        self._ensure()
        return self._filters


class Resolver:
    """Chooses the Plan for each file. The default applies one plan to every file; the
    configuration module provides one that follows the nearest configuration file."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def plan_for(self, target: Target) -> Plan:
        return self.plan


def run(targets: Iterable[Target], resolver: Resolver, registry: Registry,
        timings: Timings | None = None, *, jobs: int = 1, cache: ResultCache | None = None,
        keep_source: bool = True) -> Iterator[FileResult]:
    """Results in input order. `jobs > 1` forks workers (`exolint.parallel`); `cache` is the
    per-file result cache (`exolint.cache`); results carry the file's text as `shown` decides
    (`keep_source`: the reporter shows source lines)."""
    if jobs > 1 or cache is not None:
        from .parallel import run_many

        yield from run_many(list(targets), resolver, registry, timings, jobs=jobs, cache=cache,
                            keep_source=keep_source)
        return
    for t in targets:
        plan = resolver.plan_for(t)
        yield shown(lint_target(t, plan.engine, registry, plan.settings, plan.filters, timings), keep_source)


def shown(res: FileResult, keep_source: bool) -> FileResult:
    """The result as reporters get it: without its Document (memory stays flat), and with the
    file's text only where a reporter that shows source lines (`keep_source`) has findings to show."""
    res.document = None
    if not (keep_source and res.findings):
        res.source = None
    return res
