"""Quotations a page reports as someone else's claims, block by block.

Why: a regulator's ruling, a fact-check or a consumer guide lists the claims it examines, each
quoted on its own line under an introduction ('The page included the following claims:',
'The advert read:'). Those lines hold exactly the words the rules look for, but the page does not
make the claims; it reports them. Sentence-level attribution ("claimed that ...") cannot see this,
because the reporting is in the block before. The engine drops findings inside such quotations,
for every rule except those whose YAML says `reported_quotes: check` (look-alike letters, mangled
ranges: faults of the page's text wherever they stand).

Testimonials are quoted under an introduction too ("What our clients say:"), and they are the
page's own marketing, so an introduction counts only when it names claims or wording, or an
advert or page that said them, and holds no first person (we, our, my, I).

A guide also names the phrases it explains in its headings: a heading that is nothing but quoted
wording ('"Made in an FDA-approved lab"', '"FDA-approved" and "CE-marked"') mentions those words
and does not claim them. A quoted testimonial heading names its speaker and is not one. Plain text
has no headings, so there a block of two or more quotations joined by "and" or "or", or of one
quotation and a few words of topic ('"Guaranteed results" and miracle language'), is one too.

Inside a sentence, a quotation is mentioned rather than claimed when its sentence or its block
says so, or when it repeats words the page wrote earlier (`exolint.mentioned`).
"""
from __future__ import annotations

import regex

from .document import Document
from .mentioned import FIRST_PERSON, ONE_QUOTE, QUOTE, mentioned, repeated
from .questions import denied_questions
from .spans import Cover

#: an introduction names what follows as claims or as an advert's words, and ends with a colon
_INTRO = regex.compile(
    r"\b(?:claims?|claimed|statements?|wording|phrases?|slogans?|headlines?)\b"
    r"|\b(?:ads?|adverts?|advertisements?|advertising|page|website|site|leaflet|flyer|post|brochure|label|"
    r"packaging|listing|email)\s+(?:read|reads|said|says|stated|states|included|includes|contained|contains|"
    r"claimed|claims|promised|promises)\b"
    # a clinic's own description, quoted next: "A Bristol clinic described its treatment ... as:"
    r"|\b(?:described|advertised|marketed|promoted|billed|labell?ed)\b[^\n]{0,120}?\bas[^\S\n]*:[^\S\n]*$",
    regex.I)
#: ... or names someone else's text and says it reads as follows, first person or not ("I asked for their
#: leaflet and it says, word for word:")
_THEIR_TEXT = regex.compile(
    r"\b(?:their|its|his|her|the\s+(?:salon|clinic|seller|brand|company|shop)['’]s?)\s+"
    r"(?:leaflet|advert|ad|website|site|page|flyer|brochure|post|email|label|packaging|listing)\b"
    r"[^\n]{0,60}?(?:\b(?:says|said|reads|read|states|stated)\b|\bword\s+for\s+word\b)"
    # ... the other way round: "Here's what it says on their site (copied exactly):"
    r"|\b(?:says|said|reads|read|states|stated|claims|claimed)\s+(?:on|in)\s+(?:their|its|his|her|the\s+(?:salon|clinic|"
    r"seller|brand|company|shop)['’]s?)\s+(?:leaflet|advert|ad|website|site|page|flyer|brochure|post|email|label|"
    r"packaging|listing)\b"
    # ... or claims a survey collected: "Other claims in our sample included:"
    r"|\b(?:claims?|statements?|wording|phrases?|slogans?)\b[^\n]{0,60}?\b(?:in|from|of)\s+(?:our|the|this)\s+"
    r"(?:sample|survey|review|investigation|analysis|collection)\b", regex.I)
#: one quotation, after the list label that may stand before it in plain text ("a.", "(b)",
#: "1)", "-", "•"), with the punctuation that may follow it; a block of plain text may hold several
#: (its lines are one block). Straight single quotes are left out: they are apostrophes too.
_ITEM = regex.compile(
    r"\s*(?:\(?(?:[a-z]|\d{1,3}|[ivx]{1,4})[.)]|[-*•–])?\s*"
    r"(?P<q>\"[^\"]{2,}\"|“[^“”]{2,}”|‘[^‘’]{2,}’|«[^«»]{2,}»)[.,;:!?]*\s*"
    # a comment in brackets after it: '"Guaranteed results." (A refund is not evidence.)'
    r"(?:\((?:[^()\n]|\([^()\n]*\))*\)[.,;]?\s*)?", regex.I)
