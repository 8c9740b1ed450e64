"""Ranges of a page's prose that many spans are tested against.

Findings are dropped when they fall inside a reported quotation, and claims are skipped inside a
reference entry. A large page has thousands of each; testing every span against every range cost
their product (minutes on a 50 MB page), so the ranges are sorted once and each test is a
bisection.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class Cover:
    """Whether a span lies inside one of a set of ranges (which may overlap or nest)."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [a for a, _ in ordered]
        # _reach[i]: the furthest end of the ranges up to i, so one look answers for all of them
        self._reach: list[int] = []
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self._reach.append(furthest)

    def holds(self, start: int, end: int) -> bool:
        """Some range starts at or before `start` and ends at or after `end`."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end

    def __bool__(self) -> bool:
        return bool(self._starts)


__all__ = ["Cover"]
