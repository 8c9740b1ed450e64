"""Per-file result cache: an unchanged repository re-runs almost instantly.

Layout: one index file per plan key (`<cache-dir>/index/<plan key>.json`; see `exolint.cachekey`
for what the plan key covers: settings, rule fingerprint, filters, plugins, exolint's version and
code). A run loads each index it needs once, instead of opening one file per source file. In an
index, each file's display path (findings name it, and per-file settings follow it) maps to
`[stat signature, size, sha256 of the content, findings (as JSON text), notices]`.

When is a file unchanged? Its content hash equals the stored one. Reading and hashing every file
is what a warm run must avoid, so, as black does, the hash is skipped when the file's stat
signature (size, mtime_ns, ctime_ns, inode, device) equals the one recorded with the entry. That
is safe because the signature is taken *before* the content is read, and any later write to the
file changes its ctime, which no tool can set back (`os.utime` sets mtime; it changes ctime too).
Two gaps remain and are closed: (1) a write in the same timestamp tick as the recorded one would
keep the ctime: a signature is recorded only when the file's ctime and mtime are at least
`RACY_NS` older than the moment of the stat (git calls such entries "racily clean"); otherwise the
next run hashes the file again. (2) On Windows `st_ctime` is the creation time, so signatures are
never trusted there and every file is hashed. A file with findings is read anyway when the
reporter shows source lines (`want_source`), and its hash is then checked as well. Clock skew
between this machine and a network file system larger than `RACY_NS` could reopen gap (1); `--no-cache` is the way out.

The index files themselves (atomic, merging writes; corrupt ones ignored) are `exolint.cachefiles`.
Results with errors (undecodable file, rule timeout) are never stored: they are re-run
every time. Nothing here is pickled: a cache directory inside a reviewed repository is untrusted
input, and JSON can't run code.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from .cachefiles import Index
from .cachekey import FORMAT, filter_key, plan_key, ruleset_fingerprint, settings_key
from .cacherows import finding_from_json, finding_from_row, finding_to_json, finding_to_row
from .runner import FileResult, Target, lint_target

__all__ = ["DEFAULT_DIR", "FORMAT", "ResultCache", "filter_key", "finding_from_json", "finding_to_json", "lint_miss",
           "open_cache", "ruleset_fingerprint", "settings_key"]

DEFAULT_DIR = ".exolint_cache"
#: a stat signature is recorded only for files last changed at least this long before the stat
RACY_NS = 2_000_000_000
#: Windows' st_ctime is the creation time: an in-place write would keep the signature
TRUST_STAT = os.name != "nt"

#: [signature | None, size, sha256 hex, finding rows as a JSON text, notices]; the rows stay text
#: until the file is reported, so a large index costs little memory and parses fast
Entry = list


def open_cache(enabled: bool, directory: str | None = None) -> "ResultCache | None":
    """The run's result cache: `--cache-dir`, else config `cache-dir`, else `.exolint_cache` here."""
    if not enabled:
        return None
    return ResultCache(directory or DEFAULT_DIR)


