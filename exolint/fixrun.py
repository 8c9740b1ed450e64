"""`--fix`, `--unsafe-fixes` and `--diff`: lint, apply fixes, lint again, until nothing changes.

A fix can create or uncover another finding (or overlap one that waited), so a file is re-linted
after each pass, up to `MAX_PASSES`; the findings reported are those of the final text, so a
fixed finding is never reported as remaining. Files are fixed one after another in this process:
fixing is a write path where a clear order matters more than speed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from .finding import FileError
from .fixes import FileChangedError, FixError, apply_replacements, atomic_write, encode_like, select_fixes, unified_diff
from .registry import Registry
from .runner import FileResult, Plan, Resolver, Target, lint_target, read_target

MAX_PASSES = 10


@dataclass
class FixOutcome:
    result: FileResult  # findings that remain after fixing
    fixed: int = 0  # findings fixed (or, with --diff, that would be)
    diff: str = ""  # unified diff of the change ("" when nothing changed)


def fix_file(t: Target, plan: Plan, registry: Registry, *, unsafe: bool = False, write: bool = True) -> FixOutcome:
    """Fix one file; any failure leaves the file as it was and becomes that file's error."""
    def lint(data: bytes) -> FileResult:
        r = lint_target(t, plan.engine, registry, plan.settings, plan.filters, data=data)
        r.document = None
        return r

    try:
        data = read_target(t, plan.settings)
    except OSError:
        return FixOutcome(lint_target(t, plan.engine, registry, plan.settings, plan.filters))
    first = res = lint(data)
    if res.errors or res.source is None:
        return FixOutcome(res)
    if t.path is None:
        if any(f.fix for f in res.findings):
            res.notices.append(f"{t.display}: fixes are not applied to standard input")
        return FixOutcome(res)
    source, cur, fixed = res.source, data, 0
    for _ in range(MAX_PASSES):
        reps, done = select_fixes(res.findings, unsafe=unsafe)
        new = apply_replacements(source, reps) if reps else source
        if new == source:
            break
        try:
            new_data = encode_like(new, cur, source, _codecs(cur, t.display, plan.settings.encoding))
        except FixError as exc:
            res.notices.append(f"{t.display}: {exc}")
            break
        nxt = lint(new_data)
        if nxt.errors:  # the fixed text no longer lints cleanly: keep the last good one
            res.notices.append(f"{t.display}: a fix made the file unreadable ({nxt.errors[0].message}); "
                               "stopped fixing it")
            break
        source, cur, res, fixed = new, new_data, nxt, fixed + len(done)
    assert first.source is not None  # checked above, as `res`
    if source == first.source:
        return FixOutcome(res, fixed)
    diff = unified_diff(t.display, first.source, source)
    if write:
        try:
            atomic_write(t.path, cur, expected=data)
        except FileChangedError:
            first.notices.append(f"{t.display}: changed on disk while it was being fixed; not written")
            return FixOutcome(first, 0)
        except (OSError, FixError) as exc:
            first.errors.append(FileError(t.display, f"cannot write fixes: {exc}"))
            return FixOutcome(first, 0)
    return FixOutcome(res, fixed, diff)


def _codecs(data: bytes, display: str, encoding: str | None) -> list[str]:
    """The encodings the file was read with (declared charset, --encoding), to write it back with."""
    from .decode import DecodeError, detect

    try:
        return [codec for codec, _ in detect(data, display, encoding)[1]]
    except DecodeError:
        return [encoding] if encoding else []


def fix_run(targets: Iterable[Target], resolver: Resolver, registry: Registry, *, unsafe: bool = False,
            write: bool = True) -> Iterator[FixOutcome]:
    for t in targets:
        yield fix_file(t, resolver.plan_for(t), registry, unsafe=unsafe, write=write)
