r"""Where a rule's regular expression can start matching, found with one literal scan per document.

The `regex` module tries every alternative of a rule's alternation at every position of a page
(about 20 ns a character for each `\b(?:word|word|...)`), which made the pattern-like kinds the
slowest part of a run although they rarely match. Almost every alternative starts with literal
words, so this module reads from the pattern the literal prefixes that every match must start
with (`literal_prefixes`); `candidates.Candidates` finds where those prefixes occur, once per
document for all rules; and `scan.finditer` then tries the
pattern only at those positions, with the same leftmost-first, non-overlapping walk `finditer`
does, so the matches are exactly the same. A pattern whose start cannot be read (a character
class or `\w` first, verbose mode) is scanned in full as before.
"""
from __future__ import annotations

import re

_ZERO_WIDTH_ESCAPES = frozenset("bBAZmM")  # \b \B \A \Z, and regex's \m \M (word start/end)
#: lookbehinds that, like \b before a letter, forbid a word character before the match
_NOT_AFTER_WORD = frozenset([r"(?<![\p{L}\p{N}_])", r"(?<!\w)"])
#: classes of whitespace only (`scan.phrase_to_regex` joins words with the first)
_WHITESPACE_CLASSES = frozenset([r"[^\S\n]", r"[\s]", r"[ \t]"])
#: codes, back references and \G (which anchors at the previous match, unlike a match() call)
_UNFOLLOWED_ESCAPES = frozenset("xuUgkNG0123456789")


class _Unreadable(Exception):
    """The pattern uses syntax this reader does not follow; the caller scans in full."""


