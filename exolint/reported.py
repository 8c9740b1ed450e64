"""Quotations a page reports as someone else's claims, block by block.

Why: a regulator's ruling, a fact-check or a consumer guide lists the claims it examines, each
quoted on its own line under an introduction ('The page included the following claims:',
'The advert read:'). Those lines hold exactly the words the rules look for, but the page does not
make the claims; it reports them. Sentence-level attribution ("claimed that ...") cannot see this,
because the reporting is in the block before. The engine drops findings inside such quotations,
for every rule except those whose YAML says `reported_quotes: check` (look-alike letters, keyword
stuffing, mangled ranges: faults of the page's text wherever they stand).

Testimonials are quoted under an introduction too ("What our clients say:"), and they are the
page's own marketing, so an introduction counts only when it names claims or wording, or an
advert or page that said them, and holds no first person (we, our, my, I).

A guide also names the phrases it explains in its headings: a heading that is nothing but quoted
wording ('"Made in an FDA-approved lab"', '"FDA-approved" and "CE-marked"') mentions those words
and does not claim them. A quoted testimonial heading names its speaker and is not one. Plain text
has no headings, so there a block of two or more quotations joined by "and" or "or", or of one
quotation and a few words of topic ('"Guaranteed results" and miracle language'), is one too.

And inside a sentence, a quotation is mentioned rather than claimed when the sentence says so
(`_mentioned`): it is named as wording ('phrases such as "clinically proven"', 'a label reading
"FDA-approved"'), reported from an advert or another clinic ('one advert promised "..."', 'some
websites describe the facial as "100% safe"'), or is itself the subject that the sentence judges
('"Guaranteed results" is a sales tactic'). The page's own voice (we, our, my) between the
reporter and the quotation, or in a sentence judging a quotation, keeps the quotation a claim:
'Our patients describe it as "painless"' is the page's marketing. The same holds for examples in
brackets ('safety claims ("100% safe", "no risks")'), a quotation an advert "said" ('It said:
"..."'; a person who said it gives a testimonial), one treated as a warning sign, a list item that
opens with a quotation and rebuts it after a dash or in the next sentence, and a quotation standing
alone under a heading that condemns it ('### Example of a misleading advert'). A quotation or a
blockquote that repeats words the page wrote earlier (a forum reply quoting a post, a column taking
apart the advert its reader quoted) makes no new claim (`_repeated`).
"""
from __future__ import annotations

import regex

from .document import Document
from .questions import denied_questions
from .spans import Cover

#: an introduction names what follows as claims or as an advert's words, and ends with a colon
_INTRO = regex.compile(
    r"\b(?:claims?|claimed|statements?|wording|phrases?|slogans?|headlines?)\b"
    r"|\b(?:ads?|adverts?|advertisements?|advertising|page|website|site|leaflet|flyer|post|brochure|label|"
    r"packaging|listing|email)\s+(?:read|reads|said|says|stated|states|included|includes|contained|contains|"
    r"claimed|claims|promised|promises)\b", regex.I)
#: ... or names someone else's text and says it reads as follows, first person or not ("I asked for their
#: leaflet and it says, word for word:")
_THEIR_TEXT = regex.compile(
    r"\b(?:their|its|his|her|the\s+(?:salon|clinic|seller|brand|company|shop)['’]s?)\s+"
    r"(?:leaflet|advert|ad|website|site|page|flyer|brochure|post|email|label|packaging|listing)\b"
    r"[^\n]{0,60}?(?:\b(?:says|said|reads|read|states|stated)\b|\bword\s+for\s+word\b)", regex.I)
