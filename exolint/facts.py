"""The fact base: sourced, dated statements that rules compare claims with (YAML under a pack's `facts/`).

(Minimal loader; the claim kinds extend it.)
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable


@dataclass
class FactBase:
    facts: list[dict[str, Any]] = field(default_factory=list)
    stale: list[dict[str, Any]] = field(default_factory=list)


def load_facts(dirs: Iterable[Path], today: _dt.date | None = None):
    import yaml

    base = FactBase()
    errors: list = []
    for d in dirs:
        fd = Path(d) / "facts"
        if not fd.is_dir():
            continue
        for f in sorted(fd.glob("*.y*ml")):
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            base.facts += list(data.get("facts", []))
    return base, errors
