"""`sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; `tool.driver.rules` lists every rule in play (so `ruleIndex` is known before any result),
then the results are written as each file is done, so memory stays flat. Positions are code points:
the run says `columnKind: "unicodeCodePoints"`, which matches exolint's own columns and offsets
(`charOffset`/`charLength` are given too). Paths become relative URIs with forward slashes.
`partialFingerprints["exolint/v1"]` comes from the baseline fingerprint (rule + matched text +
context, not the line number), with `:N` for the Nth identical finding in a file, so an alert
keeps its identity when lines move. File and rule errors go to
`invocations[0].toolExecutionNotifications`, and `executionSuccessful` is false when there are any;
`invocations[0].properties.filesLinted` counts the files read (the GitHub Action's summary uses it).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from ..baseline import fingerprint as baseline_fingerprint
from ..finding import FileError, Finding, Position
from . import ReportOptions, RunSummary

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/exolint/exolint"
FINGERPRINT_KEY = "exolint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def fingerprint(f: Finding) -> str:
    """A finding's identity that survives edits elsewhere in the file (no line numbers in it); the
    baseline's, so a baseline entry and a code-scanning alert agree on what is the same finding."""
    return baseline_fingerprint(f)


def artifact_uri(path: str) -> str:
    """A relative URI with forward slashes (code scanning resolves it against the checkout)."""
    p = Path(path)
    if p.is_absolute():
        try:
            rel = os.path.relpath(p)
        except ValueError:  # another drive on Windows
            return p.as_uri()
        if rel.startswith(".."):
            return p.as_uri()
        path = rel
    uri = path.replace(os.sep, "/")
    while uri.startswith("./"):
        uri = uri[2:]
    return quote(uri, safe="/")


def region(start: Position, end: Position) -> dict:
    return {"startLine": start.line, "startColumn": start.column, "endLine": end.line,
            "endColumn": end.column, "charOffset": start.offset, "charLength": max(0, end.offset - start.offset)}


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return (m.group(1) if m else text)[:300]


def rule_descriptor(rule: Any) -> dict:
    """`reportingDescriptor` for a Rule: what code scanning shows in an alert's help panel."""
    description = " ".join((rule.description or rule.name).split())
    refs = [r for r in rule.references if isinstance(r, dict) and r.get("url")]
    text = [description]
    md = [description]
    if refs:
        text.append("Sources: " + "; ".join(f"{r.get('title', r['url'])} <{r['url']}>" for r in refs))
        md.append("**Sources**\n\n" + "\n".join(f"- [{r.get('title', r['url'])}]({r['url']})"
                                                + (f" ({r['date']})" if r.get("date") else "") for r in refs))
    if rule.as_of:
        text.append(f"Facts as of {rule.as_of}.")
        md.append(f"Facts as of {rule.as_of}.")
    text.append(f"Run `exolint explain {rule.id}` for examples.")
    md.append(f"Run `exolint explain {rule.id}` for examples.")
    d: dict[str, Any] = {
        "id": rule.id, "name": rule.name,
        "shortDescription": {"text": _first_sentence(description)},
        "fullDescription": {"text": description},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(md)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": [rule.category, *(f"jurisdiction:{j}" for j in rule.jurisdiction)],
                       "problem.severity": rule.severity if rule.severity != "info" else "recommendation"},
    }
    if refs:
        d["helpUri"] = refs[0]["url"]
    if rule.aliases:
        d["deprecatedNames"] = list(rule.aliases)
    return d


def _location(uri: str, start: Position, end: Position, message: str | None = None, id_: int | None = None) -> dict:
    loc: dict[str, Any] = {}
    if id_ is not None:
        loc["id"] = id_
    loc["physicalLocation"] = {"artifactLocation": {"uri": uri}, "region": region(start, end)}
    if message is not None:
        loc["message"] = {"text": message}
    return loc


def result(f: Finding, rule_index: dict[str, int], fp: str | None = None) -> dict:
    """One SARIF result; `fp` is the partial fingerprint (default: this finding's, first occurrence)."""
    uri = artifact_uri(f.path)
    res: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in rule_index:
        res["ruleIndex"] = rule_index[f.rule]
    res.update({
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [_location(uri, f.start, f.end)],
    })
    if f.related:
        res["relatedLocations"] = [_location(uri, r.start, r.end, r.message, i)
                                   for i, r in enumerate(f.related, 1)]
    if f.fix:
        res["fixes"] = [{
            "description": {"text": "Safe fix" if f.fix.safe else "Unsafe fix: review the wording before applying"},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                {"deletedRegion": {"charOffset": r.start, "charLength": r.end - r.start},
                 "insertedContent": {"text": r.text}} for r in f.fix.replacements]}],
        }]
    res["partialFingerprints"] = {FINGERPRINT_KEY: fp or f"{fingerprint(f)}:1"}
    res["properties"] = {"category": f.category, "severity": f.severity, "ruleName": f.name}
    return res


def notification(e: FileError) -> dict:
    n: dict[str, Any] = {"level": "error", "message": {"text": e.message},
                         "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}]}
    if e.rule:
        n["associatedRule"] = {"id": e.rule}
    return n


class Reporter:
    #: this output never shows source lines, so a cached run need not read unchanged files
    needs_source = False

    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.first = True
        rules = [rule_descriptor(r) for r in options.rules]
        self.rule_index = {r["id"]: i for i, r in enumerate(rules)}
        driver = {"name": "exolint", "version": options.version, "informationUri": INFORMATION_URI,
                  "rules": rules}
        if re.fullmatch(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?", options.version or ""):
            driver["semanticVersion"] = options.version
        if not options.version:
            del driver["version"]
        head = {"$schema": SCHEMA_URI, "version": "2.1.0",
                "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}]}
        text = json.dumps(head, ensure_ascii=False, indent=None)
        # open the run object again and stream its results array
        stream.write(text[:-3] + ', "results": [')

    def file(self, path: str, findings: list[Finding], source: str | None) -> None:
        seen: dict[str, int] = {}
        for f in findings:
            fp = fingerprint(f)
            seen[fp] = seen.get(fp, 0) + 1
            item = json.dumps(result(f, self.rule_index, f"{fp}:{seen[fp]}"), ensure_ascii=False)
            self.stream.write(("\n" if self.first else ",\n") + item)
            self.first = False

    def finish(self, summary: RunSummary) -> None:
        invocation = {"executionSuccessful": not summary.errors,
                      "toolExecutionNotifications": [notification(e) for e in summary.errors],
                      "properties": {"filesLinted": summary.files, "fixed": summary.fixed}}
        tail = json.dumps([invocation], ensure_ascii=False)
        self.stream.write(("\n" if not self.first else "") + '], "invocations": ' + tail + "}]}\n")
