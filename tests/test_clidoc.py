"""The `--help` texts quoted in docs/cli.md are the real ones (fixed terminal width)."""
from exolint import clidoc


def test_cli_doc_quotes_the_current_help():
    path = clidoc.default_path()
    text = path.read_text(encoding="utf-8")
    assert "<!-- help: check -->" in text
    assert clidoc.render(text) == text, "docs/cli.md is out of date; run: python -m exolint.clidoc"


def test_help_is_rendered_at_the_fixed_width():
    out = clidoc.help_text("check")
    assert out.startswith("Usage: exolint check [OPTIONS] [PATHS]...")
    assert max(len(line) for line in out.splitlines()) <= clidoc.WIDTH
    assert "--fail-on" in out and "--jurisdiction" in out
