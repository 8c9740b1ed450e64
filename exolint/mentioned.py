"""Quotations that their own sentence or block mentions rather than claims, and repeated ones.

Why: a consumer guide, a column or a forum reply quotes the wording it warns about, and those
quotations hold exactly the words the rules look for. `exolint.reported` finds the lists and
headings of such quotations; this module finds them one at a time, from what stands around them.

Inside a sentence, a quotation is mentioned rather than claimed when the sentence says so
(`mentioned`): it is named as wording ('phrases such as "clinically proven"', 'a label reading
"FDA-approved"'), reported from an advert or another clinic ('one advert promised "..."', 'some
websites describe the facial as "100% safe"'), or is itself the subject that the sentence judges
('"Guaranteed results" is a sales tactic'). The page's own voice (we, our, my) between the
reporter and the quotation, or in a sentence judging a quotation, keeps the quotation a claim:
'Our patients describe it as "painless"' is the page's marketing. The same holds for examples in
brackets ('safety claims ("100% safe", "no risks")'), a quotation an advert "said" ('It said:
"..."'; a person who said it gives a testimonial), one after a label ('Advert two. "..."'), one
treated as a warning sign or judged under a label after it ('Problem: ...'), and a list item that
opens with quotations and rebuts them after a dash or in the next sentence. A quotation or a
blockquote that repeats words the page wrote earlier (a forum reply quoting a post, a column taking
apart the advert its reader quoted) makes no new claim (`repeated`).
"""
from __future__ import annotations

import regex

from .document import Document

#: a quotation in double or guillemet marks (straight single quotes are apostrophes too)
QUOTE = r"(?:\"[^\"\n]{2,}\"|“[^“”\n]{2,}”|«[^«»\n]{2,}»)"
ONE_QUOTE = regex.compile(QUOTE)
#: "US" (the country), "ME" (the illness) and a roman "I" heading are not the first person
#: nor is a reader's "I'm reading directly" or "I quote" before the words they read out
FIRST_PERSON = regex.compile(r"\b(?:we|our|ours|my|(?-i:us|Us|me|Me|I))\b(?!['’]m\s+(?:reading|quoting)\b|\s+quote\b)",
                             regex.I)

