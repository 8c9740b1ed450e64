"""exolint.tables: a table cell read with its row's first cell, from the columns the format
plugins record as the cells' segment levels."""
from __future__ import annotations

import pytest

from exolint.plugins.html import parse as parse_html
from exolint.plugins.markdown import parse as parse_markdown
from exolint.plugins.text import parse as parse_text
from exolint.tables import column_below, row_header, row_span

MARKDOWN = """| Property | Value | Note |
|---|---|---|
| Vesicle diameter | 40-90 nm | see [lab sheet](https://example.org/sheet) |
| | 7 g | no name |
| Fill volume | 5 ml | [sheet two](https://example.org/2) |
"""

HTML = """<table>
<tr><th>Property</th><th>Value</th><th>Note</th></tr>
<tr><td>Vesicle diameter</td><td>40-90 nm</td><td>see <a href="/sheet">lab sheet</a></td></tr>
<tr><td></td><td>7 g</td><td>no name</td></tr>
<tr><td>Fill volume</td><td>5 ml</td><td><a href="/2">sheet two</a></td></tr>
</table>
<p>After the table, 3 ml.</p>
"""


def _header(doc, needle: str) -> str | None:
    got = row_header(doc, doc.text.index(needle))
    return None if got is None else doc.text[got[0]:got[1]]


@pytest.mark.parametrize("parse,source,name", [(parse_markdown, MARKDOWN, "x.md"), (parse_html, HTML, "x.html"),
                                               (parse_text, MARKDOWN, "x.txt")])
def test_a_cell_is_read_with_its_rows_first_cell(parse, source, name):
    doc = parse(source, name, {})
    assert _header(doc, "40-90 nm") == "Vesicle diameter"
    assert _header(doc, "lab sheet") == "Vesicle diameter"  # a link in a later cell
    assert _header(doc, "5 ml") == "Fill volume"
    assert _header(doc, "Value") == "Property"  # the header row is a row too


@pytest.mark.parametrize("parse,source,name", [(parse_markdown, MARKDOWN, "x.md"), (parse_html, HTML, "x.html")])
def test_no_header_for_a_first_cell_an_empty_first_cell_or_prose(parse, source, name):
    doc = parse(source, name, {})
    assert _header(doc, "Fill volume") is None  # a first cell is the header itself
    # the row's first cell is empty: the walk back meets an earlier row and stops
    assert _header(doc, "7 g") is None
    assert _header(doc, "no name") is None
    assert _header(doc, "sheet two") is None  # a cell that is all link records no column
    if "After the table" in doc.text:
        assert _header(doc, "3 ml") is None


def test_cells_record_their_columns_as_levels():
    doc = parse_markdown(MARKDOWN, "x.md")
    cells = [(doc.text[s.start:s.end], s.level) for s in doc.segments if s.scope == "table"]
    assert cells[:4] == [("Property", 0), ("Value", 1), ("Note", 2), ("Vesicle diameter", 0)]


@pytest.mark.parametrize("parse,source,name", [(parse_markdown, MARKDOWN, "x.md"), (parse_html, HTML, "x.html")])
def test_a_row_spans_its_cells_from_the_first_to_the_last(parse, source, name):
    doc = parse(source, name, {})
    row = row_span(doc, doc.text.index("40-90 nm"))
    assert row is not None
    assert doc.text[row[0]:row[1]].split("\n\n") == ["Vesicle diameter", "40-90 nm", "see lab sheet"]
    first = row_span(doc, doc.text.index("Fill volume"))  # from the first cell too
    assert first is not None and doc.text[first[0]:first[1]].split("\n\n")[:2] == ["Fill volume", "5 ml"]
    assert row_span(doc, doc.text.index("7 g")) is None  # the row's first cell is empty


def test_a_source_in_another_cell_of_the_row_backs_a_figure():
    import exolint

    table = ("| Treatment | Result | Source |\n|---|---|---|\n"
             "| Peel | 40% fewer lines | Moreau et al., 2021 |\n"
             "| Serum | 30% fewer lines | our own survey |\n")
    found = [(f.rule, f.matched) for f in exolint.lint_text(table, "markdown") if f.rule == "EXO201"]
    assert found == [("EXO201", "30% fewer")]


def test_a_link_inside_a_cell_keeps_the_cell_whole():
    page = ("| Item | Detail | Source |\n|---|---|---|\n"
            "| Vesicle [size](https://example.org/a) in gel | 2-4 µm per [sheet](https://example.org/b) today "
            "| lab |\n")
    doc = parse_markdown(page, "x.md", {})
    assert _header(doc, "2-4") == "Vesicle size in gel"
    assert _header(doc, "today") == "Vesicle size in gel"
    assert _header(doc, "lab") == "Vesicle size in gel"
    row = row_span(doc, doc.text.index("2-4"))
    assert row is not None and doc.text[row[0]:row[1]].split("\n\n") == [
        "Vesicle size in gel", "2-4 µm per sheet today", "lab"]


