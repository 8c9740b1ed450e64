"""The Python API: lint_text, lint_paths (configuration-aware like the CLI), load_rules."""
import exolint
from exolint.api import load_rules


def test_lint_text_in_each_format():
    for fmt, text in (("text", "It is absolutely safe."), ("markdown", "# T\n\nIt is *absolutely* safe."),
                      ("html", "<p>It is absolutely safe.</p>")):
        assert "EXO401" in {f.rule for f in exolint.lint_text(text, format=fmt)}, fmt
    assert exolint.lint_text("Bruising is common and fades in a week.") == []


def test_lint_text_with_a_selection():
    rs = load_rules(select=["EXO401"])
    fs = exolint.lint_text("The FDA-approved serum is absolutely safe.", rules=rs)
    assert {f.rule for f in fs} == {"EXO401"}


def test_lint_paths_follows_configuration_and_suppressions(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.md").write_text("It is absolutely safe.\n", encoding="utf-8")
    (tmp_path / "site" / "b.md").write_text(
        "<!-- exolint-disable-next-line EXO401 -- quoted from a complaint -->\nIt is absolutely safe.\n",
        encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 absolutely safe")
    result = exolint.lint_paths([tmp_path / "site", tmp_path / "bad.txt"])
    assert [(f.path.rsplit("/", 1)[-1], f.rule) for f in result if f.rule == "EXO401"] == [("a.md", "EXO401")]
    assert len(result.errors) == 1 and "--encoding" in result.errors[0].message
    (tmp_path / "site" / ".exolint.yaml").write_text("ignore: [EXO401]\n", encoding="utf-8")
    assert [f for f in exolint.lint_paths([tmp_path / "site"]) if f.rule == "EXO401"] == []
    no_cfg = exolint.lint_paths([tmp_path / "site"], use_config=False)
    assert "EXO401" in {f.rule for f in no_cfg}


def test_load_rules_is_served_from_the_compiled_rules_cache(tmp_path, monkeypatch):
    from exolint import api, ruleset

    monkeypatch.setenv("EXOLINT_RULE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(api, "_CACHE", {})
    first = [c.rule.id for c in load_rules()]
    assert list(tmp_path.glob("*.pickle"))

    def no_compiling(*args, **kwargs):
        raise AssertionError("the rules were compiled again")

    monkeypatch.setattr(ruleset, "load_ruleset", no_compiling)
    monkeypatch.setattr(api, "_CACHE", {})  # as in a new process
    assert [c.rule.id for c in load_rules()] == first


def test_the_readme_example_runs_and_finds_what_it_shows(tmp_path, monkeypatch, capsys):
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    code = readme.split("## Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.md").write_text("# Glow facial\n\nOur treatment is absolutely safe.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert {f.rule for f in scope["findings"]} == {"EXO301"}
    assert "EXO401" in capsys.readouterr().out
