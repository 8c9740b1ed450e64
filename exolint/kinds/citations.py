"""Citations in prose: specific sources (author-year, DOI, PMID, NCT, study links), reference-list
entries, and the numbered markers that point at them.

A claim is only as good as the source a reader could find. A DOI, a PMID or a trial number names one
paper; "Smith et al., 2021" nearly does; "(1)" does when entry 1 of the page's reference list has
authors and a title or an identifier. "(1) Journal of X, 2019" does not: a journal and a year match
hundreds of papers. The reference index is built once per document and shared by every `evidence`
rule that runs on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..document import Document

# -- specific sources --------------------------------------------------------------------------------------
_NOT_NAME = (r"(?!(?:In|On|By|At|Since|From|The|This|That|Until|During|Before|After|Year|Spring|Summer|Autumn|Winter"
             r"|January|February|March|April|May|June|July|August|September|October|November|December)\b)")
_SURNAME = _NOT_NAME + r"(?-i:\p{Lu}[\p{Ll}'’\-]+(?:[ -]\p{Lu}[\p{Ll}'’\-]+)?)"
_YEAR = r"(?:19|20)\d{2}[a-z]?\b"
EVIDENCE_PATTERNS: dict[str, str] = {
    # Smith et al., 2021 / Smith et al. (2021) / (Smith, 2020) / Smith and Jones 2019 / Smith (2021)
    "author-year": (
        r"(?<!\bof\s)" + _SURNAME + r"\s+et\.?\s+al\.?,?\s*[\(\[]?\s*" + _YEAR
        + r"|(?<!\bof\s)" + _SURNAME + r"\s+(?:and|&)\s+" + _SURNAME + r",?\s*[\(\[]?\s*" + _YEAR
        + r"|\(\s*" + _SURNAME + r"(?:\s+et\.?\s+al\.?)?,?\s+" + _YEAR + r"\s*[\);]"
        + r"|(?<!\bof\s)" + _SURNAME + r"\s+\(\s*" + _YEAR + r"\s*\)"
    ),
    "et-al": r"\b" + _SURNAME + r"\s+et\.?\s+al\b",
    "doi": r"\b(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/[^\s\"<>]+",
    "pmid": r"\bPMID:?\s*\d{6,9}\b|\bPMC\d{5,9}\b|pubmed\.ncbi\.nlm\.nih\.gov/\d+",
    "nct": r"\bNCT\d{8}\b|\bISRCTN\d{8}\b|\bEudraCT\s*(?:number\s*)?\d{4}-\d{6}-\d{2}\b",
    "study-link": (
        r"https?://(?:www\.)?(?:doi\.org|pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pmc|clinicaltrials\.gov"
        r"|isrctn\.com|europepmc\.org|thelancet\.com|nejm\.org|jamanetwork\.com|bmj\.com|nature\.com"
        r"|sciencedirect\.com|onlinelibrary\.wiley\.com|link\.springer\.com|academic\.oup\.com|mdpi\.com)\S*"
    ),
}
_EVIDENCE_RX = {k: regex.compile(v, regex.I | regex.V0) for k, v in EVIDENCE_PATTERNS.items()}

# -- reference lists --------------------------------------------------------------------------------------
_REF_HEADING = regex.compile(
    r"^\s*(?:references?|sources?|bibliography|citations?|works cited|literature|further reading|footnotes)\s*:?\s*$", regex.I)
_INLINE_LIST = regex.compile(r"^\s*(?:references?|sources?|bibliography|citations?)\s*:\s*(?=\S)", regex.I)
_NUMBERED = regex.compile(r"^\s*(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)](?=\s)|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))\s*")
_CITATION_LIKE = regex.compile(
    r"\b(?:19|20)\d{2}\b|\bjournal\b|\bj\.?\s+\p{Lu}|\bdoi\b|\bpmid\b|\bet\.?\s+al\b|https?://|\breview\b|\bpress\b", regex.I)
_AUTHOR = regex.compile(
    r"(?-i:\p{Lu}[\p{Ll}'’\-]+,?\s+(?:\p{Lu}\.?\s?-?){1,3})(?=[,.;:]|\s|$)(?<!\b(?:Journal|Act|Regulations?)\s+\p{Lu}\.?\s?)"
    r"|\bet\.?\s+al\b|(?-i:\p{Lu}[\p{Ll}'’\-]+,\s+\p{Lu}[\p{Ll}]+\s+\p{Lu}\.)")
_QUOTED_TITLE = regex.compile(r"[\"“‘'][^\"”’']{12,}[\"”’']")
_VOLUME = regex.compile(r"\b\d{1,4}\s*\(\d{1,4}\)\s*:\s*\d+|\b\d{4};\s*\d+")
# Words that make a block read as prose rather than as a reference entry.
_PROSE = regex.compile(r"\b(?:is|are|was|were|has|have|had|that|which|these|can|will|should|must|may|would|could)\b",
                       regex.I)
_URL = regex.compile(r"https?://\S+\.\S+")
_SENTENCE_BREAK = regex.compile(r"\.\s+")
_ITEM = regex.compile(r"[^;]+")
_COMMA = regex.compile(r"\s*,\s*")
_RANGE = regex.compile(r"(\d+)\s*[–-]\s*(\d+)$")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
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

    def inside_entry(self, start: int, end: int) -> bool:
        return any(e.start <= start and end <= e.end for e in self.entries)


def find_evidence(text: str, start: int, end: int, names: list[str], timeout: float) -> regex.Match | None:
    for n in names:
        m = _EVIDENCE_RX[n].search(text, start, end, timeout=timeout)
        if m:
            return m
    return None


_LEGAL_ID = regex.compile(
    r"\bRegulation\s+\((?:EU|EC|EEC)\)\s+(?:No\.?\s*)?\d+/\d+|\bDirective\s+\d+/\d+/E[CU]\b|\b\d+\s+CFR\s+\d+"
    r"|\b\d+\s+U\.?S\.?C\.?\s+\d+|\bS\.?I\.?\s+\d{4}/\d+|\b(?-i:\p{Lu}\w+)(?:\s+\w+){0,5}\s+(?-i:Act|Regulations?)\s+(?:19|20)\d{2}\b",
    regex.I)
_FULL_DATE = regex.compile(
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d{2}\b",
    regex.I)


def is_complete(entry: str, timeout: float = 1.0) -> bool:
    """Authors plus a title or an identifier, or an identifier alone: what lets a reader find the paper.

    Laws and regulator documents are found by their number (Regulation (EC) No 1223/2009, 21 CFR 1271,
    SI 2012/1916, the Human Tissue Act 2004) or by issuer, title and full date, not by authors.
    Sites repeat their reference lists on every page, so answers are remembered by entry text.
    """
    done = _COMPLETE.get(entry)
    if done is None:
        done = _is_complete(entry, timeout)
        if len(_COMPLETE) >= 4096:
            _COMPLETE.clear()
        _COMPLETE[entry] = done
    return done


_COMPLETE: dict[str, bool] = {}


def _is_complete(entry: str, timeout: float) -> bool:
    if find_evidence(entry, 0, len(entry), ["doi", "pmid", "nct", "study-link"], timeout):
        return True
    if _LEGAL_ID.search(entry, timeout=timeout):
        return True
    if _FULL_DATE.search(entry, timeout=timeout) and len(entry.split()) >= 6:
        return True
    if _URL.search(entry, timeout=timeout):
        return True
    if not _AUTHOR.search(entry, timeout=timeout):
        return False
    if _QUOTED_TITLE.search(entry, timeout=timeout) or _VOLUME.search(entry, timeout=timeout):
        return True
    # a title: a period-separated chunk of four or more words that is not the author list
    chunks = [c.strip() for c in _SENTENCE_BREAK.split(entry)]
    return any(len(c.split()) >= 4 and not _AUTHOR.match(c) for c in chunks[1:])


def _blocks(doc: Document) -> list[tuple[int, int, str, str]]:
    """(start, end, scope, text) per block, in order; links and other inline segments merged."""
    out: dict[int, list] = {}
    for s in doc.segments:
        cur = out.get(s.block)
        if cur is None:
            out[s.block] = [s.start, s.end, s.scope]
        else:
            cur[0], cur[1] = min(cur[0], s.start), max(cur[1], s.end)
    return [(a, b, scope, doc.text[a:b]) for a, b, scope in out.values()]


def reference_index(doc: Document) -> RefIndex:
    """The page's reference list, parsed once per document and shared by every `evidence` rule."""
    idx = doc.memo.get(("evidence", "refindex"))
    if idx is None:
        idx = doc.memo[("evidence", "refindex")] = _build(doc)
    return idx


