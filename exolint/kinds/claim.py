"""`claim`: an agent, a predicate and an object in one clause, compared with a fact in the fact base.

    kind: claim
    fact: fda-exosome-approval       # the fact the claim is compared with (rules/facts/*.yaml)
    agents: [FDA, US]                # agent keys from the fact base, or {Key: [name, alias, ...]}
    unattributed: false              # true: also a claim when no other known agent is in the clause
    predicates: [approved, cleared, licensed, authorised]   # built-in names, or literal phrases
    predicate_regex: []              # extra predicates as regular expressions
    objects: [exosome, exosomes, extracellular vesicles]    # what the claim is about
    object_regex: []
    object_nouns: [products, serum]  # nouns that may follow an object (default: a built-in list)
    as: [medical device]             # classification claims: "<predicate> ... as <one of these>"
    requires: ['\\bsafe\\b']           # regexes one of which must occur in the sentence
    exceptions: []                   # regexes that cancel a claim when they occur in the sentence
    polarity: [asserted]             # which polarities to report (default: asserted when the fact's
                                     # `holds` is false, negated when it is true)
    max_words: 8                     # words allowed between the parts of one claim
    message: "'{claim}' conflicts with {source} ({source_date}): {statement}, as of {as_of}."

Built-in predicate names: approved, authorised/authorized, licensed, cleared, certified, endorsed,
recognised/recognized, registered, listed, classified, designated, regulated; each covers its
inflections ("FDA-approved", "approval", "approves") but never "unapproved".

Finding a claim. Every predicate match is a candidate; its clause is its sentence cut at ";", ":",
dashes and "but/however/whereas/although/while". The nearest agent and the nearest object within
`max_words` of the claim make the claim, in either order, active or passive: "FDA-approved exosome
serum", "exosomes approved by the MHRA", "The MHRA has approved several exosome-based treatments".
All-capital agent names match case-sensitively ("us" is not the US). Matching runs on the folded
text, so "FDA-аpprоvеd" written with Cyrillic letters is caught. The finding spans the claim
(agent, predicate, object), never the whole sentence.
A clause without an object may still name it indirectly (`antecedent`): "they"/"these" standing
for an FAQ question's subject or the sentence before's, and in a list item a generic product noun
("FDA-approved formula") standing for the product the page's title names.

Polarity (see `claim_polarity`): negated ("has not approved", "no ... approved", "without
approval", "cannot be legally"), modal ("must be approved", "require FDA approval", "may be
approved", "before approving", "whether ... approved", "will approve"), attributed ("some clinics
claim ...", "marketed as ...") and questions are not assertions and are not reported by default.
A noun predicate ("approval", "licence") is a claim only when something asserts it ("has FDA
approval", "approval was granted", "the FDA's approval of"); otherwise its polarity is "mention"
(see `claim_predication`), so "Regulatory approval for exosome therapy" in a list of open
challenges is not a claim.

Message placeholders: {claim}, {agent}, {predicate}, {object}, {polarity} and the fact's {statement},
{source}, {source_date}, {as_of}, {review_by}, {fact}.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..document import Document
from ..rule import CompileContext, Hit, Rule, fill
from ..ruleset import RuleSpecError
from .antecedent import (
    ANAPHOR,
    GENERIC,
    PRONOUN,
    may_hold_anaphor,
    may_hold_pronoun,
    page_product,
    pronoun_antecedent,
)
from .claim_gate import Words, phrase_words
from .claim_polarity import ASSERTED, MENTION, POLARITIES, polarity
from .claim_parts import comma_ends_verb, found, gap, modifies_other, nearest, next_word
from .claim_predication import asserts
from .claim_scan import phrase_starts, predicate_matches
from .claim_vocab import (
    OBJECT_NOUNS,
    agent_names,
    agent_pattern,
    clause_bounds,
    name_starts,
    name_words,
    object_pattern,
    predicate_pattern,
    predicate_prefixes,
)
from .scan import bounded, compile_any, may_match, phrase_to_regex, scope_ranges

_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}}
SCHEMA = {
    "properties": {
        "fact": {"type": "string", "minLength": 1},
        "agents": {"anyOf": [_LIST, {"type": "object", "additionalProperties": _LIST}]},
        "unattributed": {"type": "boolean"},
        "predicates": _LIST,
        "predicate_regex": _LIST,
        "objects": _LIST,
        "object_regex": _LIST,
        "object_nouns": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "as": _LIST,
        "requires": _LIST,
        "exceptions": _LIST,
        "polarity": {"type": "array", "minItems": 1, "items": {"enum": list(POLARITIES)}},
        "max_words": {"type": "integer", "minimum": 0, "maximum": 30},
    },
    "required": ["fact"],
}


@dataclass
class ClaimRule:
    rule: Rule
    predicate: regex.Pattern
    agents: regex.Pattern | None  # this rule's agents
    known: regex.Pattern | None  # the fact base's agents other than this rule's (for unattributed claims)
    unattributed: bool
    objects: regex.Pattern
    as_: regex.Pattern | None
    requires: regex.Pattern | None
    exceptions: regex.Pattern | None
    report: frozenset[str]
    max_words: int
    values: dict[str, str]
    triggers: tuple[str, ...]
    timeout: float | None
    prefixes: tuple[str, ...] | None = None  # literal starts of every predicate match (claim_scan)
    # words one of which every match of `agents` (when a claim needs one) and `as_` holds (claim_gate)
    agent_words: Words | None = None
    as_words: Words | None = None
    # (lower-cased, exact) words every match of `agents` and `objects` starts with (claim_scan)
    agent_starts: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    object_starts: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def _claim(self, doc: Document, m: regex.Match) -> tuple[
            tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int], regex.Match | None, regex.Match,
            regex.Match | None] | None:
        """The claim around one predicate match: (sentence, clause, span, predicate, agent, object,
        the object a pronoun object stands for) or None."""
        text = doc.match_text
        sentence = doc.window(m.start(), m.end(), "sentence")
        key = ("claim", "clause", sentence, m.start())  # every claim rule reads the same predicates
        clause = doc.memo.get(key)
        if clause is None:
            clause = doc.memo[key] = clause_bounds(text, sentence, m.start())
        pred = m.span()
        agent = (nearest(doc, self.agents, self.agent_starts, clause, pred, [pred], self.max_words, self.timeout)
                 if self.agents is not None else None)
        if agent is None:
            if not self.unattributed:
                return None
            if self.known is not None and found(doc, self.known, None, clause, self.timeout):
                return None  # another body's claim: that body's rule judges it
        core = (min(pred[0], agent.start()), max(pred[1], agent.end())) if agent else pred
        taken = [pred] + ([agent.span()] if agent else [])
        obj = nearest(doc, self.objects, self.object_starts, clause, core, taken, self.max_words, self.timeout)
        if obj is not None and comma_ends_verb(text, clause, pred, core, obj):
            obj = None
        antecedent = None
        if obj is None:
            obj, antecedent = self._said_of(doc, sentence, clause, core, taken)
            if obj is None or antecedent is None:
                return None
        if obj.end() <= pred[0] and modifies_other(text, core, obj, clause, self.objects, self.timeout):
            return None
        parts = [pred, obj.span()] + ([agent.span()] if agent else [])
        if self.as_ is not None:
            cls = self.as_.search(text, pred[1], clause[1], timeout=self.timeout)
            if cls is None or gap(text, pred, cls.span(), 2 * self.max_words) > 2 * self.max_words:
                return None
            parts.append(cls.span())
        span = (min(p[0] for p in parts), max(p[1] for p in parts))
        return sentence, clause, span, pred, agent, obj, antecedent

    def _said_of(self, doc: Document, sentence: tuple[int, int], clause: tuple[int, int], core: tuple[int, int],
                 taken: list[tuple[int, int]]) -> tuple[regex.Match | None, regex.Match | None]:
        """For a clause without an object: the words that stand for one and the object they stand
        for (kinds.antecedent), or (None, None)."""
        # "Are exosomes FDA approved? Yes. They have full FDA approval."
        ref = None
        if may_hold_pronoun(doc, clause):
            ref = nearest(doc, PRONOUN, None, clause, core, taken, self.max_words, self.timeout)
        # "Our exosomes come from a lab in Texas. Every lot has been approved by the FDA."
        if ref is None and may_hold_anaphor(doc, clause):
            ref = nearest(doc, ANAPHOR, None, clause, core, taken, self.max_words, self.timeout)
        if ref is not None:
            return ref, pronoun_antecedent(doc, self.objects, sentence, self.timeout)
        # a bullet on a product page: "Dermatologist tested and FDA-approved formula"
        text = doc.match_text
        generic = GENERIC.match(text, next_word(text, core[1], clause[1]), clause[1], timeout=self.timeout)
        if generic is not None:
            return generic, page_product(doc, self.objects, generic.start(), self.timeout)
        return None, None

    def _may_hold(self, doc: Document) -> bool:
        """False when the page lacks every word of a part that each claim needs (claim_gate)."""
        needed = (None if self.unattributed else self.agent_words, self.as_words)
        if any(w is not None and w.anywhere(doc) is False for w in needed):
            return False
        # "medical device": "medical" is on every clinic page, "device" on few
        return self.as_ is None or may_match(self.as_, doc)

    def _may_claim(self, doc: Document, m: regex.Match) -> bool:
        """False when the paragraph of a predicate match lacks every word of a part its claim
        needs: its clause lies in the paragraph, and the classification follows the predicate."""
        lo, hi = doc.window(m.start(), m.end(), "paragraph")
        if not self.unattributed and self.agent_words is not None and self.agent_words.within(doc, lo, hi) is False:
            return False
        return self.as_words is None or self.as_words.within(doc, m.end(), hi) is not False

    def check(self, doc: Document) -> Iterable[Hit]:
        if not self._may_hold(doc):
            return
        text = doc.match_text
        # reported spans never overlap, so sorted by start they are sorted by end too: a new span
        # overlaps one iff it overlaps the last reported span starting before its end
        starts: list[int] = []
        ends: list[int] = []
        for a, b in scope_ranges(doc, self.rule.scope):
            for m in predicate_matches(self.predicate, self.prefixes, doc, a, b, self.timeout):
                if not self._may_claim(doc, m):
                    continue
                found = self._claim(doc, m)
                if found is None:
                    continue
                sentence, clause, span, pred, agent, obj, antecedent = found
                i = bisect_left(starts, span[1])
                if i and ends[i - 1] > span[0]:
                    continue
                if self.requires is not None and not self.requires.search(text, *sentence, timeout=self.timeout):
                    continue
                if self.exceptions is not None and self.exceptions.search(text, *sentence, timeout=self.timeout):
                    continue
                pol = polarity(text, sentence, clause, span, pred, self.timeout)
                if pol == ASSERTED and not asserts(text, clause, pred, agent.span() if agent else None,
                                                   self.timeout):
                    pol = MENTION
                if pol not in self.report:
                    continue
                starts.insert(i, span[0])
                ends.insert(i, span[1])
                said_of = antecedent or obj
                related = []
                if antecedent is not None:
                    related.append((antecedent.start(), antecedent.end(),
                                    f"'{doc.text[obj.start():obj.end()]}' stands for "
                                    f"'{doc.text[antecedent.start():antecedent.end()]}' here"))
                yield Hit(span[0], span[1], fill(
                    self.rule.message, claim=doc.text[span[0]:span[1]], polarity=pol,
                    agent=doc.text[agent.start():agent.end()] if agent else "",
                    predicate=doc.text[pred[0]:pred[1]], object=doc.text[said_of.start():said_of.end()],
                    **self.values), related=related)


def compile(rule: Rule, ctx: CompileContext) -> ClaimRule:
    o = rule.options
    fact = ctx.facts.get(o["fact"]) if ctx.facts is not None else None
    if fact is None:
        raise RuleSpecError(f"no fact {o['fact']!r} in the fact base (rules/facts/*.yaml)", ("fact",))
    ctx.facts.warn_stale(ctx.warnings)
    pred_body, triggers = predicate_pattern(list(o.get("predicates", [])), list(o.get("predicate_regex", [])))
    groups = agent_names(rule, ctx)
    unattributed = bool(o.get("unattributed", False))
    if not groups and not unattributed:
        raise RuleSpecError("a claim rule needs 'agents' or 'unattributed: true'", ("agents",))
    # the other bodies: one of them in the clause makes an unattributed claim that body's (its
    # rule judges it); the rule's own agents, when too far away to make the claim, do not
    own = {n for names in groups.values() for n in names}
    others = {k: names for k, a in (getattr(ctx.facts, "agents", {}) or {}).items() if k not in groups
              for names in [[n for n in a.names if n not in own]] if names}
    objects = object_pattern(list(o.get("objects", [])), list(o.get("object_regex", [])),
                             list(o.get("object_nouns", OBJECT_NOUNS)))
    as_ = None
    if o.get("as"):
        as_ = regex.compile(bounded("|".join(phrase_to_regex(p) for p in o["as"])), regex.I | regex.V0)
    as_words = phrase_words(list(o["as"])) if o.get("as") else None
    holds = bool(fact.data.get("holds", False))
    report = frozenset(o.get("polarity", ["negated"] if holds else ["asserted"]))
    triggers = tuple(t.lower() for t in rule.raw.get("triggers", ())) or triggers
    return ClaimRule(
        rule, regex.compile(pred_body, regex.I | regex.V0), agent_pattern(groups), agent_pattern(others),
        unattributed, objects, as_, compile_any(list(o.get("requires", [])), ("requires",)),
        compile_any(list(o.get("exceptions", [])), ("exceptions",)), report, int(o.get("max_words", 8)),
        fact.placeholders(), triggers, ctx.regex_timeout,
        predicate_prefixes(list(o.get("predicates", [])), list(o.get("predicate_regex", []))),
        None if unattributed else name_words(groups), as_words,
        name_starts(groups),
        None if o.get("object_regex") else phrase_starts(list(o.get("objects", []))))
