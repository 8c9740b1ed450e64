"""Speed shortcuts of the `density` kind (`density_scan`) must give exactly what the plain
computations give; the duplicate-paragraph shortcuts are tested in test_shingles.py."""
from __future__ import annotations

import random

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.kinds.density_scan import blocks_at, phrase_occurrences, whitespace_candidates, whitespace_led_words
from exolint.plugins.text import parse

REQUIRES = r"\s(?:near|in)\s+(?-i:\p{Lu})"



def test_whitespace_led_words_reads_the_words_after_the_space():
    assert whitespace_led_words(REQUIRES) == frozenset({"near", "in"})
    assert whitespace_led_words(r"\s+near") is None  # the space may repeat: no fixed place
    assert whitespace_led_words(r",\s*(?-i:\p{Lu})") is None
    assert whitespace_led_words(r"\s(?:near|\w+)") is None


def _plain_starts(text: str, pattern: regex.Pattern) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["near", "in", "In", "NEAR", "Leeds", "x", " ", "\n\n", "\t", "\u00a0",
                                  "İ", "ſ", "Kent", ","]), max_size=30))
def test_candidates_hold_every_match_start(parts):
    text = "".join(parts)
    doc = parse(text, "x.txt")
    pattern = regex.compile(REQUIRES, regex.I)
    found = whitespace_candidates(whitespace_led_words(REQUIRES), doc)
    if found is None:
        return  # the page holds a character lower-casing cannot stand for: scanned in full
    assert found == sorted(found)
    assert set(_plain_starts(doc.match_text, pattern)) <= set(found)


def _plain_blocks(doc):
    blocks = {}
    for s in doc.segments:
        cur = blocks.setdefault(s.block, [s.start, s.end])
        cur[0], cur[1] = min(cur[0], s.start), max(cur[1], s.end)
    return [(k, a, b) for k, (a, b) in sorted(blocks.items())]


def test_blocks_at_gives_the_blocks_holding_the_offsets():
    text = "# Peels near Leeds\n\nA long paragraph in York.\n\n- Peels near Hull\n- Fillers in Bath"
    for fmt_doc in (parse(text, "x.txt"), __import__("exolint.registry", fromlist=["x"]).get_registry()
                    .formats["markdown"].parse(text, "x.md", {})):
        every = _plain_blocks(fmt_doc)
        assert blocks_at(fmt_doc, None) == every
        offsets = sorted({i for i, c in enumerate(fmt_doc.text) if c in " \n"})
        expected = [(k, a, b) for k, a, b in every if any(a <= o < b for o in offsets)]
        assert blocks_at(fmt_doc, offsets) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["near", "in", "skin", "nearby", "x", " ", "\n", "\t", "\u00a0", "\u2028",
                                  "\u3000", "\x85", "é", "\x1c", "\r", "\x0b", "\u2009"]), max_size=30))
def test_candidates_are_every_whitespace_before_a_word(parts):
    text = "".join(parts)
    doc = parse(text, "x.txt")
    low = doc.lower_text
    words = frozenset({"near", "in"})
    plain = [i for i in range(len(low)) if low[i].isspace() and any(low.startswith(w, i + 1) for w in words)]
    assert whitespace_candidates(words, doc) == plain


def _plain_blocks_at(doc, at):
    """One `segment_at` an offset: the reading `blocks_at` must agree with."""
    found = {}
    for h in at:
        seg = doc.segment_at(h)
        if seg is None:
            if doc.match_text[h:h + 1] == "\n":
                continue
            return [(k, a, b) for k, a, b in _plain_blocks(doc) if any(a <= o < b for o in at)]
        found.setdefault(seg.block, doc.window(h, h, "paragraph"))
    return [(k, a, b) for k, (a, b) in sorted(found.items())]


_MD_PARTS = ["Peels near Leeds", "[a link in](http://x) York", "\n\n", "\n", "- item in Hull\n- near Bath\n",
             "> quote near Kent", "# Heading in Bath", " ", "text"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MD_PARTS), min_size=1, max_size=12), st.data())
