"""Binding a quantity to the subject it describes: the nearest subject mention in its sentence.

Why its own module: binding is most of the quantity rules' time on a real page, and nearly all
of that went to scanning sentences with the subject pattern, a long case-blind alternation of
phrases that the `regex` module tries at every position (about 100 ns a character). A mention can
only start where a phrase's first word does, and `str.find` in lower-cased text finds those places
at memory speed, so the pattern is tried there alone (`Binder.mentions`), with the same matches.
And a quantity is bound only when a rule asks about it (`lazy_subjects`): a rule asks only about
the numbers it could report, and a contradiction check only when an earlier figure could conflict
(`Earlier`).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..document import Document
from ..questions import answered_question
from ..tables import row_header
from .antecedent import ANAPHOR, PRONOUN, may_hold_pronoun, pronoun_antecedent
from .quantity_extract import Quantity

_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[,;]")
#: the only characters that match an ASCII letter case-blind (`regex.IGNORECASE`) but do not
#: lower-case to it in place ("ſ" matches "s"; "İ" matches "i" and lower-cases to two characters);
#: a test finds them by trying every character
CASE_TRAPS = "\u0130\u017f"


def ascii_first_words(phrases: list[str]) -> tuple[str, ...] | None:
    """The lower-cased first words of the phrases, when all are ASCII (else None): every match of
    the subject pattern starts with one of them. A word that another one starts with is left out,
    as the shorter one finds its places too ("cell" finds "cells")."""
    words = [p.split()[0].lower() if p.split() else "" for p in phrases]
    if not words or not all(w and w.isascii() for w in words):
        return None
    return tuple(sorted(w for w in set(words) if not any(v != w and w.startswith(v) for v in words)))


@dataclass
class Binder:
    subjects: regex.Pattern  # group "ours" or "other"
    max_words: int
    #: the first word of every subject, literally: a cheap test that a line can hold a subject at all
    mention: regex.Pattern | None = None
    #: `ascii_first_words` of all phrases, or None to scan with the pattern everywhere
    first_words: tuple[str, ...] | None = None

    def bound(self, doc: Document, q: Quantity, timeout: float | None) -> str | None:
        """The subject text a quantity describes, or None when it is about something else: the
        nearest mention before it in its sentence (within `max_words`), else the nearest after it;
        the subject being the unit word itself wins. A plural pronoun nearer than the mention
        counts as what it stands for (`kinds.antecedent`)."""
        text = doc.match_text
        if self.mention is not None and "\n" not in text[q.start:q.end]:
            # a sentence never leaves its block, and a block has no newline: no subject word in the
            # line means no subject in the sentence, and splitting sentences can wait
            lo, hi = doc.prose_line(q.start, q.end)
            if (not self.mention.search(text, lo, hi, timeout=timeout)
                    and not self._question_mentions(doc, lo, hi, timeout)):
                return self._row_subject(doc, q, timeout, cell=(lo, hi))
        a, b = doc.window(q.start, q.end, "sentence")
        mentions, ends = self._sentence_mentions(doc, a, b, timeout)
        unit, best_before, best_after = nearest_mentions(text, mentions, ends, q.start, q.end, self.max_words)
        if unit is not None:  # the unit word is the subject
            return doc.text[unit[0]:unit[1]] if unit[2] else None
        # "About 0.5 to 2 microns across, they are ...": a plural pronoun nearer than any mention
        # stands for what it refers to (kinds.antecedent), when that is one of our subjects; after
        # a mention in its own sentence ("Exosomes are small: they measure ...") it stands for that
        ante: list = []
        first_mention = mentions[0][0] if mentions else b
        pronouns: list[regex.Match] = list(PRONOUN.finditer(text, a, first_mention, timeout=timeout)) \
            if may_hold_pronoun(doc, (a, first_mention)) else []
        # "Each vesicle measures ...", "These vesicles are ...": a description that opens the sentence
        # (only there: "vesicles" is in most sentences about exosomes, and searching each costs)
        described = ANAPHOR.match(text, a, first_mention, timeout=timeout)
        if described is not None:
            pronouns.append(described)
        for m in pronouns:
            if m.end() <= q.start:
                d, best = len(_TOKEN.findall(text, m.end(), q.start)), best_before
            elif m.start() >= q.end:
                d, best = len(_TOKEN.findall(text, q.end, m.start())), best_after
            else:
                continue
            if d > self.max_words or (best is not None and best[0] < d):
                continue
            if not ante:
                ante.append(pronoun_antecedent(doc, self.subjects, (a, b), timeout))
            got = ante[0]
            if got is None or got.group("ours") is None:
                break
            if m.end() <= q.start:
                best_before = (d, True, got.start(), got.end())
            else:
                best_after = (d, True, got.start(), got.end())
        pick = best_before or best_after
        if pick is None:
            return self._row_subject(doc, q, timeout)
        if not pick[1]:
            return None
        return doc.text[pick[2]:pick[3]]

    def _row_subject(self, doc: Document, q: Quantity, timeout: float | None,
                     cell: tuple[int, int] | None = None) -> str | None:
        """In a table cell that names nothing, the subject its row's first cell names last
        ("Exosome diameter | 800-1,200 nm"; "Roller needle length | 0.5 mm" is about needles).
        `cell`: the quantity's line, when only the cheap test for our subjects has read it."""
        head = row_header(doc, q.start)
        if head is None or (cell is not None and self.mentions(doc.match_text, *cell, timeout)):
            return None
        found = self.mentions(doc.match_text, *head, timeout)
        if not found or not found[-1][2]:
            return None
        s, e, _ = found[-1]
        return doc.text[s:e]

    def _question_mentions(self, doc: Document, lo: int, hi: int, timeout: float | None) -> bool:
        """Whether a line without a mention of its own may still bind a quantity to one of our
        subjects: only through a pronoun whose chain ends in the FAQ question the line answers."""
        assert self.mention is not None
        question = answered_question(doc, lo)
        if question is None or not self.mention.search(doc.match_text, *question, timeout=timeout):
            return False
        return may_hold_pronoun(doc, (lo, hi))

    def _sentence_mentions(self, doc: Document, a: int, b: int,
                           timeout: float | None) -> tuple[list[tuple[int, int, bool]], list[int]]:
        """`mentions` of a sentence and their ends, once for all the quantities in it."""
        key = ("quantity", "mentions", self.subjects.pattern, a, b)
        got = doc.memo.get(key)
        if got is None:
            found = self.mentions(doc.match_text, a, b, timeout)
            got = doc.memo[key] = (found, [e for _, e, _ in found])
        return got

    def mentions(self, text: str, a: int, b: int, timeout: float | None) -> list[tuple[int, int, bool]]:
        """The matches of `subjects.finditer(text, a, b)` as (start, end, ours).

        The pattern is tried only where a first word occurs in the lower-cased text. That finds
        every match when lower-casing keeps every offset and catches every case-blind match of an
        ASCII word, which holds unless the text has one of `CASE_TRAPS`; then, or when some phrase
        is not ASCII, the pattern scans every position.
        """
        piece = text[a:b]
        low = piece.lower()
        if (self.first_words is None or len(low) != len(piece)
                or not piece.isascii() and any(c in piece for c in CASE_TRAPS)):
            return [(m.start(), m.end(), m.group("ours") is not None)
                    for m in self.subjects.finditer(text, a, b, timeout=timeout)]
        places = set()
        for w in self.first_words:
            i = low.find(w)
            while i >= 0:
                places.add(i)
                i = low.find(w, i + 1)
        out: list[tuple[int, int, bool]] = []
        last, match = a, self.subjects.match
        for i in sorted(places):  # as finditer: leftmost first, resuming after each match
            if a + i < last:
                continue
            m = match(text, a + i, b, timeout=timeout)
            if m is not None:
                out.append((m.start(), m.end(), m.group("ours") is not None))
                last = m.end()
        return out


