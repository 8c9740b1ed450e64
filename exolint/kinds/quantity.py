"""`quantity`: numbers with units bound to a subject, checked for plausibility, contradiction and lost dashes.

    kind: quantity
    subjects: [exosome, exosomes, small EVs]        # what the numbers must describe (same sentence)
    other_subjects: [microvesicles, apoptotic bodies]  # other things that take numbers away from ours
    units: [length]                # dimensions (length, duration, sessions, percent) or units
                                   # (nm, µm, mm, days, weeks, months, sessions, %); default [length]
    checks: [plausibility, contradiction, mangled]  # which checks this rule reports (one or more)
    plausible: {min: 10, max: 500, unit: nm}        # bounds; a list gives one per dimension
    fact: exosome-size             # or take `plausible` and the source from the fact base
    tolerance: 5                   # contradiction: ratio of the upper ends that counts as a conflict
    max_words: 25                  # how far (in words) a subject may stand from its number
    not_followed_by: ['(?:thick|deep)\\b']  # a length with these right after it (or `not_preceded_by`
                                   # right before) measures something else (see quantity_context)
    fix: safe                      # lost-dash fix when exactly one split fits: safe, unsafe or none
    messages: {mangled: "..."}     # per-check message; `message` is the default

Reading quantities. "30-100", "30–100", "30 – 150", "30 to 100", "between 30 and 100", "<200",
"up to 150", "10,000-200,000", "0.03-0.15 µm" with a unit; lengths are normalised to nm. Unit
abbreviations are case-sensitive, so "nM" (nanomolar) is never nanometres. Counts ("200 billion"),
years, "30-45 minutes" (when minutes are not a unit of the rule) carry no unit of the rule and are
not quantities. Lengths may be written in words before a spelled-out unit ("three micrometres",
"around five thousand nanometres", "less than one micron"); other dimensions are read from digits
only, as "three sessions" or "two weeks" are everyday prose.

Binding. A number belongs to the nearest subject mention before it in its sentence (within
`max_words`), else the nearest after it; a mention from `other_subjects` wins when it is nearer, so
in "exosomes (30-150 nm), microvesicles (100-1000 nm)" only 30-150 nm is about exosomes. A subject
that is the unit word itself ("23 sessions" with subject "sessions") binds directly. A plural
pronoun at a clause start ("they", "these"), or a definite description that opens the sentence
("Each vesicle ..."), stands for a subject at the start of the sentence before (`antecedent`). A
number in a table cell that names no subject belongs to what the row's first cell names ("Exosome
diameter | 800-1,200 nm": `exolint.tables`). Without `subjects`, every number with a unit of the
rule counts.

Checks. `plausibility`: both ends within the bounds (a strict upper bound, "less than 1 µm", only
needs room for a plausible size below it; `quantity_bind.conflict_ratio` says how it contradicts).
`contradiction`: a later number for the same subjects whose upper end differs from an earlier
one's by more than `tolerance` times (30-100 vs 10,000-200,000 nm), reported on the later with the
earlier as `related`; 30-100, 30-150, 40-160 and 50-200 nm never conflict. `mangled`: a bare
integer that is implausible as a whole but splits into a plausible range ("20100 nm" = 20-100 nm,
"46 weeks apart" = 4-6 weeks). A number explained by a lost dash is left to `mangled` and is not
judged by the other two checks, so one defect gives one finding.

Message placeholders: {quantity} (as written), {value} (normalised), {subject}, {min}, {max},
{unit}, {earlier}, {earlier_value}, {split}, {splits}; with a fact also {source}, {source_date},
{as_of}, {statement} (without a fact, the rule's first reference and `as_of`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import regex

from ..document import Document
from ..reported import not_own
from ..rule import CompileContext, Hit, Rule, fill
from ..ruleset import RuleSpecError
from ..spans import Cover
from .candidates import Candidates
from .quantity_extract import (
    DIMENSIONS,
    UNIT_TRIGGERS,
    UNITS,
    Extractor,
    Quantity,
    ascii_digits_only,
    compile_extractor,
    extract,
    fmt_number,
    lost_dash_splits,
)
from .quantity_bind import Binder, Earlier, ascii_first_words, conflict_ratio, lazy_subjects
from .quantity_context import Context, compile_context
from .quantity_words import spelled_words, with_word_quantities, word_quantities
from .scan import bounded, phrase_to_regex, phrase_triggers, scope_ranges

CHECKS = ("plausibility", "contradiction", "mangled")
_BOUNDS = {"type": "object", "required": ["min", "max", "unit"], "additionalProperties": False,
           "properties": {"min": {"type": "number"}, "max": {"type": "number"}, "unit": {"enum": list(UNITS)}}}
_PHRASES = {"type": "array", "items": {"type": "string", "minLength": 1}}
SCHEMA = {
    "properties": {
        "subjects": _PHRASES,
        "other_subjects": _PHRASES,
        "units": {"type": "array", "minItems": 1, "items": {"enum": list(UNITS) + list(DIMENSIONS)}},
        "checks": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(CHECKS)}},
        "plausible": {"anyOf": [_BOUNDS, {"type": "array", "minItems": 1, "items": _BOUNDS}]},
        "fact": {"type": "string"},
        "tolerance": {"type": "number", "exclusiveMinimum": 1},
        "max_words": {"type": "integer", "minimum": 0},
        "not_followed_by": _PHRASES,
        "not_preceded_by": _PHRASES,
        "fix": {"enum": ["safe", "unsafe", "none"]},
        "messages": {"type": "object", "additionalProperties": {"type": "string"},
                     "propertyNames": {"enum": list(CHECKS)}},
    },
    "required": ["checks"],
}


def _no_subject(i: int) -> str:
    return ""  # without `subjects` every number counts


def _ascii_digits(doc: Document, a: int, b: int) -> bool:
    """`ascii_digits_only` of a range of the prose, found once for the rules of every unit set."""
    key = ("quantity", "ascii-digits", a, b)
    got = doc.memo.get(key)
    if got is None:
        got = doc.memo[key] = ascii_digits_only(doc.match_text, a, b)
    return got


@dataclass
class QuantityRule:
    rule: Rule
    extractor: Extractor
    checks: frozenset[str]
    bounds: dict[str, tuple[float, float, str]]  # dimension -> (min, max, unit as written) in base units
    cite: dict[str, str]
    tolerance: float
    max_words: int
    fix: str
    messages: dict[str, str]
    triggers: tuple[str, ...]
    timeout: float | None
    binder: Binder | None = None
    context: Context | None = None

    # -- binding ---------------------------------------------------------------------------------
    def _subjects_of(self, doc: Document, found: list[Quantity]) -> Callable[[int], str | None]:
        """The bound subject of `found[i]`, as a function of i (`quantity_bind.lazy_subjects`),
        shared by the rules with the same subjects and reach."""
        if self.binder is None:
            return _no_subject
        key = ("quantity", "bind", self.binder.subjects.pattern, self.max_words, self.extractor.key, self.rule.scope)
        return lazy_subjects(doc, key, found, self.binder, self.timeout)

    # -- judging ---------------------------------------------------------------------------------
    def _ok(self, q: Quantity, value: float) -> bool:
        lo, hi, _ = self.bounds[q.dimension]
        return lo <= value <= hi

    def _plausible(self, q: Quantity) -> bool:
        """Both ends within the bounds; a strict upper bound ("less than 1 µm") only needs room
        for a plausible size below it."""
        if q.strict and q.hi is not None:
            return q.hi > self.bounds[q.dimension][0]
        return all(self._ok(q, x) for x in (q.lo, q.hi) if x is not None)

    def _splits(self, q: Quantity) -> list[tuple[str, str]]:
        if q.digits is None or len(q.digits) < 2 or q.dimension not in self.bounds:
            return []
        if self._ok(q, q.lo):  # type: ignore[arg-type]  # digits: a single value, so `lo` is set
            return []
        return lost_dash_splits(q.digits, UNITS[q.unit][1], lambda v: self._ok(q, v))

    def _values(self, q: Quantity, subject: str) -> dict[str, Any]:
        v = dict(self.cite, quantity=q.text, value=q.normalised(), subject=subject)
        if q.dimension in self.bounds:
            lo, hi, unit = self.bounds[q.dimension]
            f = UNITS[unit][1]
            v.update(min=fmt_number(lo / f), max=fmt_number(hi / f), unit=unit)
        return v

    def _msg(self, check: str, values: dict[str, Any]) -> str:
        return fill(self.messages.get(check, self.rule.message), **values)

    def _quantities(self, doc: Document) -> list[Quantity]:
        """The document's quantities in this rule's units and scopes, extracted once for all rules
        that share them (the memo key holds everything the extraction depends on)."""
        key = ("quantity", "extract", self.extractor.key, self.rule.scope)
        found = doc.memo.get(key)
        if found is None:
            text = doc.match_text
            # where spelled-out units start ("nanometres"), from the page's word index
            spelled = spelled_words(self.extractor)
            spelled_at = Candidates.starts(doc, spelled) if spelled else None
            found = [q for a, b in scope_ranges(doc, self.rule.scope)
                     for q in with_word_quantities(extract(self.extractor, text, a, b, self.timeout,
                                                           _ascii_digits(doc, a, b)),
                                                   word_quantities(self.extractor, text, a, b, self.timeout,
                                                                   doc.lower_text, spelled_at))]
            doc.memo[key] = found
        return found

    def check(self, doc: Document) -> Iterable[Hit]:
        found = self._quantities(doc)
        if not found:
            return
        subject = self._subjects_of(doc, found)
        if self.context is not None:
            subject = self.context.filtered(doc, found, subject, self.timeout)
        checks = self.checks
        plausibility = "plausibility" in checks
        history = Earlier(self.tolerance, found, subject) if "contradiction" in checks else None
        # a figure the page quotes from someone else, or asks about and denies, is not its own figure:
        # it is never the earlier one a later figure contradicts. Read at the first possible conflict
        # (most pages have none), when the history so far is made again without such figures.
        quoted: Cover | None = None
        own_only = self.rule.reported_quotes == "skip"
        for i, q in enumerate(found):
            splits = self._splits(q)
            if splits:  # a lost dash: left to `mangled`, and never an earlier figure
                if "mangled" in checks:
                    s = subject(i)
                    if s is not None:
                        yield self._mangled(q, splits, self._values(q, s))
                continue
            if plausibility and q.dimension in self.bounds and not self._plausible(q):
                s = subject(i)
                if s is not None:
                    yield Hit(q.start, q.end, self._msg("plausibility", self._values(q, s)))
            elif history is not None and history.may_conflict(q):
                if own_only and quoted is None:
                    quoted = not_own(doc)
                    if quoted:
                        history = self._history(found, subject, i, quoted)
                s = subject(i)
                if s is not None:
                    p = history.first_conflict(q)
                    if p is not None:
                        hit = self._contradiction(doc, q, s, [p])
                        assert hit is not None  # p conflicts
                        yield hit
            if history is not None and not (quoted and quoted.holds(q.start, q.end)):
                history.add(i, q)

    def _history(self, found: list[Quantity], subject: Callable[[int], str | None], upto: int,
                 quoted: Cover) -> Earlier:
        """The earlier figures before `found[upto]`, as `check` adds them, without the quoted ones."""
        history = Earlier(self.tolerance, found, subject)
        for j, p in enumerate(found[:upto]):
            if not self._splits(p) and not quoted.holds(p.start, p.end):
                history.add(j, p)
        return history

    def _contradiction(self, doc: Document, q: Quantity, subject: str, seen: list[Quantity]) -> Hit | None:
        for p in seen:
            if p.dimension != q.dimension or p.top <= 0 or q.top <= 0:
                continue
            ratio = conflict_ratio(p, q)
            if ratio > self.tolerance:
                values = dict(self._values(q, subject), earlier=doc.text[p.start:p.end],
                              earlier_value=p.normalised(), ratio=fmt_number(round(ratio, 1)))
                return Hit(q.start, q.end, self._msg("contradiction", values),
                           related=[(p.start, p.end, f"the earlier figure for the same thing: {p.normalised()}")])
        return None

    def _mangled(self, q: Quantity, splits: list[tuple[str, str]], values: dict) -> Hit:
        assert q.digits is not None  # splits come from the digits
        i = q.text.index(q.digits)
        tail = q.text[i + len(q.digits):].lstrip(" -")
        options = [f"{lo}-{hi} {tail}".replace(" %", "%") for lo, hi in splits]
        hit = Hit(q.start, q.end, self._msg("mangled", dict(values, split=options[0], splits=" or ".join(options))))
        if len(splits) == 1 and self.fix != "none":
            s = q.start + i
            hit.fix = [(s, s + len(q.digits), f"{splits[0][0]}-{splits[0][1]}")]
            hit.fix_safe = self.fix == "safe"
        return hit


def _subject_pattern(ours: list[str], other: list[str]) -> regex.Pattern | None:
    """Longest phrases first, so "small extracellular vesicles" is not read as "extracellular vesicles"."""
    if not ours:
        return None
    def alt(ps: list[str]) -> str:
        return "|".join(phrase_to_regex(p) for p in sorted(ps, key=len, reverse=True))
    parts = [f"(?P<ours>{bounded(alt(ours))})"]
    if other:
        parts.insert(0 if max(map(len, other)) > max(map(len, ours)) else 1, f"(?P<other>{bounded(alt(other))})")
    return regex.compile("|".join(parts), regex.IGNORECASE | regex.V0)


def _mention_pattern(ours: list[str]) -> regex.Pattern | None:
    """Every "ours" match holds its phrase's first word as written, under the same case rules."""
    if not ours or any(not p.split() for p in ours):
        return None  # an empty phrase matches anywhere: no literal to test
    words = sorted({p.split()[0] for p in ours}, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w, special_only=True) for w in words), regex.IGNORECASE | regex.V0)