#: what names a quotation as wording, right before it ('such as "..."', 'a label reading "..."')
_NAMED_AS_WORDING = regex.compile(
    r"(?:\bsuch\s+as|\blike|\balong\s+the\s+lines\s+of|\b(?:phrases?|words?|terms?|slogans?|badges?|wording|reassurances?|taglines?|"
    r"headlines?|figures?|numbers?|statistics?|stats?|(?:the|a|this|that|these|those)\s+(?:claims?|promises?|labels?)|"
    r"(?:the|a|with\s+the)\s+(?:caption|overlay|banner|on-screen\s+text)|"
    r"(?:tiny|small|grey|gray|pale|white|hidden)\s+(?:writing|text|print|type|letters))"
    r"(?:\s+(?:such\s+as|like))?"
    r"|\breading|\bthat\s+reads?|\btalking\s+about|\be\.g\.|\bfor\s+(?:example|instance)|\binterpret(?:s|ed|ing)?|"
    r"\bturn(?:s|ed|ing)?\s+(?:that|it|this|them)\s+into|"
    r"\bsaying|\bgoes\s+for|\b(?:marketed|sold|labell?ed|advertised|described|billed)\s+as|\blabell?ed)"
    # 'a block of text reading, in part, "..."'
    r"(?:[^\S\n]*,[^\S\n]*(?:in\s+part|in\s+full|verbatim|word\s+for\s+word))?[^\S\n]*[,:]?[^\S\n]*$"
    # "Some of the wording we've seen includes "...""
    r"|\b(?:wording|phrases?|claims?|slogans?|promises?)\b[^\"“\n]{0,40}\binclud(?:e|es|ed|ing)[^\S\n]*:?[^\S\n]*$"
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
#: a label right before a quotation, in its sentence or ending the one before: 'Advert two. "The
#: first FDA-approved exosome facial."', 'Quote: "Each vial delivers ..." Unquote.'
_LABEL_BEFORE = regex.compile(
    r"(?:\b(?:advert|ad|slogan|claim|example|exhibit|quote)(?:[^\S\n]+(?:\d{1,2}|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|[a-z]))?(?:,?[^\S\n]+[\w'’-]+){0,4}|\b(?:last|next|final|another)[^\S\n]+one"
    # an editor's before-and-after: 'OLD: "..."', 'OLD (footer block): "..."', 'Avoid: "..."'
    r"|\b(?:old(?:[^\S\n]+wording)?|avoid|don['’]t[^\S\n]+say|do[^\S\n]+not[^\S\n]+say|wrong)(?:[^\S\n]*\([^)\n]{0,30}\))?"
    # a transcript's reader introducing the next advert: "This one's a serum.", "This one's from a video."
    r"|\b(?:this|next|another)[^\S\n]+one(?:['’]s|[^\S\n]+is)(?:,?[^\S\n]+[\w'’-]+){1,10})"
    r"[^\S\n]*[.:][^\S\n]*$"
    # spoken: 'We've written, quote, "..."'
    r"|,[^\S\n]*quote[^\S\n]*,[^\S\n]*$", regex.I)
#: quotations in a row at the start of a list item, joined by commas, "and", "or" ('"No risk" and
#: "guaranteed."'): the rebuttal follows the last
_QUOTE_RUN = regex.compile(rf"{QUOTE}(?:[^\S\n]*(?:,|and|or|&|/)[^\S\n]*{QUOTE})*[.,!?]*")
#: someone else's advert or page reporting it, earlier in the sentence
_REPORTER = regex.compile(
    r"\b(?:ads?|adverts?|advertisements?|websites?|sites?|clinics?|pages?|labels?|brochures?|leaflets?|"
    r"posts?|listings?|sellers?|companies|providers?|salons?|brands?|manufacturers?|influencers?|suppliers?|"
    r"retailers?|shops?|vendors?|marketers?|distributors?|products?|clips?|videos?|reels?|tiktoks?|ads?|"
    r"practitioners?|(?:price\s+)?lists?|menus?|(?:on-screen|overlaid|overlay)\s+text|captions?|overlays?|banners?)\b"
    r"[^\n]{0,80}?\b(?:promised|promises?|promising|claimed|claims?|claiming|said|says?|saying|"
    r"describe[sd]?|describing|call(?:s|ed|ing)?|read|reads|stated?|states|advertised?|advertises|"
    r"boasts?|boasted|label(?:s|led|ed)?|market(?:s|ed)?|bill(?:s|ed)?|stating|promot(?:es?|ed|ing)|"
    r"carr(?:y|ies|ied)|featur(?:es?|ed|ing)|displayed|showed|included|used|tells?|told|continued|"
    r"offer(?:s|ed|ing)?|sell(?:s|ing)?|sold)\b"
    # a thing that spoke ('an advert came up ... It said: "..."', 'This one says, "..."'): people are
    # testimonials, not reports
    r"|\b(?:it|(?:this|that|the\s+next|another)\s+one)\s+(?:said|says|read|reads|claimed|claims|promised|promises|"
    r"stated|states)\b"
    # someone was told it: "One client was told in a direct message that the treatment was "...""
    # (not "I was told", "we were told": the page's own voice passing it on)
    r"|(?<!\b(?:I|we)\s)\b(?:was|were|been|being)\s+told\b"
    # a claim reported as one: "the claim that exosomes were "2nm" in size"
    r"|\bclaims?\s+that\b", regex.I)
#: the page's own advert or page ('our website promises', 'my clinic says'): not someone else's
_OWN = regex.compile(r"\b(?:our|my)\s+(?:[\w'’-]+\s+){0,2}$", regex.I)
#: a quotation that the sentence judges, at its start ('"X" is a sales tactic')
_JUDGED = regex.compile(r"[^\S\n]*(?:is|are|was|were|states?|means?|sounds?|implies|suggests|misleads?|tells|"
                        r"(?:also\s+|still\s+)?(?:does\s+not|doesn['’]t|do\s+not|don['’]t|cannot|can['’]t))\b",
                        regex.I)
#: ... anywhere in its sentence, by a verb that only judges ('but "results guaranteed" implies certainty')
_JUDGED_STRONGLY = regex.compile(r"[^\S\n]*(?:implies|suggests|misleads?|sounds\s+like)\b", regex.I)
#: a block that names the wording after it as wording to avoid
_TO_AVOID = regex.compile(
    r"\b(?:claims?|phrases?|words?|wording|terms?|language)\s+(?:to\s+avoid|(?:we|you)\s+(?:never|must\s+not|should\s+not|"
    r"don['’]t|do\s+not)\s+use)\b|\b(?:avoid|never\s+use|don['’]t\s+(?:use|say)|do\s+not\s+(?:use|say))[^\S\n]*:",
    regex.I)
#: a quotation listed right after one that is mentioned ('such as "A", "B" or "C"')
_LISTED_AFTER = regex.compile(r"[^\S\n]*(?:,|;|/|,?[^\S\n]*(?:or|and|nor))[^\S\n]*$", regex.I)


def own_voice(text: str, sa: int, sb: int, a: int | None = None, b: int | None = None,
              timeout: float | None = None) -> bool:
    """Whether text[a:b] (the whole sentence text[sa:sb] by default) speaks in the first person
    outside a parenthesis of the sentence: the writer's aside ('One clip (students showed it to me)
    called it "FDA approved"') does not make a report their own words."""
    for m in FIRST_PERSON.finditer(text, sa if a is None else a, sb if b is None else b, timeout=timeout):
        at = m.start()
        if not (text.rfind("(", sa, at) > text.rfind(")", sa, at) and text.find(")", at, sb) >= 0):
            return True
    return False


def mentioned(doc: Document) -> list[tuple[int, int]]:
    """The quotations that their sentence names as wording, reports from someone else or judges."""
    text = doc.text
    if '"' not in text and "“" not in text and "«" not in text:
        return []
    out: list[tuple[int, int]] = []
    prev: tuple[int, int] | None = None  # the last mentioned quotation
    for m in ONE_QUOTE.finditer(text):
        a, b = m.span()
        sa, sb = doc.window(a, b, "sentence")
        before = text[sa:a]
        if (prev is not None and prev[1] >= sa and _LISTED_AFTER.match(text[prev[1]:a]) is not None
                or _NAMED_AS_WORDING.search(before) is not None
                or _LABEL_BEFORE.search(text, max(0, a - 80), a) is not None):
            hit = True
        else:
            rep = _REPORTER.search(before)
            # a first person after the reporter speaks in their own words, but not in an aside
            hit = (rep is not None and _OWN.search(before, 0, rep.start()) is None
                   and not own_voice(text, sa, sb, sa + rep.end(), a))
            opens = _OPENER.fullmatch(before) is not None  # the quotation opens its sentence
            if not hit and (opens and _JUDGED.match(text, b, sb) or _AS_WARNING.match(text, b, sb)
                            or _JUDGED_STRONGLY.match(text, b, sb)):
                hit = FIRST_PERSON.search(text, sa, sb) is None
            if not hit:
                # in a block that names what follows as wording to avoid ('Slide 4: "Claims to
                # avoid" - "100% safe", "risk-free"')
                block = doc.window(a, b, "paragraph")
                hit = _TO_AVOID.search(text, block[0], a) is not None
            if not hit and opens and _REBUTTAL_LABEL.match(text, b, sb + 40) is not None:
                hit = True
            if not hit and opens:
                block = doc.window(a, b, "paragraph")
                seg = doc.segment_at(a)
                run = _QUOTE_RUN.match(text, a, block[1])
                end = max(b, run.end()) if run is not None else b
                rebutted = _REBUTTED.match(text, end, block[1]) or _REBUTTED_NEXT.match(text, end, block[1])
                hit = block[0] == a and seg is not None and seg.scope == "list" and rebutted is not None
        if hit:
            out.append((a, b))
            prev = (a, b)
    return out


#: what may open a block before a repeated quotation: a list label, markup, a determiner ('The "300%
#: more collagen" comes with no study')
_REPEAT_OPENER = regex.compile(_OPENER.pattern + r"(?:(?:the|that|this|their|its)[^\S\n]+)?", regex.I)
#: the words of a quotation or a quoted block: inner text without marks and closing punctuation
_INNER = regex.compile(r"[\"“”«»‘’\s]*(.*?)[\"“”«»‘’.,;:!?…\s]*$", regex.S)
_REPEAT_MIN = 12
_REPEAT_REACH = 20_000


def repeated(doc: Document) -> list[tuple[int, int]]:
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
        for m in ONE_QUOTE.finditer(text):
            # a quotation that opens its block and is discussed after it, in no first person: the
            # page's own "we agree it is "absolutely safe"" and a quotation standing alone stay claims
            a, b = m.span()
            ba, bb = doc.window(a, b, "paragraph")
            sa, sb = doc.window(a, b, "sentence")
            if (_REPEAT_OPENER.fullmatch(text, ba, a) is not None and text[b:bb].strip(" \t.,;:!?*_\"”»’")
                    and FIRST_PERSON.search(text, sa, a) is None and FIRST_PERSON.search(text, b, sb) is None):
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
        if low is None:  # the page's shared lower-cased copy, when lower-casing kept the offsets
            low = doc.lower_text if len(doc.lower_text) == len(text) else text
        # only as far back as a reply quotes from: a page of thousands of quotations stays linear
        if low.find(low[ia:ib], max(0, a - _REPEAT_REACH), a) >= 0:
            out.append((a, b))
    return out
