"""What a plural pronoun stands for, when its clause names no subject a rule knows.

Why: FAQ answers and follow-up sentences make claims about "they": "Are exosomes FDA approved?" /
"Yes. They have full FDA approval."; "What are exosomes?" / "... About 0.5 to 2 microns across,
they ...". The claim kind needs an object in the clause and the quantity kind a subject in the
sentence, so without this both are missed. Resolution is deliberately narrow, because a wrong
antecedent is a false alarm on an honest page:

- only "they", "these" and "ours" as the subject of a clause, the pronouns an FAQ or a caption
  uses for a plural subject, and a definite description of a product there ("Every lot ...",
  "This serum ...", "Each vesicle ...", "Each one ...": `ANAPHOR`), which takes the same chain back;
- the antecedent is an object of the rule found at the start of the sentence before, in the same
  block ("Our exosomes come from a US lab. They are FDA approved."), or anywhere in it when it is a
  question ("So what are exosomes? They're ..."), skipping bare answers
  ("Yes.", "Tiny!") and sentences that start with "they" or a description too; any other sentence before
  breaks the chain (the pattern given is what the rule looks for: its objects, or its subjects);
- at the start of an answer block the chain goes on into the question it answers
  (`exolint.questions`), where the object may stand anywhere.

Product pages leave the subject out altogether: a bullet under "ExoGlow Exosome Ampoule" reads
"Dermatologist tested and FDA-approved formula". In a list item, a generic product noun right
after the predicate ("formula", "serum", "treatment", see `GENERIC`) stands for the product the
page's title (or, without one, its first level-1 heading) names (`page_product`).
"""
from __future__ import annotations

import regex

from ..document import Document
from ..questions import answered_question
from .candidates import usable_lower

#: "they", "these" or "ours" as the subject of a clause: first in its sentence or after a comma, colon
#: or semicolon ("About 2 microns across, they ...", "Exosomes are tiny. Ours are ..."); an object
#: pronoun ("which allows them to ...") usually stands for a noun of its own sentence, which this
#: cannot see
PRONOUN = regex.compile(
    r"(?<=(?:^|[\n.!?:;,(“\"])[^\S\n]*)(?:they(?:['’](?:re|ve|ll))?|these|ours)(?![\p{L}\p{N}_'’])", regex.I)
#: a definite description standing for the subject of the sentence before ("Our exosomes come from
#: a lab in Texas. Every lot has been approved ..."), at the start of a clause like `PRONOUN`; "each
#: one" too ("How small are the exosomes?" / "Each one is ...")
ANAPHOR = regex.compile(
    r"(?<=(?:^|[\n.!?:;,(“\"])[^\S\n]*)(?:(?:every|each|the|this|that|our|these|those)\s+"
    r"(?:lot|batch|vial|bottle|shipment|product|serum|formula|ampoule|vesicle)s?|(?:every|each)\s+one)"
    r"(?![\p{L}\p{N}_])", regex.I)
#: a sentence that only answers yes or no ("Yes.", "Absolutely!", "Yes, they are."), or exclaims in a
#: word or two ("Tiny!", "So small!"), after an answer's label or not ("Answer: Tiny!")
_BARE_ANSWER = regex.compile(
    r"\s*(?:(?:answer|a)\s*:\s*)?(?:(?:yes|yep|yeah|absolutely|definitely|certainly|of\s+course|indeed|correct|that's\s+right)"
    r"(?:\s*,?\s*(?:they|these)\s+(?:are|do|have|can|will))?\s*[.!]*"
    r"|[\p{L}'’-]+(?:[^\S\n]+[\p{L}'’-]+)?[^\S\n]*!+)\s*", regex.I)
#: the subject of the sentence before: an object within its first words ("The exosomes we use ...")
_SUBJECT_WORDS = 3
#: nouns a product page uses for its own product ("FDA-approved formula")
GENERIC = regex.compile(
    r"(?<![\p{L}\p{N}_])(?:formula|product|serum|ampoule|cream|treatment|programme|program|protocol|therapy|"
    r"kit|range|solution|booster)s?(?![\p{L}\p{N}_])", regex.I)
