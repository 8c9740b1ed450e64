"""Baselines: accept the findings a site has today, fail only on new ones.

An entry is a fingerprint of the rule, the normalised matched words and a few words around them
(never line numbers), counted per file. Adding a paragraph above an old finding moves its line
but not its fingerprint, so it stays accepted; a second copy of the same claim exceeds the count
and is reported. The same `fingerprint` is SARIF's `partialFingerprints` value.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable

from .document import Document
from .finding import Finding

VERSION = 1


class BaselineError(Exception):
    """The baseline file is missing, unreadable or of another version (exit status 2)."""


def fingerprint(finding: Finding) -> str:
    """A stable id of what a finding is about: rule + matched text + its context, not its place."""
    key = "\x1f".join((finding.rule, finding.matched, finding.context))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def baseline_path(path: str, base: Path) -> str:
    """A finding's path as stored: relative to the baseline file's folder, with '/'."""
    if path in ("-", "<stdin>") or path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


class Baseline:
    """Accepted fingerprints with counts, per file. Used as a runner Filter."""

    def __init__(self, entries: dict[str, Counter], base: Path) -> None:
        self.entries = entries
        self.base = base
        self.matched = 0  # findings the baseline hid during this run (in this process)
        blob = json.dumps({p: sorted(c.items()) for p, c in sorted(entries.items())}, sort_keys=True)
        #: what the result cache keys on (exolint.cache.filter_key)
        self.cache_key = "baseline:" + hashlib.sha256(f"{base}\n{blob}".encode()).hexdigest()

    @classmethod
    def load(cls, file: str | Path) -> "Baseline":
        file = Path(file)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{file}: cannot read baseline: {exc.strerror or exc}") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{file}:{exc.lineno}:{exc.colno}: not a JSON baseline: {exc.msg}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
            raise BaselineError(f"{file}: not an exolint baseline of version {VERSION} "
                                "(write a new one with --write-baseline)")
        entries: dict[str, Counter] = {}
        for path, items in data["files"].items():
            c = entries.setdefault(path, Counter())
            for item in items:
                c[item["fingerprint"]] += int(item.get("count", 1))
        return cls(entries, file.resolve().parent)

    def __call__(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        accepted = self.entries.get(baseline_path(doc.path, self.base))
        if not accepted:
            return findings
        left = Counter(accepted)
        kept = []
        for f in findings:  # in position order: the first occurrences are the old ones
            fp = fingerprint(f)
            if left[fp] > 0:
                left[fp] -= 1
                self.matched += 1
            else:
                kept.append(f)
        return kept


def write_baseline(file: str | Path, findings: Iterable[Finding]) -> int:
    """Write every finding as accepted; returns how many. Written atomically."""
    from .fixes import atomic_write

    file = Path(file)
    base = file.resolve().parent
    files: dict[str, dict[str, dict]] = {}
    n = 0
    for f in findings:
        n += 1
        per = files.setdefault(baseline_path(f.path, base), {})
        fp = fingerprint(f)
        if fp in per:
            per[fp]["count"] += 1
        else:
            per[fp] = {"fingerprint": fp, "rule": f.rule, "matched": f.matched, "count": 1}
    data = {
        "version": VERSION, "tool": "exolint",
        "files": {p: sorted(v.values(), key=lambda e: (e["rule"], e["fingerprint"])) for p, v in sorted(files.items())},
    }
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    atomic_write(file, text.encode("utf-8"), expected=None)
    return n
