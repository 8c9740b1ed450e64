"""Where attribute values are in a start tag's source, for alt text and meta content with exact offsets.

HTMLParser hands over attribute values already unescaped and without positions, so the tag text is
scanned again here with the parser's own grammar; both therefore agree on what the attributes are.
"""
from __future__ import annotations

import re

# The attribute grammar of CPython's HTMLParser, so the offsets found agree with its parsing.
_TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*(?:\s|/(?!>))*")
_ATTR = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)


def attr_spans(tag_text: str, base: int) -> dict[str, tuple[int, int]]:
    """Source range of each attribute value in a start tag (first occurrence wins, as in browsers)."""
    m = _TAG_NAME.match(tag_text)
    spans: dict[str, tuple[int, int]] = {}
    if m is None:
        return spans
    k, n = m.end(), len(tag_text)
    while k < n:
        m = _ATTR.match(tag_text, k)
        if m is None:
            break
        name = m.group(1).lower()
        if m.group(2) and name not in spans:
            a, b = m.span(3)
            if b - a >= 2 and tag_text[a] in "'\"" and tag_text[b - 1] == tag_text[a]:
                a, b = a + 1, b - 1
            spans[name] = (base + a, base + b)
        k = m.end()
    return spans
