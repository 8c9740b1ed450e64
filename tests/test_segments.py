"""A long page's segments live in a SegmentList: it must read exactly like the list of Segments."""
from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exolint.builder as builder
from exolint.document import Segment
from exolint.plugins.markdown import parse
from exolint.segments import SegmentList

SEGS = [Segment(0, 5, "heading", 0, 2), Segment(7, 20, "paragraph", 1), Segment(20, 24, "link", 1),
        Segment(26, 30, "table", 3), Segment(32, 40, "paragraph", 4)]


@pytest.mark.parametrize("wide", [False, True])
def test_a_segment_list_reads_like_the_list(wide: bool):
    sl = SegmentList(wide=wide)
    for s in SEGS:
        sl.append(s)
    assert len(sl) == len(SEGS) and list(sl) == SEGS and sl == SEGS and SEGS == sl
    assert sl[0] == SEGS[0] and sl[-1] == SEGS[-1] and sl[1:4] == SEGS[1:4] and sl[::-2] == SEGS[::-2]
    assert list(reversed(sl)) == SEGS[::-1] and SEGS[2] in sl and sl.index(SEGS[3]) == 3
    assert list(sl.starts) == [s.start for s in SEGS]
    assert sl != SEGS[:-1] and sl != "text"
    with pytest.raises(IndexError):
        sl[len(SEGS)]
    assert pickle.loads(pickle.dumps(sl)) == SEGS


def _page(blocks: list[str]) -> str:
    return "\n\n".join(blocks)


BLOCKS = st.lists(st.sampled_from([
    "# Title", "## Sub *em*", "Plain prose. Second sentence! Third?", "A [link](https://x.example) in text.",
    "- item one\n- item [two](https://y.example)", "| a | b |\n|---|---|\n| c | d |", "> quoted words",
    "```\ncode\n```",
]), min_size=1, max_size=25)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(BLOCKS, st.data())
def test_documents_with_compact_segments_answer_the_same(monkeypatch: pytest.MonkeyPatch, blocks, data):
    source = _page(blocks)
    monkeypatch.setattr(builder, "COMPACT_SOURCE", 1 << 60)
    plain = parse(source, "a.md")
    monkeypatch.setattr(builder, "COMPACT_SOURCE", 0)
    compact = parse(source, "a.md")
    assert isinstance(compact.segments, SegmentList) and isinstance(plain.segments, list)
    assert compact.segments == plain.segments and compact.text == plain.text
    n = len(plain.text)
    for p in range(n + 1):
        assert compact.segment_at(p) == plain.segment_at(p)
    for _ in range(10):
        a = data.draw(st.integers(0, max(n - 1, 0)))
        b = data.draw(st.integers(a, n))
        for kind in ("sentence", "paragraph", "section", "document"):
            assert compact.window(a, b, kind) == plain.window(a, b, kind)
    assert compact.sentences == plain.sentences


def test_block_spans_cover_every_segment_of_the_block():
    doc = parse(_page(["Text with a [link](https://x.example) and more.", "# Head", "- a\n- b"]), "a.md")
    for seg in doc.segments:
        lo, hi = doc._block_span(seg.block)
        same = [s for s in doc.segments if s.block == seg.block]
        assert (lo, hi) == (min(s.start for s in same), max(s.end for s in same))


def test_a_long_page_gets_compact_segments():
    source = "Some words here.\n\n" * 70_000
    assert len(source) > builder.COMPACT_SOURCE
    doc = parse(source, "long.md")
    assert isinstance(doc.segments, SegmentList) and len(doc.segments) == 70_000
    assert doc.segments[-1] == Segment(len(doc.text) - 16, len(doc.text), "paragraph", 69_999)


def test_new_segment_is_the_frozen_segment_the_constructor_makes():
    import dataclasses

    from exolint.segments import new_segment

    seg = new_segment(3, 9, "link", 2, 1)
    assert seg == Segment(3, 9, "link", 2, 1) and hash(seg) == hash(Segment(3, 9, "link", 2, 1))
    assert type(seg) is Segment and new_segment(0, 1, "alt", 0) == Segment(0, 1, "alt", 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.start = 4  # type: ignore[misc]
