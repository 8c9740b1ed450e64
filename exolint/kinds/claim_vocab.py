"""The words of a claim rule: predicate vocabulary, object head nouns, agent names, clause limits.

Why built-in predicate names: a compliance writer should say `predicates: [approved, cleared]` and
get every inflection ("approves", "approval", "FDA-approved") and a cheap prefilter trigger,
without writing a regular expression. Anything not in the vocabulary is taken as a literal phrase.
"""
from __future__ import annotations

import regex

from ..rule import CompileContext, Rule
from ..ruleset import RuleSpecError
from .claim_gate import Words, phrase_words
from .claim_scan import phrase_starts
from .scan import bounded, phrase_to_regex

#: predicate name -> (regex, prefilter trigger); "unapproved" never matches (word boundary). The
#: trigger is also the literal start of every form of its regex: `predicate_prefixes` relies on it
PREDICATES: dict[str, tuple[str, str]] = {
    "approved": (r"approv(?:ed|es|e|als?|ing)", "approv"),
    "authorised": (r"authori[sz](?:ed|es|e|ations?|ing)", "authori"),
    "licensed": (r"licen[sc](?:ed|es|e|ing)", "licen"),
    "cleared": (r"cleared|clearances?", "clear"),
    "certified": (r"certifi(?:ed|es|cations?)|certify(?:ing)?", "certif"),
    "endorsed": (r"endors(?:ed|es|e|ements?|ing)", "endors"),
    "recognised": (r"recogni[sz](?:ed|es|e|ing)", "recogni"),
    "registered": (r"regist(?:ered|ration|ry|ers)", "regist"),
    "listed": (r"listed|listing|lists", "list"),
    "classified": (r"classif(?:ied|ies|y|ications?)", "classif"),
    "designated": (r"designat(?:ed|es|e|ions?)", "designat"),
    "regulated": (r"regulated", "regulated"),
}
PREDICATES["authorized"] = PREDICATES["authorised"]
PREDICATES["recognized"] = PREDICATES["recognised"]

#: nouns that may follow an object word and belong to the claim ("exosome" + "serum")
OBJECT_NOUNS = (
    "products", "product", "treatments", "treatment", "therapies", "therapy", "serums", "serum", "injections",
    "injection", "ingredients", "ingredient", "procedures", "procedure", "facials", "facial", "creams", "cream",
    "solutions", "solution", "formulations", "formulation", "infusions", "infusion", "sources", "source",
    "methods", "method", "microneedling", "skincare", "cosmetics", "cosmetic", "drugs", "drug", "medicines",
    "medicine", "complex", "boosters", "booster", "kits", "kit",
)

#: where one claim's clause ends and another's begins inside a sentence
CLAUSE_BREAK = regex.compile(r"[;:]|\s[–—]\s|,?\s+(?i:but|however|whereas|although|though|while)(?![\p{L}\p{N}])")


def predicate_pattern(names: list[str], regexes: list[str]) -> tuple[str, tuple[str, ...]]:
    """The predicate alternation and its triggers; an unknown name is a literal phrase."""
    parts, triggers = [], []
    for p in names:
        if p.lower() in PREDICATES:
            body, trig = PREDICATES[p.lower()]
            parts.append(body)
            triggers.append(trig)
        else:
            parts.append(phrase_to_regex(p))
            triggers.append(max(regex.split(r"\W+", p.lower()), key=len))
    for i, r in enumerate(regexes):
        try:
            regex.compile(r)
        except regex.error as exc:
            raise RuleSpecError(f"invalid regular expression: {exc}", ("predicate_regex", i)) from None
        parts.append(r)
    if not parts:
        raise RuleSpecError("a claim rule needs 'predicates' or 'predicate_regex'", ("predicates",))
    if regexes:
        triggers = []  # a regex has no literal we can trust; the rule always runs
    return bounded("|".join(f"(?:{x})" for x in parts)), tuple(dict.fromkeys(t for t in triggers if t))


