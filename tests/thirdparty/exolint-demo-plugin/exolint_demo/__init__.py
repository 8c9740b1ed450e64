"""A third-party exolint plugin: a `.claims` line format, a `shout` rule kind and a rule pack."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from exolint import hookimpl
from exolint.document import DocumentBuilder
from exolint.rule import Hit, fill


def parse_claims(source: str, path: str, options: dict):
    """One claim per line; lines starting with ';' are comments."""
    b = DocumentBuilder(path, source, "claims")
    pos = 0
    for line in source.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and not body.lstrip().startswith(";"):
            b.new_block()
            b.open_segment("paragraph")
            b.add(pos, pos + len(body))
        pos += len(line)
    return b.build()


@dataclass
class ShoutRule:
    rule: object
    min_len: int
    triggers: tuple = ()

    def check(self, doc):
        for m in regex.finditer(r"\b[A-Z]{%d,}\b" % self.min_len, doc.match_text):
            yield Hit(m.start(), m.end(), fill(self.rule.message, match=m.group()))


def compile_shout(rule, ctx):
    return ShoutRule(rule, rule.options.get("min_length", 5))


@hookimpl
def register_formats(register):
    register("claims", parse_claims, extensions=(".claims",), description="one claim per line")


@hookimpl
def register_rule_kinds(register):
    register("shout", compile_shout, schema={"properties": {"min_length": {"type": "integer", "minimum": 2}}},
             doc="Words in capitals of at least `min_length` letters.")


@hookimpl
def register_rule_packs(register):
    register("demo", Path(__file__).parent / "rules")
