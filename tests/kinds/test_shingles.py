"""Near-duplicate paragraphs (`shingles`, `shingle_bound`): the word-set bound never drops a pair
that is similar, and the shortcuts of `duplicate_groups` and `paragraph_words` give what the plain
computations give."""
from __future__ import annotations

import random
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.kinds.shingle_bound import candidate_pairs
from exolint.kinds.shingles import _words, duplicate_groups, paragraph_words


# letters, digits, symbols _words special-cases, case-odd and case-changing characters, spaces
_ALPHABET = list("abcXYZ019 -'.,") + ["’", "£", "é", "É", "İ", "ſ", "K", "Σ", "ß", "\u00a0", "\t", "·", "—", "Ⅻ"]


def _jaccard_pairs(paras: list[list[str]], threshold: float) -> set[tuple[int, int]]:
    """Pairs the plain test joins: a shared 5-gram and a Jaccard similarity of at least threshold."""
    sets = [{tuple(w[k:k + 5]) for k in range(len(w) - 4)} for w in paras]
    out = set()
    for x in range(len(sets)):
        for y in range(x + 1, len(sets)):
            inter = len(sets[x] & sets[y])
            if inter and inter / len(sets[x] | sets[y]) >= threshold:
                out.add((x, y))
    return out


# few words, so that paragraphs repeat words and 5-grams and come near each other
_PARA = st.lists(st.sampled_from("a b c d e f g".split()), min_size=5, max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARA, min_size=2, max_size=6), st.sampled_from([0.0, 0.3, 0.5, 0.7, 0.9, 1.0]))
def test_candidate_pairs_keep_every_similar_pair(paras, threshold):
    # a paragraph and edited copies of it: the pairs the bound must not lose
    base = paras[0]
    paras = paras + [base[:], base[1:] + ["z"], base[:len(base) // 2] + ["y"] + base[len(base) // 2:]]
    assert _jaccard_pairs(paras, threshold) <= set(candidate_pairs(paras, threshold))


def _plain_bound_pairs(paras: list[list[str]], threshold: float) -> list[tuple[int, int]]:
    """The word-set bound of `shingle_bound` tested on every pair, in text order."""
    sets = [set(w) for w in paras]
    out = []
    for x in range(len(paras)):
        for y in range(x + 1, len(paras)):
            common = len(sets[x] & sets[y])
            good = min(len(paras[x]) - 4 - len(sets[x]), len(paras[y]) - 4 - len(sets[y])) + common
            need = max(threshold * (len(sets[x]) - 4), threshold * (len(sets[y]) - 4)) * (1 - 1e-9)
            if good > 0 and good >= need:
                out.append((x, y))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([f"w{i}" for i in range(40)]), min_size=5, max_size=60), min_size=2,
                max_size=9), st.sampled_from([0.0, 0.3, 0.5, 0.7, 0.9, 1.0]))
def test_candidate_pairs_are_the_pairs_the_bound_passes(paras, threshold):
    # sorting by distinct words and stopping at the first partner needing too much drops no pair
    # the bound passes (a copy of a paragraph makes sure some pairs pass)
    paras = paras + [paras[0][:], paras[-1][1:] + ["w0"]]
    assert candidate_pairs(paras, threshold) == _plain_bound_pairs(paras, threshold)


def test_candidate_pairs_rule_out_unrelated_paragraphs():
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(400)]
    paras = [[rng.choice(vocab) for _ in range(60)] for _ in range(6)]
    paras.append(paras[2][:55] + ["new", "words", "at", "the", "end"])
    assert candidate_pairs(paras, 0.7) == [(2, 6)]


def test_repeated_words_do_not_fool_the_bound():
    # one word over and over: few distinct words, so the bound's "- 4" and the positions matter
    one = ["ha"] * 30
    assert candidate_pairs([one, ["ha"] * 25], 0.9) == [(0, 1)]
    assert duplicate_groups(" ".join(one) + "\n\n" + " ".join(["ha"] * 25), [(0, 89), (91, 165)], 20, 0.9) == [[0, 1]]


