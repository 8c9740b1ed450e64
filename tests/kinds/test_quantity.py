"""The `quantity` kind: reading numbers and units, binding them to subjects, and its three checks."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from exolint.engine import Engine
from exolint.facts import load_facts
from exolint.kinds import quantity
from exolint.kinds.quantity_extract import UNITS, compile_extractor, extract, lost_dash_splits
from exolint.plugins.text import parse
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet, RuleSpecError

PACK = Path(quantity.__file__).resolve().parents[2] / "rules"
EXOSOMES = ["exosome", "exosomes", "small EVs", "small extracellular vesicles"]
OTHERS = ["microvesicles", "apoptotic bodies", "extracellular vesicles", "cells"]
TODAY = dt.date(2026, 11, 22)


def ctx(today=TODAY) -> CompileContext:
    facts, errors = load_facts([PACK], today)
    assert errors == []
    return CompileContext(facts=facts, today=today, regex_timeout=0.5)


def make(c: CompileContext | None = None, **options):
    options.setdefault("subjects", EXOSOMES)
    options.setdefault("other_subjects", OTHERS)
    rule = Rule(id="TST101", name="t", kind="quantity", category="implausible-size", severity="warning",
                message=options.pop("message", "{quantity} = {value} for {subject}"), description="d",
                path=Path("t.yaml"), options=options, raw=dict(options), as_of="2026-11-22",
                window=options.pop("window", "sentence"))
    return quantity.compile(rule, c or ctx())


def findings(compiled, text):
    doc = parse(text, "x.txt")
    return Engine(RuleSet([compiled], CompileContext(regex_timeout=0.5))).lint(doc).findings


def spans(compiled, text):
    return [text[f.start.offset:f.end.offset] for f in findings(compiled, text)]


def read(text, units=None):
    ex = compile_extractor(units or list(UNITS))
    return [(q.text, q.lo, q.hi, q.unit) for q in extract(ex, text, 0, len(text), 1.0)]


# -- extraction -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,lo,hi", [
    ("30-100 nm", 30, 100), ("30–100 nm", 30, 100), ("30 – 150 nm", 30, 150), ("30 to 100 nm", 30, 100),
    ("between 30 and 100 nm", 30, 100), ("Between 30 nm and 100 nm", 30, 100), ("<200 nm", None, 200),
    ("up to 150 nanometers", None, 150), ("10,000-200,000 nm", 10_000, 200_000), ("30nm", 30, 30),
    ("over 1000 nanometres", 1000, None), ("30 nm to 150 nm", 30, 150),
])
def test_ranges_in_every_form(text, lo, hi):
    (q,) = read(text)
    assert (q[1], q[2], q[3]) == (lo, hi, "nm")
    assert q[0] == text


@pytest.mark.parametrize("text,lo,hi", [
    ("0.03-0.15 µm", 30, 150), ("0.1 μm", 100, 100), ("2 um", 2000, 2000), ("1-5 microns", 1000, 5000),
    ("3 micrometres", 3000, 3000), ("0.5 mm", 500_000, 500_000), ("500 nm to 1 µm", 500, 1000),
])
def test_lengths_are_normalised_to_nm(text, lo, hi):
    (q,) = read(text)
    assert (q[1], q[2]) == (lo, hi)


@pytest.mark.parametrize("text", [
    "30-150 nM in diameter", "a 150 nM solution", "200 billion exosomes", "1500 scientists", "in 2019",
    "on 12/06/2019", "at 10:30", "about 30-45 minutes", "NM 87501",
])
def test_not_a_length(text):
    assert read(text, ["nm", "µm", "mm"]) == []


def test_durations_sessions_and_percent():
    assert read("4-6 weeks apart") == [("4-6 weeks", 28, 42, "weeks")]
    assert read("2 to 3 sessions") == [("2 to 3 sessions", 2, 3, "sessions")]
    assert read("20% off") == [("20%", 20, 20, "%")]
    assert read("a 12-week course")[0][1] == 84


def test_lost_dash_splits():
    ok = lambda v: 10 <= v <= 500  # noqa: E731
    assert lost_dash_splits("20100", 1, ok) == [("20", "100")]
    assert lost_dash_splits("30150", 1, ok) == [("30", "150")]
    assert lost_dash_splits("300", 1, ok) == []  # no part may start with 0
    assert lost_dash_splits("10200", 1, ok) == []  # 10|200 is a 20-fold range: not a lost dash


# -- binding ----------------------------------------------------------------------------------------
def test_each_class_keeps_its_own_range():
    c = make(checks=["plausibility"], plausible={"min": 10, "max": 500, "unit": "nm"})
    text = "EVs include exosomes (30-150 nm), microvesicles (100-1000 nm) and apoptotic bodies (500-2000 nm)."
    assert spans(c, text) == []


def test_subject_after_the_number_binds_when_none_before():
    c = make(checks=["plausibility"], plausible={"min": 10, "max": 500, "unit": "nm"})
    assert spans(c, "At 1-5 µm, exosomes are huge.") == ["1-5 µm"]
    assert spans(c, "At 1-5 µm, apoptotic bodies are larger than exosomes.") == []


def test_numbers_without_subject_are_ignored():
    c = make(checks=["plausibility"], plausible={"min": 10, "max": 500, "unit": "nm"})
    assert spans(c, "The needles are 0.5 mm long.") == []
    assert spans(c, "Human cells are 10,000-100,000 nm across.") == []


# -- plausibility -----------------------------------------------------------------------------------
def test_plausibility_from_the_fact_base_cites_source_and_date():
    c = make(checks=["plausibility"], fact="exosome-size",
             message="{quantity} ({value}) outside {min}-{max} {unit}; {source} ({source_date}), as of {as_of}")
    (f,) = findings(c, "Exosomes measure 10,000-200,000 nm.")
    assert f.message.startswith("10,000-200,000 nm (10,000–200,000 nm) outside 10-500 nm; ")
    assert "MISEV2023" in f.message and "as of 2026-11-22" in f.message


@pytest.mark.parametrize("text", [
    "Exosomes are 30-150 nm.", "Small EVs are <200 nm.", "Exosomes measure 40-160 nm (average 100 nm).",
    "Exosomes were used at 30-150 nM.",
])
def test_plausible_sizes_pass(text):
    c = make(checks=["plausibility"], fact="exosome-size")
    assert spans(c, text) == []


def test_microns_for_exosomes_are_implausible():
    c = make(checks=["plausibility"], fact="exosome-size")
    assert spans(c, "Each exosome is about 2 microns wide.") == ["2 microns"]


# -- contradiction ----------------------------------------------------------------------------------
def test_contradiction_reports_later_with_related_earlier_in_json():
    c = make(checks=["contradiction"], window="document",
             message="{quantity} vs {earlier}: {ratio}x")
    text = "Exosomes measure 30-100 nm.\n\nOther pages say exosomes are 10,000-200,000 nm."
    (f,) = findings(c, text)
    assert text[f.start.offset:f.end.offset] == "10,000-200,000 nm"
    assert f.message == "10,000-200,000 nm vs 30-100 nm: 2,000x"
    data = json.loads(json.dumps(f.to_json()))
    (rel,) = data["related"]
    assert text[rel["start"]["offset"]:rel["end"]["offset"]] == "30-100 nm"
    assert rel["start"]["line"] == 1


def test_contradiction_in_one_sentence():
    c = make(checks=["contradiction"])
    assert spans(c, "Exosomes are 30-150 nm, though some exosomes reach 5 µm.") == ["5 µm"]


def test_published_variation_is_not_a_contradiction():
    c = make(checks=["contradiction"])
    text = ("Exosomes are 30-100 nm. Exosomes are 30-150 nm. Exosomes are 40-160 nm. "
            "Exosomes are 50-200 nm. Small EVs are <200 nm.")
    assert spans(c, text) == []


def test_other_classes_are_not_compared():
    c = make(checks=["contradiction"])
    assert spans(c, "Exosomes are 30-150 nm. Microvesicles are 100-1000 nm. Apoptotic bodies are 1-5 µm.") == []


# -- mangled ----------------------------------------------------------------------------------------
def test_lost_dash_size_with_safe_fix():
    c = make(checks=["mangled", "plausibility"], fact="exosome-size", message="{quantity}: {split}")
    (f,) = findings(c, "Exosomes are vesicles of 20100 nm.")
    assert f.message == "20100 nm: 20-100 nm"
    assert f.fix is not None and f.fix.safe
    (rep,) = f.fix.replacements
    assert (rep.start, rep.end, rep.text) == (25, 30, "20-100")


@pytest.mark.parametrize("text", ["Exosomes are 150 nm.", "In 2019, 200 billion exosomes were counted.",
                                  "Exosomes (30-150 nm) were found by 1500 scientists."])
def test_not_mangled(text):
    c = make(checks=["mangled"], fact="exosome-size")
    assert spans(c, text) == []


def interval_rule():
    return make(subjects=["apart", "every", "sessions", "session"], other_subjects=[],
                units=["weeks", "days", "months", "sessions"], checks=["mangled"], max_words=1, fix="unsafe",
                plausible=[{"min": 1, "max": 26, "unit": "weeks"}, {"min": 1, "max": 20, "unit": "sessions"}])


def test_lost_dash_weeks_and_sessions():
    c = interval_rule()
    assert spans(c, "Sessions are spaced 46 weeks apart.") == ["46 weeks"]
    assert spans(c, "You will need 23 sessions.") == ["23 sessions"]
    (f,) = findings(c, "Sessions are spaced 46 weeks apart.")
    assert f.fix is not None and not f.fix.safe


@pytest.mark.parametrize("text", [
    "Sessions are spaced 4 weeks apart.", "You will need 12 sessions.", "Results at 24 weeks, with sessions monthly.",
    "Each session takes 30-45 minutes.", "Save 20% off your first session.",
])
def test_intervals_not_mangled(text):
    assert spans(interval_rule(), text) == []


# -- compile errors and triggers ----------------------------------------------------------------------
def test_unknown_fact_is_a_spec_error():
    with pytest.raises(RuleSpecError) as exc:
        make(checks=["plausibility"], fact="no-such-fact")
    assert exc.value.path == ("fact",)


def test_bounds_required_for_plausibility():
    with pytest.raises(RuleSpecError):
        make(checks=["plausibility"])


def test_triggers_are_subject_words():
    c = make(checks=["contradiction"])
    assert "exosomes" in c.triggers and "" not in c.triggers


def test_homoglyph_subject_still_binds():
    c = make(checks=["plausibility"], fact="exosome-size")
    assert spans(c, "Ехоsomes are 2 microns wide.") == ["2 microns"]  # Cyrillic Е, х, о


# -- binding only what a rule can report ------------------------------------------------------------
def eager_check(c, doc):
    """The checks as first written: every quantity bound first, then judged in order."""
    found = c._quantities(doc)
    subjects = [c.binder.bound(doc, q, c.timeout) for q in found]
    seen, out = [], []
    for q, subject in zip(found, subjects, strict=True):
        if subject is None:
            continue
        values = c._values(q, subject)
        splits = c._splits(q)
        if splits:
            if "mangled" in c.checks:
                out.append(c._mangled(q, splits, values))
            continue
        if "plausibility" in c.checks and q.dimension in c.bounds:
            if not all(c._ok(q, x) for x in (q.lo, q.hi) if x is not None):
                out.append(quantity.Hit(q.start, q.end, c._msg("plausibility", values)))
                seen.append(q)
                continue
        if "contradiction" in c.checks:
            hit = c._contradiction(doc, q, subject, seen)
            if hit is not None:
                out.append(hit)
        seen.append(q)
    return out


_PIECES = ["exosomes", "Exosomes", "small EVs", "microvesicles", "cells", "apoptotic bodies", "the particles",
           "30-150 nm", "10,000-200,000 nm", "20100 nm", "40–160 nm", "0.03-0.15 µm", "1-5 µm", "<200 nm",
           "up to 150 nm", "500 nm", "2000 nm", "3 µm", "30100 nm", "over 1 µm", "5 nm", "0 nm", "0.5 mm",
           "46 weeks", "23 sessions", "4-6 weeks", "are", "measure", "(", ")", ",", ".", ";", "and", "while"]


@pytest.mark.parametrize("checks", [
    ["plausibility"], ["contradiction"], ["mangled"], ["plausibility", "contradiction"],
    ["plausibility", "contradiction", "mangled"], ["contradiction", "mangled"],
])
def test_checks_equal_binding_every_quantity_first(checks):
    import random

    rnd = random.Random(5)
    c = make(checks=checks, fact="exosome-size", units=["length", "duration"], max_words=6)
    hits = 0
    for _ in range(300):
        text = " ".join(rnd.choice(_PIECES) for _ in range(rnd.randint(3, 60)))
        doc = parse(text, "x.txt")
        want = [(h.start, h.end, h.message, h.related, h.fix, h.fix_safe) for h in eager_check(c, parse(text, "x.txt"))]
        got = [(h.start, h.end, h.message, h.related, h.fix, h.fix_safe) for h in c.check(doc)]
        assert got == want, text
        hits += len(got)
    assert hits > 50


def test_a_plausibility_rule_binds_only_the_implausible_quantities(monkeypatch):
    c = make(checks=["plausibility"], fact="exosome-size")
    asked = []
    bound = c.binder.bound
    monkeypatch.setattr(c.binder, "bound", lambda doc, q, timeout: asked.append(q.text) or bound(doc, q, timeout))
    text = "Exosomes are 30-150 nm. Exosomes measure 40 nm, 50 nm and 100 nm. Exosomes of 3 µm are cells."
    assert spans(c, text) == ["3 µm"]
    assert asked == ["3 µm"]


# -- not_followed_by / not_preceded_by (kinds.quantity_context): a length that measures something else --
AFTER = [r"(?:thick|deep|below)\b"]
BEFORE = [r"\bdepth\s+of(?:\s+about)?"]


def rule(**options):
    return make(checks=["plausibility", "contradiction"], plausible={"min": 10, "max": 500, "unit": "nm"},
                not_followed_by=AFTER, not_preceded_by=BEFORE, **options)


@pytest.mark.parametrize("text", [
    "The exosome membrane is about 5 nm thick.",
    "Exosome serum reaches channels 0.25 mm deep.",
    "Exosomes were found 2 mm below the surface.",
    "Exosomes reach a depth of 1 mm in this model.",
    "Exosomes reach a depth of about 1 mm in this model.",
])
def test_a_neighbour_that_names_another_measure_cancels_the_quantity(text):
    assert spans(rule(), text) == []


def test_the_same_sizes_without_those_neighbours_are_reported():
    assert spans(rule(), "Each exosome is about 5 nm across.") == ["5 nm"]
    assert spans(rule(), "Exosomes of 2 mm reach deep into the skin.") == ["2 mm"]  # "deep" is not next to it


def test_a_cancelled_quantity_is_no_earlier_figure_for_a_contradiction():
    text = "The exosome membrane is about 5 nm thick. Exosomes measure 30-150 nm across."
    assert spans(rule(), text) == []
    # without the context the 5 nm is the earlier figure (and implausible itself)
    assert spans(make(checks=["contradiction"]), text) == ["30-150 nm"]


def test_a_quoted_figure_is_no_earlier_figure_for_a_contradiction():
    c = make(checks=["contradiction"])
    # the quotation is named as an advert's wording; the page's own 30-150 nm stands alone
    text = 'Adverts use phrases such as "exosomes of 5 microns". Exosomes measure 30-150 nm across.'
    assert spans(c, text) == []
    # the page's own earlier figure still counts, past a quoted one
    text = 'Exosomes measure 30-100 nm. One advert said "exosomes are 5 µm". Our exosomes average 2,000 nm.'
    (f,) = findings(c, text)
    assert text[f.start.offset:f.end.offset] == "2,000 nm"
    assert [text[r.start.offset:r.end.offset] for r in f.related] == ["30-100 nm"]


def test_the_neighbour_must_be_in_the_same_block():
    assert spans(rule(), "Each exosome is about 5 nm\n\nthick walls are rare.") == ["5 nm"]


@pytest.mark.parametrize("key", ["not_followed_by", "not_preceded_by"])
def test_an_invalid_regex_names_its_key(key):
    with pytest.raises(RuleSpecError) as info:
        make(checks=["plausibility"], plausible={"min": 10, "max": 500, "unit": "nm"}, **{key: ["(thick"]})
    assert info.value.path == (key, 0)


# -- strict upper bounds ("less than 1 µm"): loose, not wrong -------------------------------------------
BOUNDS = {"min": 10, "max": 500, "unit": "nm"}


@pytest.mark.parametrize("text,found", [
    ("Exosomes are less than 1 µm across.", []),          # true, only loose
    ("Exosomes are smaller than 10 µm.", []),
    ("Exosomes are up to 1 µm across.", ["up to 1 µm"]),  # "up to" says some reach it
    ("Exosomes are under 5 nm wide.", ["under 5 nm"]),    # no plausible size is below it
])
def test_a_strict_upper_bound_is_implausible_only_below_the_bounds(text, found):
    assert spans(make(checks=["plausibility"], plausible=BOUNDS), text) == found


@pytest.mark.parametrize("text,found", [
    ("Exosomes are less than 1 µm across. Exosomes measure 30-150 nm.", []),
    ("Exosomes measure 30-150 nm. Exosomes are under 10 µm.", []),
    ("Exosomes are less than 100 nm across. Exosomes measure 10,000-200,000 nm.", ["10,000-200,000 nm"]),
    ("Exosomes are under 100 nm. Exosomes are under 10 µm.", []),  # two bounds never disagree
])
def test_a_strict_upper_bound_contradicts_only_sizes_above_it(text, found):
    assert spans(make(checks=["contradiction"]), text) == found


# -- table rows -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("row,found", [
    ("| Exosome diameter | 2-4 µm |", ["2-4 µm"]),               # the row's first cell names the subject
    ("| Vesicles: small EVs | about 3 µm across |", ["3 µm"]),
    ("| Cell diameter | 2-4 µm |", []),                           # another subject
    ("| Roller length | 2-4 µm |", []),                           # no subject at all
    ("| Exosome diameter | Cells measure 2-4 µm |", []),          # the cell names its own subject
])
def test_a_figure_in_a_table_cell_is_said_of_its_rows_first_cell(row, found):
    from exolint.plugins.markdown import parse as parse_md

    text = f"| Property | Value |\n|---|---|\n{row}\n"
    rule = make(checks=["plausibility"], units=["length"], fact="exosome-size")
    doc = parse_md(text, "x.md", {})
    got = Engine(RuleSet([rule], CompileContext(regex_timeout=0.5))).lint(doc).findings
    assert [text[f.start.offset:f.end.offset] for f in got] == found


@pytest.mark.parametrize("text,found", [
    ("Exosomes are parcels cells send out. Each vesicle measures 2-4 µm.", ["2-4 µm"]),
    ("Exosomes are parcels cells send out. These vesicles measure 2-4 µm.", ["2-4 µm"]),
    ("Microvesicles are larger. Each vesicle measures 2-4 µm.", []),     # the sentence before is not ours
    ("Exosomes are small. The larger vesicles measure 2-4 µm.", []),     # not a definite description of them
])
def test_a_definite_description_stands_for_the_subject_of_the_sentence_before(text, found):
    rule = make(checks=["plausibility"], units=["length"], fact="exosome-size")
    assert spans(rule, text) == found
