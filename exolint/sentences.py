"""A sentence splitter that is not fooled by "Dr.", "et al.", "e.g.", "vs.", "2.5", initials or URLs.

Rules look for context within a sentence, so a split in the middle of "et al. (2019)" would hide a
citation from the claim it supports. The splitter is rule-based and deliberately conservative:
when in doubt it does not split.

Text without sentence punctuation (a keyword list, scraped text, a long image description) would
be one "sentence" as long as its block, and the rules' work for each match in it grows with the
sentence: a 400 KB unpunctuated page took minutes. A sentence longer than `MAX_SENTENCE`
characters is therefore cut into pieces at spaces; the longest sentence in the test and bench
corpora has about 1,400 characters.
"""
from __future__ import annotations

from bisect import bisect_right

import regex

# Abbreviations after which a period does not end a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms prof sr jr st vs etc al fig figs eg ie cf approx ca no nos vol vols pp p ed eds
    inc ltd co corp dept univ assn est jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    resp incl max min avg mg ml vs. e.g i.e u.s u.k op cit ibid
    """.split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace; or
# an emoji before whitespace, which ends a line of a caption or a text message as a full stop would
# ("reverse ur ageing in 1 hr ⏳ seriously girls")
_BOUNDARY = regex.compile(r"""[.!?…]+["'”’)\]]*(?=\s)"""
                          r"|\p{Extended_Pictographic}[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]*(?=\s)")
_URL = regex.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?)\]\"'”’]", regex.I)
_WORD_BEFORE = regex.compile(r"[\p{L}\p{N}.]+", regex.REVERSE)  # the run ending at a position
_DOTTED = regex.compile(r"(?:\p{L}\.)+\p{L}")
_NEXT = regex.compile(r"\s+(\S)")
#: the longest sentence (in characters) before it is cut at a space (see the module doc)
MAX_SENTENCE = 2000


def _is_abbreviation(text: str, dot: int, lo: int) -> bool:
    # the longest run of letters, digits and dots that ends at the dot, at most 20 characters back
    m = _WORD_BEFORE.match(text, max(lo, dot - 20), dot)
    if not m:
        return False
    word = m.group()
    low = word.lower().rstrip(".")
    if low in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    if _DOTTED.fullmatch(word):
        return True  # "e.g", "U.S"
    return False


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence ranges in text[start:end], whitespace trimmed at both ends."""
    if end is None:
        end = len(text)
    piece = text[start:end]
    if "://" in piece or "www." in piece.lower():
        urls = [(m.start(), m.end()) for m in _URL.finditer(text, start, end)]
    else:
        urls = []  # most blocks hold no address: the scan for one is the slowest part
    url_starts = [a for a, _ in urls]
    url_ends = {b for _, b in urls}
    out: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        p = m.start()
        if urls:
            i = bisect_right(url_starts, p) - 1  # addresses do not overlap: only this one can hold p
            if i >= 0 and p < urls[i][1]:
                continue
        punct = text[p]
        if punct == ".":
            if p not in url_ends and _is_abbreviation(text, p, s):
                continue
            # a lower-case next word usually continues the sentence ("approx. five", "et al. found")
            nxt = _NEXT.match(text, m.end(), min(end, m.end() + 8))
            if nxt and (nxt.group(1).islower() or nxt.group(1).isdigit()):
                continue
        e = m.end()
        out.append((s, e))
        s = e
    out.append((s, end))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > MAX_SENTENCE:  # a run-on: cut at the last space of its first MAX_SENTENCE characters
            cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
            cut = a + MAX_SENTENCE if cut < 0 else cut
            piece_end = cut
            while piece_end > a and text[piece_end - 1].isspace():
                piece_end -= 1
            trimmed.append((a, piece_end))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            trimmed.append((a, b))
    return trimmed