def nearest_mentions(text: str, mentions: list[tuple[int, int, bool]], ends: list[int], start: int, end: int,
                     max_words: int) -> tuple[tuple[int, int, bool] | None, tuple | None, tuple | None]:
    """The mention that overlaps text[start:end], or else the nearest mentions before and after it
    within `max_words` words, as (words, ours, start, end).

    Mentions do not overlap, so the words between one and the quantity grow with the distance:
    the nearest mention on each side is the best there. Measuring every mention of the sentence
    from every quantity in it cost the square of a sentence full of figures."""
    k = bisect_right(ends, start)  # mentions[:k] end before the quantity
    before = after = None
    if k < len(mentions):
        s, e, mine = mentions[k]
        if s < end:
            return mentions[k], None, None
        d = len(_TOKEN.findall(text, end, s))
        if d <= max_words:
            after = (d, mine, s, e)
    if k:
        s, e, mine = mentions[k - 1]
        d = len(_TOKEN.findall(text, e, start))
        if d <= max_words:
            before = (d, mine, s, e)
    return None, before, after


_UNASKED = object()  # a quantity not bound yet (None is a bound "about something else")


def lazy_subjects(doc: Document, key: tuple, found: list[Quantity], binder: Binder,
                  timeout: float | None) -> Callable[[int], str | None]:
    """The bound subject of `found[i]` as a function of i, bound on first ask and kept in
    `doc.memo[key]` for every rule that binds the same way. Binding costs a sentence split and a
    subject scan, and a rule asks only about the quantities it could report: most numbers on a
    page are plausible, so a plausibility rule asks about few of them."""
    bound = doc.memo.get(key)
    if bound is None:
        bound = doc.memo[key] = [_UNASKED] * len(found)

    def subject(i: int) -> str | None:
        s = bound[i]
        if s is _UNASKED:
            s = bound[i] = binder.bound(doc, found[i], timeout)
        return s
    return subject