def _page(paras: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The paragraphs joined as blocks, and the span of each."""
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    return "\n\n".join(paras), spans


def _plain_groups(text, spans, min_words, threshold):
    sets = {}
    for i, (a, b) in enumerate(spans):
        w = _words(text, a, b)
        if len(w) >= min_words:
            sets[i] = {tuple(w[k:k + 5]) for k in range(len(w) - 4)}
    parent = {i: i for i in sets}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x
    keys = sorted(sets)
    for x in keys:
        for y in keys:
            if x < y:
                inter = len(sets[x] & sets[y])
                if inter and inter / len(sets[x] | sets[y]) >= threshold:
                    parent[find(y)] = find(x)
    groups = {}
    for i in keys:
        groups.setdefault(find(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from("a b c d e Café naïve, x-y".split()), max_size=30), min_size=1, max_size=8),
       st.sampled_from([0.0, 0.4, 0.7, 1.0]), st.integers(5, 12))
def test_duplicate_groups_equal_the_plain_algorithm(paras, threshold, min_words):
    paras = [" ".join(p) for p in paras]
    paras += [paras[0], paras[-1] + " one more"]
    text, spans = _page(paras)
    plain = _plain_groups(text, spans, min_words, threshold)
    assert duplicate_groups(text, spans, min_words, threshold) == plain
    assert duplicate_groups(text, spans, min_words, threshold, text.lower()) == plain


def test_paragraph_words_hold_for_every_character_that_lowercases_into_latin1():
    """Each such character in a paragraph of its own, so that the Latin-1 reading is the one used."""
    chars = [chr(c) for c in range(sys.maxunicode + 1)
             if not 0xD800 <= c <= 0xDFFF and len(chr(c).lower()) == 1 and chr(c).lower() <= "\xff"]
    paras = [f"a{c}b {c}" for c in chars]
    text = "\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 1
    assert paragraph_words(text, spans, text.lower()) == [_words(text, a, b) for a, b in spans]


def test_paragraph_words_on_a_page_beyond_latin1():
    # the Cyrillic paragraph is read by the regex; the others, question marks and all, from Latin-1
    paras = ["Café? Où? Ça va", "Привет мир, café", "plain words?", "ſ long s", "ΟΔΟΣ end"]
    text, spans = _page(paras)
    expected = [_words(text, a, b) for a, b in spans]
    assert expected[0] == ["café", "où", "ça", "va"]
    assert paragraph_words(text, spans, text.lower()) == expected


def test_long_page_with_few_long_paragraphs_equals_the_plain_algorithm():
    # more than MAX_SHARED paragraphs, at most MAX_SHARED of them long: every pair is compared
    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(15)]
    long = [" ".join(rng.choice(vocab) for _ in range(rng.randint(20, 40))) for _ in range(8)]
    long += [long[0], long[3].replace("w2", "zz", 1), long[5] + " and a tail"]
    paras = long + ["short line here"] * 50
    rng.shuffle(paras)
    text, spans = _page(paras)
    for threshold in (0.0, 0.5, 0.7, 1.0):
        plain = _plain_groups(text, spans, 20, threshold)
        assert duplicate_groups(text, spans, 20, threshold) == plain
        assert duplicate_groups(text, spans, 20, threshold, text.lower()) == plain
    assert _plain_groups(text, spans, 20, 0.7)  # the page has duplicates to find


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=40), min_size=1, max_size=6))
def test_paragraph_words_equal_words_of_each_paragraph(paras):
    text, spans = _page(paras)
    expected = [_words(text, a, b) for a, b in spans]
    assert paragraph_words(text, spans, text.lower()) == expected
    assert paragraph_words(text, spans) == expected


def test_paragraph_words_hold_for_every_character_that_lowercases_to_one():
    """Per character: the fast reading (lower-case first) and `_words` (words first) agree."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and len(chr(c).lower()) == 1]
    for i in range(0, len(chars), 4096):
        chunk = "".join(f"a{c}b " for c in chars[i:i + 4096])
        spans = [(0, len(chunk))]
        assert paragraph_words(chunk, spans, chunk.lower()) == [_words(chunk, 0, len(chunk))]


def test_duplicate_groups_with_lower_text_and_sorted_pairs_equal_the_plain_walk():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(10)] + ["Café", "naïve"]
    paras = [" ".join(rng.choice(vocab) for _ in range(rng.randint(15, 45))) for _ in range(8)]
    paras += [paras[0].replace("w1 ", "zz ", 1), paras[2] + " a few more words", paras[3][:60]]
    text, spans = _page(paras)
    for threshold in (0.0, 0.5, 0.7, 0.9, 1.0):
        plain = _plain_groups(text, spans, 12, threshold)
        assert duplicate_groups(text, spans, 12, threshold) == plain
        assert duplicate_groups(text, spans, 12, threshold, text.lower()) == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARA, min_size=2, max_size=8), st.sampled_from([0.3, 0.5, 0.65, 0.8, 1.0]))
def test_reworded_pairs_are_the_pairs_of_near_equal_length_and_similar_words(paras, threshold):
    from exolint.kinds.shingles import LENGTH_RATIO, reworded_pairs

    want = set()
    for x in range(len(paras)):
        for y in range(x + 1, len(paras)):
            a, b = set(paras[x]), set(paras[y])
            short, long_ = sorted((len(paras[x]), len(paras[y])))
            if short >= LENGTH_RATIO * long_ and len(a & b) >= threshold * len(a | b):
                want.add((x, y))
    assert set(reworded_pairs(paras, threshold)) == want


def test_a_respun_paragraph_is_a_duplicate_by_its_words():
    first = ("Founded in 2015 by two nurses, Willow Clinic wanted a calmer kind of practice. Every peel is done "
             "by a registered nurse, and every client gets a skin check first.")
    respun = ("Founded in 2015 by two nurses, Willow Clinic wanted a quieter kind of practice. Each peel is "
              "performed by a registered nurse, and every client has a skin check first.")
    other = ("A registered nurse will call you a week after your peel to check how your skin has settled and to "
             "answer any questions that you have about aftercare.")
    text = "\n\n".join([first, other, respun])
    paras = [(0, len(first)), (len(first) + 2, len(first) + 2 + len(other)), (len(text) - len(respun), len(text))]
    assert duplicate_groups(text, paras, 20, 0.6) == []                      # the shingles alone miss it
    assert duplicate_groups(text, paras, 20, 0.6, word_threshold=0.65) == [[0, 2]]
