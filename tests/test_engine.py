"""The engine: language of the page, jurisdictions, crashing kinds, sorting."""
import json
from pathlib import Path

from click.testing import CliRunner

from exolint.api import load_rules, select_rules
from exolint.cli import main
from exolint.config import Settings
from exolint.engine import Engine
from exolint.plugins.html import parse as parse_html
from exolint.plugins.markdown import parse as parse_md
from exolint.plugins.text import parse as parse_text
from exolint.rule import CompileContext, Hit, Rule
from exolint.ruleset import RuleSet

CLAIM = "Our serum is absolutely safe."


def test_page_in_another_language_is_skipped_by_english_rules_with_a_notice():
    rs = load_rules(select=["EXO401"])
    for doc in (parse_html(f'<html lang="de-DE"><body><p>{CLAIM}</p></body></html>', "p.html", {}),
                parse_md(f"---\nlang: fr\n---\n\n{CLAIM}\n", "p.md", {})):
        res = Engine(rs).lint(doc)
        assert res.findings == []
        assert any("page language" in n and "skipped" in n for n in res.notices)
    en = parse_html(f'<html lang="en-GB"><body><p>{CLAIM}</p></body></html>', "p.html", {})
    assert [f.rule for f in Engine(rs).lint(en).findings] == ["EXO401"]


def test_language_notice_reaches_stderr(tmp_path):
    page = tmp_path / "seite.html"
    page.write_text(f'<html lang="de"><body><p>{CLAIM}</p></body></html>', encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--select", "EXO401", str(page)])
    assert r.exit_code == 0
    assert "page language is 'de'" in r.output  # CliRunner mixes stderr into output


def test_jurisdiction_selects_regulatory_rules():
    rs = load_rules()
    uk_only = select_rules(rs, Settings(jurisdictions=("uk",)))
    juris = {c.rule.id: c.rule.jurisdiction for c in uk_only}
    assert juris and all(not j or "uk" in j for j in juris.values())
    assert any(j == ("us",) for j in (c.rule.jurisdiction for c in rs)), "the pack has US-only rules"
    assert len(uk_only) < len(rs)
    # rules without a jurisdiction (safety, evidence) apply everywhere
    assert "EXO401" in {c.rule.id for c in uk_only}


def test_jurisdiction_option_on_the_command_line(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("The FDA has approved our exosome serum.\n", encoding="utf-8")
    runner = CliRunner()
    us = json.loads(runner.invoke(main, ["check", "--format", "json", "--jurisdiction", "us", str(page)]).output)
    uk = json.loads(runner.invoke(main, ["check", "--format", "json", "--jurisdiction", "uk", str(page)]).output)
    assert "EXO301" in {f["rule"] for f in us["findings"]}
    assert "EXO301" not in {f["rule"] for f in uk["findings"]}


class _Boom:
    triggers = ()

    def __init__(self):
        self.rule = Rule(id="TST777", name="boom", kind="boom", category="other", severity="error",
                         message="m", description="d", path=Path("boom.yaml"))

    def check(self, doc):
        raise ZeroDivisionError("third-party kind bug")


class _Two:
    triggers = ()

    def __init__(self):
        self.rule = Rule(id="TST778", name="two", kind="two", category="other", severity="info",
                         message="m", description="d", path=Path("two.yaml"))

    def check(self, doc):
        yield Hit(10, 14, "later")
        yield Hit(0, 4, "earlier")


def test_a_crashing_kind_is_an_error_of_that_rule_and_findings_are_sorted():
    doc = parse_text("Some words here and there.", "x.txt")
    res = Engine(RuleSet([_Boom(), _Two()], CompileContext())).lint(doc)
    assert [f.message for f in res.findings] == ["earlier", "later"]
    (err,) = res.errors
    assert err.rule == "TST777" and "ZeroDivisionError: third-party kind bug" in err.message