@pytest.mark.parametrize("parse,source,name", [(parse_markdown, MARKDOWN, "x.md"), (parse_html, HTML, "x.html")])
def test_a_header_cell_is_read_with_the_cells_of_its_column(parse, source, name):
    doc = parse(source, name, {})

    def below(needle: str) -> list[str]:
        return [doc.text[a:b] for a, b in column_below(doc, doc.text.index(needle))]

    assert below("Value") == ["40-90 nm", "7 g", "5 ml"]
    # a cell that is all link records no column (as for `row_header` above), so it is not read
    assert below("Note") == ["see lab sheet", "no name"]
    assert below("Property") == ["Vesicle diameter", "Fill volume"]
    assert below("40-90 nm") == []  # not the header row
    assert column_below(doc, doc.text.index("Value"), limit=2) == column_below(doc, doc.text.index("Value"))[:2]


def test_a_header_over_a_column_of_bans_is_no_offer():
    import exolint

    def exo331(header_column: str) -> list[str]:
        table = (f"| Region | Human-derived exosome cosmetics |\n|---|---|\n"
                 f"| United Kingdom | {header_column} |\n| European Union | {header_column} |\n")
        return [f.matched for f in exolint.lint_text(table, "markdown") if f.rule == "EXO331"]

    assert exo331("Prohibited ingredient") == []
    assert exo331("Sold in our clinics") == ["human-derived exosome"]


GRID = """Some words before the table.

+--------------------+------------------------+
| If the advert says | Why it is a warning    |
+====================+========================+
| "100% safe" or     | Every treatment has    |
| "no side effects"  | some risk.             |
+--------------------+------------------------+
| "FDA-approved"     | No exosome product is. |
+--------------------+------------------------+

After the table.
"""


def test_a_plain_text_grid_table_is_read_cell_by_cell_with_wrapped_lines_joined():
    doc = parse_text(GRID, "guide.txt")
    cells = [(doc.text[s.start:s.end], s.level) for s in doc.segments if s.scope == "table"]
    assert cells == [("If the advert says", 0), ("Why it is a warning", 1),
                     ('"100% safe" or "no side effects"', 0), ("Every treatment has some risk.", 1),
                     ('"FDA-approved"', 0), ("No exosome product is.", 1)]
    assert _header(doc, "some risk") == '"100% safe" or "no side effects"'
    # each word still maps to its own place in the source
    i = doc.text.index("no side effects")
    a, b = doc.source_span(i, i + len("no side effects"))
    assert doc.source[a:b] == "no side effects"
    assert [s.scope for s in doc.segments][0] == "paragraph" and doc.segments[-1].scope == "paragraph"


@pytest.mark.parametrize("source", [
    "Use a pipe | like this | in prose.\nIt is not a table.\n",    # no row starts and ends with a pipe
    "| one line only |\n",                                        # a single cell
])
def test_prose_with_pipes_is_not_a_table(source):
    doc = parse_text(source, "x.txt")
    assert all(s.scope == "paragraph" for s in doc.segments)


ALIGNED = """Words to avoid in our adverts:

  AVOID                   WHY                       USE INSTEAD
  ----------------------  ------------------------  ---------------------
  "non-invasive" (for     Needles break the skin.   "minimally invasive"
  anything with needles)  I have seen "painless
                          exosome injections".

  "guaranteed results"    Responses vary.           "results vary"
  Microneedling pen       Yes, it pierces            a wrapped cell
                          the skin.

That is all for now.
"""


def test_a_plain_text_table_aligned_with_spaces_is_read_by_its_dash_groups():
    doc = parse_text(ALIGNED, "memo.txt")
    cells = [(doc.text[s.start:s.end], s.level) for s in doc.segments if s.scope == "table"]
    assert cells[:6] == [("AVOID", 0), ("WHY", 1), ("USE INSTEAD", 2),
                         ('"non-invasive" (for anything with needles)', 0),
                         ('Needles break the skin. I have seen "painless exosome injections".', 1),
                         ('"minimally invasive"', 2)]
    # a capital in the first column starts a row; a cell written a character off its column is
    # still that column's
    assert cells[6:] == [('"guaranteed results"', 0), ("Responses vary.", 1), ('"results vary"', 2),
                         ("Microneedling pen", 0), ("Yes, it pierces the skin.", 1), ("a wrapped cell", 2)]
    assert _header(doc, "Responses vary") == '"guaranteed results"'
    assert doc.segments[0].scope == doc.segments[-1].scope == "paragraph"


@pytest.mark.parametrize("source", [
    "Plain words here.\n---------\nA rule under a line is not a header of columns.\n",
    "Two  spaces  in  prose\n-----  -----\nbut the header cells do not stand over the dashes.\n",
])
def test_lines_over_dashes_that_are_not_a_header_of_columns_stay_prose(source):
    doc = parse_text(source, "x.txt")
    assert all(s.scope == "paragraph" for s in doc.segments)