#: "US" (the country), "ME" (the illness) and a roman "I" heading are not the first person
_FIRST_PERSON = regex.compile(r"\b(?:we|our|ours|my|(?-i:us|Us|me|Me|I))\b", regex.I)
#: one quotation, after the list label that may stand before it in plain text ("a.", "(b)",
#: "1)", "-", "•"), with the punctuation that may follow it; a block of plain text may hold several
#: (its lines are one block). Straight single quotes are left out: they are apostrophes too.
_ITEM = regex.compile(
    r"\s*(?:\(?(?:[a-z]|\d{1,3}|[ivx]{1,4})[.)]|[-*•–])?\s*"
    r"(?P<q>\"[^\"]{2,}\"|“[^“”]{2,}”|‘[^‘’]{2,}’|«[^«»]{2,}»)[.,;:!?]*\s*", regex.I)
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
_QUOTE = r"(?:\"[^\"\n]{2,}\"|“[^“”\n]{2,}”|«[^«»\n]{2,}»)"
_QUOTED_HEADING = regex.compile(rf"[^\S\n]*(?:(?:\d{{1,3}}|[A-Za-z])[.)][^\S\n]+)?{_QUOTE}"
                                rf"(?:[^\S\n]*(?:,|and|or|&|/|vs\.?)[^\S\n]*{_QUOTE})*[.:?!]?[^\S\n]*")
#: the same as a block of plain text: two or more quotations, or one and a few words of topic
_QUOTED_BLOCK = regex.compile(
    rf"[^\S\n]*{_QUOTE}(?:(?:[^\S\n]*(?:,|and|or|&|/|vs\.?)[^\S\n]*{_QUOTE})+"
    rf"|[^\S\n]+(?:and|or|&)(?:[^\S\n]+(?!(?:we|our|ours|my|I|us)\b)[\p{{L}}-]+){{1,4}})[.:?!]?[^\S\n]*")
_ONE_QUOTE = regex.compile(_QUOTE)


#: a heading that frames its quotations: a label before them ('Claim 2: "..."', 'SKIN STUDIO: "..."')
_LABELLED = regex.compile(
    rf"[^\S\n]*(?:[\p{{L}}\p{{N}}'’&.#-]+[^\S\n]+){{0,4}}[\p{{L}}\p{{N}}'’&.#-]+:[^\S\n]*{_QUOTE}")
#: ... or a word that judges or examines them ('Why "FDA-approved" misleads', 'Myth: ...')
_JUDGING = regex.compile(
    r"\b(?:claims?|myths?|facts?|fact-check\w*|ratings?|verdicts?|rulings?|why|misleading|false|true|wrong|"
    r"debunked|red\s+flags?|warning\s+signs?)\b", regex.I)
#: a heading that condemns what stands under it ('Example of a misleading advert', 'Red flags')
_CONDEMNS = regex.compile(r"\b(?:misleading|false|untrue|wrong|debunked|myths?|red\s+flags?|warning\s+signs?|"
                          r"dishonest|illegal|unlawful|banned)\b", regex.I)
#: a testimonial's speaker after its quotation ('"Best facial ever!" – Sarah')
_SPEAKER = regex.compile(rf"{_QUOTE}[^\S\n]*[-–—]")
_HEADING_LINE = 120


