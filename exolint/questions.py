"""The question an answer block replies to, on FAQ pages.

Why: an FAQ splits a claim between a question and its answer. "Are exosomes FDA approved?" /
"Yes. They have full FDA approval." and "Are there any side effects?" / "None whatsoever." make
claims that no sentence makes alone, so a rule that reads one sentence misses them. Rules that
need the pairing ask here: the claim kind resolves a pronoun in an answer to the question's
subject, and a pattern rule with `question:` matches only in answers to questions it names.

And the other way round: a question the page answers with no ("Do you offer exosome injections?" /
"No. They are not licensed.") is not an offer or a claim of the page (`denied_questions`), also
when the answer follows in the question's own paragraph ("Can exosomes cure acne? No exosome
product ...").

A question is a short block (a heading, or a paragraph such as a bold "**Is it safe?**" line) that
is one sentence ending with "?" (a heading may set it up with a sentence before); its answer is the
next block, when that block is not a question or a heading itself. Only the first answer block
counts: later blocks of a long answer have usually moved on to another subject.
"""
from __future__ import annotations

from bisect import bisect_right

import regex

from .document import Document

#: a question longer than this is prose that happens to end with "?", not an FAQ entry
MAX_QUESTION = 200
_MEMO = ("questions", "answers")


def answered_question(doc: Document, pos: int) -> tuple[int, int] | None:
    """The prose range of the question whose answer block holds prose offset `pos`, or None."""
    starts, found = _answers(doc)
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return None
    a, b, question = found[i]
    return question if a <= pos < b else None


#: an answer that starts by saying no: the question it answers is not the page's claim
_DENIAL = regex.compile(
    r"\s*(?:no\b(?!\s+(?:longer|more|need|wonder|other|one\s+else|doubt|problem|question)\b)"
    r"|nope\b|not\s+(?:at\s+all|yet|really|here)\b|never\b"
    r"|we\s+(?:do|can|will)\s+not\b|we\s+(?:don|can|won)['’]t\b|(?:it|they)\s+(?:is|are)\s+not\b"
    r"|(?:it|they)\s+(?:isn|aren)['’]t\b)", regex.I)


_DENIED_MEMO = ("questions", "denied")


def denied_questions(doc: Document) -> list[tuple[int, int]]:
    """The questions, in order, whose answer starts by saying no ("No.", "Not yet.", "We do not
    ..."): "Do you offer exosome injections?" / "No. ..." asks, and the page denies it, so the
    words of the question are not the page's claim. The engine drops findings inside them (for
    rules that do not say `reported_quotes: check`)."""
    got = doc.memo.get(_DENIED_MEMO)
    if got is None:
        text = doc.text
        got = [q for a, b, q in answers(doc) if _DENIAL.match(text, _after_label(text, a, b), b)]
        inline = _inline_denied(doc)
        got = doc.memo[_DENIED_MEMO] = sorted(got + inline) if inline else got
    return got


#: a question that opens a paragraph and is answered no in the same paragraph: Markdown's
#: "**Can exosomes cure acne?**" with "No exosome product ..." on the next line is one block
_INLINE = regex.compile(r"\?[*_\"”’)]*[^\S\n]+(?=(?-i:[NWIT]))")


def _inline_denied(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    out = []
    for m in _INLINE.finditer(text):
        qa = text.rfind("\n", 0, m.start()) + 1
        qb = m.start() + 1
        if (qb - qa <= MAX_QUESTION and _INNER_END.search(text, qa, qb - 1) is None
                and _DENIAL.match(text, m.end()) and _scope(doc, qa) == "paragraph"):
            out.append((qa, qb))
    return out


def answers(doc: Document) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, question range) of each answer block, in order."""
    return _answers(doc)[1]


def _answers(doc: Document) -> tuple[list[int], list[tuple[int, int, tuple[int, int]]]]:
    got = doc.memo.get(_MEMO)
    if got is None:
        got = doc.memo[_MEMO] = _find(doc)
    return got


def _find(doc: Document) -> tuple[list[int], list[tuple[int, int, tuple[int, int]]]]:
    # a block of prose is one line (breaks inside a block are spaces), so questions are found from
    # the "?\n" that end them: a page without one (most pages) costs one search
    text = doc.text
    out: list[tuple[int, int, tuple[int, int]]] = []
    i = text.find("?\n")
    while i >= 0:
        qa, qb = text.rfind("\n", 0, i) + 1, i + 1
        if _is_question(doc, qa, qb):
            a = qb
            while a < len(text) and text[a] == "\n":
                a += 1
            b = text.find("\n", a)
            b = len(text) if b < 0 else b
            if (a < b and not _is_question(doc, a, b) and _scope(doc, a) not in (None, "heading")
                    and _scope(doc, qa) in ("heading", "paragraph")):
                out.append((a, b, (qa, qb)))
        i = text.find("?\n", i + 2)
    return [a for a, _, _ in out], out


#: a sentence ends inside the block: the block is not one question
_INNER_END = regex.compile(r"[.!?][\"”’)\]]*\s+\S")
#: a question or an answer labelled as one ("Q (u/glowgetter):", "Question 3:", "A:", "Answer:", a
#: transcript's speaker in capitals: "RACHEL OSEI:")
_Q_LABEL = regex.compile(r"\s*(?:Q\d*|Question(?:\s+\d+)?)(?:\s*\([^)\n]{0,40}\))?\s*:")
_A_LABEL = regex.compile(r"\s*(?:A\d*|Answer|(?-i:\p{Lu}[\p{Lu}'’.-]+(?:[^\S\n]+\p{Lu}[\p{Lu}'’.-]+){0,3}))"
                         r"(?:\s*\([^)\n]{0,40}\))?\s*:")


def _after_label(text: str, a: int, b: int) -> int:
    m = _A_LABEL.match(text, a, b)
    return m.end() if m is not None else a


def _is_question(doc: Document, a: int, b: int) -> bool:
    """Whether the block [a, b) ends with "?", is at most MAX_QUESTION long and is one sentence,
    or a heading or a block labelled as a question ("Q:"): these may set the question up first
    ("My clinic says it is risk-free. Is that right?"), while a paragraph of several sentences
    that ends with "?" is prose."""
    text = doc.text
    while b > a and text[b - 1].isspace():
        b -= 1
    return (0 < b - a <= MAX_QUESTION and text[b - 1] == "?"
            and (_INNER_END.search(text, a, b - 1) is None or _scope(doc, a) == "heading"
                 or _Q_LABEL.match(text, a, b) is not None))


def _scope(doc: Document, at: int) -> str | None:
    seg = doc.segment_at(at)
    return seg.scope if seg is not None else None
