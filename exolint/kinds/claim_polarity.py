"""Is a claim asserted, denied, hedged, reported or asked? The polarity of one claim in its clause.

Why cue words with positions rather than a parser: the sentences are marketing prose, and what
matters is a handful of patterns that turn "the FDA approved exosomes" into its opposite:
negation ("has not approved", "no FDA-approved ...", "without approval"), modality ("must be
approved", "require FDA approval", "may be approved", "before approving", "whether it is
approved"), attribution ("some clinics claim ...", "marketed as ...", "beware of ...", "fact
check: ...", a quoted claim after a reporting verb: 'one site told visitors its vials were
"FDA-approved exosomes"') and questions ("Is it FDA-approved?"). Each cue has a reach:
"no"/"without"/"non-" only negate what they are attached to (inside the claim or at most two words
before it), other negations reach eight words back within the clause, modal cues five words before
the predicate, attribution cues the whole sentence (a quotation counts as reported only when no
word of the sentence is in the first person, so testimonials and a clinic quoting its own staff
stay assertions), conditions ("if", "whether", "before", "once") the clause before the predicate.
A comma ends a cue's reach, so "Our serum, which may help, is FDA-approved" is
asserted. Decisions (documented in docs/kinds/claim.md): predictions ("will approve") count as
modal; "not only approved" is asserted.
"""
from __future__ import annotations

import regex

from ..mentioned import own_voice

ASSERTED, NEGATED, MODAL, ATTRIBUTED, QUESTION = "asserted", "negated", "modal", "attributed", "question"
#: a noun predicate that names approval without saying it happened ("approval for X in various regions")
MENTION = "mention"
POLARITIES = (ASSERTED, NEGATED, MODAL, ATTRIBUTED, QUESTION, MENTION)

_W = r"(?<![\p{L}\p{N}])"
_E = r"(?![\p{L}\p{N}])"
_ATTACHED = regex.compile(_W + r"(?:no|without|non|zero)" + _E, regex.I)
_STRONG = regex.compile(
    _W + r"(?:not(?!\s+only|\s+just)|never|neither|nor|none|nobody|nothing|cannot|lacks?|lacking|"
    r"yet\s+to|no\s+longer|refused|rejected|denied|withdrawn|revoked|false|untrue|incorrect)" + _E
    + r"|\w+n['’]t" + _E, regex.I)
_MODAL = regex.compile(
    _W + r"(?:must|should|shall|may|might|could|would|will|need(?:s|ed)?|require[sd]?|requiring|requirements?|"
    r"pending|seek(?:s|ing)?|sought|apply(?:ing)?\s+for|applied\s+for|"
    r"applications?|await(?:s|ing)?|hope[sd]?\s+to|expect(?:s|ed)?\s+to|plan(?:s|ned)?\s+to|aim(?:s|ed)?\s+to|"
    r"intend(?:s|ed)?\s+to|eligible|can\s+be|to\s+get|to\s+obtain|obtain(?:ing)?|subject\s+to|in\s+order\s+to)" + _E,
    regex.I)
_CONDITION = regex.compile(_W + r"(?:if|unless|until|whether|before|once)" + _E, regex.I)
_ATTRIB = regex.compile(
    _W + r"(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly)|purport(?:s|ed|edly)?|so-called|supposedly|falsely|"
    r"mislead(?:s|ing|ingly)?|beware|wary|myths?|misconceptions?|scams?|fake|bogus|red\s+flags?|watch\s+out|"
    r"rumou?rs?|fact[-\s]?check(?:s|ed|ing|ers?)?|debunk(?:s|ed|ing)?|"
    r"(?:advertis|market|promot|sold|label+|bill)(?:e|es|ed|ing|s)?\s+as)" + _E, regex.I)
#: verbs that report someone's words when a quotation holding the claim follows them; not verbs a
#: product page uses of itself in the third person ('The kit includes "FDA-approved exosomes"',
#: 'The serum promises ...', '... boasts ...')
_REPORTING = regex.compile(
    _W + r"(?:say|says|said|tell|tells|told|write|writes|wrote|state|states|stated|read|reads|describe[sd]?|describing|"
    r"advertise[sd]?|quote[sd]?|call|calls|called)" + _E, regex.I)
#: someone else's belief: "34% believed exosome products were approved", "many patients assume ..."
_BELIEF = regex.compile(
    _W + r"(?:believe[sd]?|believing|assume[sd]?|assuming|thinks?|thought|"
    r"(?:was|were|are|is)\s+under\s+the\s+impression)" + _E, regex.I)
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")
#: the same words read from the end: a reach of a few words back costs a few words, not the clause
_TOKEN_BACK = regex.compile(_TOKEN.pattern, regex.REVERSE)


