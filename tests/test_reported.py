"""exolint.reported: quotations a page lists as others' claims, and the engine skipping them."""
from __future__ import annotations

import pytest

import exolint
from exolint.plugins.markdown import parse as parse_markdown
from exolint.plugins.text import parse as parse_text
from exolint.reported import reported_quotations

RULING = """The complaint concerned a salon's website. The page included the following claims:

  a. "FDA-approved exosomes for radiant skin"
  b. "Absolutely safe, with no downtime".

The complaint was upheld."""


def _quoted(doc) -> list[str]:
    return [doc.text[a:b] for a, b in reported_quotations(doc)]


def test_a_labelled_list_of_quotations_under_an_introduction_that_names_claims():
    doc = parse_text(RULING, "ruling.txt")
    assert _quoted(doc) == ['"FDA-approved exosomes for radiant skin"', '"Absolutely safe, with no downtime"']


def test_markdown_list_under_what_an_advert_read():
    page = 'The advert read:\n\n- "Exosomes are FDA approved"\n- "Guaranteed results"\n\nIt was withdrawn.\n'
    doc = parse_markdown(page, "ruling.md")
    assert _quoted(doc) == ['"Exosomes are FDA approved"', '"Guaranteed results"']


@pytest.mark.parametrize("intro", [
    "What our clients say:",            # the page's own voice: testimonials are its marketing
    "Reviews:",                         # names no claims and no advert
    "We stand by these claims:",        # claims, but the page's own
    "The page included the following claims.",  # no colon: not an introduction to a list
])
def test_no_reported_list(intro):
    doc = parse_text(f'{intro}\n\n"FDA-approved exosomes for radiant skin"', "x.txt")
    assert _quoted(doc) == []


@pytest.mark.parametrize("intro", [
    "A Leeds clinic described its facial in one paragraph as microneedling and, in the next, as:",
    "Other claims in our sample included:",
    "Here's what it says on their site (copied exactly):",
])
def test_introductions_that_report_someone_elses_wording(intro):
    page = f'{intro}\n\n- "A completely non-invasive glow" (It is not: it uses needles.)\n- "Guaranteed results"\n'
    doc = parse_markdown(page, "article.md")
    assert _quoted(doc) == ['"A completely non-invasive glow"', '"Guaranteed results"']


@pytest.mark.parametrize("intro", [
    "Our clinic is described by clients as:",       # the page's own voice
    "Our favourite claims:",                        # claims, but the page's own
])
def test_introductions_in_the_pages_own_voice_report_nothing(intro):
    doc = parse_markdown(f'{intro}\n\n- "A completely non-invasive glow"\n', "page.md")
    assert _quoted(doc) == []


def test_a_quotation_block_under_a_numbered_claim_heading_is_mentioned():
    page = '## Claim 2: the miracle number\n\n> "Clinically proven to cut wrinkles by 87%."\n\nNo trial was named.\n'
    assert _quoted(parse_markdown(page, "article.md")) == ['"Clinically proven to cut wrinkles by 87%."']
    own = '## Our results\n\n> "Clinically proven to cut wrinkles by 87%."\n'
    assert _quoted(parse_markdown(own, "page.md")) == []


def test_blocks_of_quotations_after_here_are_some_lines_from_adverts():
    page = ("## Phrases we have seen\n\nHere are some lines from adverts we've come across, and why we avoid them.\n\n"
            '> "FDA-approved exosomes"\n\nThe FDA has approved none.\n\n> "100% safe and natural"\n\n'
            "## Our prices\n\n> \"Best facial ever\"\n")
    assert _quoted(parse_markdown(page, "blog.md")) == ['"FDA-approved exosomes"', '"100% safe and natural"']
    own = 'Here are some lines we love.\n\n> "100% safe and natural"\n'
    assert _quoted(parse_markdown(own, "blog.md")) == []


def test_the_list_ends_at_the_first_block_that_is_not_a_quotation():
    doc = parse_text('The claims were:\n\n"Absolutely safe"\n\nOur view:\n\n"Absolutely safe"', "x.txt")
    assert _quoted(doc) == ['"Absolutely safe"']
    assert reported_quotations(doc)[0][0] < doc.text.index("Our view")