# what a block must start with (after spaces) for _REF_HEADING / _INLINE_LIST or _NUMBERED to match:
# most blocks start with neither, and skipping their regexes keeps the index cheap
_HEAD_START = frozenset("rsbcwlfRSBCWLF\u017f")
_NUMBER_START = frozenset("[(¹²³⁴⁵⁶⁷⁸⁹⁰")


def _build(doc: Document) -> RefIndex:
    idx = RefIndex()
    in_refs = False
    list_no = 0
    for a, b, scope, text in _blocks(doc):
        head = text.lstrip()[:1]
        may_head = head in _HEAD_START
        if scope == "heading":
            in_refs = may_head and bool(_REF_HEADING.match(text))
            list_no = 0
            continue
        if may_head:
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
        if b - a > MAX_ENTRY or len(_PROSE.findall(text)) >= 2:
            if scope != "list":
                in_refs = False  # prose again: the list has ended
            continue
        num = _NUMBERED.match(text)
        if num:
            raw = next(g for g in num.groups() if g)
            n = int(raw.translate(_SUPERSCRIPT))
            body = text[num.end():]
            if in_refs or _CITATION_LIKE.search(body):
                e = Entry(n, a + num.end(), b, body, is_complete(body))
                idx.entries.append(e)
                idx.by_number.setdefault(n, e)
            continue
        if in_refs and (scope == "list" or _CITATION_LIKE.search(text)):
            list_no += 1
            e = Entry(list_no if scope == "list" else None, a, b, text, is_complete(text))
            idx.entries.append(e)
            if e.number is not None:
                idx.by_number.setdefault(e.number, e)
    return idx


