"""Inline suppressions in Markdown and HTML, and EXO901 for the ones that suppress nothing."""
from __future__ import annotations

import pytest

from exolint.engine import Engine
from exolint.fixes import apply_fixes
from exolint.registry import get_registry
from exolint.ruleset import load_ruleset
from exolint.suppress import SuppressionFilter, next_prose_line, parse_directives


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(get_registry())


def lint(text, ruleset, fmt="markdown", *, enabled=None, require_reason=False, unused=True):
    doc = get_registry().formats[fmt].parse(text, "page." + ("md" if fmt == "markdown" else "html"), {})
    rs = ruleset if enabled is None else ruleset.filter(lambda r: r.id in enabled)
    findings = Engine(rs).lint(doc).findings
    flt = SuppressionFilter([c.rule for c in ruleset], rs.by_id,
                            ruleset.by_id["EXO901"].rule if unused else None, require_reason=require_reason)
    return flt(doc, findings)


def ids(findings):
    return [(f.rule, f.start.line) for f in findings]


def test_parse_directives_reads_ids_and_reason():
    doc = get_registry().formats["markdown"].parse(
        "<!-- exolint-disable-next-line EXO401, absolute-safety-claim -- our doctor reviewed it -->\nText.\n",
        "a.md", {})
    (d,) = parse_directives(doc.comments)
    assert d.action == "disable-next-line"
    assert d.selectors == ("EXO401", "absolute-safety-claim")
    assert d.reason == "our doctor reviewed it"


def test_disable_next_line_skips_blank_lines_and_hits_the_next_prose_line(ruleset):
    text = ("The peel is absolutely safe.\n\n<!-- exolint-disable-next-line EXO401 -- reviewed -->\n\n"
            "The laser is absolutely safe.\n")
    got = lint(text, ruleset, enabled={"EXO401", "EXO901"})
    assert ids(got) == [("EXO401", 1)]


def test_range_and_enable(ruleset):
    text = ("<!-- exolint-disable EXO401 -->\n\nIt is absolutely safe.\n\n<!-- exolint-enable EXO401 -->\n\n"
            "It is completely safe.\n")
    assert ids(lint(text, ruleset, enabled={"EXO401", "EXO901"})) == [("EXO401", 7)]


def test_disable_without_ids_covers_every_rule_to_the_end(ruleset):
    text = "Intro.\n\n<!-- exolint-disable -->\n\nIt is absolutely safe.\n"
    assert lint(text, ruleset, enabled={"EXO401", "EXO901"}) == []


def test_file_level_by_rule_name(ruleset):
    text = "It is absolutely safe.\n\n<!-- exolint-disable-file absolute-safety-claim -- quoted from a study -->\n"
    assert lint(text, ruleset, enabled={"EXO401", "EXO901"}) == []


def test_html_comments_suppress_too(ruleset):
    text = "<p>It is absolutely safe.</p>\n<!-- exolint-disable-next-line EXO401 -->\n<p>It is completely safe.</p>\n"
    assert ids(lint(text, ruleset, "html", enabled={"EXO401", "EXO901"})) == [("EXO401", 1)]


def test_unused_suppression_is_reported_and_its_fix_removes_the_line(ruleset):
    text = "Intro.\n\n<!-- exolint-disable-next-line EXO401 -->\nA calm sentence.\n"
    (f,) = lint(text, ruleset, enabled={"EXO401", "EXO901"})
    assert f.rule == "EXO901" and f.start.line == 3 and "EXO401: nothing to suppress" in f.message
    assert f.fix is not None and f.fix.safe
    assert apply_fixes(text, [f]) == "Intro.\n\nA calm sentence.\n"


def test_only_the_unused_ids_are_removed(ruleset):
    text = "<!-- exolint-disable-next-line EXO401, EXO9999 -- reviewed -->\nIt is absolutely safe.\n"
    (f,) = lint(text, ruleset, enabled={"EXO401", "EXO901"})
    assert "EXO9999: no such rule" in f.message
    assert apply_fixes(text, [f]).startswith("<!-- exolint-disable-next-line EXO401 -- reviewed -->\n")


def test_a_suppression_of_a_rule_not_enabled_here_is_unused(ruleset):
    text = "<!-- exolint-disable-next-line EXO401 -->\nIt is absolutely safe.\n"
    (f,) = lint(text, ruleset, enabled={"EXO901"})
    assert "EXO401: not enabled here" in f.message


def test_no_reports_when_exo901_is_not_selected(ruleset):
    text = "<!-- exolint-disable-next-line EXO401 -->\nA calm sentence.\n"
    assert lint(text, ruleset, enabled={"EXO401"}, unused=False) == []


def test_require_reason_ignores_and_reports_a_bare_suppression(ruleset):
    text = "<!-- exolint-disable-next-line EXO401 -->\nIt is absolutely safe.\n"
    got = lint(text, ruleset, enabled={"EXO401", "EXO901"}, require_reason=True)
    assert sorted(ids(got)) == [("EXO401", 2), ("EXO901", 1)]
    assert "without a reason" in [f for f in got if f.rule == "EXO901"][0].message
    ok = "<!-- exolint-disable-next-line EXO401 -- a quote we rebut below -->\nIt is absolutely safe.\n"
    assert lint(ok, ruleset, enabled={"EXO401", "EXO901"}, require_reason=True) == []


def test_inline_comment_targets_the_following_line():
    doc = get_registry().formats["markdown"].parse(
        "First line <!-- exolint-disable-next-line -->\nsecond line of the same paragraph.\n", "a.md", {})
    (c,) = doc.comments
    assert next_prose_line(doc, c.end) == 2


def test_crlf_file_keeps_its_line_ending_after_removal(ruleset):
    text = "Intro.\r\n\r\n<!-- exolint-disable-next-line EXO401 -->\r\nA calm sentence.\r\n"
    (f,) = lint(text, ruleset, enabled={"EXO401", "EXO901"})
    assert apply_fixes(text, [f]) == "Intro.\r\n\r\nA calm sentence.\r\n"