#: a word; a compound ("lab-grown", "today's") is one, so "The lab-grown exosomes" opens with its subject
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")
_ANAPHOR_NOUNS = ("lot", "batch", "vial", "bottle", "shipment", "product", "serum", "formula", "ampoule", "vesicle",
                  "each one", "every one")


def may_hold_pronoun(doc: Document, span: tuple[int, int]) -> bool:
    """False when the prose range holds none of "they", "these" and "ours" in any case: most clauses
    without an object hold no pronoun either, and substring tests are cheaper than a search."""
    return _may_hold(doc, span, ("they", "these", "ours"))


def may_hold_anaphor(doc: Document, span: tuple[int, int]) -> bool:
    """False when the prose range holds none of `ANAPHOR`'s nouns in any case."""
    return _may_hold(doc, span, _ANAPHOR_NOUNS)


def _may_hold(doc: Document, span: tuple[int, int], words: tuple[str, ...]) -> bool:
    low = usable_lower(doc)
    if low is None:
        return True  # lower-casing moved the offsets: let the search decide
    return any(low.find(w, *span) >= 0 for w in words)


def pronoun_antecedent(doc: Document, objects: regex.Pattern, sentence: tuple[int, int],
                       timeout: float | None) -> regex.Match | None:
    """The match of `objects` that a pronoun or a definite description at a clause start in
    `sentence` stands for (see the module doc), or None. Remembered per sentence and pattern:
    every rule with the same objects asks."""
    key = ("antecedent", objects.pattern, sentence)
    if key not in doc.memo:
        doc.memo[key] = _antecedent(doc, objects, sentence, timeout)
    return doc.memo[key]


def _antecedent(doc: Document, objects: regex.Pattern, sentence: tuple[int, int],
                timeout: float | None) -> regex.Match | None:
    text = doc.match_text
    lo, _ = doc.window(sentence[0], sentence[0], "paragraph")
    at = sentence[0]
    while at > lo:
        j = at - 1
        while j > lo and text[j].isspace():
            j -= 1
        prev = doc.window(j, j, "sentence")
        if prev[0] >= at or prev[0] < lo:
            break
        at = prev[0]
        if _BARE_ANSWER.fullmatch(text, prev[0], prev[1], timeout=timeout):
            continue
        start = _start_words(text, prev)
        if (PRONOUN.match(text, start, prev[1], timeout=timeout)
                or ANAPHOR.match(text, start, prev[1], timeout=timeout)):
            continue  # "They are tiny sacs ...", "Every lot is tested.": about the same thing
        m = objects.search(text, prev[0], prev[1], timeout=timeout)
        if text[prev[0]:prev[1]].rstrip().endswith("?"):
            return m  # a question asked in the text ("So what are exosomes? They're ..."), read as an FAQ's
        head_end = _after_words(text, prev, _SUBJECT_WORDS)
        return m if m is not None and m.start() < head_end else None
    question = answered_question(doc, lo)
    if question is None:
        return None
    return objects.search(text, question[0], question[1], timeout=timeout)


def _start_words(text: str, span: tuple[int, int]) -> int:
    m = _WORD.search(text, span[0], span[1])
    return m.start() if m else span[1]


def _after_words(text: str, span: tuple[int, int], n: int) -> int:
    """The offset after the first `n` words of the span (its end when it has fewer)."""
    end = span[0]
    for i, m in enumerate(_WORD.finditer(text, span[0], span[1])):
        if i == n:
            break
        end = m.end()
    return end


def page_product(doc: Document, objects: regex.Pattern, at: int, timeout: float | None) -> regex.Match | None:
    """The match of `objects` in the page's title (or first level-1 heading) that a generic product
    noun at prose offset `at` stands for, when `at` is in a list item; else None."""
    seg = doc.segment_at(at)
    if seg is None or seg.scope != "list":
        return None
    key = ("antecedent", "page-product", objects.pattern)
    if key not in doc.memo:
        doc.memo[key] = _page_product(doc, objects, timeout)
    return doc.memo[key]


def _page_product(doc: Document, objects: regex.Pattern, timeout: float | None) -> regex.Match | None:
    title = doc.title_span()
    return None if title is None else objects.search(doc.match_text, *title, timeout=timeout)