# -- markers: (3), [3], [1, 2], [2-4], ³ --------------------------------------------------------------------
MARKER = regex.compile(
    r"(?<=[\p{L}.,;:!?%)\"”’]|[\p{L}\p{N}.,;:!?%)\"”’]\s)(?<!\d)(?<![:;,]\s?)(?<!\b(?:and|or|step|figure|fig\.|table|page|p\.|section|option)\s?)"
    r"(?:\s?\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]|\s?\((\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)|([¹²³⁴⁵⁶⁷⁸⁹⁰]+))"
    r"(?=[\s.,;!?)]|$)(?!\s*:\s*\d)", regex.I)  # not a journal's volume(issue):pages


def marker_numbers(raw: str) -> list[int]:
    """[1, 3-5] -> [1, 3, 4, 5]."""
    raw = raw.translate(_SUPERSCRIPT)
    out: list[int] = []
    for part in _COMMA.split(raw):
        rng = _RANGE.match(part)
        if rng:
            lo, hi = int(rng.group(1)), int(rng.group(2))
            out.extend(range(lo, min(hi, lo + 50) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


_OPENERS = ("(", "[") + tuple("¹²³⁴⁵⁶⁷⁸⁹⁰")


def _marker_starts(text: str, start: int, end: int) -> list[int]:
    """Every position where a MARKER match can begin: at an opening bracket or superscript digit, or
    one character before it (the optional space). Trying MARKER only there, in order, finds exactly
    what `finditer` finds, without running its lookbehinds at every character of the page."""
    starts: set[int] = set()
    for ch in _OPENERS:
        i = text.find(ch, start, end)
        while i >= 0:
            starts.add(i)
            if i > start:
                starts.add(i - 1)
            i = text.find(ch, i + 1, end)
    return sorted(starts)


def markers(doc: Document, start: int, end: int, timeout: float) -> list[tuple[int, int, list[int]]]:
    """Citation markers in text[start:end] (not the numbers that open a reference entry)."""
    key = ("evidence", "markers", start, end)
    found = doc.memo.get(key)
    if found is not None:
        return found
    idx = reference_index(doc)
    text = doc.match_text
    out = []
    last = start
    for p in _marker_starts(text, start, end):
        if p < last:
            continue
        m = MARKER.match(text, p, end, timeout=timeout)
        if m is None:
            continue
        last = m.end()
        raw = m.group(1) or m.group(2) or m.group(3)
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if any(e.start - 8 <= s < e.start for e in idx.entries):
            continue
        out.append((s, m.end(), marker_numbers(raw)))
    doc.memo[key] = out
    return out


def supported_by_marker(doc: Document, start: int, end: int, timeout: float) -> bool:
    """A marker in the range that resolves to a complete reference entry."""
    idx = reference_index(doc)
    for _, _, nums in markers(doc, start, end, timeout):
        if any(n in idx.by_number and idx.by_number[n].complete for n in nums):
            return True
    return False


def link_in(doc: Document, start: int, end: int) -> bool:
    """A hyperlink's text in the range: the reader can follow it to the document the prose names
    (HTML and Markdown pages name guidance by linking it, not by printing its URL)."""
    return any(s.scope == "link" and s.start < end and start < s.end for s in doc.segments)


_CLAUSE_BREAK = regex.compile(r"[;:]\s*|\s[–—]\s")


def citing_clause(doc: Document, marker_start: int, max_len: int = 200) -> int:
    """Start of the clause a marker closes: back to the sentence start, a ';', ':' or dash, or the
    previous marker of the sentence, whichever is nearest; at most `max_len` characters, cut at a word."""
    a, _ = doc.window(marker_start, marker_start, "sentence")
    start = a
    for m in _CLAUSE_BREAK.finditer(doc.text, a, marker_start):
        start = m.end()
    for m in MARKER.finditer(doc.match_text, a, marker_start):
        start = max(start, m.end())
    while start < marker_start and not doc.text[start].isalnum():
        start += 1
    if marker_start - start > max_len:
        cut = doc.text.find(" ", marker_start - max_len, marker_start)
        start = cut + 1 if cut >= 0 else marker_start - max_len
    return start