def predicate_prefixes(names: list[str], regexes: list[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII literals one of which every predicate match starts with, or None when
    there are none to rely on (a regex, an empty or non-ASCII phrase). Why ASCII: only there does
    `str.lower` agree with the regex module's case-insensitive matching (see `claim_scan`)."""
    if regexes:
        return None
    out = []
    for p in names:
        if p.lower() in PREDICATES:
            out.append(PREDICATES[p.lower()][1])
        elif p.split():
            out.append(p.split()[0].lower())
        else:
            return None
    if not out or not all(w.isascii() for w in out):
        return None
    return tuple(dict.fromkeys(out))


def name_regex(name: str) -> str:
    """An agent name; all-capital names (FDA, UK, EMA) match case-sensitively so "us" is not the US."""
    body = phrase_to_regex(name)
    return body if not any(c.islower() for c in name) else f"(?i:{body})"


def agent_pattern(groups: dict[str, list[str]]) -> regex.Pattern | None:
    """One alternation with a named group per agent, longest names first."""
    if not groups:
        return None
    keys = list(groups)
    names = sorted(((n, i) for i, k in enumerate(keys) for n in groups[k]), key=lambda x: -len(x[0]))
    # one group per name, named after its agent's index: the regex module allows repeated names
    body = "|".join(f"(?P<a{i}>{name_regex(n)})" for n, i in names)
    return regex.compile(bounded(body), regex.V0)


def object_pattern(phrases: list[str], regexes: list[str], nouns: list[str]) -> regex.Pattern:
    """Objects, each optionally extended by "-based"/"-derived" and a head noun ("exosome-based serums");
    never one followed by "-free" ("exosome-free serums" are not exosome products)."""
    parts = [phrase_to_regex(p) for p in sorted(phrases, key=len, reverse=True)] + [f"(?:{r})" for r in regexes]
    if not parts:
        raise RuleSpecError("a claim rule needs 'objects' or 'object_regex'", ("objects",))
    tail = ""
    if nouns:
        nn = "|".join(phrase_to_regex(n) for n in sorted(nouns, key=len, reverse=True))
        tail = rf"(?:[\s-]+(?:based|derived))?(?:[^\S\n]+(?:{nn})(?![\p{{L}}\p{{N}}]))?"
    return regex.compile(bounded("|".join(parts)) + r"(?![\s-]+free(?![\p{L}\p{N}]))" + tail, regex.I | regex.V0)


def clause_bounds(text: str, sentence: tuple[int, int], at: int) -> tuple[int, int]:
    """The clause of the sentence that holds offset `at`."""
    a, b = sentence
    lo, hi = a, b
    for m in CLAUSE_BREAK.finditer(text, a, b):
        if m.end() <= at:
            lo = m.end()
        elif m.start() >= at:
            hi = m.start()
            break
    return lo, hi


def agent_names(rule: Rule, ctx: CompileContext) -> dict[str, list[str]]:
    """The rule's agents as key -> names: keys of the fact base, or names given inline."""
    raw = rule.options.get("agents", [])
    table = getattr(ctx.facts, "agents", {}) or {}
    if isinstance(raw, dict):
        return {k: list(v) for k, v in raw.items()}
    out = {}
    for i, key in enumerate(raw):
        if key not in table:
            known = ", ".join(sorted(table)) or "none"
            raise RuleSpecError(f"unknown agent {key!r}; the fact base knows: {known} "
                                "(or give names inline: agents: {Key: [name, ...]})", ("agents", i))
        out[key] = list(table[key].names)
    return out


def name_starts(groups: dict[str, list[str]]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The first words of agent names, all-capital names case-sensitively."""
    return phrase_starts([n for names in groups.values() for n in names], exact_capitals=True) if groups else None


def name_words(groups: dict[str, list[str]]) -> Words | None:
    """The words of agent names, all-capital names case-sensitively as `name_regex` has them."""
    return phrase_words([n for names in groups.values() for n in names], exact_capitals=True) if groups else None
