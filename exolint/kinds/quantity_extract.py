"""Finding numbers with units in prose: single values and ranges in the forms pages use.

Why a small grammar instead of one regex per rule: every quantity rule needs the same reading of
"30-150 nm", "30 – 150 nm", "between 30 and 150 nm", "<200 nm", "up to 0.15 µm" or "10,000-200,000
nm", and the same traps avoided: "nM" (nanomolar) is not "nm", a count ("200 billion"), a year
("2019") or "20% off" has no unit of the rule's dimension. Values are normalised per dimension
(lengths to nm, durations to days) so rules compare like with like.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

#: unit name -> (dimension, factor to the dimension's base unit, regex, case-sensitive)
UNITS: dict[str, tuple[str, float, str, bool]] = {
    "nm": ("length", 1.0, r"nm|nanomet(?:er|re)s?", True),
    "µm": ("length", 1e3, r"[µμ]m|um|microns?|micromet(?:er|re)s?", True),
    "mm": ("length", 1e6, r"mm|millimet(?:er|re)s?", True),
    "days": ("duration", 1.0, r"days?", False),
    "weeks": ("duration", 7.0, r"weeks?|wks?", False),
    "months": ("duration", 30.0, r"months?", False),
    "sessions": ("sessions", 1.0, r"sessions?", False),
    "treatments": ("sessions", 1.0, r"treatments?", False),
    "%": ("percent", 1.0, r"%|percent|per\s+cent", False),
}
#: literal lower-case words one of which occurs wherever the unit does (the prefilter's triggers)
UNIT_TRIGGERS = {"nm": ("nm", "nanomet"), "µm": ("µm", "μm", "um", "micron", "micromet"), "mm": ("mm", "millimet"),
                 "days": ("day",), "weeks": ("week", "wk"), "months": ("month",), "sessions": ("session",),
                 "treatments": ("treatment",),
                 "%": ("%", "percent", "per cent")}
BASE_UNIT = {"length": "nm", "duration": "days", "sessions": "sessions", "percent": "%"}
DIMENSIONS = tuple(BASE_UNIT)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_DASH = r"\s*[-‐‑‒–—]\s*|\s+to\s+|\s*\.\.\s*"
BELOW = r"<=?|≤|⩽|under|below|up\s+to|less\s+than|smaller\s+than|no\s+more\s+than|at\s+most|max(?:imum)?\.?"
#: the forms of BELOW that bound without reaching (see `Quantity.strict`)
STRICT = regex.compile(r"(?:<(?!=)|(?i:under|below|less\s+than|smaller\s+than))\s*")
ABOVE = r">=?|≥|⩾|over|above|more\s+than|greater\s+than|larger\s+than|at\s+least|min(?:imum)?\.?"


def _unit_alternation(names: list[str]) -> str:
    """Named groups per unit so a match says which unit it was; abbreviations keep their case."""
    parts = []
    for name in names:
        _, _, body, cased = UNITS[name]
        group = "u" + str(list(UNITS).index(name))
        parts.append(f"(?P<{group}>{body if cased else '(?i:' + body + ')'})")
    return "(?:" + "|".join(parts) + r")(?![\p{L}\p{N}])"


@dataclass(frozen=True)
class Extractor:
    """The compiled grammar of one rule: the quantity pattern, the unit pattern it ends with, and
    `anchor` (a digit followed by a unit), which every quantity contains at its last number."""

    pattern: regex.Pattern
    unit: regex.Pattern
    anchor: regex.Pattern
    key: tuple[str, ...] = ()  # the unit names, for sharing one extraction between rules (Document.memo)
    #: `anchor` with an ASCII digit, for text whose digits are all ASCII (see `_anchors`)
    ascii_anchor: regex.Pattern | None = None


def compile_extractor(unit_names: list[str]) -> Extractor:
    """One pattern for every quantity form, built once per rule from the units it cares about."""
    u = "(?:" + "|".join(UNITS[n][2] if UNITS[n][3] else "(?i:" + UNITS[n][2] + ")" for n in unit_names) + ")"
    u = u + r"(?![\p{L}\p{N}])"
    lead = r"(?<![\p{L}\p{N}.,\-‐‑–—/])"
    body = (
        rf"(?:(?i:between)\s+{lead}(?P<blo>{_NUM})(?:\s*{u})?\s+(?i:and)\s+(?P<bhi>{_NUM})\s*{u})"
        rf"|(?:(?i:{BELOW})\s*(?P<bval>{_NUM})\s*{u})"
        rf"|(?:(?i:{ABOVE})\s*(?P<aval>{_NUM})\s*{u})"
        rf"|(?:{lead}(?P<lo>{_NUM})(?:\s*{u})?(?i:{_DASH})(?P<hi>{_NUM})\s*{u})"
        rf"|(?:{lead}(?P<one>{_NUM})(?:\s*-\s*|\s*){u})"
    )
    anchor = r"(?:\s*-\s*|\s*)" + u
    return Extractor(regex.compile(body, regex.V0),
                     regex.compile(r"\s*-?\s*" + _unit_alternation(unit_names), regex.V0),
                     regex.compile(r"\d" + anchor, regex.V0), tuple(unit_names),
                     regex.compile("[0-9]" + anchor, regex.V0))


@dataclass(frozen=True)
class Quantity:
    """A value or a range as written (start/end in prose) and normalised to its dimension's base unit."""

    start: int
    end: int
    text: str
    lo: float | None
    hi: float | None
    unit: str  # the unit as named in UNITS
    dimension: str
    digits: str | None = None  # the bare integer as written, for lost-dash checks (single values only)
    #: an upper bound that does not say the sizes reach it ("<1 µm", "under", "less than", "smaller
    #: than"), unlike "up to" or "at most": "less than 1 µm" is loose for exosomes, not wrong
    strict: bool = False

    @property
    def top(self) -> float:
        """The upper end used to compare ranges (a single value is its own upper end)."""
        return self.hi if self.hi is not None else (self.lo or 0.0)

    def normalised(self) -> str:
        """Lengths in nm (so "0.03-0.15 µm" reads "30–150 nm"); other dimensions in the unit written."""
        unit = BASE_UNIT[self.dimension] if self.dimension == "length" else self.unit
        f = UNITS[unit][1]
        lo = self.lo / f if self.lo is not None else None
        hi = self.hi / f if self.hi is not None else None
        return format_range(lo, hi, unit, single=self.lo == self.hi)


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def fmt_number(x: float) -> str:
    if abs(x - round(x)) < 1e-9:
        return f"{int(round(x)):,}"
    return f"{x:,.3f}".rstrip("0").rstrip(".")