def test_engine_drops_findings_inside_reported_quotations_only():
    found = {(f.rule, f.start.line) for f in exolint.lint_text(RULING, "text")}
    assert not any(line in (3, 4) for _, line in found)
    # the same words as the page's own list are reported
    own = RULING.replace("The page included the following claims:", "Why clients love us:")
    rules = {f.rule for f in exolint.lint_text(own, "text")}
    assert {"EXO301", "EXO401"} <= rules


def test_rules_that_check_reported_quotations_still_report_there():
    # EXO504 (look-alike letters) says `reported_quotes: check`: the fault is in the page's own text
    text = RULING.replace("exosomes", "exоsomes")  # a Cyrillic "о"
    assert "EXO504" in {f.rule for f in exolint.lint_text(text, "text")}


def test_a_block_with_the_pages_own_words_between_quotations_is_not_a_list():
    doc = parse_text('The claims were:\n\n"Absolutely safe" is what they wrote, and we agree it is "absolutely safe".',
                     "x.txt")
    assert _quoted(doc) == []


@pytest.mark.parametrize("heading,quoted", [
    ('## "Made in an FDA-approved lab"', ['"Made in an FDA-approved lab"']),
    # the whole heading, joiners included, so nothing read across its quotations is claimed
    ('## "FDA-approved" and "CE-marked"', ['"FDA-approved" and "CE-marked"']),
    ('## “Nine out of ten clients saw results”', ['“Nine out of ten clients saw results”']),
    ('## "Best facial I ever had!" – Sarah, Leeds', []),   # a testimonial names its speaker
    # a heading that frames its quotations with a label or a judging word mentions them too
    ('## Why "FDA-approved" misleads', ['"FDA-approved"']),
    ('## Claim 3: "Exosomes are 100% safe"', ['"Exosomes are 100% safe"']),
    ('## Myth: "natural means risk-free"', ['"natural means risk-free"']),
    # ... but not in the page's own voice, and not a heading of its own words around a quotation
    ('## Why our facial is "100% safe"', []),
    ('## The "100% safe" exosome facial', []),
])
def test_a_heading_of_nothing_but_quoted_wording_mentions_it(heading, quoted):
    doc = parse_markdown(f"{heading}\n\nText under it.\n", "guide.md")
    assert _quoted(doc) == quoted


@pytest.mark.parametrize("text,quoted", [
    # named as wording
    ('Watch for phrases such as "clinically proven", "backed by science" or "no downtime".',
     ['"clinically proven"', '"backed by science"', '"no downtime"']),
    ('A jar reading “FDA-approved exosome cream” is wrong twice over.', ['“FDA-approved exosome cream”']),
    # reported from someone else's advert or page
    ('One leaflet we were handed promised "zero risk and instant results".', ['"zero risk and instant results"']),
    ('Some salons describe the facial as "100% safe" or promise "no side effects".',
     ['"100% safe"', '"no side effects"']),
    # judged by the sentence it opens
    ('"Results guaranteed or your money back" is a sales tactic, not a promise.',
     ['"Results guaranteed or your money back"']),
    # the page's own voice keeps its quotations claims
    ('Our patients describe the facial as "painless and 100% safe".', []),
    ('Other clinics claim a lot, but our serum is "100% safe".', []),
    ('Our Harley Street clinic promises "results in one session".', []),
    ('We have seen websites promise "zero risk".', ['"zero risk"']),
    ('"100% safe" is our promise to every client.', []),
    # the writer's aside in brackets is not the reporter speaking ('students showed it to me')
    ('One clip (students showed it to me) called the facial "a miracle in a bottle".',
     ['"a miracle in a bottle"']),
    ('One clip shared in a group chat called our facial "a miracle in a bottle" and I agree.', []),
    # a transcript's reader: "this one says", "I'm reading directly", a label sentence before it
    ('This one says, and I\'m reading directly, "the non-invasive secret to glass skin".',
     ['"the non-invasive secret to glass skin"']),
    ('Next. This one\'s a serum. "Results guaranteed or your money back."',
     ['"Results guaranteed or your money back."']),
    ('Clinics get round it by talking about "anti-wrinkle treatment".', ['"anti-wrinkle treatment"']),
    ('I say "results guaranteed" to every client.', []),
    # someone was told it, or it is wording a survey of adverts turned up
    ('One client was told in a message that the treatment was "100% safe, no side effects ever".',
     ['"100% safe, no side effects ever"']),
    ('Some of the wording we have seen includes "cure baldness for good" and "100% regrowth guaranteed".',
     ['"cure baldness for good"', '"100% regrowth guaranteed"']),
    # an editor's old wording, a ruling's captions and claims, an example given, a figure misread
    ('OLD (footer block): "exosomes Leeds, best exosomes Leeds"', ['"exosomes Leeds, best exosomes Leeds"']),
    ('Overlaid text stated "Our FDA-approved exosome facial".', ['"Our FDA-approved exosome facial"']),
    ('A serum bottle with the caption "Results guaranteed".', ['"Results guaranteed"']),
    ('The complainant challenged the claim that exosomes were "2nm" in size.', ['"2nm"']),
    ('Keyword stuffing means repeating terms, e.g. "exosomes Bristol best exosomes Bristol".',
     ['"exosomes Bristol best exosomes Bristol"']),
    ('A clinic page turning that into "up to 32% fewer scars" misreads the paper.', ['"up to 32% fewer scars"']),
    ('Our claim that it is "100% safe" stands.', []),
    # a verb that only judges, mid-sentence; a block that names wording to avoid; a speaker's "quote,"
    ('A refund is an offer, but "results guaranteed" implies certainty no one can give.', ['"results guaranteed"']),
    ('Slide 4: "Claims to avoid" - "100% safe", "risk-free" - "Non-invasive" for injections',
     ['"100% safe"', '"risk-free"', '"Non-invasive"']),
    ('We have written, quote, "Our PRP cures hair loss".', ['"Our PRP cures hair loss"']),
    ('Our facial is "100% safe" and "FDA approved".', []),
])
def test_a_quotation_its_sentence_names_reports_or_judges_is_mentioned(text, quoted):
    assert _quoted(parse_text(text, "x.txt")) == quoted


