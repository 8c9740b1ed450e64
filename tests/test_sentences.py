import pytest

from exolint.sentences import MAX_SENTENCE, split_sentences


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "Dr. Patel reviewed the protocol before the first session.",
    "Nguyen et al. reported a small pilot in 2021.",
    "Some serums, e.g. those with peptides, sting briefly.",
    "Compare microneedling vs. laser resurfacing for scars.",
    "The mean change was 2.5 points on the scale.",
    "J. R. Okafor and M. Lindqvist wrote the review.",
    "Read the notice at https://www.example.org/notices/2020.07.22.html before booking.",
    "The U.S. agency issued the alert in December.",
])
def test_one_sentence_is_not_split(text):
    assert sentences(text) == [text]


def test_splits_on_terminal_punctuation_and_keeps_quotes():
    text = 'Results vary. Is it safe? "Nothing is risk free." Ask your doctor!'
    assert sentences(text) == ["Results vary.", "Is it safe?", '"Nothing is risk free."', "Ask your doctor!"]


def test_url_at_end_of_sentence_still_ends_it():
    text = "See www.example.org/a.b. Next sentence here."
    assert sentences(text) == ["See www.example.org/a.b.", "Next sentence here."]


def test_ranges_are_within_bounds_and_trimmed():
    text = "  First one.   Second one.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]
    assert all(0 <= a < b <= len(text) for a, b in spans)


def test_a_dot_after_a_line_break_is_not_read_as_ending_an_abbreviation():
    """Only the letters right before a dot make it an abbreviation's: "Dr" then a line break then
    "." is not "Dr." (prose blocks have no line breaks, so this only concerns text spanning blocks)."""
    text = "See Dr\n. Smith here. Next one."
    assert sentences(text) == ["See Dr\n.", "Smith here.", "Next one."]


def test_sentences_in_a_range_match_the_range_of_the_whole_split():
    text = "Intro words. Dr. Lee, MD, said e.g. this. Visit www.example.org/x. Then http://a.b/c. End."
    whole = split_sentences(text)
    start = text.index("Dr.")
    assert split_sentences(text, start, len(text)) == [s for s in whole if s[0] >= start]


def test_a_run_on_sentence_is_cut_at_spaces_into_bounded_pieces():
    words = [("exosome", "FDA-approved", "serum", "Leeds")[i % 4] for i in range(1500)]
    text = " ".join(words)  # about 13,000 characters without a full stop
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(b - a <= MAX_SENTENCE for a, b in pieces)
    assert all(text[a] != " " and text[b - 1] != " " for a, b in pieces)
    # every word is in exactly one piece, whole
    assert " ".join(text[a:b] for a, b in pieces).split() == words


def test_a_run_on_without_spaces_is_cut_at_the_bound_and_an_ordinary_sentence_is_kept():
    blob = "x" * (2 * MAX_SENTENCE + 10)
    assert split_sentences(blob) == [(0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE),
                                     (2 * MAX_SENTENCE, 2 * MAX_SENTENCE + 10)]
    long_one = "A long sentence " + "with many words " * 100 + "ends here. Next."
    assert len(long_one) < MAX_SENTENCE
    assert split_sentences(long_one) == [(0, len(long_one) - 6), (len(long_one) - 5, len(long_one))]


def test_an_emoji_before_a_space_ends_a_line_of_a_caption_or_message():
    text = "20% off if u book before 5pm ⏳ reverse ur ageing in 1 hr 💯 FDA cleared serum ✅ Loved it 😍😍 ok"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "20% off if u book before 5pm ⏳", "reverse ur ageing in 1 hr 💯", "FDA cleared serum ✅",
        "Loved it 😍😍", "ok"]
    # an emoji inside a word run, or the last thing in the text, splits nothing
    assert split_sentences("Glow✨facial today") == [(0, len("Glow✨facial today"))]