_MEMO = ("reported", "quotations")


_NOT_OWN = ("reported", "not-own")


def not_own(doc: Document) -> Cover:
    """What the page reports or denies rather than says itself: the reported quotations and the FAQ
    questions it answers with no (`questions.denied_questions`). The engine drops findings inside;
    a kind that compares figures across the page leaves them out of the comparison too."""
    got = doc.memo.get(_NOT_OWN)
    if got is None:
        got = doc.memo[_NOT_OWN] = Cover(reported_quotations(doc) + denied_questions(doc))
    return got


def reported_quotations(doc: Document) -> list[tuple[int, int]]:
    """Prose ranges, in order, of the quotations (opening to closing mark) of the blocks that are
    nothing but quotations, listed under an introduction that reports claims (see the module doc)."""
    got = doc.memo.get(_MEMO)
    if got is None:
        got = doc.memo[_MEMO] = _find(doc)
    return got


#: a heading that is nothing but quoted wording ('## "Made in an FDA-approved lab"', '## "FDA-approved"
#: and "CE-marked"', numbered or not: '### 3. "Absolutely safe"'): a guide naming the phrases it
#: explains. A quoted testimonial heading carries its speaker ('"Best facial ever!" – Sarah') and is not one.
_QUOTED_HEADING = regex.compile(rf"[^\S\n]*(?:(?:\d{{1,3}}|[A-Za-z])[.)][^\S\n]+)?{QUOTE}"
                                rf"(?:[^\S\n]*(?:,|and|or|&|/|vs\.?)[^\S\n]*{QUOTE})*[.:?!]?[^\S\n]*")
#: the same as a block of plain text: two or more quotations, or one and a few words of topic
_QUOTED_BLOCK = regex.compile(
    rf"[^\S\n]*{QUOTE}(?:(?:[^\S\n]*(?:,|and|or|&|/|vs\.?)[^\S\n]*{QUOTE})+"
    rf"|[^\S\n]+(?:and|or|&)(?:[^\S\n]+(?!(?:we|our|ours|my|I|us)\b)[\p{{L}}-]+){{1,4}})[.:?!]?[^\S\n]*")


#: a heading that frames its quotations: a label before them ('Claim 2: "..."', 'SKIN STUDIO: "..."')
_LABELLED = regex.compile(
    rf"[^\S\n]*(?:[\p{{L}}\p{{N}}'’&.#-]+[^\S\n]+){{0,4}}[\p{{L}}\p{{N}}'’&.#-]+:[^\S\n]*{QUOTE}")
#: ... or a word that judges or examines them ('Why "FDA-approved" misleads', 'Myth: ...')
_JUDGING = regex.compile(
    r"\b(?:claims?|myths?|facts?|fact-check\w*|ratings?|verdicts?|rulings?|why|misleading|false|true|wrong|"
    r"debunked|red\s+flags?|warning\s+signs?)\b", regex.I)
#: a heading that condemns what stands under it ('Example of a misleading advert', 'Red flags')
_CONDEMNS = regex.compile(r"\b(?:misleading|false|untrue|wrong|debunked|myths?|red\s+flags?|warning\s+signs?|"
                          r"dishonest|illegal|unlawful|banned"
                          # ... or numbers it as one of the claims examined ('## Claim 2: the miracle number')
                          r"|claims?\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b)\b", regex.I)
#: a paragraph that announces the wording quoted in the blocks below it ("The phrases below
#: appeared on at least one of them. We quote them so you can recognise them.")
_BELOW = regex.compile(
    r"\b(?:phrases|claims|wording|slogans|statements|quotes|quotations)\s+(?:below|that\s+follow|which\s+follow)\b"
    # "here are some lines from adverts and websites we've come across"
    r"|\b(?:here|below)\s+are\s+(?:some\s+|a\s+few\s+)?(?:of\s+the\s+)?(?:lines|phrases|claims|wording|examples|quotes|"
    r"slogans)\b[^.\n]{0,80}?\b(?:adverts?|ads|advertising|websites?|clinics?|salons?|competitors?|brochures?|"
    r"leaflets?|social\s+media|posts?|seen|come\s+across)\b",
    regex.I)
#: a testimonial's speaker after its quotation ('"Best facial ever!" – Sarah')
_SPEAKER = regex.compile(rf"{QUOTE}[^\S\n]*[-–—]")
_HEADING_LINE = 120


