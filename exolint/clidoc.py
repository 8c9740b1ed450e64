"""docs/cli.md quotes `exolint --help` and each command's `--help`; this keeps the quotes true.

Blocks between `<!-- help: COMMAND -->` and `<!-- /help -->` are regenerated at a fixed width of
100 columns (`python -m exolint.clidoc`; `--check` exits 1 when the file is out of date, which
the test suite checks).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Sequence

WIDTH = 100
_BLOCK = re.compile(r"(<!-- help: ?(?P<cmd>[\w-]*) -->\n)(?P<body>.*?)(<!-- /help -->)", re.S)


def help_text(command: str) -> str:
    """The `--help` output of `exolint [command]` at the fixed width."""
    from click.testing import CliRunner

    from .cli import main

    args = ([command] if command else []) + ["--help"]
    result = CliRunner().invoke(main, args, terminal_width=WIDTH, prog_name="exolint")
    return result.output


def render(doc: str) -> str:
    def block(m: re.Match) -> str:
        return f"{m.group(1)}```text\n{help_text(m.group('cmd'))}```\n{m.group(4)}"

    return _BLOCK.sub(block, doc)


def default_path() -> Path:
    return Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m exolint.clidoc", description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=default_path())
    ap.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = ap.parse_args(argv)
    old = args.path.read_text(encoding="utf-8")
    new = render(old)
    if args.check:
        if new != old:
            print(f"{args.path} is out of date; run: python -m exolint.clidoc", file=sys.stderr)
            return 1
        return 0
    args.path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
