"""Where literal words occur in a document's lower-cased prose: one Aho-Corasick pass per document,
shared by the prefilter (which rules can fire) and by the kinds that try a pattern only where its
literal start occurs (`kinds.candidates`).

Before this index existed the prefilter and the kinds each ran their own pass over the same text;
one pass that records every occurrence serves both. The vocabulary is process-wide: it holds every
word an engine or a rule has registered, so it grows while the first engine is built (and while a
kind meets its first pages) and then stays; a document's index made before the vocabulary grew is
brought up to date by a pass for the new words only.

Offsets are end offsets in `Document.lower_text`, which has the prose's length unless the page
holds a character that lower-casing lengthens; callers that need prose offsets check that first
(`kinds.candidates`). Knowing which words occur is right in every case.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, MutableSequence, Sequence
from typing import ClassVar

import ahocorasick

from .document import Document

#: pyahocorasick copies the text it scans into 4 bytes a character (200 MB for a 50 MB page), so
#: a long text is scanned a piece at a time
_CHUNK = 1 << 18
_MEMO_KEY = ("document", "word-index")


class WordIndex:
    """The process-wide vocabulary and, per document, where its words end (see the module doc)."""

    _words: ClassVar[set[str]] = set()
    _automaton: ClassVar[ahocorasick.Automaton | None] = None
    _version: ClassVar[int] = 0
    _reach: ClassVar[int] = 0  # the longest word less one: how far scanned pieces overlap

    #: the words each version added (version v added `_added[v - 1]`), so that a document's index
    #: made at an older version is brought up to date by a pass for the words added since
    _added: ClassVar[list[frozenset[str]]] = []
    _catch_up: ClassVar[dict[int, tuple[ahocorasick.Automaton, int]]] = {}

    @classmethod
    def register(cls, words: Iterable[str]) -> None:
        """Add lower-case words to the vocabulary (a no-op for words it already holds)."""
        new = frozenset(w for w in words if w and w not in cls._words)
        if not new:
            return
        cls._words.update(new)
        cls._automaton, cls._reach = _build_automaton(cls._words)
        cls._version += 1
        cls._added.append(new)
        cls._catch_up.clear()

    @classmethod
    def of(cls, doc: Document) -> Mapping[str, Sequence[int]]:
        """Per vocabulary word present in the document: the end offsets of its occurrences in
        `doc.lower_text`, ascending (lists; on a page longer than one scanned piece, packed
        arrays: a long page holds millions of occurrences)."""
        got = doc.memo.get(_MEMO_KEY)
        if got is None:
            got = doc.memo[_MEMO_KEY] = (cls._version, _scan(doc.lower_text, cls._automaton, cls._reach))
        elif got[0] != cls._version:
            # rules add their words the first time they ask, often in the middle of a page: a pass
            # for only the words added since, not the whole vocabulary again (on a 50 MB page each
            # full pass costs most of a second, and the first page sees dozens of additions)
            catch_up = cls._catch_up.get(got[0])
            if catch_up is None:
                catch_up = cls._catch_up[got[0]] = _build_automaton(frozenset().union(*cls._added[got[0]:]))
            index = got[1]
            index.update(_scan(doc.lower_text, *catch_up))
            got = doc.memo[_MEMO_KEY] = (cls._version, index)
        return got[1]


def _build_automaton(words: Iterable[str]) -> tuple[ahocorasick.Automaton, int]:
    """An automaton of `words` and its reach (the longest word less one)."""
    a = ahocorasick.Automaton()
    longest = 1
    for w in words:
        a.add_word(w, w)
        longest = max(longest, len(w))
    a.make_automaton()
    return a, longest - 1


def _scan(low: str, automaton: ahocorasick.Automaton | None, reach: int) -> dict[str, MutableSequence[int]]:
    by_word: dict[str, MutableSequence[int]] = {}
    if automaton is None:
        return by_word
    if len(low) <= _CHUNK:
        # a page of the usual size: lists, which are filled and read faster than arrays
        get = by_word.get
        for end, w in automaton.iter(low):
            got = get(w)
            if got is None:
                by_word[w] = [end]
            else:
                got.append(end)
        return by_word
    return _scan_long(low, automaton, reach)


def _scan_long(low: str, automaton: ahocorasick.Automaton, reach: int) -> dict[str, MutableSequence[int]]:
    by_word: dict[str, MutableSequence[int]] = {}
    get = by_word.get
    # a piece starts `reach` characters early so that every occurrence ending in it is whole, and
    # only occurrences ending in it are kept: the same occurrences, in the same order, as one pass
    for a in range(0, len(low), _CHUNK):
        lo = max(a - reach, 0)
        for end, w in automaton.iter(low[lo:a + _CHUNK]):
            end += lo
            if end < a:
                continue
            got = get(w)
            if got is None:
                got = by_word[w] = array("q")
            got.append(end)
    return by_word
