"""The builder joins its pieces of prose now and then and may store the map in 32 bits: neither may
change the Document it builds."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exolint.builder as builder
from exolint.builder import DocumentBuilder
from exolint.document import Document, OffsetMap
from exolint.plugins.html import parse as parse_html
from exolint.plugins.markdown import parse as parse_markdown


def snapshot(doc: Document) -> tuple:
    return (doc.text, doc.segments, list(doc.map.runs()), [(c.text, c.start, c.end) for c in doc.comments])


MARKDOWN = st.lists(st.sampled_from([
    "# Head\n", "Some *prose* here.\n", "- item\n- [link](https://x.example) item\n", "\n", "\n\n",
    "| a | b |\n|---|---|\n| c | d |\n", "Line  \nbreak\n", "&amp; \\* é 😀\n", "```\ncode\n```\n",
    "<!-- note -->\n", "> quote\n",
]), max_size=30).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(MARKDOWN, st.sampled_from([1, 2, 3, 5]))
def test_joining_pieces_early_builds_the_same_document(monkeypatch: pytest.MonkeyPatch, source: str, every: int):
    whole = snapshot(parse_markdown(source, "a.md"))
    monkeypatch.setattr(builder, "JOIN_EVERY", every)
    assert snapshot(parse_markdown(source, "a.md")) == whole


def test_joining_pieces_early_in_html(monkeypatch: pytest.MonkeyPatch):
    source = "<p>One <b>two</b> three</p>\n<h1>Title &amp; more</h1>" * 50
    whole = snapshot(parse_html(source, "a.html", {}))
    monkeypatch.setattr(builder, "JOIN_EVERY", 2)
    assert snapshot(parse_html(source, "a.html", {})) == whole


def _build_with_trailing_newlines() -> Document:
    b = DocumentBuilder("t", "abc\n\ndef\n\ngh", "text")
    b.new_block()
    b.open_segment("paragraph")
    b.add(0, 1)
    b.add(1, 4)  # "bc\n"
    b.add(4, 5)  # "\n": trimming the segment reads back over pieces joined already
    b.new_block()
    b.open_segment("paragraph")
    b.add(5, 10)
    b.add_break("\n", 10)
    b.new_block()
    b.open_segment("paragraph")
    b.add(10, 12)
    return b.build()


def test_trailing_breaks_are_trimmed_across_joined_pieces(monkeypatch: pytest.MonkeyPatch):
    whole = _build_with_trailing_newlines()
    assert [(s.start, s.end) for s in whole.segments][0] == (0, 3)
    for every in (1, 2):
        monkeypatch.setattr(builder, "JOIN_EVERY", every)
        assert snapshot(_build_with_trailing_newlines()) == snapshot(whole)


@pytest.mark.parametrize("narrow", [True, False])
def test_narrow_and_wide_maps_agree(narrow: bool):
    m = OffsetMap(narrow=narrow)
    m.add(0, 5, 10, 5)
    m.add(5, 1, 15, 5)  # an entity
    m.add(6, 4, 20, 4)
    assert m.span(0, 10) == (10, 24)
    assert m.char_range(5) == (15, 20)
    assert list(m.runs()) == [(0, 10, 5, True), (5, 15, 5, False), (6, 20, 4, True)]


def test_the_builder_narrows_the_map_only_for_sources_that_fit():
    assert DocumentBuilder("t", "x" * 10, "text")._map._p.itemsize == 4
    assert builder.NARROW_SOURCE <= 2 ** 31 // 4  # prose may outgrow the source: table cells add breaks


# The builder merges the map's runs itself and hands them over in batches: the map must be the one
# that `OffsetMap.add`, called for every piece, would have made.
OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 3), st.integers(0, 4), st.sampled_from([None, "x", "yz"])),
    st.tuples(st.just("break"), st.integers(0, 3), st.sampled_from([None, 0, 2]), st.sampled_from([" ", "\n"])),
    st.tuples(st.just("block"), st.sampled_from(["paragraph", "heading"]), st.integers(0, 2), st.booleans()),
), max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPS, st.sampled_from([1, 2, 4096]))
def test_the_builders_runs_are_those_of_offset_map_add(monkeypatch: pytest.MonkeyPatch, ops: list, every: int):
    monkeypatch.setattr(builder, "JOIN_EVERY", every)
    source = "abcdefghij" * 40
    b = DocumentBuilder("t", source, "text")
    ref = OffsetMap()
    pos = 0  # source offsets only move forward, as a plugin's do; gaps make new runs
    for op in ops:
        if op[0] == "add":
            _, gap, n, text = op
            s, e = pos + gap, pos + gap + n
            t = source[s:e] if text is None else text
            if t:
                ref.add(b._len, len(t), s, e - s)
            b.add(s, e, text)
            pos = e
        elif op[0] == "break":
            _, gap, length, text = op
            at = pos + gap
            end = None if length is None else at + length
            ref.add(b._len, len(text), at, 0 if end is None else end - at)
            b.add_break(text, at, end)
            pos = at if end is None else end
        else:
            _, scope, level, together = op
            n = b._len
            if n and not b._parts[-1].endswith("\n\n"):
                ref.add(n, 2, ref_end(ref), 0)
            if together:
                b.open_block(scope, level)
            else:
                b.new_block()
                b.open_segment(scope, level)
    doc = b.build()
    assert list(doc.map.runs()) == list(ref.runs())
    assert len(doc.text) == b._len


def ref_end(m: OffsetMap) -> int:
    runs = list(m.runs())
    return runs[-1][1] + runs[-1][2] if runs else 0


def test_open_block_is_new_block_then_open_segment():
    def build(together: bool) -> tuple:
        b = DocumentBuilder("t", "Title\n\nBody", "text")
        for scope, level, s, e in (("heading", 1, 0, 5), ("paragraph", 0, 7, 11)):
            if together:
                b.open_block(scope, level)
            else:
                b.new_block()
                b.open_segment(scope, level)
            b.add(s, e)
        return snapshot(b.build())
    assert build(True) == build(False)
