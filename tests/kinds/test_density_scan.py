"""Speed shortcuts of the `density` kind (`density_scan`, `shingles.paragraph_words`, the sorted
pair walk) must give exactly what the plain computations give."""
from __future__ import annotations

import random
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.kinds.density_scan import blocks_at, whitespace_candidates, whitespace_led_words
from exolint.kinds.shingles import _words, duplicate_groups, paragraph_words
from exolint.plugins.text import parse

REQUIRES = r"\s(?:near|in)\s+(?-i:\p{Lu})"

# letters, digits, symbols _words special-cases, case-odd and case-changing characters, spaces
ALPHABET = list("abcXYZ019 -'.,") + ["’", "£", "é", "É", "İ", "ſ", "K", "Σ", "ß", "\u00a0", "\t", "·", "—", "Ⅻ"]


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
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=6))
def test_paragraph_words_equal_words_of_each_paragraph(paras):
    text = "\n\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    expected = [_words(text, a, b) for a, b in spans]
    assert paragraph_words(text, spans, text.lower()) == expected
    assert paragraph_words(text, spans) == expected


def test_paragraph_words_hold_for_every_character_that_lowercases_to_one():
    """Per character: the fast reading (lower-case first) and `_words` (words first) agree."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and len(chr(c).lower()) == 1]
    for i in range(0, len(chars), 4096):
        chunk = "".join(f"a{c}b " for c in chars[i:i + 4096])
        spans = [(0, len(chunk))]
        assert paragraph_words(chunk, spans, chunk.lower()) == [_words(chunk, 0, len(chunk))]


def test_duplicate_groups_with_lower_text_and_sorted_pairs_equal_the_plain_walk():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(10)] + ["Café", "naïve"]
    paras = [" ".join(rng.choice(vocab) for _ in range(rng.randint(15, 45))) for _ in range(8)]
    paras += [paras[0].replace("w1 ", "zz ", 1), paras[2] + " a few more words", paras[3][:60]]
    text = "\n\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    for threshold in (0.0, 0.5, 0.7, 0.9, 1.0):
        plain = _plain_groups(text, spans, 12, threshold)
        assert duplicate_groups(text, spans, 12, threshold) == plain
        assert duplicate_groups(text, spans, 12, threshold, text.lower()) == plain


def _plain_groups(text, spans, min_words, threshold):
    """Every pair compared, Jaccard of word 5-gram sets, single-link groups."""
    sets = {}
    for i, (a, b) in enumerate(spans):
        w = _words(text, a, b)
        if len(w) >= min_words:
            sets[i] = {tuple(w[k:k + 5]) for k in range(len(w) - 4)}
    parent = {i: i for i in sets}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    keys = sorted(sets)
    for x in keys:
        for y in keys:
            if x < y:
                sa, sb = sets[x], sets[y]
                small, large = sorted((len(sa), len(sb)))
                if not small or small < threshold * large * (1 - 1e-9):
                    continue
                inter = len(sa & sb)
                if inter and inter / len(sa | sb) >= threshold:
                    parent[find(y)] = find(x)
    groups = {}
    for i in keys:
        groups.setdefault(find(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["near", "in", "skin", "nearby", "x", " ", "\n", "\t", "\u00a0", "\u2028",
                                  "\u3000", "\x85", "é"]), max_size=30))
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
