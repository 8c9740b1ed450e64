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