def _reach_start(text: str, lo: int, at: int, words: int) -> int:
    """Where a cue's reach back from `at` begins: `words` words back, never past a comma or `lo`."""
    comma = text.rfind(",", lo, at)
    lo = max(lo, comma + 1) if comma >= 0 else lo
    n = 0
    for m in _TOKEN_BACK.finditer(text, lo, at):
        n += 1
        if n == words:
            return m.start()
    return lo


def _quotation_start(text: str, sa: int, sb: int, a: int, b: int) -> int:
    """Where the quotation holding text[a:b] opens in the sentence text[sa:sb], or -1 if it is not quoted."""
    before = text[sa:a]
    if before.count('"') % 2 and '"' in text[b:sb]:
        return sa + before.rfind('"')
    o, c = before.rfind("“"), before.rfind("”")
    if o > c and "”" in text[b:sb]:
        return sa + o
    return -1


def _reported(text: str, sa: int, sb: int, a: int, b: int, timeout: float | None) -> bool:
    """Reported speech: the claim is quoted, a reporting verb introduces the quotation, and nothing in the
    sentence is in the first person ('One clinic's website told visitors its vials were "FDA-approved
    exosomes"'; not 'Our nurse says "these FDA-approved exosomes changed my skin"')."""
    q = _quotation_start(text, sa, sb, a, b)
    return (q >= 0 and _REPORTING.search(text, sa, q, timeout=timeout) is not None
            and not own_voice(text, sa, sb, timeout=timeout))


def _scare_quoted(text: str, sa: int, sb: int, span: tuple[int, int], predicate: tuple[int, int],
                  timeout: float | None) -> bool:
    """The predicate alone in quotation marks, its object outside them, and no first person: the
    writer holds the words at arm's length ('Is this clinic legit? "FDA approved" exosome facial');
    not a page's own emphasis ('Our "FDA approved" exosomes')."""
    q = _quotation_start(text, sa, sb, predicate[0], predicate[1])
    if q < 0:
        return False
    close = min((i for i in (text.find('"', predicate[1], sb), text.find("”", predicate[1], sb)) if i >= 0),
                default=-1)
    if close < 0 or len(text[q + 1:close].split()) > 3 or q <= span[0] and span[1] <= close + 1:
        return False
    return not own_voice(text, sa, sb, timeout=timeout)


def _believed(text: str, sa: int, sb: int, a: int, timeout: float | None) -> bool:
    """A belief verb before the claim, and no first person in the sentence: the claim is what
    others believe ("34% believed exosome products were approved"), not what the page says; "we
    believe our exosomes are approved" stays the page's own."""
    return _BELIEF.search(text, sa, a, timeout=timeout) is not None and not own_voice(text, sa, sb, timeout=timeout)


def polarity(text: str, sentence: tuple[int, int], clause: tuple[int, int], span: tuple[int, int],
             predicate: tuple[int, int], timeout: float | None = 1.0) -> str:
    """The polarity of the claim `span` (whose predicate is `predicate`) in `clause` of `sentence`."""
    sa, sb = sentence
    ca, cb = clause
    a, b = span
    tail = text[sa:sb].rstrip(" \"'”’)]")
    if tail.endswith("?") or "?" in text[b:cb]:
        return QUESTION
    # a quoted predicate is reported speech too when the claim's object stands outside the quotation
    # ('If a clinic tells you its exosome treatment is "FDA approved", "MHRA approved" ...')
    if (_ATTRIB.search(text, sa, sb, timeout=timeout) or _reported(text, sa, sb, a, b, timeout)
            or _reported(text, sa, sb, predicate[0], predicate[1], timeout)
            or _scare_quoted(text, sa, sb, span, predicate, timeout)
            or _believed(text, sa, sb, span[0], timeout)):
        return ATTRIBUTED
    near = _reach_start(text, ca, a, 2)
    if (_ATTACHED.search(text, near, b, timeout=timeout)
            or text[max(ca, predicate[0] - 4):predicate[0]].lower() == "non-"):
        return NEGATED
    if _STRONG.search(text, _reach_start(text, ca, a, 8), b, timeout=timeout):
        return NEGATED
    if _MODAL.search(text, _reach_start(text, ca, predicate[0], 5), predicate[0], timeout=timeout):
        return MODAL
    if _CONDITION.search(text, _reach_start(text, ca, predicate[0], 10_000), predicate[0], timeout=timeout):
        return MODAL
    return ASSERTED