def _bounds(rule: Rule, ctx: CompileContext) -> tuple[dict, dict[str, str]]:
    o = rule.options
    ref = rule.references[0] if rule.references else {}
    cite = {"source": str(ref.get("title", "")), "source_date": str(ref.get("date", "")),
            "as_of": rule.as_of or "", "statement": ""}
    raw = o.get("plausible")
    if "fact" in o:
        fact = ctx.facts.get(o["fact"]) if ctx.facts is not None else None
        if fact is None:
            raise RuleSpecError(f"no fact {o['fact']!r} in the fact base (rules/facts/*.yaml)", ("fact",))
        if ctx.facts is not None:
            ctx.facts.warn_stale(ctx.warnings)
        cite = fact.placeholders()
        raw = raw if raw is not None else fact.data.get("plausible")
    items = [] if raw is None else ([raw] if isinstance(raw, dict) else list(raw))
    # an error in the rule's own list names the item (file:line:col of it); one from the fact base the key
    own_list = o.get("plausible") is not None and not isinstance(raw, dict)
    bounds = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("unit") not in UNITS or item.get("min", 0) > item.get("max", 0):
            raise RuleSpecError("plausible needs {min, max, unit} with min <= max",
                                ("plausible", i) if own_list else ("plausible",))
        dim, f = UNITS[item["unit"]][0], UNITS[item["unit"]][1]
        bounds[dim] = (item["min"] * f, item["max"] * f, item["unit"])
    return bounds, cite


