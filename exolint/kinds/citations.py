"""Citations in prose: the numbered markers that point at a page's reference list, and the other
ways a page names its sources.

A claim is only as good as the source a reader could find. A DOI, a PMID or a trial number names one
paper; "Smith et al., 2021" nearly does (`citation_sources`); "(1)" does when entry 1 of the page's
reference list has authors and a title or an identifier (`citation_entries`). "(1) Journal of X, 2019"
does not: a journal and a year match hundreds of papers. This module finds the markers, resolves
them through the reference index (built once per document and shared by every `evidence` rule),
and finds the clause a marker closes.
"""
from __future__ import annotations

import regex

from ..document import Document
from .citation_entries import SUPERSCRIPT, reference_index

_COMMA = regex.compile(r"\s*,\s*")
_AND = regex.compile(r"\s*(?:and|&)\s*")
_RANGE = regex.compile(r"(\d+)\s*[–-]\s*(\d+)$")

# -- markers: (3), [3], [1, 2], [2-4], ³, (references 2 and 4) -----------------------------------------
MARKER = regex.compile(
    r"(?<=[\p{L}.,;:!?%)\]\"”’]|[\p{L}\p{N}.,;:!?%)\]\"”’]\s)(?<!\d)(?<![:;,]\s?)(?<!\b(?:and|or|step|figure|fig\.|table|page|p\.|section|option|basket|cart|bag|comments?|replies|reviews|likes|shares|votes|answers|messages|notifications|posts|questions|photos|videos|images|items)\s?)(?<!\([a-z]{1,4}\))"
    r"(?:\s?\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]|\s?\((\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
    # in words: "(references 2 and 4)", "(see reference 3)", "(refs. 1-3)"
    r"|\s?\((?:see\s+)?(?:references?|refs?\.?)\s+(\d{1,3}(?:\s*(?:[,–-]|and|&)\s*\d{1,3})*)\))"
    r"(?=[\s.,;!?)\[]|$)(?!\s*:\s*\d)(?!\s+\d)(?<![(\[]0[)\]])", regex.I)
# not a journal's volume(issue):pages, a telephone area code ("(03) 9555 0176"), a zero or a law's
# subsection ("section 351(a)(1)")