def test_blocks_at_places_offsets_as_segment_at_does(parts, data):
    from exolint.registry import get_registry

    doc = get_registry().formats["markdown"].parse("".join(parts), "x.md", {})
    n = len(doc.text)
    at = sorted(set(data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=12)))) if n else []
    expected = _plain_blocks_at(doc, at)
    assert blocks_at(doc, at) == expected
    for max_len in (0, 10, 30):
        assert blocks_at(doc, at, max_len) == [(k, a, b) for k, a, b in expected if b - a <= max_len]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 8), st.integers(0, 1)), min_size=1, max_size=8),
       st.lists(st.integers(0, 59), max_size=15), st.booleans())
def test_blocks_at_with_gaps_nested_and_empty_segments(shape, offsets, compact):
    """Segments a plugin may make: starts in order, but overlapping, nested or empty, with spaces
    or newlines between them; in a list or a `SegmentList`."""
    from exolint.document import Document, OffsetMap
    from exolint.segments import Segment, SegmentList

    text = "".join(random.Random(len(shape)).choice("ab \n") for _ in range(60))
    segs, start, block = [], 0, 0
    for step, length, new_block in shape:
        start += step
        block += new_block
        segs.append(Segment(start, min(start + length, 60), "paragraph", block))
    if compact:
        packed = SegmentList()
        for s in segs:
            packed.append(s)
        segs = packed
    doc = Document("x", text, text, segs, OffsetMap())
    at = sorted(set(offsets))
    expected = _plain_blocks_at(doc, at)
    assert blocks_at(doc, at) == expected
    assert blocks_at(doc, at, 5) == [(k, a, b) for k, a, b in expected if b - a <= 5]


def test_blocks_at_places_an_offset_in_a_segment_nested_in_another():
    from exolint.document import Document, OffsetMap
    from exolint.segments import Segment

    text = "aaaa bb aaaa\n\nccc"
    segs = [Segment(0, 12, "paragraph", 0), Segment(5, 7, "link", 1), Segment(14, 17, "paragraph", 2)]
    doc = Document("x", text, text, segs, OffsetMap())
    # 2 lies in the first segment; 5 in the link that starts inside it (the last segment starting
    # at or before 5); 9 after the link's end, in no segment as `segment_at` reads it
    assert _plain_blocks_at(doc, [2, 5]) == [(0, 0, 12), (1, 5, 7)]
    assert blocks_at(doc, [2, 5]) == [(0, 0, 12), (1, 5, 7)]
    assert blocks_at(doc, [2, 9]) == _plain_blocks_at(doc, [2, 9]) == [(0, 0, 12)]


def _regex_occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    body = r"[^\S\n]+".join(regex.escape(w) for w in phrase.split())
    rx = regex.compile(r"(?<![\p{L}\p{N}])" + body + r"(?![\p{L}\p{N}])", regex.I)
    return [m.span() for m in rx.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["best", "Best", "BEST", "peel", "Peel", "Leeds", "bestpeel", "x", "2", " ", "  ",
                                  "\n", "\t", "\u00a0", "é", "İ", "ſ", "K", "\u212a", "-", "."]), max_size=30),
       st.sampled_from(["best peel", "best peel leeds", "peel", "k", "best", "peel x"]))
def test_phrase_occurrences_are_the_regex_matches(parts, phrase):
    """The find-based count equals the case-insensitive regex it replaces, on any page, including
    pages with characters lower-casing cannot stand for (then the regex itself is used); phrases
    that share a first word share its positions on the page, and each still gets its own matches."""
    doc = parse("".join(parts), "x.txt")
    assert phrase_occurrences(doc, phrase, None) == _regex_occurrences(doc.match_text, phrase)
    for other in ("best", "best peel", "best best peel", "peel"):
        assert phrase_occurrences(doc, other, None) == _regex_occurrences(doc.match_text, other)
