"""The `density` kind: stuffed place phrases, doorway-link lists and duplicated paragraphs, each
reported once per document with the other occurrences as related locations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from exolint.engine import Engine
from exolint.kinds import density
from exolint.kinds.shingles import duplicate_groups
from exolint.plugins.text import parse
from exolint.registry import get_registry
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet, RuleSpecError, compile_rule_file

RULES = Path(__file__).resolve().parents[2] / "rules"


def builtin(rule_id: str):
    return compile_rule_file(next(RULES.rglob(f"{rule_id}-*.yaml")))


def findings(rule_id: str, text: str, fmt: str = "text"):
    doc = get_registry().formats[fmt].parse(text, "x", {})
    return Engine(RuleSet([builtin(rule_id)])).lint(doc).findings


def make(**options):
    rule = Rule(id="TST501", name="t", kind="density", category="other", severity="warning",
                message="{match} x{count}", description="d", path=Path("t.yaml"), options=options, raw=dict(options))
    return density.compile(rule, CompileContext())


FILLER = "Our team looks after you from the first visit to the last. "
STUFFED = (
    "# Skin Peels near Elmbridge, Kent\n\n"
    f"Patients near Elmbridge, Kent trust us. {FILLER}\n\n"
    "## Aftercare near Elmbridge, Kent\n\n"
    f"Clinics in Elmbridge, Kent vary. {FILLER}\n\n"
    f"If you live around Elmbridge, Kent, call us. {FILLER}"
)


# -- EXO501 ----------------------------------------------------------------------------------------------
def test_stuffed_place_is_one_finding_anchored_in_first_heading():
    fs = findings("EXO501", STUFFED)
    assert len(fs) == 1
    f = fs[0]
    assert STUFFED[f.start.offset:f.end.offset] == "Elmbridge, Kent"
    assert f.start.line == 1
    assert len(f.related) == 4
    assert "5 times" in f.message and "2 headings" in f.message


def test_words_of_a_long_page_are_counted_piece_by_piece_as_a_whole():
    # words of every length, so that some straddle each 64K piece's nominal end
    words = [("ab" * (1 + i % 7)) + ("-x" if i % 5 == 0 else "") for i in range(40_000)]
    text = " ".join(words) + "\n\nlast words here"
    doc = parse(text, "x.txt")
    assert len(doc.text) > 3 * (1 << 16)
    assert density._word_count(doc) == len(density._WORDS.findall(doc.text)) == 40_003


def test_place_below_count_threshold_is_fine():
    text = "# Peels near Elmbridge, Kent\n\nOur clinic near Elmbridge, Kent opened in 2001. " + FILLER * 3
    assert findings("EXO501", text) == []


def test_rate_threshold_without_headings():
    many = " ".join(f"We are near Elmbridge, Kent, sentence {i}." for i in range(5))
    assert len(findings("EXO501", many)) == 1
    diluted = many + (" " + FILLER * 250)  # ~3,000 more words: below 2 per 1,000
    assert findings("EXO501", diluted) == []


def test_repetitions_inside_a_quotation_the_page_reports_are_not_counted():
    quoted = ('One clinic page ended with text reading, in part, "exosome facial Leeds best exosome facial '
              'Leeds cheap exosome facial Leeds near me". Search engines penalise it.')
    assert findings("EXO508", quoted) == []
    # the page's own repetitions still count; the quoted ones are left out of the count
    own = "Book an exosome facial Leeds today. Our PRP Leeds patients love it. Try the peel Leeds offers. "
    assert len(findings("EXO508", own)) == 1
    fs = findings("EXO508", own + quoted)
    assert len(fs) == 1 and "3 times" in fs[0].message


def test_regulator_name_repeated_on_fda_page_is_not_stuffing():
    text = "# The FDA and exosomes\n\n" + " ".join(
        f"The FDA issued warning number {i} about unapproved products in the US." for i in range(12))
    assert findings("EXO501", text) == []
    # n-gram mode: phrases with an acronym are never candidates, however often they repeat
    c = make(mode="repeated-phrase", ngram=[2, 3], min_count=5, per_1000_words=5)
    doc = parse(text, "x.txt")
    assert all("fda" not in doc.text[h.start:h.end].lower() for h in c.check(doc))


def test_ngram_mode_finds_any_repeated_phrase_and_skips_function_words():
    text = " ".join(["Buy cheap botox today and of the in the at the."] * 6)
    c = make(mode="repeated-phrase", ngram=[2, 3], min_count=5, per_1000_words=5)
    doc = parse(text, "x.txt")
    hits = list(c.check(doc))
    assert len(hits) == 1
    found = doc.text[hits[0].start:hits[0].end].lower()
    assert found in ("buy cheap botox", "cheap botox today", "buy cheap", "cheap botox", "botox today")
    assert len(hits[0].related) == 5


def test_ignore_list():
    c = make(mode="repeated-phrase", ngram=[2, 2], min_count=3, per_1000_words=1,
             ignore=["exosome therapy"])
    doc = parse("Exosome therapy is new. Exosome therapy is costly. Exosome therapy is popular.", "x.txt")
    assert list(c.check(doc)) == []


# -- EXO502 ----------------------------------------------------------------------------------------------
FOOTER = ("More from us:\n\n- Lip Filler Near Oakley, Hampshire - May 3\n\n"
          "- Chemical Peel Near Barton, Hampshire - May 2\n\n- Cheek Filler Near Oakley, Hampshire - May 1")


def test_doorway_links_one_finding_with_siblings_related():
    fs = findings("EXO502", FOOTER)
    assert len(fs) == 1
    assert FOOTER[fs[0].start.offset:fs[0].end.offset] == "Lip Filler Near Oakley, Hampshire"
    assert [r.start.line for r in fs[0].related] == [5, 7]


def test_doorway_links_in_markdown_list():
    md = ("Nearby:\n\n* [Peel Treatment near Hale, Surrey](/a)\n* [Botox Treatment near Hale, Surrey](/b)\n"
          "* [Filler Treatment near Ripley, Surrey](/c)\n")
    fs = findings("EXO502", md, "markdown")
    assert len(fs) == 1 and len(fs[0].related) == 2


def test_two_items_or_far_apart_items_are_not_a_list():
    two = "- Lip Filler Near Oakley, Hampshire\n\n- Chemical Peel Near Barton, Hampshire"
    assert findings("EXO502", two) == []
    apart = "\n\n".join(["- Lip Filler Near Oakley, Hampshire", FILLER, FILLER, FILLER,
                         "- Chemical Peel Near Barton, Hampshire", FILLER, FILLER, FILLER,
                         "- Cheek Filler Near Oakley, Hampshire"])
    assert findings("EXO502", apart) == []


# -- EXO503 ----------------------------------------------------------------------------------------------
PARA = ("The nurse cleans the skin, applies a numbing cream and waits twenty minutes before starting, "
        "so that the treatment is as comfortable as possible for every patient who visits.")


def test_duplicated_paragraphs_one_finding_first_sentence_span():
    text = f"{PARA}\n\nPrices vary by area.\n\n{PARA.replace('every', 'each')}\n\n{PARA}"
    fs = findings("EXO503", text)
    assert len(fs) == 1
    f = fs[0]
    assert f.start.offset == 0 and f.end.offset - f.start.offset <= 200
    assert len(f.related) == 2
    assert "3 paragraphs" in f.message


def test_distinct_paragraphs_and_short_repeats_are_fine():
    other = ("Exosomes are small vesicles released by cells; researchers are still working out how to "
             "measure them reliably and what, if anything, they do in skin.")
    assert findings("EXO503", f"{PARA}\n\n{other}") == []
    assert findings("EXO503", "Book now.\n\nBook now.\n\nBook now.") == []


def test_shingle_similarity_threshold():
    a = " ".join(f"w{i}" for i in range(40))
    b = " ".join(f"w{i}" for i in range(20)) + " " + " ".join(f"x{i}" for i in range(20))
    text = a + "\n\n" + b
    paras = [(0, len(a)), (len(a) + 2, len(text))]
    assert duplicate_groups(text, paras, 10, 0.25) == [[0, 1]]  # 16 shared of 56
    assert duplicate_groups(text, paras, 10, 0.8) == []



@pytest.mark.parametrize("requires", [r",\s*(?-i:\p{Lu})", r"\s+", r"(?m)$", r"\n"])
def test_lines_are_those_of_every_requires_match(requires):
    """`_lines` skips the matches that fall in a line it already holds: the same lines as taking
    the line of every match, also for patterns that match newlines or nothing."""
    import regex

    c = make(mode="repeated-phrase", phrase=r"near (?P<phrase>\w+)", requires=requires)
    text = "a, B c, D\n\ne, F\ng h, I, J, K\n, L\n\n\nM,\nN"
    plain = set()
    for m in regex.compile(requires, regex.I).finditer(text):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.start())
        plain.add((a, len(text) if b < 0 else b))
    assert c._lines(text) == sorted(plain)


# -- options and the JSON contract ----------------------------------------------------------------------
def test_link_list_needs_item_with_groups():
    with pytest.raises(RuleSpecError):
        make(mode="link-list")
    with pytest.raises(RuleSpecError):
        make(mode="link-list", item=r"(?P<topic>\w+) near")


def test_repeated_phrase_needs_phrase_or_ngram():
    with pytest.raises(RuleSpecError):
        make(mode="repeated-phrase")


def test_json_output_carries_related_locations(tmp_path):
    from click.testing import CliRunner

    from exolint.cli import main

    page = tmp_path / "page.txt"
    page.write_text(STUFFED, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--format", "json", "--select", "EXO501", "--no-cache", str(page)])
    data = json.loads(res.output)
    (f,) = [f for f in data["findings"] if f["rule"] == "EXO501"]
    assert f["category"] == "keyword-stuffing"
    assert len(f["related"]) == 4
    for r in f["related"]:
        assert STUFFED[r["start"]["offset"]:r["end"]["offset"]] == "Elmbridge, Kent"


# -- count: matches --------------------------------------------------------------------------------------
def test_count_matches_counts_where_the_phrase_matched_not_every_mention():
    text = ("Our peel Ashby clinic is open late. The facial Ashby patients like takes an hour. "
            "Ashby is a market town, and Ashby has a station. Visit Ashby, or stay in Ashby overnight.")
    doc = parse(text, "x.txt")

    def counted(**extra):
        rule = make(mode="repeated-phrase", phrase=r"\b(?:peel|facial)\s+(?P<phrase>(?-i:\p{Lu}\p{Ll}+))",
                    min_count=3, per_1000_words=0, **extra)
        return [f.message for f in Engine(RuleSet([rule])).lint(doc).findings]

    assert counted() == ["Ashby x6"]           # every mention of the town, once it is a candidate
    assert counted(count="matches") == []      # glued to a treatment only twice
    glued = parse(text + " Our peel Ashby offer ends soon.", "x.txt")
    rule = make(mode="repeated-phrase", phrase=r"\b(?:peel|facial)\s+(?P<phrase>(?-i:\p{Lu}\p{Ll}+))",
                min_count=3, per_1000_words=0, count="matches")
    assert [f.message for f in Engine(RuleSet([rule])).lint(glued).findings] == ["Ashby x3"]


def test_exo508_counts_a_town_glued_to_treatment_names():
    page = ("Looking for a peel Ashby locals trust? Our microneedling Ashby team is friendly, the PRP Ashby "
            "patients book sells out, and our Ashby clinic is open late.")
    assert [f.matched for f in findings("EXO508", page)] == ["ashby"]
    honest = "Our Ashby clinic offers peels, PRP and microneedling in Ashby. Parking in Ashby is free."
    assert findings("EXO508", honest) == []