def _quoted_headings(doc: Document) -> list[tuple[int, int]]:
    """The quotations of headings, table cells and plain-text heading lines that mention wording
    rather than claim it: nothing but quoted wording (`_QUOTED_HEADING`, `_QUOTED_BLOCK`), or
    quotations a heading frames with a label or a judging word and no first person (`_framed`);
    and a block of nothing but a quotation right under a heading that condemns it ('### Example of
    a misleading advert', then the advert in quotation marks)."""
    text = doc.text
    if '"' not in text and "“" not in text and "«" not in text:
        return []
    out: list[tuple[int, int]] = []
    last = None
    plain = doc.format == "text"
    judged = -2  # the block of the last heading that condemns what follows it ("Example of a misleading advert")
    for s in doc.segments:
        if s.block == judged + 1 and s.scope in ("blockquote", "paragraph"):
            # the block right under such a heading, when it is nothing but a quotation
            a, b = doc.window(s.start, s.start, "paragraph")
            if _QUOTED_HEADING.fullmatch(text, a, b) is not None:
                out += [m.span() for m in _ONE_QUOTE.finditer(text, a, b)]
        if s.scope not in ("heading", "table") and not plain:
            continue
        a, b = doc.window(s.start, s.start, "paragraph")
        if (a, b) == last:
            continue
        last = (a, b)
        if s.scope == "heading" and _CONDEMNS.search(text, a, b) and _FIRST_PERSON.search(text, a, b) is None:
            judged = s.block
        if '"' not in text[a:b] and "“" not in text[a:b] and "«" not in text[a:b]:
            continue
        if s.scope in ("heading", "table"):
            ok = _QUOTED_HEADING.fullmatch(text, a, b) is not None or (s.scope == "heading" and _framed(text, a, b))
        else:  # a block of plain text: a short one without a closing full stop is a heading line
            line = text[a:b].rstrip()
            heading = len(line) <= _HEADING_LINE and line[-1:] not in (".", "!")
            ok = _QUOTED_BLOCK.fullmatch(text, a, b) is not None or heading and (
                _framed(text, a, b) or line.upper() == line and _QUOTED_HEADING.fullmatch(text, a, b) is not None)
        if ok:
            out += [m.span() for m in _ONE_QUOTE.finditer(text, a, b)]
    return out


def _framed(text: str, a: int, b: int) -> bool:
    if _FIRST_PERSON.search(text, a, b) is not None or _SPEAKER.search(text, a, b) is not None:
        return False
    return _LABELLED.match(text, a, b) is not None or _JUDGING.search(text, a, b) is not None


#: what names a quotation as wording, right before it ('such as "..."', 'a label reading "..."')
_NAMED_AS_WORDING = regex.compile(
    r"(?:\bsuch\s+as|\blike|\b(?:phrases?|words?|terms?|slogans?|badges?|wording|reassurances?|taglines?|"
    r"headlines?|figures?|numbers?|statistics?|stats?|(?:the|a|this|that)\s+(?:claim|promise|label))"
    r"(?:\s+(?:such\s+as|like))?"
    r"|\breading|\bthat\s+reads?|"
    r"\bsaying|\bgoes\s+for|\b(?:marketed|sold|labell?ed|advertised|described|billed)\s+as|\blabell?ed)[^\S\n]*[,:]?[^\S\n]*$"
    # examples in brackets after what they are examples of: 'absolute safety claims ("100% safe", ...)'
    r"|\b(?:claims?|phrases?|wording|promises?|slogans?)[^\S\n]*\([^\S\n]*$",
    regex.I)
#: a quotation the sentence treats as a warning ('Treat "100% safe" as a warning sign')
_AS_WARNING = regex.compile(
    r"[^\S\n]*as[^\S\n]+(?:an?[^\S\n]+)?(?:warning[^\S\n]+signs?|red[^\S\n]+flags?|signs?[^\S\n]+of)\b", regex.I)
#: a quotation that opens a list item and is rebutted after a dash ('"Our vials are FDA approved." -
#: The FDA has approved no exosome product.'): six words or more, with a denial or a judgement
#: (a testimonial's dash is followed by its speaker: '"Loved it" - Sarah, 34')
_REBUTTED = regex.compile(
    r"[.,!?]*[^\S\n]*[-–—][^\S\n]*(?=(?:[^\s]+[^\S\n]+){5})[^\n]{0,200}?"
    r"\b(?:not|never|none|cannot|could\s+not|false|untrue|misleading|wrong|unsupported|unproven|unlicensed|"
    r"unapproved|no\s+(?:[\w-]+\s+){0,3}(?:products?|evidence|stud(?:y|ies)|trials?|treatments?|injections?|data|"
    r"marketing\s+authori[sz]ation))\b", regex.I)