@pytest.mark.parametrize("block,quoted", [
    ('"Zero downtime" and "no side effects"', ['"Zero downtime"', '"no side effects"']),
    ('"Guaranteed results" and miracle language', ['"Guaranteed results"']),
    ('"Best facial ever!"', []),                       # one quotation alone: a testimonial
    ('"Guaranteed results" and our promise', []),     # the page's own voice
])
def test_a_plain_text_block_of_quoted_wording_mentions_it(block, quoted):
    doc = parse_text(f"{block}\n\nSome text under it explains the phrases.", "guide.txt")
    assert _quoted(doc) == quoted


def test_the_engine_drops_a_finding_inside_a_mentioned_quotation():
    text = 'Some websites call the treatment "absolutely safe". No procedure is.'
    assert [f.rule for f in exolint.lint_text(text, "text") if f.matched == "absolutely safe"] == []
    own = exolint.lint_text('Our treatment is "absolutely safe".', "text")
    assert [f.rule for f in own if f.matched == "absolutely safe"] == ["EXO401"]


def test_a_claim_read_across_two_quotations_of_a_cell_is_mentioned():
    page = ("| Don't say | Why not |\n|---|---|\n"
            "| “FDA-approved exosomes” / “MHRA-approved exosome serum” | Neither regulator approved one. |\n")
    assert [f.rule for f in exolint.lint_text(page, "markdown") if f.rule.startswith("EXO30")] == []
    own = "| Product | Status |\n|---|---|\n| Our exosomes | MHRA-approved exosome serum |\n"
    assert "EXO302" in [f.rule for f in exolint.lint_text(own, "markdown")]


def test_a_table_cell_of_nothing_but_a_quotation_mentions_it():
    page = '| Claim | Rating |\n|---|---|\n| "Exosomes are FDA-approved" | False |\n| Our serum is "100% safe" | x |\n'
    assert _quoted(parse_markdown(page, "check.md")) == ['"Exosomes are FDA-approved"']


@pytest.mark.parametrize("line,quoted", [
    ('CLINIC A: "FDA-APPROVED EXOSOMES" AND "100% SAFE"', ['"FDA-APPROVED EXOSOMES"', '"100% SAFE"']),
    ('"IT IS NATURAL, SO IT MUST BE SAFE"', ['"IT IS NATURAL, SO IT MUST BE SAFE"']),  # a shouted heading line
    ('"It is natural, so it must be safe"', []),            # one quotation alone: a testimonial
    ('CLINIC A: "FDA-APPROVED EXOSOMES" ARE OURS.', []),    # a sentence, not a heading line
])
def test_a_plain_text_heading_line_that_frames_quotations_mentions_them(line, quoted):
    doc = parse_text(f"{line}\n\nThe text under it explains what the advert said.", "news.txt")
    assert _quoted(doc) == quoted