def marker_numbers(raw: str) -> list[int]:
    """[1, 3-5] -> [1, 3, 4, 5]."""
    raw = raw.translate(SUPERSCRIPT)
    out: list[int] = []
    for part in _COMMA.split(_AND.sub(",", raw)):
        rng = _RANGE.match(part)
        if rng:
            lo, hi = int(rng.group(1)), int(rng.group(2))
            out.extend(range(lo, min(hi, lo + 50) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


_OPENERS = ("(", "[") + tuple("¹²³⁴⁵⁶⁷⁸⁹⁰")
# what follows "(" or "[" in "(see 4)", "(PRP)", "[ ]": never the digit a marker's number starts with
_NOT_NUMBER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \t")


#: how a marker in words begins after its bracket: "(references 2 and 4)", "(see ref. 3)"
_IN_WORDS = frozenset(("ref", "see"))


def _marker_starts(text: str, start: int, end: int) -> list[int]:
    """Every position where a MARKER match can begin: at an opening bracket that a letter or space
    does not follow or at a superscript digit, or one character before it (the optional space).
    Trying MARKER only there, in order, finds exactly what `finditer` finds, without running its
    lookbehinds at every character of the page."""
    starts: set[int] = set()
    for ch in _OPENERS:
        bracket = ch in "(["
        i = text.find(ch, start, end)
        while i >= 0:
            if (not (bracket and text[i + 1:i + 2] in _NOT_NUMBER)
                    or ch == "(" and text[i + 1:i + 4].lower() in _IN_WORDS):
                starts.add(i)
                if i > start:
                    starts.add(i - 1)
            i = text.find(ch, i + 1, end)
    return sorted(starts)


def markers(doc: Document, start: int, end: int, timeout: float | None) -> list[tuple[int, int, list[int]]]:
    """Citation markers in text[start:end] (not the numbers that open a reference entry)."""
    key = ("evidence", "markers", start, end)
    found = doc.memo.get(key)
    if found is not None:
        return found
    idx = reference_index(doc)
    text = doc.match_text
    out = []
    last = start
    for p in _marker_starts(text, start, end):
        if p < last:
            continue
        m = MARKER.match(text, p, end, None, False, timeout)  # timeout by position: cheaper
        if m is None:
            continue
        last = m.end()
        raw = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if idx.entry_starts_after(s, 8):
            continue
        if m.group(2) and not idx.entries and text[max(0, s - 8):s].rstrip().endswith("%"):
            continue  # "22% (13) said no difference": a count after a share, on a page with no list
        out.append((s, m.end(), marker_numbers(raw)))
    out = _without_enumerations(text, out)
    if not idx.entries and len(out) >= 3:
        out = _without_counts(text, out)
    doc.memo[key] = out
    return out


#: the second item of a list inside a sentence, after its connective: ", (2) your", "and [2] a"
_SECOND_ITEM = regex.compile(r"(?:[,;]|\band|\bor)\s*(?:\(2\)|\[2\])\s\p{L}")


def _without_enumerations(text: str, found: list[tuple[int, int, list[int]]]) -> list[tuple[int, int, list[int]]]:
    """`found` without a "(1)" that numbers the first item of a list inside a sentence: "bring (1)
    your ID and (2) a list of your medicines" holds no citation. It opens the words of its item,
    and "and (2)", "or (2)" or ", (2)" before more words follows in the same block (MARKER never
    takes those); "smoother skin (1) and fewer lines (2)." is two citations."""
    def enumerates(s: int, e: int, nums: list[int]) -> bool:
        if nums != [1] or text[e:e + 1] != " " or not text[e + 1:e + 2].isalpha():
            return False
        block_end = text.find("\n", e)
        return _SECOND_ITEM.search(text, e, len(text) if block_end < 0 else block_end) is not None

    return [m for m in found if not enumerates(*m)]


#: how far apart two bracketed numbers of one run of counts stand at most
_COUNT_GAP = 80


def _without_counts(text: str, found: list[tuple[int, int, list[int]]]) -> list[tuple[int, int, list[int]]]:
    """`found` without runs of counts: on a page with no reference list, three or more bracketed
    numbers close together whose numbers do not rise ("umbilical cord cells (2), plant material
    (4), bovine milk (1) and not stated (1)") count things; citation markers number sources in the
    order they are first cited."""
    out: list[tuple[int, int, list[int]]] = []
    i = 0
    while i < len(found):
        j = i + 1
        while (j < len(found) and found[j][0] - found[j - 1][1] <= _COUNT_GAP
               and "\n" not in text[found[j - 1][1]:found[j][0]]):
            j += 1
        run = found[i:j]
        firsts = [nums[0] for _, _, nums in run if nums]
        if len(run) < 3 or all(a < b for a, b in zip(firsts, firsts[1:], strict=False)):
            out += run
        i = j
    return out


def supported_by_marker(doc: Document, start: int, end: int, timeout: float | None) -> bool:
    """A marker in the range that resolves to a complete reference entry."""
    idx = reference_index(doc)
    for _, _, nums in markers(doc, start, end, timeout):
        if any(n in idx.by_number and idx.by_number[n].complete for n in nums):
            return True
    return False


def link_in(doc: Document, start: int, end: int) -> bool:
    """A hyperlink's text in the range: the reader can follow it to the document the prose names
    (HTML and Markdown pages name guidance by linking it, not by printing its URL)."""
    return any(s.scope == "link" and s.start < end and start < s.end for s in doc.segments)


_CLAUSE_BREAK = regex.compile(r"[;:]\s*|\s[–—]\s")


def citing_clause(doc: Document, marker_start: int, max_len: int = 200) -> int:
    """Start of the clause a marker closes: back to the sentence start, a ';', ':' or dash, or the
    previous marker of the sentence, whichever is nearest; at most `max_len` characters, cut at a word."""
    a, _ = doc.window(marker_start, marker_start, "sentence")
    start = a
    for m in _CLAUSE_BREAK.finditer(doc.text, a, marker_start):
        start = m.end()
    for m in MARKER.finditer(doc.match_text, a, marker_start):
        start = max(start, m.end())
    while start < marker_start and not doc.text[start].isalnum():
        start += 1
    if marker_start - start > max_len:
        cut = doc.text.find(" ", marker_start - max_len, marker_start)
        start = cut + 1 if cut >= 0 else marker_start - max_len
    return start
