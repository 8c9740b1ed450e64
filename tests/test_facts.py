"""The fact base: loading, validation with positions, review dates and the once-per-run warning."""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from exolint.facts import load_facts
from exolint.kinds import claim, quantity
from exolint.rule import CompileContext, Rule

PACK = Path(claim.__file__).resolve().parents[2] / "rules"

GOOD = """\
agents:
  FDA:
    names: [FDA, Food and Drug Administration]
    jurisdiction: us
facts:
  - id: fda-x
    statement: no X is approved
    claim: {agent: FDA, predicate: approved, object: X}
    holds: false
    as_of: "2026-11-22"
    review_by: "2027-01-01"
    sources:
      - {title: Some notice, url: https://example.org, date: "2019-12-06"}
"""


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    d = tmp_path / "facts"
    d.mkdir(exist_ok=True)
    (d / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_builtin_fact_base_is_valid_and_current_at_release():
    base, errors = load_facts([PACK], dt.date(2026, 11, 22))
    assert errors == []
    assert base.stale == []
    fda = base.get("fda-exosome-approval")
    assert fda is not None and fda.data["holds"] is False
    assert fda.source == "FDA Public Safety Notification on Exosome Products" and fda.source_date == "2019-12-06"
    assert "FDA" in base.agents and "Medicines and Healthcare products Regulatory Agency" in base.agents["MHRA"].names
    for fact in base.facts:
        assert fact.sources and all(s.get("title") and s.get("date") for s in fact.sources)


def test_loads_agents_and_facts(tmp_path):
    base, errors = load_facts([write(tmp_path, GOOD)], dt.date(2026, 11, 22))
    assert errors == []
    assert base.agents["FDA"].names == ("FDA", "Food and Drug Administration")
    assert base.get("fda-x").placeholders()["source"] == "Some notice"


def test_missing_keys_are_errors_with_line_and_column(tmp_path):
    text = """\
    facts:
      - id: a
        statement: s
        sources: [{title: t, date: "2020"}]
      - id: b
        statement: s
        as_of: "2026-11-22"
        review_by: "2027-01-01"
        sources: []
    """
    _, errors = load_facts([write(tmp_path, text)], dt.date(2026, 11, 22))
    msgs = sorted((e.line, e.column, e.message) for e in errors)
    assert (2, 5, "fact a: missing 'as_of'") in msgs
    assert (2, 5, "fact a: missing 'review_by'") in msgs
    assert any(line == 9 and "sources must be a non-empty list" in m for line, _, m in msgs)
    assert all(e.path.endswith("f.yaml") for e in errors)


def test_bad_dates_and_sources(tmp_path):
    text = """\
    facts:
      - id: a
        statement: s
        as_of: yesterday
        review_by: "2020-01-01"
        sources:
          - {title: t}
    """
    _, errors = load_facts([write(tmp_path, text)], dt.date(2026, 11, 22))
    msgs = {(e.line, e.message) for e in errors}
    assert (4, "fact a: as_of must be an ISO date (YYYY-MM-DD), got 'yesterday'") in msgs
    assert (7, "fact a: every source needs a title and a date") in msgs


def test_duplicate_fact_ids_and_unknown_keys(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD.replace("agents:", "extra: 1\nagents:"), "b.yaml")
    _, errors = load_facts([tmp_path], dt.date(2026, 11, 22))
    messages = [e.message for e in errors]
    assert any("fact id fda-x is already used" in m for m in messages)
    assert any("unknown key 'extra'" in m for m in messages)


def test_a_duplicate_numeric_fact_id_is_an_error_not_a_crash(tmp_path):
    text = GOOD.replace("id: fda-x", "id: 12")
    write(tmp_path, text, "a.yaml")
    write(tmp_path, text, "b.yaml")
    _, errors = load_facts([tmp_path], dt.date(2026, 11, 22))
    assert any("fact id 12 is already used by " in e.message and e.message.endswith("a.yaml") for e in errors)


def test_yaml_syntax_error_has_position(tmp_path):
    _, errors = load_facts([write(tmp_path, "facts: [\n")], dt.date(2026, 11, 22))
    assert len(errors) == 1 and errors[0].line >= 1


def test_stale_facts_warn_once_per_run(tmp_path):
    base, errors = load_facts([write(tmp_path, GOOD)], dt.date(2027, 6, 1))
    assert errors == [] and [f.id for f in base.stale] == ["fda-x"]
    ctx = CompileContext(facts=base, today=dt.date(2027, 6, 1))
    for i in range(3):  # three rules that rely on the fact base
        rule = Rule(id=f"TST30{i}", name="t", kind="claim", category="c", severity="error", message="m",
                    description="d", path=Path("t.yaml"),
                    options={"fact": "fda-x", "agents": ["FDA"], "predicates": ["approved"], "objects": ["X"]})
        claim.compile(rule, ctx)
    assert len(ctx.warnings) == 1
    assert "needs review" in ctx.warnings[0] and "fda-x (review by 2027-01-01)" in ctx.warnings[0]


def test_no_warning_before_review_date(tmp_path):
    base, _ = load_facts([write(tmp_path, GOOD)], dt.date(2026, 12, 31))
    ctx = CompileContext(facts=base, today=dt.date(2026, 12, 31))
    rule = Rule(id="TST300", name="t", kind="claim", category="c", severity="error", message="m",
                description="d", path=Path("t.yaml"),
                options={"fact": "fda-x", "agents": ["FDA"], "predicates": ["approved"], "objects": ["X"]})
    claim.compile(rule, ctx)
    assert ctx.warnings == []


def test_builtin_pack_warns_when_today_is_injected_late():
    base, _ = load_facts([PACK], dt.date(2030, 1, 1))
    ctx = CompileContext(facts=base, today=dt.date(2030, 1, 1))
    rule = Rule(id="TST101", name="t", kind="quantity", category="c", severity="error", message="m",
                description="d", path=Path("t.yaml"),
                options={"fact": "exosome-size", "checks": ["plausibility"], "subjects": ["exosomes"]})
    quantity.compile(rule, ctx)
    assert len(ctx.warnings) == 1 and "rule pack needs review" in ctx.warnings[0]


def test_missing_facts_dir_is_fine(tmp_path):
    base, errors = load_facts([tmp_path], dt.date(2026, 11, 22))
    assert errors == [] and base.facts == []


def test_cli_prints_the_review_warning_once(monkeypatch):
    from click.testing import CliRunner

    from exolint.cli import main

    monkeypatch.setenv("EXOLINT_TODAY", "2030-01-01")
    res = CliRunner().invoke(main, ["rules"])
    try:
        text = res.stderr  # click >= 8.2 keeps stderr apart (and also mixes it into output)
    except ValueError:
        text = res.output
    assert res.exit_code == 0
    assert text.count("rule pack needs review") == 1
