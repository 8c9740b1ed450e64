"""exolint.questions: which block answers which FAQ question, in every built-in format."""
from __future__ import annotations

import pytest

from exolint.plugins.html import parse as parse_html
from exolint.plugins.markdown import parse as parse_markdown
from exolint.plugins.text import parse as parse_text
from exolint.questions import MAX_QUESTION, answered_question, answers, denied_questions


def _pairs(doc) -> list[tuple[str, str]]:
    """(question, answer) texts of the page."""
    return [(doc.text[q[0]:q[1]], doc.text[a:b]) for a, b, q in answers(doc)]


def test_markdown_heading_questions_and_their_answers():
    page = ("# Peels FAQ\n\n## Does a peel sting?\n\nA little, for a minute or two.\n\n"
            "## How long is the appointment?\n\nForty minutes.\n\nBring your own sunscreen.\n")
    doc = parse_markdown(page, "faq.md")
    assert _pairs(doc) == [("Does a peel sting?", "A little, for a minute or two."),
                           ("How long is the appointment?", "Forty minutes.")]


def test_only_the_first_block_after_a_question_is_its_answer():
    page = "## How long is the appointment?\n\nForty minutes.\n\nBring your own sunscreen.\n"
    doc = parse_markdown(page, "faq.md")
    assert answered_question(doc, doc.text.index("Forty")) == (0, len("How long is the appointment?"))
    assert answered_question(doc, doc.text.index("Bring")) is None
    assert answered_question(doc, 0) is None  # the question is not its own answer


def test_bold_paragraph_question_in_markdown():
    doc = parse_markdown("**Can I wear make-up afterwards?**\n\nWait until the next morning.\n", "faq.md")
    assert _pairs(doc) == [("Can I wear make-up afterwards?", "Wait until the next morning.")]


def test_capitalised_text_question():
    doc = parse_text("WILL IT BRUISE?\n\nSometimes, for a few days.\n", "faq.txt")
    assert _pairs(doc) == [("WILL IT BRUISE?", "Sometimes, for a few days.")]


def test_html_heading_and_paragraph():
    page = "<html><body><h3>Is there a waiting list?</h3><p>About two weeks in spring.</p></body></html>"
    doc = parse_html(page, "faq.html", {})
    assert _pairs(doc) == [("Is there a waiting list?", "About two weeks in spring.")]


@pytest.mark.parametrize("page,expected", [
    # a question list (a table of contents): only the last question is answered
    ("## Does it hurt?\n\n## Will it bruise?\n\nSometimes.\n", [("Will it bruise?", "Sometimes.")]),
    # a two-sentence block ending with "?" is prose, not an FAQ entry
    ("Some readers ask us this. Does it hurt?\n\nNo more than a scratch.\n", []),
    # the next block is a heading: the question is a section title with its own sections
    ("## What happens on the day?\n\n### Arrival\n\nCome ten minutes early.\n", []),
])
def test_blocks_that_are_not_answers(page, expected):
    assert _pairs(parse_markdown(page, "faq.md")) == expected


def test_a_heading_may_set_its_question_up_with_a_sentence_before():
    page = "## My friend says peels never sting. Is that true?\n\nNo. Most people feel a brief tingle.\n"
    doc = parse_markdown(page, "faq.md")
    assert _pairs(doc) == [("My friend says peels never sting. Is that true?", "No. Most people feel a brief tingle.")]
    assert [doc.text[a:b] for a, b in denied_questions(doc)] == ["My friend says peels never sting. Is that true?"]
    # a paragraph of two sentences that ends with a question is prose, not an FAQ entry
    prose = parse_markdown("Peels rarely sting. Why do some people worry?\n\nMostly from old adverts.\n", "p.md")
    assert _pairs(prose) == []