@pytest.mark.parametrize("text,quoted", [
    # examples in brackets after what they are examples of
    ('Absolute safety claims ("100% safe", "no risks") were removed.', ['"100% safe"', '"no risks"']),
    # treated as a warning
    ('Treat "100% safe" as a warning sign.', ['"100% safe"']),
    ('We treat "100% safe" as our promise to you.', []),
])
def test_examples_in_brackets_and_a_quotation_treated_as_a_warning_are_mentioned(text, quoted):
    assert _quoted(parse_text(text, "x.txt")) == quoted


def test_a_list_item_that_rebuts_its_quotation_after_a_dash_mentions_it():
    page = ('Some claims we found:\n\n'
            '- "Our vials are FDA approved." - The FDA has not approved any exosome product for any use.\n'
            '- "Best facial ever!" - Sarah, 34, from Leeds\n'
            '- "Zero risk." - Sarah, no bruising\n')
    assert _quoted(parse_markdown(page, "x.md")) == ['"Our vials are FDA approved."']


def test_a_quotation_block_under_a_heading_that_condemns_it_is_mentioned():
    page = ('### Example of a misleading advert\n\n> "FDA approved exosomes, 100% safe, no downtime!"\n\n'
            '### What our clients say\n\n> "My skin is 100% better!"\n\n'
            '### Our prices\n\n"Exosome facial, 100% safe, £99"\n')
    assert _quoted(parse_markdown(page, "x.md")) == ['"FDA approved exosomes, 100% safe, no downtime!"']


def test_a_quotation_that_it_said_is_reported():
    text = 'An advert came up on my phone. It said: "Our exosomes are FDA-approved and risk-free." Is it true?'
    assert _quoted(parse_text(text, "x.txt")) == ['"Our exosomes are FDA-approved and risk-free."']
    testimonial = 'Sarah came in March. She said: "It was completely risk-free." She has booked again.'
    assert _quoted(parse_text(testimonial, "x.txt")) == []


def test_a_quotation_the_page_repeats_to_take_it_apart_is_mentioned():
    page = ('A leaflet offered this. It says: "FDA approved. Needle-free, non-invasive, absolutely safe."\n\n'
            '**"Needle-free, non-invasive" injections.** These words contradict each other.\n\n'
            '**"Absolutely safe."** Nothing we do is absolutely safe.\n')
    assert '"Needle-free, non-invasive"' in _quoted(parse_markdown(page, "x.md"))
    # the page's own voice agreeing with a quotation keeps it a claim, and a first quotation stands
    own = 'Clients call it "risk-free".\n\n"Risk-free" is what we promise, and we mean it.\n'
    assert _quoted(parse_markdown(own, "x.md")) == []


def test_a_forum_reply_quoting_a_post_is_mentioned():
    page = ("I had a serum with LED only. It was genuinely needle-free and non-invasive, nice and calm.\n\n"
            "> It was genuinely needle-free and non-invasive\n\nThat's a fair description.\n")
    doc = parse_markdown(page, "x.md")
    first = doc.text.index("It was genuinely")
    second = doc.text.index("It was genuinely", first + 1)
    covered = reported_quotations(doc)
    assert any(a <= second < b for a, b in covered)
    assert not any(a <= first < b for a, b in covered)  # the post itself is judged where it stands


@pytest.mark.parametrize("text", [
    'I asked for their leaflet and it says, word for word:\n\n> "Our exosome therapy is FDA approved."\n',
    'Advert two. "The first FDA-approved exosome facial." The FDA has approved none.\n',
    'Which brings me to advert one. Quote: "Each vial holds exosomes of 5 microns." Unquote.\n',
    '(a) "Absolutely safe, no risk whatsoever."\nProblem: no procedure has no risk.\n',
    '- **"No risk" and "guaranteed."** No injection is risk-free.\n',
    'The phrases below appeared on clinic sites. We quote them so you can recognise them.\n\n'
    '"FDA-approved exosomes"\n\nThe FDA has said there are none.\n',
])
def test_labels_intros_and_rebuttals_around_a_quotation_mention_it(text):
    assert _quoted(parse_markdown(text, "x.md")) != []


def test_a_quotation_standing_alone_after_an_ordinary_paragraph_is_still_a_claim():
    page = 'Book your facial today.\n\n"FDA-approved exosomes for radiant skin"\n'
    assert _quoted(parse_markdown(page, "x.md")) == []