#: ... or rebutted by the next sentence, which opens with a denial ('"Our booster is FDA-approved." No
#: exosome product is.', '"A non-invasive injection." An injection is invasive.')
_REBUTTED_NEXT = regex.compile(
    r"(?<=[.!?][\"”»]?)[^\S\n]+(?:No|Not|Never|None|Nothing|False|Untrue|Wrong|There\s+(?:is|are|was|were)\s+no|"
    r"(?:We|I)\s+(?:found|could\s+find|can\s+find|have\s+found|know\s+of)\s+no|"
    r"(?:It|That|This)\s+is\s+(?:false|untrue|misleading|wrong|not)|An?\s+[\w-]+\s+is\s+(?:invasive|not)"
    r"|(?:Problem|Issue|Reality|Fact|The\s+truth|Verdict|Why\s+(?:it['’]s|this\s+is)\s+(?:wrong|misleading))\s*:)")
#: ... or judged under a label right after it, in any block ('(a) "Absolutely safe." Problem: no
#: procedure has no risk.')
_REBUTTAL_LABEL = regex.compile(
    r"(?<=[.!?…][\"”»]?)[^\S\n]+(?:Problem|Issue|Reality|Fact|The\s+truth|Verdict|"
    r"Why\s+(?:it['’]s|this\s+is)\s+(?:wrong|misleading))\s*:")
#: what may stand before a quotation that opens its sentence: a list label ("(a)", "2.") and markup
_OPENER = regex.compile(r"[^\S\n]*(?:\(?(?:[a-z]|\d{1,3}|[ivx]{1,4})[.)])?[\s(\[*_]*", regex.I)
#: someone else's advert or page reporting it, earlier in the sentence
_REPORTER = regex.compile(
    r"\b(?:ads?|adverts?|advertisements?|websites?|sites?|clinics?|pages?|labels?|brochures?|leaflets?|"
    r"posts?|listings?|sellers?|companies|providers?|salons?|brands?|manufacturers?|influencers?|suppliers?|"
    r"retailers?|shops?|vendors?|marketers?|distributors?)\b"
    r"[^\n]{0,80}?\b(?:promised|promises?|promising|claimed|claims?|claiming|said|says?|saying|"
    r"describe[sd]?|describing|call(?:s|ed|ing)?|read|reads|stated?|states|advertised?|advertises|"
    r"boasts?|boasted|label(?:s|led|ed)?|market(?:s|ed)?|bill(?:s|ed)?|stating|promot(?:es?|ed|ing)|"
    r"carr(?:y|ies|ied)|featur(?:es?|ed|ing)|displayed|showed|included|used|tells?|told|"
    r"offer(?:s|ed|ing)?|sell(?:s|ing)?|sold)\b"
    # a thing that spoke ('an advert came up ... It said: "..."'): people are testimonials, not reports
    r"|\bit\s+(?:said|says|read|reads|claimed|claims|promised|promises|stated|states)\b", regex.I)
#: the page's own advert or page ('our website promises', 'my clinic says'): not someone else's
_OWN = regex.compile(r"\b(?:our|my)\s+(?:[\w'’-]+\s+){0,2}$", regex.I)
#: a quotation that the sentence judges, at its start ('"X" is a sales tactic')
_JUDGED = regex.compile(r"[^\S\n]*(?:is|are|was|were|states?|means?|sounds?|implies|suggests|misleads?|tells)\b",
                        regex.I)
#: a quotation listed right after one that is mentioned ('such as "A", "B" or "C"')
_LISTED_AFTER = regex.compile(r"[^\S\n]*(?:,|;|/|,?[^\S\n]*(?:or|and|nor))[^\S\n]*$", regex.I)


