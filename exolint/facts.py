"""The fact base: sourced, dated statements that rules compare claims and numbers with.

Why a separate base: regulatory status ("no FDA-approved exosome products") changes over time, so
it must live in one reviewed place with its sources, an `as_of` date and a `review_by` date, not be
copied into every rule. Rules name a fact by id; their findings quote its source and date, and
when a fact is past its `review_by` date the run warns once that the rule pack needs review.

A pack's `facts/*.yaml` files hold three top-level keys, all optional:

    agents:                      # who can approve, authorise, list, classify ...
      FDA:
        names: [FDA, U.S. Food and Drug Administration, Food and Drug Administration]
        jurisdiction: us
    facts:
      - id: fda-exosome-approval
        statement: there are no FDA-approved exosome products
        claim: {agent: FDA, predicate: approved, object: exosome products}
        holds: false             # the claim "FDA approved exosome products" is false
        jurisdiction: us
        as_of: "2026-11-22"
        review_by: "2027-05-22"
        sources:
          - {title: FDA Public Safety Notification on Exosome Products, url: https://..., date: "2019-12-06"}
      - id: exosome-size
        statement: exosomes (small EVs) measure tens to a few hundred nanometres
        plausible: {min: 10, max: 500, unit: nm}
        as_of: ..., review_by: ..., sources: [...]
    vocabularies:                # word lists rules share: "$exosome-names" in a rule's list
      exosome-names: [exosome, exosomes, small EV, small EVs]     # (`exolint.vocabularies`)

Every fact needs `id`, `statement`, `as_of`, `review_by` (ISO dates) and a non-empty `sources`
list whose items have a `title` and a `date`; an error names the file, line and column.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

_REQUIRED = ("id", "statement", "as_of", "review_by", "sources")


@dataclass(frozen=True)
class Agent:
    """A body that can approve or classify products; `names` are its aliases as written on pages."""

    key: str
    names: tuple[str, ...]
    jurisdiction: str = ""


@dataclass
class Fact:
    id: str
    statement: str
    as_of: str
    review_by: str
    sources: tuple[dict, ...]
    data: dict[str, Any]
    path: str = ""

    @property
    def source(self) -> str:
        """The first source's title: what a finding names as the authority it relies on."""
        return str(self.sources[0].get("title", "")) if self.sources else ""

    @property
    def source_date(self) -> str:
        return str(self.sources[0].get("date", "")) if self.sources else ""

    def placeholders(self) -> dict[str, str]:
        """Values a rule message may quote: {statement}, {source}, {source_date}, {as_of}, {review_by}."""
        return {"statement": self.statement, "source": self.source, "source_date": self.source_date,
                "as_of": self.as_of, "review_by": self.review_by, "fact": self.id}


