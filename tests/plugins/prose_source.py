"""What the format-plugin tests ask of a Document: where a word of the prose came from."""
from __future__ import annotations

from exolint.document import Document


def src_of(doc: Document, word: str, nth: int = 0) -> str:
    """The source text that the `nth` occurrence of `word` in the prose came from."""
    i = -1
    for _ in range(nth + 1):
        i = doc.text.index(word, i + 1)
    a, b = doc.source_span(i, i + len(word))
    assert 0 <= a <= b <= len(doc.source)
    return doc.source[a:b]