def signature(st: os.stat_result) -> list[int] | None:
    """The stat signature to record, or None when the file changed too recently to trust it."""
    if not TRUST_STAT or time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _read(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ResultCache:
    """Findings per file on disk; see the module docstring for what decides a hit."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.index_dir = self.directory / "index"
        self._plan_keys: dict[int, tuple[Any, str | None]] = {}
        self._indexes: dict[str, Index] = {}
        self.hits = 0
        self.misses = 0
        #: files read and hashed to decide a hit (the stat signature did not settle it)
        self.hashed = 0
        #: whether hits need the file's text (the reporter shows source lines); False: never read
        self.want_source = True
        self._probed: dict[int, tuple[Target, Entry | None]] = {}

    def plan_key(self, plan: Any, registry: Any = None) -> str | None:
        """The index a plan's files are in (None: this plan is not cached). Memoised per plan."""
        memo = self._plan_keys.get(id(plan))
        if memo is not None and memo[0] is plan:
            return memo[1]
        key = plan_key(plan, registry)
        self._plan_keys[id(plan)] = (plan, key)
        return key

    def _index(self, key: str) -> Index:
        idx = self._indexes.get(key)
        if idx is None:
            idx = self._indexes[key] = Index(self.index_dir / f"{key}.json")
        return idx

    # -- lookups (in the main process) -------------------------------------------------------------
    def all_hit(self, targets: Any, plans: Any, registry: Any = None) -> bool:
        """Whether every target is unchanged (so no rule needs compiling). The entries found are
        kept for `probe`, which then does not look at the same files again."""
        for t, plan in zip(targets, plans, strict=True):
            entry = self._probe(t, plan, registry)
            self._probed[id(t)] = (t, entry)
            if entry is None:
                return False
        return True

    def probe(self, target: Target, plan: Any, registry: Any = None) -> Entry | None:
        """The entry of an unchanged file, or None (a miss: lint it). Counts hits and misses."""
        memo = self._probed.pop(id(target), None)
        entry = memo[1] if memo is not None and memo[0] is target else self._probe(target, plan, registry)
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def _probe(self, target: Target, plan: Any, registry: Any) -> Entry | None:
        key = self.plan_key(plan, registry) if target.path is not None else None
        if key is None:
            return None
        assert target.path is not None  # a key is made for a file on disk only
        idx = self._index(key)
        entry = idx.entries.get(target.display)
        if entry is None:
            return None
        try:
            sig, size, sha = entry[0], entry[1], entry[2]
            st = os.stat(target.path)
            if sig is not None and TRUST_STAT and sig == [st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                                                          st.st_ino, st.st_dev]:
                return entry
            if st.st_size != size or st.st_size > plan.settings.max_file_size:
                return None
            data = _read(target.path)
        except (OSError, TypeError, IndexError, KeyError, AttributeError):
            return None
        self.hashed += 1
        if _sha(data) != sha:
            return None
        new = signature(st)  # the content is the same: remember the newer signature
        if new != sig:
            entry[0] = new
            idx.updated.add(target.display)
        return entry

    def hit_result(self, target: Target, plan: Any, entry: Entry) -> FileResult | None:
        """The result of a probed hit, or None when the entry turns out unusable (lint the file).
        A file with findings is read for its source if `want_source`, and its hash is checked once more."""
        try:
            rows, notices = entry[3], entry[4]
            if type(rows) is not str or type(notices) is not list or not all(type(n) is str for n in notices):
                return None
            # a third of a site's files have no findings: no need to parse their "[]"
            findings = [finding_from_row(target.display, r) for r in json.loads(rows)] if rows != "[]" else []
        except (ValueError, TypeError, IndexError, KeyError, RecursionError):
            return None
        res = FileResult(target.display, findings=findings, notices=notices)
        if findings and self.want_source:  # reporters show source lines; decoding is cheap next to parsing
            assert target.path is not None
            try:
                data = _read(target.path)
            except OSError:
                return None
            if _sha(data) != entry[2]:
                return None
            from .decode import DecodeError, decode

            try:
                res.source = decode(data, target.display, plan.settings.encoding)
            except DecodeError:  # it decoded when it was stored: treat as a miss
                return None
        return res

    # -- storing (in the main process, from results of any process) -------------------------------
    def store(self, target: Target, plan: Any, entry: Entry | None, registry: Any = None) -> None:
        """Record a linted file's entry (None: its result had errors; forget the old entry)."""
        key = self.plan_key(plan, registry) if target.path is not None else None
        if key is None:
            return
        idx = self._index(key)
        if entry is None:
            if idx.entries.pop(target.display, None) is not None:
                idx.dropped.add(target.display)
            return
        idx.entries[target.display] = entry
        idx.updated.add(target.display)
        idx.dropped.discard(target.display)

    def save(self) -> None:
        """Write every changed index; a cache that cannot be written only costs speed."""
        for idx in self._indexes.values():
            if idx.updated or idx.dropped:
                idx.write(self.directory)


def lint_miss(target: Target, plan: Any, registry: Any, timings: Any = None) -> tuple[FileResult, Entry | None]:
    """Lint a file the cache did not have, and the entry to store (None for a result with errors
    or standard input). Runs in workers too: it touches no cache state."""
    def plain() -> tuple[FileResult, Entry | None]:  # lint_target words read errors and size limits
        return lint_target(target, plan.engine, registry, plan.settings, plan.filters, timings), None

    if target.path is None:
        return plain()
    try:
        st = os.stat(target.path)  # before reading: a write after this point changes the signature
        if st.st_size > plan.settings.max_file_size:
            return plain()
        data = _read(target.path)
    except OSError:
        return plain()
    res = lint_target(target, plan.engine, registry, plan.settings, plan.filters, timings, data=data)
    if res.errors:
        return res, None
    t0 = time.perf_counter()
    rows = json.dumps([finding_to_row(f) for f in res.findings], ensure_ascii=False, separators=(",", ":"))
    entry = [signature(st), len(data), _sha(data), rows, list(res.notices)]
    if timings is not None:
        timings.stages["cache"] += time.perf_counter() - t0
    return res, entry