@dataclass
class FactBase:
    facts: list[Fact] = field(default_factory=list)
    agents: dict[str, Agent] = field(default_factory=dict)
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stale: list[Fact] = field(default_factory=list)
    warned: bool = False

    def get(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def warn_stale(self, warnings: list[str]) -> None:
        """Append one warning per run when facts are past their review date (not one per rule)."""
        if not self.stale or self.warned:
            return
        self.warned = True
        shown = ", ".join(f"{f.id} (review by {f.review_by})" for f in self.stale[:5])
        more = f" and {len(self.stale) - 5} more" if len(self.stale) > 5 else ""
        warnings.append(
            f"the rule pack needs review: {len(self.stale)} fact(s) are past their review date: {shown}{more}; "
            "findings that rely on them may be out of date")


def _iso(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _validate_fact(item: Any, keys: tuple, node, path: str) -> list:
    """All problems of one fact at once, each with the line and column of the offending key."""
    from .ruleset import LoadError, _mark

    def err(sub: tuple, msg: str) -> LoadError:
        line, col = _mark(node, keys + sub)
        return LoadError(path, line, col, msg)

    if not isinstance(item, dict):
        return [err((), "a fact must be a mapping with id, statement, as_of, review_by and sources")]
    where = f"fact {item.get('id', '#' + str(keys[-1] + 1))!s}"
    errors = [err((), f"{where}: missing '{k}'") for k in _REQUIRED if k not in item]
    for k in ("as_of", "review_by"):
        if k in item and _iso(item[k]) is None:
            errors.append(err((k,), f"{where}: {k} must be an ISO date (YYYY-MM-DD), got {item[k]!r}"))
    if "as_of" in item and "review_by" in item:
        as_of, review_by = _iso(item["as_of"]), _iso(item["review_by"])
        if as_of and review_by and review_by < as_of:
            errors.append(err(("review_by",), f"{where}: review_by is before as_of"))
    sources = item.get("sources")
    if "sources" in item:
        if not isinstance(sources, list) or not sources:
            errors.append(err(("sources",), f"{where}: sources must be a non-empty list of {{title, url, date}}"))
        else:
            for i, s in enumerate(sources):
                if not isinstance(s, dict) or not s.get("title") or not s.get("date"):
                    errors.append(err(("sources", i), f"{where}: every source needs a title and a date"))
    if "holds" in item and not isinstance(item["holds"], bool):
        errors.append(err(("holds",), f"{where}: holds must be true or false"))
    return errors


def _load_agents(data: Any, node, path: str, base: FactBase) -> list:
    from .ruleset import LoadError, _mark

    errors = []
    if not isinstance(data, dict):
        line, col = _mark(node, ("agents",))
        return [LoadError(path, line, col, "agents must be a mapping of name -> {names, jurisdiction}")]
    for key, spec in data.items():
        names = spec.get("names") if isinstance(spec, dict) else None
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
            line, col = _mark(node, ("agents", key))
            errors.append(LoadError(path, line, col, f"agent {key}: names must be a non-empty list of strings"))
            continue
        base.agents[str(key)] = Agent(str(key), tuple(names), str(spec.get("jurisdiction", "")).lower())
    return errors


def _load_vocabularies(data: Any, node, path: str, base: FactBase) -> list:
    from .ruleset import LoadError, _mark
    from .vocabularies import REFERENCE

    if not isinstance(data, dict):
        line, col = _mark(node, ("vocabularies",))
        return [LoadError(path, line, col, "vocabularies must be a mapping of name -> list of strings")]
    errors = []
    for name, words in data.items():
        line, col = _mark(node, ("vocabularies", name))
        if not REFERENCE.fullmatch(f"${name}"):
            errors.append(LoadError(path, line, col,
                                    f"vocabulary {name}: a name is lower-case letters, digits and '-'"))
        elif not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            errors.append(LoadError(path, line, col, f"vocabulary {name}: must be a non-empty list of strings"))
        elif name in base.vocabularies:
            errors.append(LoadError(path, line, col, f"vocabulary {name} is already defined in another fact file"))
        else:
            base.vocabularies[str(name)] = tuple(words)
    return errors


def load_fact_file(path: Path, base: FactBase, today: _dt.date) -> list:
    """Add one file's agents and facts to `base`; return its LoadErrors (all of them, not the first)."""
    from .ruleset import LoadError, RuleLoadError, _mark, load_yaml

    sp = str(path)
    try:
        data, node = load_yaml(path.read_text(encoding="utf-8"), sp)
    except RuleLoadError as exc:
        return list(exc.errors)
    except (OSError, UnicodeDecodeError) as exc:
        return [LoadError(sp, 1, 1, f"cannot read fact file: {exc}")]
    if data is None:
        return []
    if not isinstance(data, dict):
        return [LoadError(sp, 1, 1, "a fact file is a mapping with 'agents', 'facts' and/or 'vocabularies'")]
    errors = []
    for k in data:
        if k not in ("agents", "facts", "vocabularies"):
            line, col = _mark(node, (k,))
            errors.append(LoadError(sp, line, col,
                                    f"unknown key {k!r} in a fact file (expected agents, facts, vocabularies)"))
    if "agents" in data:
        errors += _load_agents(data["agents"], node, sp, base)
    if "vocabularies" in data:
        errors += _load_vocabularies(data["vocabularies"], node, sp, base)
    items = data.get("facts", [])
    if not isinstance(items, list):
        line, col = _mark(node, ("facts",))
        return errors + [LoadError(sp, line, col, "facts must be a list")]
    for i, item in enumerate(items):
        errs = _validate_fact(item, ("facts", i), node, sp)
        if not errs and (used := base.get(str(item["id"]))) is not None:
            line, col = _mark(node, ("facts", i, "id"))
            errs = [LoadError(sp, line, col, f"fact id {item['id']} is already used by {used.path}")]
        errors += errs
        if errs:
            continue
        fact = Fact(str(item["id"]), str(item["statement"]), str(item["as_of"]), str(item["review_by"]),
                    tuple(item["sources"]), item, sp)
        base.facts.append(fact)
        if _iso(fact.review_by) < today:  # type: ignore[operator]  # an ISO date: validated above
            base.stale.append(fact)
    return errors


def load_facts(dirs: Iterable[Path], today: _dt.date | None = None) -> tuple[FactBase, list]:
    """The fact base of every pack directory (`<dir>/facts/*.yaml`) and all errors found in it."""
    today = today or _dt.date.today()
    base = FactBase()
    errors: list = []
    for d in dirs:
        fd = Path(d) / "facts"
        if not fd.is_dir():
            continue
        for f in sorted(fd.glob("*.y*ml")):
            errors += load_fact_file(f, base, today)
    return base, errors