class Earlier:
    """The earlier figures a `contradiction` check compares a quantity with.

    In order of appearance, the earlier figures for our subjects are the bound ones among the
    earlier quantities that no lost dash explains (`add`). Binding them all would bind nearly
    every number on a page, so they are bound only when a quantity could conflict at all: the
    ratio of two upper ends grows as they move apart, so a quantity conflicts with some earlier
    one exactly when it does with the smallest or the largest earlier upper end (`may_conflict`).
    The same holds for the bound figures alone, with strict bounds ("under 200 nm") kept apart
    (`first_conflict`): a page with thousands of agreeing figures is not compared pair by pair.
    """

    def __init__(self, tolerance: float, found: list[Quantity], subject: Callable[[int], str | None]) -> None:
        self.tolerance, self.found, self.subject = tolerance, found, subject
        self.pending: list[int] = []  # earlier candidates not bound yet
        self.bound: list[Quantity] = []  # earlier candidates bound to our subjects, in order
        self.extremes: dict[str, tuple[float, float]] = {}  # dimension -> (least, greatest) positive top
        #: per dimension, over the bound figures with a positive top: the least and the greatest top
        #: and the greatest lower end of those that are not strict bounds, the least top of those that are
        self._bound_ends: dict[str, list[float]] = {}

    def add(self, i: int, q: Quantity) -> None:
        self.pending.append(i)
        if q.top > 0:
            lo, hi = self.extremes.get(q.dimension, (q.top, q.top))
            self.extremes[q.dimension] = (min(lo, q.top), max(hi, q.top))

    def may_conflict(self, q: Quantity) -> bool:
        ends = self.extremes.get(q.dimension)
        if ends is None or q.top <= 0:
            return False
        return any(max(p, q.top) / min(p, q.top) > self.tolerance for p in ends)

    def seen(self) -> list[Quantity]:
        """The earlier figures for our subjects so far, binding the pending ones."""
        for j in self.pending:
            if self.subject(j) is not None:
                p = self.found[j]
                self.bound.append(p)
                top = p.top
                if top > 0:
                    ends = self._bound_ends.setdefault(p.dimension, [_INF, -_INF, -_INF, _INF])
                    if p.strict:
                        ends[3] = min(ends[3], top)
                    else:
                        ends[0], ends[1] = min(ends[0], top), max(ends[1], top)
                        ends[2] = max(ends[2], p.lo if p.lo is not None else top)
        self.pending.clear()
        return self.bound

    def first_conflict(self, q: Quantity) -> Quantity | None:
        """The first earlier figure for our subjects whose `conflict_ratio` with `q` is over the
        tolerance, or None. Whether there is one is read from the extremes of the bound figures;
        only then are they gone through in order."""
        seen = self.seen()
        t = q.top
        ends = self._bound_ends.get(q.dimension)
        if ends is None or t <= 0:
            return None
        least, greatest, greatest_low, least_strict = ends
        tol = self.tolerance
        if q.strict:  # only a figure that is not a bound can be above it
            possible = greatest_low > t and greatest_low / t > tol
        else:
            low = q.lo if q.lo is not None else t
            possible = (greatest > 0 and (max(greatest, t) / min(greatest, t) > tol
                                          or max(least, t) / min(least, t) > tol)) \
                or (least_strict < _INF and low > least_strict and low / least_strict > tol)
        if not possible:
            return None
        for p in seen:
            if p.dimension == q.dimension and p.top > 0 and conflict_ratio(p, q) > tol:
                return p
        return None


_INF = float("inf")


def conflict_ratio(p: Quantity, q: Quantity) -> float:
    """How far two figures for one subject disagree: the ratio of their upper ends, except that a
    strict upper bound ("under 200 nm") disagrees only with sizes above it, by the other figure's
    lower end (so "less than 1 µm" and "30-150 nm" agree), and two such bounds never disagree."""
    if p.strict and q.strict:
        return 1.0
    if p.strict or q.strict:
        bound, other = (p, q) if p.strict else (q, p)
        low = other.lo if other.lo is not None else other.top
        return low / bound.top if low > bound.top else 1.0
    return max(p.top, q.top) / min(p.top, q.top)