def literal_prefixes(pattern: str) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern` starts with, or None.

    None means "could start anywhere" (or the pattern was not understood), so it must be scanned
    in full. A returned set is conservative: prefixes stop at the first character that is not a
    plain ASCII letter or digit or that may repeat, and any construct not understood gives None.
    """
    result = _read(pattern, _prefixes_alt)
    if not result or "" in result:
        return None
    return frozenset(result)


def _read(pattern: str, analyse) -> set[str] | None:
    """`analyse` applied to the parsed pattern; None when the pattern is not understood."""
    if re.search(r"\(\?[a-zA-Z]*x", pattern):
        return None  # verbose mode: spaces are not literal
    try:
        branches, pos = _parse_alt(pattern, 0)
        if pos != len(pattern):
            return None
        return analyse(branches)
    except (_Unreadable, IndexError, ValueError):
        return None


# -- a small parser: a pattern is a list of branches, a branch a list of (atom, min, single) -----
# atoms: ("lit", char) | ("any",) | ("zero",) | ("group", branches); single: no quantifier

def _parse_alt(p: str, i: int) -> tuple[list, int]:
    branches: list = []
    seq: list = []
    while i < len(p) and p[i] != ")":
        if p[i] == "|":
            branches.append(seq)
            seq = []
            i += 1
            continue
        atom, i = _parse_atom(p, i)
        lo, single, i = _parse_quantifier(p, i)
        seq.append((atom, lo, single))
    branches.append(seq)
    return branches, i


def _parse_quantifier(p: str, i: int) -> tuple[int, bool, int]:
    if i < len(p) and p[i] in "?*+":
        lo = 0 if p[i] in "?*" else 1
        i += 1
    elif i < len(p) and p[i] == "{":
        m = re.match(r"\{(\d*)(,\d*)?\}", p[i:])
        if not m:
            raise _Unreadable  # a literal "{" is legal, but not worth following
        lo = int(m.group(1) or 0)
        i += m.end()
    else:
        return 1, True, i
    if i < len(p) and p[i] in "?+":  # lazy or possessive
        i += 1
    return lo, False, i


def _skip_class(p: str, i: int) -> int:
    """Index after the character class that starts at p[i] == "[" (version 0: no nested sets)."""
    i += 1
    if p[i] == "^":
        i += 1
    if p[i] == "]":
        i += 1  # a leading "]" is literal
    while True:
        c = p[i]
        if c == "\\":
            i += 2
        elif c == "[" and p[i + 1] == ":":
            i = p.index(":]", i + 2) + 2
        elif c == "]":
            return i + 1
        else:
            i += 1


def _parse_atom(p: str, i: int) -> tuple[tuple, int]:
    c = p[i]
    if c == "(":
        if not p.startswith("(?", i):
            branches, j = _parse_alt(p, i + 1)
            return ("group", branches), _close(p, j)
        rest = p[i + 2:i + 4]
        if rest[:1] in ("=", "!") or rest in ("<=", "<!"):
            _, j = _parse_alt(p, i + (3 if rest[:1] in "=!" else 4))
            j = _close(p, j)
            return ("zero", "wb" if p[i:j] in _NOT_AFTER_WORD else ""), j
        if rest[:1] == ">":
            # an atomic group matches some of what the plain group matches: what every match of the
            # plain group starts with or holds, every match of the atomic one does too
            branches, j = _parse_alt(p, i + 3)
            return ("group", branches), _close(p, j)
        named = re.match(r"P?<[A-Za-z_]\w*>", p[i + 2:])
        if named:  # a named group is a capturing group
            branches, j = _parse_alt(p, i + 2 + named.end())
            return ("group", branches), _close(p, j)
        backref = re.match(r"P=[A-Za-z_]\w*\)", p[i + 2:])
        if backref:  # what a named group matched: any text, or none
            return ("group", [[], [(("any", ""), 1, True)]]), i + 2 + backref.end()
        m = re.match(r"[imsuaLw]*(?:-[imsuaLw]*)?([:)])", p[i + 2:])
        if not m:
            raise _Unreadable  # conditionals, reverse or fuzzy flags...
        if m.group(1) == ")":
            return ("zero", ""), i + 2 + m.end()  # inline flags such as (?i)
        branches, j = _parse_alt(p, i + 2 + m.end())
        return ("group", branches), _close(p, j)
    if c == "[":
        j = _skip_class(p, i)
        return ("any", "ws" if p[i:j] in _WHITESPACE_CLASSES else ""), j
    if c == "\\":
        e = p[i + 1]
        if e in _ZERO_WIDTH_ESCAPES:
            return ("zero", "wb" if e in "bm" else ""), i + 2
        if e in "pP" and p[i + 2] == "{":
            return ("any", ""), p.index("}", i) + 1
        if e in _UNFOLLOWED_ESCAPES:
            raise _Unreadable
        if e.isalnum():
            return ("any", "ws" if e == "s" else ""), i + 2  # \s \w \d \n ...
        return ("lit", e), i + 2
    if c in "^$":
        return ("zero", ""), i + 1
    if c == ".":
        return ("any", ""), i + 1
    if c in "?*+{":
        raise _Unreadable
    return ("lit", c), i + 1


def _close(p: str, j: int) -> int:
    if p[j:j + 1] != ")":
        raise _Unreadable
    return j + 1


# -- prefixes --------------------------------------------------------------------------------

def _prefixes_alt(branches: list) -> set[str] | None:
    out: set[str] = set()
    for seq in branches:
        got = _prefixes_seq(seq, 0)
        if got is None:
            return None
        out |= got
    return out


#: ASCII punctuation that may start a match as a one-character prefix (not "_", a word character)
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~")


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _prefixes_seq(seq: list, k: int) -> set[str] | None:
    """Prefixes of the matches of seq[k:]; "" in the result: seq[k:] may match the empty string.

    A prefix written with a trailing space must be followed by whitespace (`I\\s+am`: "i" only as
    a word). A prefix written with a leading space must also start a word: a `\b` (or the lookbehind of
    `scan.bounded`) stands before it, and every prefix starts with a letter or digit.
    """
    word_start = False
    while k < len(seq) and seq[k][0][0] == "zero":
        word_start = word_start or seq[k][0][1] == "wb"
        k += 1
    if word_start:
        got = _prefixes_seq(seq, k)
        if got is not None and any(w[:1] in _PUNCTUATION for w in got):
            return None  # a word boundary before punctuation asks for a word character before it
        return None if got is None else {w if w[:1] in ("", " ") else " " + w for w in got}
    if k == len(seq):
        return {""}
    atom, lo, single = seq[k]
    if atom[0] == "any":
        return None
    if atom[0] == "lit":
        if atom[1] in _PUNCTUATION:
            # a separator such as "|" is a one-character prefix of its own ("| best facial Leeds")
            if lo == 0:
                rest = _prefixes_seq(seq, k + 1)
                return None if rest is None else {atom[1]} | rest
            return {atom[1]}
        if not _alnum(atom[1]):
            return None
        if lo == 0:
            rest = _prefixes_seq(seq, k + 1)
            return None if rest is None else {atom[1].lower()} | rest
        run, j, whole = atom[1].lower(), k + 1, single
        while whole and j < len(seq) and seq[j][0][0] == "lit" and _alnum(seq[j][0][1]):
            if not seq[j][2]:
                whole = False  # "ab+": the run is "a", and a "b" may follow it
                break
            run += seq[j][0][1].lower()
            j += 1
        if whole and j < len(seq) and seq[j][0] == ("any", "ws") and seq[j][1] >= 1:
            run += " "  # whitespace must follow: no ASCII letter, digit or "_"
        return {run}
    inner = _prefixes_alt(atom[1])  # a group
    if inner is None:
        return None
    if lo == 0 or "" in inner:
        rest = _prefixes_seq(seq, k + 1)
        if rest is None:
            return None
        inner = (inner - {""}) | rest
    return inner


# -- required words ----------------------------------------------------------------------------

def required_words(pattern: str, min_len: int = 3) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern` contains, or None.

    Where `literal_prefixes` says where a match can start, this says what it must hold somewhere:
    `\\b(?:as|we\\s+are)\\s+(?:an?\\s+)?experts?` starts with "as" or "we" (everywhere on a page)
    but must contain "expert" (rare), so only the blocks that hold "expert" need to be tried. Of
    the sets a pattern offers, the one whose shortest word is longest is chosen; None when none
    has words of at least `min_len` characters or the pattern was not understood. Lookarounds are
    not part of a match and are never read.
    """
    got = _read(pattern, _required_alt)
    if not got or min(map(len, got)) < min_len or not got.isdisjoint(_COMMON):
        return None
    # "authority" adds nothing where "authorit" is already looked for
    return frozenset(w for w in got if not any(o != w and o in w for o in got))


#: words too common in English prose to tell pages apart: a set holding one is dropped from
#: `required_terms` (every page would pass it, and the word index would list each occurrence)
_COMMON = frozenset("the and are you your for with that this from have not can will our was were has its"
                    " but all any out more most also some such than them they their there these".split())


def required_terms(pattern: str, min_len: int = 3) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """Per top-level alternative of `pattern`, the sets of words every match of it contains one of.

    `required_words` gives one set for the whole pattern, which has to be the weakest of its
    alternatives: for "(?:as|we are) experts? in|no (?:risk|danger) of side effects" it is
    {"expert", "risk", "danger"}, and most pages hold "risk". Here the first alternative needs
    {"expert"} and the second {"risk", "danger"} and {"side"} and {"effects"}: a page can match
    only if, for some alternative, it holds a word of each of that alternative's sets, which rules
    out far more pages for the price of a few set look-ups. Sets with a word shorter than
    `min_len` or in `_COMMON` are left out (they rule out nothing); None when some alternative
    keeps no set or the pattern was not understood.
    """
    got = _read(pattern, lambda branches: _terms_alt(branches, min_len))
    if not got or not all(got):
        return None
    # each set's words join the word index, whose every occurrence costs: an alternative keeps its
    # _TERM_SETS likeliest-to-be-absent sets (longest shortest word, then fewest words)
    return tuple(dict.fromkeys(
        tuple(dict.fromkeys(sorted((frozenset(c) for c in term), key=lambda c: (-min(map(len, c)), len(c)))))[
            :_TERM_SETS]
        for term in got))


_TERM_SETS = 3


def _useful(clause: set[str], min_len: int) -> bool:
    return bool(clause) and min(map(len, clause)) >= min_len and clause.isdisjoint(_COMMON)


def _terms_alt(branches: list, min_len: int) -> list[list[set[str]]]:
    """One list of sets per alternative; an alternative that is only a required group (between
    zero-width items such as `\\b`) stands for that group's own alternatives."""
    out: list[list[set[str]]] = []
    for seq in branches:
        core = [item for item in seq if item[0][0] != "zero"]
        if len(core) == 1 and core[0][0][0] == "group" and core[0][1] >= 1:
            out += _terms_alt(core[0][0][1], min_len)
        else:
            out.append([c for c in _clauses_seq(seq, min_len) if _useful(c, min_len)])
    return out