def _mentioned(doc: Document) -> list[tuple[int, int]]:
    """The quotations that their sentence names as wording, reports from someone else or judges."""
    text = doc.text
    if '"' not in text and "“" not in text and "«" not in text:
        return []
    out: list[tuple[int, int]] = []
    prev: tuple[int, int] | None = None  # the last mentioned quotation
    for m in _ONE_QUOTE.finditer(text):
        a, b = m.span()
        sa, sb = doc.window(a, b, "sentence")
        before = text[sa:a]
        if (prev is not None and prev[1] >= sa and _LISTED_AFTER.match(text[prev[1]:a]) is not None
                or _NAMED_AS_WORDING.search(before) is not None):
            hit = True
        else:
            rep = _REPORTER.search(before)
            hit = (rep is not None and _OWN.search(before, 0, rep.start()) is None
                   and _FIRST_PERSON.search(text, sa + rep.end(), a) is None)
            opens = _OPENER.fullmatch(before) is not None  # the quotation opens its sentence
            if not hit and (opens and _JUDGED.match(text, b, sb) or _AS_WARNING.match(text, b, sb)):
                hit = _FIRST_PERSON.search(text, sa, sb) is None
            if not hit and opens and _REBUTTAL_LABEL.match(text, b, sb + 40) is not None:
                hit = True
            if not hit and opens:
                block = doc.window(a, b, "paragraph")
                seg = doc.segment_at(a)
                hit = (block[0] == a and seg is not None and seg.scope == "list"
                       and (_REBUTTED.match(text, b, block[1]) or _REBUTTED_NEXT.match(text, b, block[1])) is not None)
        if hit:
            out.append((a, b))
            prev = (a, b)
    return out


def _find(doc: Document) -> list[tuple[int, int]]:
    return sorted(set(_listed(doc) + _quoted_headings(doc) + _mentioned(doc) + _repeated(doc)))


#: what may open a block before a repeated quotation: a list label, markup, a determiner ('The "300%
#: more collagen" comes with no study')
_REPEAT_OPENER = regex.compile(_OPENER.pattern + r"(?:(?:the|that|this|their|its)[^\S\n]+)?", regex.I)
#: the words of a quotation or a quoted block: inner text without marks and closing punctuation
_INNER = regex.compile(r"[\"“”«»‘’\s]*(.*?)[\"“”«»‘’.,;:!?…\s]*$", regex.S)
_REPEAT_MIN = 12


def _repeated(doc: Document) -> list[tuple[int, int]]:
    """Quotations and blockquotes that repeat words the page has already written: a forum reply
    quoting a post ("> It was genuinely needle-free"), a column taking apart, phrase by phrase, the
    advert its reader quoted ('**"Needle-free, non-invasive" injections.** These words ...'). The
    first occurrence is judged where it stands; the repetition makes no new claim. A quotation
    counts only when it opens its block and the block goes on to discuss it, with no first person
    in its sentence."""
    text = doc.text
    low: str | None = None
    out: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    if '"' in text or "“" in text or "«" in text:
        for m in _ONE_QUOTE.finditer(text):
            # a quotation that opens its block and is discussed after it, in no first person: the
            # page's own "we agree it is "absolutely safe"" and a quotation standing alone stay claims
            a, b = m.span()
            ba, bb = doc.window(a, b, "paragraph")
            sa, sb = doc.window(a, b, "sentence")
            if (_REPEAT_OPENER.fullmatch(text, ba, a) is not None and text[b:bb].strip(" \t.,;:!?*_\"”»’")
                    and _FIRST_PERSON.search(text, sa, a) is None and _FIRST_PERSON.search(text, b, sb) is None):
                spans.append((a, b))
    seen_blocks: set[tuple[int, int]] = set()
    for s in doc.segments:
        if s.scope == "blockquote":
            block = doc.window(s.start, s.start, "paragraph")
            if block not in seen_blocks:
                seen_blocks.add(block)
                spans.append(block)
    for a, b in spans:
        inner = _INNER.match(text, a, b)
        if inner is None:
            continue
        ia, ib = inner.span(1)
        if ib - ia < _REPEAT_MIN:
            continue
        if low is None:
            low = text.lower()
        if low.find(low[ia:ib], 0, a) >= 0:
            out.append((a, b))
    return out


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
        if (_INTRO.search(line) is not None and _FIRST_PERSON.search(line) is None
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
