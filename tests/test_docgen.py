"""docs/rules.md is generated from the rules and must be current; the generator renders what users need."""
from __future__ import annotations

from pathlib import Path

from exolint import docgen
from exolint.examples import parse_example
from exolint.rule import Rule

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def rule(**kw) -> Rule:
    base = dict(id="EXO999", name="sample-rule", kind="pattern", category="other", severity="warning",
                message="m", description="Why it\n matters | to patients.", path=Path("rules/legal/EXO999-x.yaml"),
                references=({"title": "A source", "url": "https://example.org/a", "date": "2020-01-02"},),
                jurisdiction=("uk",), as_of="2026-11-22",
                bad=(parse_example("Say «this» here.", bad=True),), good=(parse_example("Say that.", bad=False),))
    base.update(kw)
    return Rule(**base)


def test_docs_rules_md_is_up_to_date():
    expected = docgen.render(docgen.builtin_rules())
    assert DOC.exists(), "docs/rules.md is missing; run: python -m exolint.docgen"
    assert DOC.read_text(encoding="utf-8") == expected, "docs/rules.md is out of date; run: python -m exolint.docgen"


def test_every_builtin_rule_is_documented_with_its_metadata():
    text = DOC.read_text(encoding="utf-8")
    for r in docgen.builtin_rules():
        assert f"### {r.id} {r.name}" in text
        if r.as_of:
            assert f"**As of:** {r.as_of}" in text


def test_doc_says_findings_are_not_legal_advice():
    assert "not legal advice" in docgen.render([rule()])


def test_rule_section_has_everything_a_reader_needs():
    text = "\n".join(docgen.render_rule(rule()))
    assert "### EXO999 sample-rule" in text
    assert "**Category:** other" in text and "**Severity:** warning" in text
    assert "**Jurisdiction:** UK" in text and "**As of:** 2026-11-22" in text
    assert "Why it matters | to patients." in text  # description whitespace folded
    assert "[A source](https://example.org/a), 2020-01-02" in text
    assert "- `Say «this» here.`" in text  # the expected span is marked again
    assert "- `Say that.`" in text


def test_rules_are_grouped_by_topic_in_the_declared_order():
    legal = rule()
    safety = rule(id="EXO420", name="s", path=Path("rules/safety/EXO420-s.yaml"))
    text = docgen.render([safety, legal])
    assert text.index("## Law and regulator names") < text.index("## Safety and invasiveness")
    assert text.index("### EXO999") < text.index("### EXO420")


def test_check_mode_reports_a_stale_file_and_write_mode_fixes_it(tmp_path, monkeypatch):
    monkeypatch.setattr(docgen, "builtin_rules", lambda: [rule()])
    out = tmp_path / "rules.md"
    out.write_text("stale\n", encoding="utf-8")
    assert docgen.main(["--check", "-o", str(out)]) == 1
    assert docgen.main(["-o", str(out)]) == 0
    assert docgen.main(["--check", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == docgen.render([rule()])