def _clauses_seq(seq: list, min_len: int) -> list[set[str]]:
    """Sets one of whose words every match of the sequence contains: each literal run, the sets of
    a required group with one alternative, and for a required group with several the union of
    one useful set from each (none when one alternative has none)."""
    clauses: list[set[str]] = []
    run = ""
    for atom, lo, single in seq:
        if atom[0] == "lit" and _alnum(atom[1]) and lo >= 1:
            run += atom[1].lower()
            if not single:
                clauses.append({run})
                run = ""
            continue
        if run:
            clauses.append({run})
            run = ""
        if atom[0] == "group" and lo >= 1:
            if len(atom[1]) == 1:
                clauses += _clauses_seq(atom[1][0], min_len)
                continue
            union: set[str] = set()
            for branch in atom[1]:
                useful = [c for c in _clauses_seq(branch, min_len) if _useful(c, min_len)]
                if not useful:
                    break
                # the set most likely to be absent: longest shortest word, then fewest words
                union |= max(useful, key=lambda c: (min(map(len, c)), -len(c)))
            else:
                clauses.append(union)
    if run:
        clauses.append({run})
    return clauses


def _required_alt(branches: list) -> set[str] | None:
    out: set[str] = set()
    for seq in branches:
        got = _required_seq(seq)
        if got is None:
            return None
        out |= got
    return out


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if a is None or not a:
        return b
    if b is None or not b:
        return a
    # a set holding a common word ("the") tells no page apart: any other is better
    plain_a, plain_b = a.isdisjoint(_COMMON), b.isdisjoint(_COMMON)
    if plain_a != plain_b:
        return a if plain_a else b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _required_seq(seq: list) -> set[str] | None:
    """Words one of which every match of the sequence contains: the best of its literal runs and
    of its required groups. A run stops at anything but a single ASCII letter or digit."""
    best: set[str] | None = None
    run = ""
    for atom, lo, single in seq:
        if atom[0] == "lit" and _alnum(atom[1]) and lo >= 1:
            run += atom[1].lower()
            if single:
                continue
            best, run = _better(best, {run}), ""  # "ab+": "ab" is there, what follows may differ
            continue
        if run:
            best, run = _better(best, {run}), ""
        if atom[0] == "group" and lo >= 1:
            best = _better(best, _required_alt(atom[1]))
    if run:
        best = _better(best, {run})
    return best
