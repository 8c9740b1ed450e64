"""Reference-list entries: where a page lists its sources, and whether each entry identifies one.

"(1) Journal of X, 2019" looks like a source but matches hundreds of papers; "(1) Smith J, Lee K.
Exosomes in skin repair. doi:10.1000/x" names one. The index of a page's entries is built once per
document and shared by every `evidence` rule: claims inside an entry are not claims of the page,
markers resolve through it, and incomplete entries are findings of their own.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from ..document import Document
from ..spans import Cover
from .citation_complete import URL, is_complete

_REF_HEADING = regex.compile(
    r"^\s*(?:references?|sources?|bibliography|citations?|works cited|literature|further reading|footnotes)\s*:?\s*$",
    regex.I)
_INLINE_LIST = regex.compile(r"^\s*(?:references?|sources?|bibliography|citations?)\s*:\s*(?=\S)", regex.I)
_NUMBERED = regex.compile(r"^\s*(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)](?=\s)|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))\s*")
_CITATION_LIKE = regex.compile(
    r"\b(?:19|20)\d{2}\b|\bjournal\b|\bj\.?\s+\p{Lu}|\bdoi\b|\bpmid\b|\bet\.?\s+al\b|https?://|\breview\b|\bpress\b",
    regex.I)
# Words that make a block read as prose rather than as a reference entry.
_PROSE = regex.compile(r"\b(?:is|are|was|were|has|have|had|that|which|these|can|will|should|must|may|would|could)\b",
                       regex.I)
_ITEM = regex.compile(r"[^;]+")
#: a note under a reference list ("Competing interests: ...", "Funding: ...", "© 2024 ..."), or the
#: next numbered section of a release or leaflet ("6. Images ...", "7. Contact Press Office, ..."):
#: the list has ended
_NOTE = regex.compile(
    r"\s*(?:competing\s+interests?|conflicts?\s+of\s+interests?|funding|acknowledge?ments?|disclaimers?|"
    r"disclosures?|notes?|licen[cs]e|contact|correspondence|author\s+contributions?|"
    r"data\s+availability)\s*:|\s*(?:©|\(c\)|copyright\b)"
    r"|[^\S\n]*\d{1,2}[.)][^\S\n]+(?:contact(?:\s+us)?|images?|photos?|pictures?|media(?:\s+enquiries)?|"
    r"press(?:\s+office)?|notes\s+to\s+editors|about\s+(?:the|us)\b|funding|acknowledge?ments?)\b", regex.I)
SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
MAX_ENTRY = 400

@dataclass
class Entry:
    """One reference-list entry: its number (None when the list is not numbered) and prose range."""

    number: int | None
    start: int
    end: int
    text: str
    complete: bool
    inline_list: int | None = None  # index of the "References: a; b; c" line it came from


@dataclass
class RefIndex:
    entries: list[Entry] = field(default_factory=list)
    by_number: dict[int, Entry] = field(default_factory=dict)

    # built on first use, once the entries are all in
    _cover: Cover | None = field(default=None, init=False, repr=False, compare=False)
    _starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def inside_entry(self, start: int, end: int) -> bool:
        if self._cover is None:
            self._cover = Cover((e.start, e.end) for e in self.entries)
        return self._cover.holds(start, end)

    def entry_starts_after(self, offset: int, within: int) -> bool:
        """Whether an entry starts after `offset` and at most `within` characters after it (the
        number before an entry is the entry's own, not a citation marker)."""
        if self._starts is None:
            self._starts = sorted(e.start for e in self.entries)
        i = bisect_right(self._starts, offset)
        return i < len(self._starts) and self._starts[i] - within <= offset


def _links_in_source(doc: Document, a: int, b: int) -> bool:
    """Whether the entry's source holds a web address that its prose left out (a Markdown
    autolink, "International Society for Extracellular Vesicles: <https://www.isev.org>")."""
    sa, sb = doc.source_span(a, b)
    source = doc.source
    end = source.find("\n", sb)
    return URL.search(source, sa, len(source) if end < 0 else end) is not None


def _blocks(doc: Document) -> list[list]:
    """[start, end, scope] per block, in order; links and other inline segments merged. Segments
    come block by block, so a block is merged in one walk; any other order is merged by block."""
    out: list[list] = []
    last = -1
    cur: list = []
    for s in doc.segments:
        blk = s.block
        if blk == last:
            cur[0], cur[1] = min(cur[0], s.start), max(cur[1], s.end)
        elif blk > last:
            cur = [s.start, s.end, s.scope]
            out.append(cur)
            last = blk
        else:
            return _blocks_in_any_order(doc)
    return out


def _blocks_in_any_order(doc: Document) -> list[list]:
    out: dict[int, list] = {}
    for s in doc.segments:
        cur = out.get(s.block)
        if cur is None:
            out[s.block] = [s.start, s.end, s.scope]
        else:
            cur[0], cur[1] = min(cur[0], s.start), max(cur[1], s.end)
    return list(out.values())


def reference_index(doc: Document) -> RefIndex:
    """The page's reference list, parsed once per document and shared by every `evidence` rule."""
    idx = doc.memo.get(("evidence", "refindex"))
    if idx is None:
        idx = doc.memo[("evidence", "refindex")] = _build(doc)
    return idx


# what a block must start with (after spaces) for _REF_HEADING / _INLINE_LIST or _NUMBERED to match:
# most blocks start with neither, and skipping their regexes keeps the index cheap. An ASCII start
# is told by its first four letters (every heading word has more); any other start by its first
# character, which case folding may match ("ſources").
_HEAD_START = frozenset("rsbcwlfRSBCWLF\u017f")
_HEAD_KEYS = frozenset(["refe", "sour", "bibl", "cita", "work", "lite", "furt", "foot"])
_NUMBER_START = frozenset("[(¹²³⁴⁵⁶⁷⁸⁹⁰")


def may_head(stripped: str) -> bool:
    """Whether a block whose text, spaces stripped on the left, is `stripped` may match
    _REF_HEADING or _INLINE_LIST (False: it cannot)."""
    key = stripped[:4]
    if key.isascii():
        return key.lower() in _HEAD_KEYS
    return stripped[:1] in _HEAD_START


def _shape(text: str) -> tuple[bool, int | None, int, bool]:
    """What the parser reads from a short block: whether it reads as prose, its entry number and
    where the entry's body starts (None, 0 when not numbered), and whether the body looks like a
    citation. Sites repeat reference lists and footers on every page, so this is remembered by text."""
    got = _SHAPES.get(text)
    if got is None:
        prose = len(_PROSE.findall(URL.sub(" ", text) if "://" in text else text)) >= 2  # "/what-are-exosomes/"
        num = _NUMBERED.match(text)
        n, body_at = None, 0
        if num:
            n, body_at = int(next(g for g in num.groups() if g).translate(SUPERSCRIPT)), num.end()
        got = (prose, n, body_at, not prose and bool(_CITATION_LIKE.search(text[body_at:] if body_at else text)))
        if len(_SHAPES) >= 4096:
            _SHAPES.clear()
        _SHAPES[text] = got
    return got


_SHAPES: dict[str, tuple[bool, int | None, int, bool]] = {}


def _build(doc: Document) -> RefIndex:
    idx = RefIndex()
    in_refs = False
    list_no = 0
    full = doc.text
    for a, b, scope in _blocks(doc):
        if not in_refs:
            c = full[a]
            if c not in _HEAD_START and c not in _NUMBER_START and not c.isdecimal() and not c.isspace():
                continue  # no list is open and this block can neither open one nor be a numbered entry
        text = full[a:b]
        stripped = text.lstrip()
        head = stripped[:1]
        heading_word = may_head(stripped)
        if scope == "heading":
            in_refs = heading_word and bool(_REF_HEADING.match(text))
            list_no = 0
            continue
        # a table's "Source" column header names the cells below it, it does not open a list
        if heading_word and scope != "table":
            if _REF_HEADING.match(text):
                in_refs, list_no = True, 0
                continue
            m = _INLINE_LIST.match(text)
            if m:
                for part in _ITEM.finditer(text[m.end():]):
                    item = part.group().strip()
                    if not item:
                        continue
                    s = a + m.end() + part.start() + (len(part.group()) - len(part.group().lstrip()))
                    idx.entries.append(Entry(None, s, s + len(item), item, is_complete(item), inline_list=a))
                continue
        if not in_refs and not (head in _NUMBER_START or head.isdecimal()):
            continue  # neither a list item after a heading nor a numbered entry: nothing below applies
        if _NOTE.match(text):
            in_refs = False  # a note after the list ("Competing interests: ..."), or the next section
            continue
        if b - a > MAX_ENTRY:
            prose = True
        else:
            prose, n, body_at, citation_like = _shape(text)
        if prose:
            if scope != "list":
                in_refs = False  # prose again: the list has ended
            elif in_refs:
                list_no += 1  # an item of the list all the same: the ones after it keep their numbers
            continue
        if n is not None:
            body = text[body_at:]
            if in_refs or citation_like:
                e = Entry(n, a + body_at, b, body, is_complete(body) or _links_in_source(doc, a, b))
                idx.entries.append(e)
                idx.by_number.setdefault(n, e)
            continue
        if in_refs and (scope == "list" or citation_like):
            list_no += 1
            e = Entry(list_no if scope == "list" else None, a, b, text,
                      is_complete(text) or _links_in_source(doc, a, b))
            idx.entries.append(e)
            if e.number is not None:
                idx.by_number.setdefault(e.number, e)
    return idx