def _quoted_headings(doc: Document) -> list[tuple[int, int]]:
    """The quotations of headings, table cells and plain-text heading lines that mention wording
    rather than claim it: nothing but quoted wording (`_QUOTED_HEADING`, `_QUOTED_BLOCK`), or
    quotations a heading frames with a label or a judging word and no first person (`_framed`);
    and a block of nothing but a quotation right under a heading that condemns it ('### Example of
    a misleading advert', then the advert in quotation marks), or under a paragraph that announces
    the phrases below it, until the next heading."""
    text = doc.text
    if '"' not in text and "“" not in text and "«" not in text:
        return []
    out: list[tuple[int, int]] = []
    last = None
    plain = doc.format == "text"
    judged = -2  # the block of the last heading that condemns what follows it ("Example of a misleading advert")
    below = False  # a paragraph announced the phrases below it ("The phrases below appeared on ...")
    for s in doc.segments:
        if s.scope in ("blockquote", "paragraph", "list") and (s.block == judged + 1 or below):
            # the block right under such a heading, or under such a paragraph until the next heading,
            # when it is nothing but a quotation
            a, b = doc.window(s.start, s.start, "paragraph")
            if _QUOTED_HEADING.fullmatch(text, a, b) is not None:
                out += [m.span() for m in ONE_QUOTE.finditer(text, a, b)]
        if s.scope == "heading":
            below = False
        elif s.scope == "paragraph" and not below:
            a, b = doc.window(s.start, s.start, "paragraph")
            below = _BELOW.search(text, a, b) is not None
        if s.scope not in ("heading", "table") and not plain:
            continue
        a, b = doc.window(s.start, s.start, "paragraph")
        if (a, b) == last:
            continue
        last = (a, b)
        if s.scope == "heading" and _CONDEMNS.search(text, a, b) and FIRST_PERSON.search(text, a, b) is None:
            judged = s.block
        if '"' not in text[a:b] and "“" not in text[a:b] and "«" not in text[a:b]:
            continue
        if s.scope in ("heading", "table"):
            if _QUOTED_HEADING.fullmatch(text, a, b) is not None:
                # the whole block is quoted wording: a claim read across two of its quotations
                # ('“FDA-approved exosomes” / “MHRA-approved serum”') is mentioned too
                out.append((a, b))
                continue
            ok = s.scope == "heading" and _framed(text, a, b)
        else:  # a block of plain text: a short one without a closing full stop is a heading line
            line = text[a:b].rstrip()
            heading = len(line) <= _HEADING_LINE and line[-1:] not in (".", "!")
            ok = _QUOTED_BLOCK.fullmatch(text, a, b) is not None or heading and (
                _framed(text, a, b) or line.upper() == line and _QUOTED_HEADING.fullmatch(text, a, b) is not None)
        if ok:
            out += [m.span() for m in ONE_QUOTE.finditer(text, a, b)]
    return out


def _framed(text: str, a: int, b: int) -> bool:
    if FIRST_PERSON.search(text, a, b) is not None or _SPEAKER.search(text, a, b) is not None:
        return False
    return _LABELLED.match(text, a, b) is not None or _JUDGING.search(text, a, b) is not None


def _find(doc: Document) -> list[tuple[int, int]]:
    return sorted(set(_listed(doc) + _quoted_headings(doc) + mentioned(doc) + repeated(doc)))


def _listed(doc: Document) -> list[tuple[int, int]]:
    # the prose has line breaks only between blocks, so an introduction is a line that ends with
    # ":", and the blocks after it are the lines that follow: found from the colons, so a long
    # page costs a search for ":\n", not a walk over its blocks
    text, n = doc.text, len(doc.text)
    out: list[tuple[int, int]] = []
    i = text.find(":\n")
    while i >= 0:
        line = text[text.rfind("\n", 0, i) + 1:i + 1]
        at = i + 1
        if (_INTRO.search(line) is not None and FIRST_PERSON.search(line) is None
                or _THEIR_TEXT.search(line) is not None):
            while True:  # the quotations listed under it, block by block
                while at < n and text[at] == "\n":
                    at += 1
                end = text.find("\n", at)
                end = n if end < 0 else end
                items, pos = [], at
                while pos < end:
                    m = _ITEM.match(text, pos, end)
                    if m is None:
                        break
                    items.append(m.span("q"))
                    pos = m.end()
                if at >= n or not items or pos < end:
                    break
                out += items
                at = end
        i = text.find(":\n", at)
    return out