def compile(rule: Rule, ctx: CompileContext) -> QuantityRule:
    o = rule.options
    checks = frozenset(o["checks"])
    wanted = o.get("units", ["length"])
    units = [u for u in UNITS if u in wanted or UNITS[u][0] in wanted]
    bounds, cite = _bounds(rule, ctx)
    if checks & {"plausibility", "mangled"} and not bounds:
        raise RuleSpecError("plausibility and mangled checks need 'plausible' bounds or a 'fact' with them",
                            ("checks",))
    subjects, others = list(o.get("subjects", [])), list(o.get("other_subjects", []))
    pattern = _subject_pattern(subjects, others)
    max_words = int(o.get("max_words", 25))
    binder = None if pattern is None else Binder(pattern, max_words, _mention_pattern(subjects),
                                                 ascii_first_words(subjects + others))
    triggers = tuple(t.lower() for t in rule.raw.get("triggers", ()))
    if not triggers:
        triggers = phrase_triggers(subjects) if subjects else tuple(
            dict.fromkeys(t for u in units for t in UNIT_TRIGGERS[u]))
    context = compile_context(list(o.get("not_followed_by", [])), list(o.get("not_preceded_by", [])))
    return QuantityRule(rule, compile_extractor(units), checks, bounds, cite, float(o.get("tolerance", 5)),
                        max_words, o.get("fix", "safe"), dict(o.get("messages", {})), triggers, ctx.regex_timeout,
                        binder, context)
