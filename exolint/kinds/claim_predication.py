"""Does a predicate say that approval happened or holds, or does it only name approval as a topic?

Why: "FDA-approved", "approved by the MHRA", "has approved", "is licensed" assert something about
the object, but the noun forms ("approval", "authorisation", "clearance", "registration",
"licence" ...) often only name a process: "Regulatory approval for exosome therapy in various
regions" in a list of open challenges, "the path to approval", "the approval process". A noun is
a claim only when something asserts it: a verb of having or receiving ("has FDA approval",
"received MHRA authorisation", "holds a licence", "with EMA approval"), a passive that reports it
("approval was granted"), or a possessive agent ("the FDA's approval of exosome serums"), unless
the noun only modifies a process noun ("the FDA's approval process", "has an approval pathway").
Verbal and adjectival forms (approved, approves, certify, licensed) are predications on their own.
"""
from __future__ import annotations

import regex

#: noun forms of the built-in predicates (and any other word ending like them)
_NOUN = regex.compile(
    r"(?:approvals?|authori[sz]ations?|clearances?|certifications?|endorsements?|recognition|"
    r"registrations?|registry|listings?|classifications?|designations?|licen[cs]es?|licensing)",
    regex.I)
_W = r"(?<![\p{L}\p{N}])"
_E = r"(?![\p{L}\p{N}])"
#: words before a noun predicate that assert the approval exists
_HAVE = regex.compile(
    _W + r"(?:has|have|had|having|holds?|held|holding|receiv(?:ed|es|ing)|obtained|gain(?:s|ed|ing)?|got|gotten|"
    r"won|wins?|winning|"
    r"earned|secured|achieved|granted|awarded|given|issued|carr(?:y|ies|ied|ying)|bears?|boasts?|"
    r"enjoys?|with|possess(?:es|ed)?|own(?:s|ed)?)" + _E, regex.I)
#: "the first exosome protocol to receive MHRA approval": a first (or only) one to get it has it
_FIRST_TO = regex.compile(
    _W + r"(?:first|only|one\s+of\s+the\s+(?:first|few))\s+(?:[\p{L}\p{N}'’-]+\s+){0,6}?to\s+"
    r"(?:receive|get|gain|win|earn|secure|achieve|be\s+granted|be\s+given)(?:\s+(?:full|formal|official))?\s+$",
    regex.I)
#: ... unless it is only hoped for ("we hope ours will be the first to receive approval")
_HOPED = regex.compile(
    _W + r"(?:will|would|could|may|might|hop(?:e|es|ed|ing)|aim(?:s|ed|ing)?|plan(?:s|ned|ning)?|"
    r"expect(?:s|ed|ing)?|want(?:s|ed)?|bid|race|racing|vying|set\s+to|on\s+track|seek(?:s|ing)?)" + _E, regex.I)
#: words after a noun predicate that report it as done ("approval was granted in 2021")
_REPORTED = regex.compile(
    _W + r"(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:(?!not|never)\w+\s+)?"
    r"(?:granted|given|obtained|received|issued|awarded|secured|achieved|confirmed|in\s+place)" + _E, regex.I)
#: a noun predicate that modifies a process noun names the process, not an approval ("approval process")
_PROCESS = regex.compile(
    r"[^\S\n]+(?:process(?:es)?|pathways?|path|routes?|procedures?|applications?|requirements?|"
    r"status|system|framework|rules|criteria|standards|steps?|timelines?|decisions?|hurdles?|bodies)" + _E, regex.I)
_POSSESSIVE = regex.compile(r"\s*['’]s?(?:\s+[\p{L}-]+)?\s*", regex.I)
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")


def is_noun(word: str) -> bool:
    """True when a predicate match is the noun form ("approval"), not a verb or participle."""
    return _NOUN.fullmatch(word) is not None


def _words_back(text: str, lo: int, at: int, words: int) -> int:
    """Where `words` words before `at` begin, never past a comma or `lo`."""
    comma = text.rfind(",", lo, at)
    lo = max(lo, comma + 1) if comma >= 0 else lo
    starts = [m.start() for m in _TOKEN.finditer(text, lo, at)]
    return starts[-words] if len(starts) >= words else lo


def asserts(text: str, clause: tuple[int, int], predicate: tuple[int, int],
            agent: tuple[int, int] | None, timeout: float | None = 1.0) -> bool:
    """True when the predicate asserts approval (always, for verbs and participles)."""
    word = text[predicate[0]:predicate[1]]
    if not is_noun(word):
        return True
    ca, cb = clause
    if _PROCESS.match(text, predicate[1], cb, timeout=timeout):
        return False
    if _HAVE.search(text, _words_back(text, ca, predicate[0], 5), predicate[0], timeout=timeout):
        return True
    before = agent[0] if agent is not None and agent[1] <= predicate[0] else predicate[0]
    first = _FIRST_TO.search(text, _words_back(text, ca, before, 12), before, timeout=timeout)
    if first and not _HOPED.search(text, ca, first.start(), timeout=timeout):
        return True
    if _REPORTED.search(text, predicate[1], cb, timeout=timeout):
        return True
    if agent is not None and agent[1] <= predicate[0]:
        between = text[agent[1]:predicate[0]]
        if between[:1] in "'’" and _POSSESSIVE.fullmatch(between):
            return True
    return False
