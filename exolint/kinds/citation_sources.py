"""Specific sources in prose: the built-in evidence of the `evidence` kind (author-year, et al., DOI,
PMID, trial numbers, links to study sites).

They are what lets a reader find one paper: a DOI, a PMID or a trial number names it; "Smith et
al., 2021" nearly does. A year alone or a journal name alone does not, so neither is here. The
reference-list parser (`citation_entries`) uses the identifiers to judge entries, the claim modes
use them all as evidence in a claim's window.
"""
from __future__ import annotations

import regex

_NOT_NAME = (r"(?!(?:In|On|By|At|Since|From|The|This|That|Until|During|Before|After|Year|Spring|Summer|Autumn|Winter"
             r"|January|February|March|April|May|June|July|August|September|October|November|December)\b)")
_SURNAME = _NOT_NAME + r"(?-i:\p{Lu}[\p{Ll}'’\-]+(?:[ -]\p{Lu}[\p{Ll}'’\-]+)?)"
_YEAR = r"(?:19|20)\d{2}[a-z]?\b"
EVIDENCE_PATTERNS: dict[str, str] = {
    # Smith et al., 2021 / Smith et al. (2021) / (Smith, 2020) / Smith and Jones 2019 / Smith (2021) /
    # Smith and colleagues (2021) / the 2021 trial by Smith
    "author-year": (
        r"(?<!\bof\s)" + _SURNAME + r"\s+(?:et\.?\s+al\.?|and\s+(?:colleagues|co-?workers))\.?,?\s*[\(\[]?\s*" + _YEAR
        + r"|\b" + _YEAR + r"\s+(?:randomi[sz]ed\s+)?(?:trial|study|paper|review|meta-analysis)\s+by\s+" + _SURNAME
        + r"|(?<!\bof\s)" + _SURNAME + r"\s+(?:and|&)\s+" + _SURNAME + r",?\s*[\(\[]?\s*" + _YEAR
        + r"|\(\s*" + _SURNAME + r"(?:\s+et\.?\s+al\.?)?,?\s+" + _YEAR + r"\s*[\);]"
        # (not the last word of a journal's name: "the Journal of Aesthetic Medicine (2021)")
        + r"|(?<!\bof\s)(?<!\b(?:Journal|Annals|Archives|Bulletin|Review)\s+of\s+(?:[\p{L}&-]+\s+){0,4})"
        + _SURNAME + r"\s+\(\s*" + _YEAR + r"\s*\)"
    ),
    # "Smith et al. found", but not an undated citation in brackets: "(Zhang et al.)", "(Zhang et al.,
    # Journal of Cosmetic Dermatology)" name no paper (EXO215)
    # (its year may stand just before: "a 2013 trial (Hughes et al., Annals of Internal Medicine)")
    "et-al": r"\b" + _SURNAME + r"\s+et\.?\s+al\b(?!\.?\s*(?:[,;:]\s*(?:(?!(?:19|20)\d{2})[^()\n]){1,80})?\))"
             # nor one that a comma goes on from with no year before the sentence ends: "Kim et al.,
             # Journal of Regenerative Aesthetics, reported ..."
             r"(?!\.?,(?:(?!(?:19|20)\d{2})[^.!?\n]){0,200}(?:[.!?]|$))"
             r"|(?<=\b(?:19|20)\d{2}\b[^.!?\n]{0,60})\b" + _SURNAME + r"\s+et\.?\s+al\b",
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


def find_evidence(text: str, start: int, end: int, names: list[str], timeout: float | None) -> regex.Match | None:
    """The first built-in source of the given kinds in text[start:end], kind by kind."""
    for n in names:
        m = _EVIDENCE_RX[n].search(text, start, end, None, False, timeout)  # positional: cheaper
        if m:
            return m
    return None
