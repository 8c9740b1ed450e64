"""A rule's embedded examples: `bad` texts with the expected spans marked «like this», `good` texts.

They are the rule's tests (`exolint test-rules`) and its documentation (`exolint explain`),
as LanguageTool's `<example>` with `<marker>`.
"""
from __future__ import annotations

from typing import Any

from .rule import Example

OPEN, CLOSE = "«", "»"


def parse_example(item: Any, *, bad: bool) -> Example:
    if isinstance(item, str):
        raw, fmt, fixed, also = item, "text", None, ()
    else:
        raw, fmt, fixed, also = item["text"], item.get("format", "text"), item.get("fixed"), tuple(item.get("also", ()))
    text, spans, i, start = [], [], 0, None
    n = 0
    for ch in raw:
        if ch == OPEN:
            if start is not None:
                raise ValueError(f"nested {OPEN} in example {raw!r}")
            start = n
        elif ch == CLOSE:
            if start is None:
                raise ValueError(f"{CLOSE} without {OPEN} in example {raw!r}")
            spans.append((start, n))
            start = None
        else:
            text.append(ch)
            n += 1
        i += 1
    if start is not None:
        raise ValueError(f"unclosed {OPEN} in example {raw!r}")
    if bad and not spans:
        raise ValueError(f"a bad example must mark the expected span with {OPEN}...{CLOSE}: {raw!r}")
    if not bad and spans:
        raise ValueError(f"a good example has no findings to mark: {raw!r}")
    return Example("".join(text), tuple(spans), fmt, fixed, also)


def parse_examples(examples: dict) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    bad = tuple(parse_example(x, bad=True) for x in examples.get("bad", ()))
    good = tuple(parse_example(x, bad=False) for x in examples.get("good", ()))
    return bad, good