def test_a_long_question_is_prose():
    question = "Is it " + "really " * (MAX_QUESTION // 7) + "worth it?"
    doc = parse_text(f"{question}\n\nYes.\n", "faq.txt")
    assert answers(doc) == []


@pytest.mark.parametrize("answer,denied", [
    ("No. They are not licensed here.", True),
    ("Not yet: the trial reports next spring.", True),
    ("We do not, because they are unlicensed.", True),
    ("We don’t offer them.", True),
    ("They are not, and we would not use them.", True),
    ("Yes, every Tuesday.", False),
    ("No other clinic in the county offers them!", False),  # a boast, not a denial
    ("No doubt about it.", False),
    ("Nobody asks us that.", False),
])
def test_questions_answered_with_no(answer, denied):
    doc = parse_markdown(f"## Do you offer exosome drips?\n\n{answer}\n", "faq.md")
    assert [doc.text[a:b] for a, b in denied_questions(doc)] == (["Do you offer exosome drips?"] if denied else [])


@pytest.mark.parametrize("page,denied", [
    # a bold question with its answer on the next line is one Markdown paragraph
    ("**Can exosomes cure acne?**\nNo exosome product has been shown to cure acne.\n", ["Can exosomes cure acne?"]),
    ("Do you inject exosomes? We do not, because they are unlicensed.\n", ["Do you inject exosomes?"]),
    ("**Can exosomes cure acne?**\nYes, in three sessions.\n", []),
    ("**Can exosomes cure acne?**\nNo other clinic can say so!\n", []),
    # the question must open its paragraph and be one sentence
    ("Acne is common. Can exosomes cure it? No exosome product has been shown to.\n", []),
])
def test_a_question_answered_no_in_its_own_paragraph(page, denied):
    doc = parse_markdown(page, "faq.md")
    assert [doc.text[a:b] for a, b in denied_questions(doc)] == denied


def test_a_labelled_question_may_set_itself_up_and_a_labelled_answer_may_say_no():
    page = ('**Q (u/glowgetter):** My local salon says their facial is "FDA approved". Is that true?\n\n'
            "**A:** No, on both counts.\n")
    doc = parse_markdown(page, "ama.md")
    assert [doc.text[a:b] for a, b in denied_questions(doc)] == [
        'Q (u/glowgetter): My local salon says their facial is "FDA approved". Is that true?']
    yes = page.replace("No, on both counts.", "Yes, it is.")
    assert denied_questions(parse_markdown(yes, "ama.md")) == []
    # without a label, two sentences ending with "?" are prose
    prose = 'My local salon says their facial is "FDA approved". Is that true?\n\nNo, on both counts.\n'
    assert denied_questions(parse_markdown(prose, "ama.md")) == []


def test_a_transcript_speakers_answer_may_say_no_after_their_name():
    page = ('Q2 (aesthetic nurse): We call our booster "a non-invasive injectable". Is that acceptable?\n\n'
            "RACHEL OSEI: No. An injection breaks the skin.\n")
    doc = parse_text(page, "webinar.txt")
    assert [doc.text[a:b] for a, b in denied_questions(doc)] == [
        'Q2 (aesthetic nurse): We call our booster "a non-invasive injectable". Is that acceptable?']


def _rules(page: str) -> list[str]:
    from exolint.api import lint_text

    return sorted(f.rule for f in lint_text(page, "markdown", path="faq.md"))


def test_the_engine_drops_findings_in_a_question_the_page_answers_with_no():
    asked = "## Do you offer exosome injections?\n\n"
    assert "EXO332" not in _rules(asked + "No. They are not licensed in the UK, so we never use them.\n")
    assert "EXO332" in _rules(asked + "Yes, from £300 a session.\n")


def test_faults_of_the_text_are_still_reported_in_a_denied_question():
    # EXO504 (look-alike letters) says `reported_quotes: check`: the Cyrillic о is the page's own
    assert "EXO504" in _rules("## Do you оffer exosome drips?\n\nNo, we do not.\n")