def format_range(lo: float | None, hi: float | None, unit: str, single: bool = False) -> str:
    sep = "" if unit == "%" else " "
    # (a quantity has at least one end, which the type checker cannot tell)
    if single or lo == hi:
        return f"{fmt_number(lo if lo is not None else hi)}{sep}{unit}"  # type: ignore[arg-type]
    if lo is None:
        return f"up to {fmt_number(hi)}{sep}{unit}"  # type: ignore[arg-type]
    if hi is None:
        return f"over {fmt_number(lo)}{sep}{unit}"
    return f"{fmt_number(lo)}–{fmt_number(hi)}{sep}{unit}"


# -- finding the matches fast -------------------------------------------------------------------
# Trying the whole grammar at every position of a page is what made extraction slow. Every quantity
# ends with a digit and a unit (`Extractor.anchor`), and everything between its start and that digit
# is digits, spaces, punctuation of numbers and ranges, and whole words of the grammar (a keyword
# may start inside the first word: the grammar has no word boundary before "under"). So the grammar
# is tried only at the positions of that stretch before each anchor, left to right, skipping what a
# match has consumed: the same matches, in the same order, as `pattern.finditer`.
_BACK_CHARS = regex.compile(r"[\d\s,.\-‐‑‒–—<=>≤⩽≥⩾%]*", regex.V0 | regex.REVERSE)
_BACK_WORD = regex.compile(r"\p{L}+", regex.V0 | regex.REVERSE)
_INNER_WORD = regex.compile(
    r"(?i:between|and|to|under|below|up|less|smaller|than|no|more|at|most|max|maximum|over|above|greater|larger|"
    r"least|min|minimum|per|cent|" + "|".join(body for _, _, body, _ in UNITS.values()) + ")", regex.V0)
#: characters a match can start with (digits and "." of numbers, comparison signs, keyword initials)
_START = regex.compile(r"[\d.<>≤⩽≥⩾]|(?i:[bulsnamog])", regex.V0)


def _stretch_start(text: str, lo: int, at: int) -> int:
    """The leftmost position >= lo from which text[pos:at] can be the start of a quantity."""
    i = at
    while i > lo:
        i = _BACK_CHARS.match(text, lo, i).start()  # type: ignore[union-attr]  # `*`: always matches
        if i <= lo:
            break
        w = _BACK_WORD.match(text, lo, i)
        if w is None:
            break  # a character no quantity contains
        if not _INNER_WORD.fullmatch(text, w.start(), i):
            return w.start()  # a keyword may still start inside this word ("thunder" -> "under")
        i = w.start()
    return i


_NON_ASCII = regex.compile(r"[^\x00-\x7f]+", regex.V0)
_DIGIT = regex.compile(r"\d", regex.V0)
_PIECE = 1 << 16


def ascii_digits_only(text: str, start: int, end: int) -> bool:
    """Whether every `\\d` in text[start:end] is 0-9 (False also when there is too much non-ASCII
    text to tell cheaply: more runs of it than one in 32 characters, where reading them costs more
    than the `[0-9]` anchor saves). The non-ASCII runs are read a piece at a time, so a long page
    costs no more memory than a piece."""
    for a in range(start, end, _PIECE):
        b = min(end, a + _PIECE)
        runs = _NON_ASCII.findall(text, a, b)
        if len(runs) > 64 + ((b - a) >> 5) or runs and _DIGIT.search("".join(runs)):
            return False
    return True


