"""Cache folders keep their newest files only: other configurations, checkouts and environments
may still use a few, but nothing else removes old ones."""
from __future__ import annotations

from pathlib import Path


def keep_newest(directory: Path, pattern: str, keep: Path, count: int, companions: tuple[str, ...] = ()) -> None:
    """Delete all but the `count` newest files matching `pattern`, never `keep`; with each deleted
    file also delete its `companions` (the same name with another suffix). Errors are ignored: a
    file another run removed first, or an unwritable folder, only leaves more files behind."""
    try:
        files = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for p in files[count:]:
        if p == keep:
            continue
        for q in (p, *(p.with_suffix(s) for s in companions)):
            try:
                q.unlink()
            except OSError:
                pass
