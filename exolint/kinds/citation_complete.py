"""Whether a reference entry identifies one source: what lets a reader find it.

Why its own module: the reference-list parser (`citation_entries`) finds where a page lists its
sources; this decides, entry by entry, whether one names a findable work. "(1) Journal of X, 2019"
matches hundreds of papers; "Smith J, Lee K. Exosomes in skin repair. doi:10.1000/x" names one; a
law, a regulator's notice or an issuer's numbered report is found by other means than authors.
"""
from __future__ import annotations

import regex

from .citation_sources import find_evidence

_AUTHOR = regex.compile(
    r"(?-i:\p{Lu}[\p{Ll}'’\-]+,?\s+(?:\p{Lu}\.?\s?-?){1,3})(?=[,.;:]|\s|$)(?<!\b(?:Journal|Act|Regulations?)\s+\p{Lu}\.?\s?)"
    r"|\bet\.?\s+al\b|(?-i:\p{Lu}[\p{Ll}'’\-]+,\s+\p{Lu}[\p{Ll}]+\s+\p{Lu}\.)")
_QUOTED_TITLE = regex.compile(r"[\"“‘'][^\"”’']{12,}[\"”’']")
_VOLUME = regex.compile(r"\b\d{1,4}\s*\(\d{1,4}\)\s*:\s*\d+|\b\d{4};\s*\d+")
URL = regex.compile(r"https?://\S+\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/[\w/.%#?=&-]*", regex.I)
_SENTENCE_BREAK = regex.compile(r"\.\s+")

_LEGAL_ID = regex.compile(
    r"\bRegulation\s+\((?:EU|EC|EEC)\)\s+(?:No\.?\s*)?\d+/\d+|\bDirective\s+\d+/\d+/E[CU]\b|\b\d+\s+CFR\s+\d+"
    r"|\b\d+\s+U\.?S\.?C\.?\s+\d+|\bS\.?I\.?\s+\d{4}/\d+"
    r"|\b(?-i:\p{Lu}\w+)(?:\s+\(?\w+\)?){0,6}\s+(?-i:Act|Regulations?)\s+(?:19|20)\d{2}\b"
    # an advertising or practice code's numbered part: "CAP Code, section 12", "the Code, rule 3.7"
    r"|\b(?-i:Code)\b[^\n]{0,80}?\b(?:section|rule|part|clause|chapter)\s+\d+(?:\.\d+)*",
    regex.I)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "6 December 2019" and the US order "December 6, 2019"
_FULL_DATE = regex.compile(
    rf"\b\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}\b|\b{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}\b",
    regex.I)
#: a regulator or public body as the author of its own notice, guidance or report: its title and
#: year are enough to find it on the issuer's site ("U.S. Food and Drug Administration. Public
#: Safety Notification on Exosome Products. December 2019.", "National Institute for Health and
#: Care Excellence. Platelet-rich plasma injections for knee osteoarthritis. IPG637. 2019.")
_ISSUER = regex.compile(
    r"^\W*(?:the\s+)?(?:U\.?S\.?\s+)?(?:Food\s+and\s+Drug\s+Administration|FDA|Medicines\s+and\s+Healthcare\s+products\s+"
    r"Regulatory\s+Agency|MHRA|European\s+Medicines\s+Agency|EMA|World\s+Health\s+Organi[sz]ation|WHO|NHS(?:\s+\w+)?|"
    r"National\s+Institute\s+for\s+Health\s+and\s+Care\s+Excellence|NICE|Advertising\s+Standards\s+Authority|ASA|"
    r"Committee\s+of\s+Advertising\s+Practice|CAP|Health\s+Canada|Therapeutic\s+Goods\s+Administration|TGA|"
    r"International\s+Society\s+for\s+Extracellular\s+Vesicles|ISEV|Care\s+Quality\s+Commission|CQC)\b"
    r"(?:\s*\([A-Z]{2,5}\))?[.,:]")
_YEAR = regex.compile(r"\b(?:19|20)\d{2}\b")
#: correspondence or an interview cited as such: not findable, and not pretending to be
_PERSONAL = regex.compile(
    r"\b(?:personal\s+communication|(?:e-?mail|letter)\s+(?:correspondence\s+)?(?:with|from|to)|correspondence\s+"
    r"(?:with|from)|interview(?:ed)?\s+(?:with|by))\b", regex.I)


#: an issuer's own document number: "internal document BD-PRO-2025-04", "Technical Report EVC-TR-2026-07",
#: or a code of three parts or more on its own ("Minoxidil persistence audit, ND-AUD-2025-07"); the
#: evidence rules read the same (the `document-id` vocabulary of rules/facts)
_DOCUMENT_ID = regex.compile(
    r"\b(?:document|report|audit|leaflet|summary|protocol|file|reference|ref\.?|code)\s+(?:no\.?\s*)?"
    r"(?-i:[A-Z]{2,}\d*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*)\b"
    r"|(?-i:\b(?=[A-Z0-9-]*\d)[A-Z]{2,6}(?:-[A-Z0-9]{1,8}){2,}\b)", regex.I)


def is_complete(entry: str, timeout: float | None = 1.0) -> bool:
    """Authors plus a title or an identifier, or an identifier alone: what lets a reader find the paper.

    Laws and regulator documents are found by their number (Regulation (EC) No 1223/2009, 21 CFR 1271,
    SI 2012/1916, the Human Tissue Act 2004) or by issuer, title and full date (a regulator's own
    notice by its title and year), not by authors; correspondence and interviews are cited as such
    ("Email correspondence with the MHRA press office, April 2025."); an issuer's own documents by
    their number ("internal document BD-PRO-2025-04").
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


def _is_complete(entry: str, timeout: float | None) -> bool:
    if find_evidence(entry, 0, len(entry), ["doi", "pmid", "nct", "study-link"], timeout):
        return True
    if _LEGAL_ID.search(entry, timeout=timeout):
        return True
    dated = _FULL_DATE.search(entry, timeout=timeout) or _DOCUMENT_ID.search(entry, timeout=timeout)
    if dated and len(entry.split()) >= 6:
        return True
    if (_ISSUER.search(entry, timeout=timeout) and _YEAR.search(entry, timeout=timeout)
            and len(entry.split()) >= 7):
        return True
    if _PERSONAL.search(entry, timeout=timeout) and _YEAR.search(entry, timeout=timeout):
        return True
    if URL.search(entry, timeout=timeout):
        return True
    if not _AUTHOR.search(entry, timeout=timeout):
        return False
    if _QUOTED_TITLE.search(entry, timeout=timeout) or _VOLUME.search(entry, timeout=timeout):
        return True
    # a title: a period-separated chunk of four or more words that is not the author list
    chunks = [c.strip() for c in _SENTENCE_BREAK.split(entry)]
    return any(len(c.split()) >= 4 and not _AUTHOR.match(c) for c in chunks[1:])


__all__ = ["URL", "is_complete"]