def _anchors(ex: Extractor, text: str, start: int, end: int, timeout: float | None,
             ascii_digits: bool | None = None) -> Iterator[int]:
    """Where `ex.anchor` matches in text[start:end], left to right; `ascii_digits` is
    `ascii_digits_only(text, start, end)` if the caller knows it.

    `regex` skips ahead to a character of a small ASCII set fast but tests a Unicode class such as
    `\\d` at every character, so the anchor with `[0-9]` for `\\d` scans a page in half the time; it
    finds the same anchors where the text has no other digits, which is nearly always.
    """
    if ascii_digits is None:
        ascii_digits = ascii_digits_only(text, start, end)
    pattern = ex.anchor
    if ex.ascii_anchor is not None and ascii_digits:
        pattern = ex.ascii_anchor
    for m in pattern.finditer(text, start, end, timeout=timeout):
        yield m.start()


def _finditer(ex: Extractor, text: str, start: int, end: int, timeout: float | None,
              ascii_digits: bool | None = None) -> Iterator[regex.Match]:
    """`ex.pattern.finditer(text, start, end)`, trying the grammar only where a match can start."""
    last = start  # positions before this are inside a match already found
    tried = start  # positions before this were tried already
    match, starts = ex.pattern.match, _START.finditer
    for at in _anchors(ex, text, start, end, timeout, ascii_digits):
        if at < last:
            continue
        for s in starts(text, _stretch_start(text, max(tried, last), at), at + 1):
            p = s.start()
            if p < last:
                continue
            m = match(text, p, end, timeout=timeout)
            if m is not None:
                last = m.end()
                yield m
        tried = at + 1


_UNIT_NAMES = list(UNITS)


def unit_after(ex: Extractor, text: str, pos: int, end: int) -> str | None:
    m = ex.unit.match(text, pos, end)
    return unit_name(m) if m else None


def unit_name(m: regex.Match) -> str:
    """The unit (a name in UNITS) that a match of `Extractor.unit` read."""
    # the one unit group that took part (group "u<index>"): there always is one
    return _UNIT_NAMES[int(m.lastgroup[1:])]  # type: ignore[index]


def extract(ex: Extractor, text: str, start: int, end: int, timeout: float | None,
            ascii_digits: bool | None = None) -> list[Quantity]:
    """Quantities in text[start:end], in order of appearance (`ascii_digits`: see `_anchors`)."""
    out: list[Quantity] = []
    for m in _finditer(ex, text, start, end, timeout, ascii_digits):
        g = m.groupdict()
        digits = None
        strict = False
        if g["blo"] is not None:
            lo, hi, lo_end, hi_end = _num(g["blo"]), _num(g["bhi"]), m.end("blo"), m.end("bhi")
        elif g["bval"] is not None:
            lo, hi, lo_end, hi_end = None, _num(g["bval"]), None, m.end("bval")
            strict = STRICT.match(text, m.start(), m.start("bval")) is not None
        elif g["aval"] is not None:
            lo, hi, lo_end, hi_end = _num(g["aval"]), None, None, m.end("aval")
        elif g["lo"] is not None:
            lo, hi, lo_end, hi_end = _num(g["lo"]), _num(g["hi"]), m.end("lo"), m.end("hi")
        else:
            lo = hi = _num(g["one"])
            lo_end, hi_end = None, m.end("one")
            if g["one"].isdigit():
                digits = g["one"]
        unit = unit_after(ex, text, hi_end, m.end())
        if unit is None:
            continue
        dim, factor = UNITS[unit][0], UNITS[unit][1]
        lo_unit = unit_after(ex, text, lo_end, m.end()) if lo_end is not None and lo != hi else None
        lo_factor = UNITS[lo_unit][1] if lo_unit and UNITS[lo_unit][0] == dim else factor
        lo = lo * lo_factor if lo is not None else None
        hi = hi * factor if hi is not None else None
        out.append(Quantity(m.start(), m.end(), text[m.start():m.end()], lo, hi, unit, dim, digits, strict))
    return out


def lost_dash_splits(digits: str, factor: float, ok) -> list[tuple[str, str]]:
    """Ways to cut a bare integer into `lo|hi` that read as a plausible range (lo < hi, both `ok`).

    "20100" -> [("20", "100")]: the dash of "20-100" was lost. Parts with a leading zero are not
    numbers anyone writes, so "300" never splits into 3|00; and a range whose ends differ more than
    ten-fold is not what a lost dash usually hides ("120 sessions" is not "1-20 sessions").
    """
    out = []
    for i in range(1, len(digits)):
        a, b = digits[:i], digits[i:]
        if (len(a) > 1 and a[0] == "0") or b[0] == "0":
            continue
        lo, hi = int(a) * factor, int(b) * factor
        if lo < hi <= 10 * lo and ok(lo) and ok(hi):
            out.append((a, b))
    return out
