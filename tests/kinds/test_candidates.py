"""The shared lower-cased text (one copy per document, equal to `str.lower` even when made in blocks),
and where rules' literal prefixes start in it."""
from __future__ import annotations

import random

import pytest
from exolint.plugins.text import parse

from exolint import document
from exolint.kinds import candidates, claim_scan, density_scan
from exolint.kinds.candidates import Candidates, _covers, _plan, lower_text, usable_lower


def test_block_lowering_equals_str_lower(monkeypatch):
    monkeypatch.setattr(document, "_LOWER_CHUNK", 16)  # many blocks, cut inside Greek words' lines
    text = "\n".join(["ΟΔΟΣ ΚΑΙ ΣΑΣ Σ", "Ünïcode İstanbul ſ ẞ", "ΤΕΛΟΣ.", "plain ASCII line"] * 5) + "\nΣ"
    doc = parse(text, "t.txt", {})
    assert doc.lower_text == doc.match_text.lower()


def test_one_lowered_copy_per_document():
    doc = parse("Clinics say the FDA APPROVED it.\n\nΣΑΣ again.", "t.txt", {})
    low = lower_text(doc)
    assert low == doc.match_text.lower()
    assert lower_text(doc) is low


# -- where rules' prefixes start ---------------------------------------------------------------

_WORD = set("abcdefghijklmnopqrstuvwxyz0123456789_")


def _brute_starts(low: str, word: str) -> list[int]:
    """Every offset where `word`'s core occurs with its condition spaces holding, by definition."""
    core = word.strip(" ")
    out = []
    for p in range(len(low) - len(core) + 1):
        if not low.startswith(core, p):
            continue
        if word[0] == " " and p and low[p - 1] in _WORD:
            continue
        if word[-1] == " " and low[p + len(core):p + len(core) + 1] in _WORD:
            continue
        out.append(p)
    return out


def test_covered_words_are_left_out_of_a_plan():
    plan = _plan(frozenset([" no", " no ", " now", "exosom", " exosome", " do ", " don"]))
    kept = set(plan.short) | {w for ws in plan.by_core.values() for w in ws}
    assert kept == {" no", "exosom", " do ", " don"}
    assert plan.disjoint  # " do " ends a word where " don" goes on
    assert _covers(" no", " no ") and not _covers(" no ", " no")
    assert not _covers(" ex", "ex")  # "ex" also occurs inside words, " ex" only at their start
    assert not _plan(frozenset([" ex", "exo"])).disjoint  # both at the start of "exosome"


@pytest.mark.parametrize("small", [1 << 16, 0])  # lists, and the packed arrays of a long page
def test_starts_are_exactly_where_some_word_occurs(monkeypatch, small):
    monkeypatch.setattr(candidates, "SMALL", small)
    rng = random.Random(small + 3)
    sets = [frozenset([" no", " no ", " now", "nox"]), frozenset([" ex", "exo", " exosome ", "so"]),
            frozenset(["on ", " on", "no_"]), frozenset([" a", "ab", " abba"])]
    for _ in range(30):
        text = "".join(rng.choice(["no", "now ", "on", "ex", "exosome", "abba", "a", "b", " ", "_", "é", "-", "\n\n"])
                       for _ in range(rng.randrange(1, 80)))
        doc = parse(text, "t.txt", {})
        low = usable_lower(doc)
        assert low is not None
        for words in sets:
            want = sorted({p for w in words for p in _brute_starts(low, w)})
            assert list(Candidates.starts(doc, words)) == want, (text, words)


def test_a_page_with_a_case_odd_letter_is_scanned_in_full():
    assert usable_lower(parse("Ünïcode ’quotes’ and Σ", "t.txt", {})) is not None
    for odd in candidates.CASE_ODD:
        doc = parse(f"Plain words and {odd} here", "t.txt", {})
        assert usable_lower(doc) is None
        assert Candidates.starts(doc, frozenset([" plain"])) is None
        # the claim and density kinds read the same answer
        assert claim_scan.lowered(doc) is None and density_scan.whitespace_candidates(frozenset(["here"]), doc) is None


def test_a_rules_first_question_sees_its_own_new_words():
    doc = parse("A page that mentions zyxwordalpha once.", "t.txt", {})
    assert Candidates.holds_any(doc, frozenset(["qqnotthere"])) is False  # the index is made
    assert Candidates.holds_any(doc, frozenset(["zyxwordalpha"])) is True  # a new word, first asked
    assert list(Candidates.starts(doc, frozenset([" zyxwordbeta", " mentions "]))) == [12]
