"""A time limit on one rule's run over one document, kept by the operating system's timer.

The `regex` module can stop a runaway pattern by itself (`timeout=` on every call), but that
costs about 1.6 microseconds a call, and the rule kinds make hundreds of thousands of calls on a
content repository: a fifth of all rule time went to keeping the clock. Where a POSIX interval
timer is available, in the main thread, and nothing else in the process uses SIGALRM, the engine
instead arms one interval timer per document; a tick that finds one rule still running past its
limit raises `RuleTimeout`, which the `regex` module lets through as soon as it next checks for
signals (it does so inside long matches). The engine then runs the rules' regexes without
per-call timeouts (`unguarded_copy`). Anywhere else (threads, Windows, a host application with
its own alarm) the rules keep their per-call timeouts.

The limit is the run's regex timeout for every 64 KiB of prose, so a legitimately long run over
a very large page is not mistaken for a runaway pattern.
"""
from __future__ import annotations

import copy
import signal
import threading
from types import FrameType
from typing import TypeVar

#: prose characters that one regex-timeout's worth of time covers
PER_CHARS = 1 << 16

_T = TypeVar("_T")


class RuleTimeout(TimeoutError):
    """The rule ran past its time limit on this document."""


def usable() -> bool:
    """Whether the timer may be used here and now: POSIX, the main thread, SIGALRM unclaimed."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN):
        return False
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def limit(timeout: float, chars: int) -> float:
    return timeout * max(1.0, chars / PER_CHARS)


class Alarm:
    """Owns SIGALRM for the length of a `with` block over one document.

    The timer is armed once, as an interval timer ticking every `period` seconds; each rule only
    says it has started (`start`, with the ticks it may last) and ended (`stop`), which are
    attribute stores, not system calls. A tick that finds the same rule running for its allowed
    number of ticks stops it, so a runaway rule is stopped after between one and two limits.
    """

    def __init__(self, period: float) -> None:
        self.period = period
        self._rule: int | None = None
        self._ticks = 0
        self._allowed: float = 1  # ticks a rule may run: whole, though `start` computes it as a float
        self._started = 0

    def __enter__(self) -> Alarm:
        self._old = signal.signal(signal.SIGALRM, self._tick)
        signal.setitimer(signal.ITIMER_REAL, self.period, self.period)
        return self

    def start(self, seconds: float) -> None:
        self._started += 1
        self._ticks = 0
        self._allowed = max(1, -(-seconds // self.period))
        self._rule = self._started

    def stop(self) -> None:
        self._rule = None

    def _tick(self, signum: int, frame: FrameType | None) -> None:
        if self._rule is None:
            return
        self._ticks += 1
        if self._ticks > self._allowed:
            self._rule = None
            raise RuleTimeout("the rule ran past its time limit")

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._old)


def unguarded_copy(compiled: _T) -> _T:
    """A compiled rule whose regex calls carry no per-call timeout (`timeout=None`), for use under
    an `Alarm` only. Kinds keep the run's timeout in a `timeout` attribute by convention; a rule
    without one is used as it is."""
    if getattr(compiled, "timeout", None) is None:
        return compiled
    twin = copy.copy(compiled)
    try:
        twin.timeout = None  # type: ignore[attr-defined]
    except (AttributeError, TypeError):  # frozen or slotted: keep the per-call timeouts
        return compiled
    return twin


__all__ = ["Alarm", "RuleTimeout", "limit", "unguarded_copy", "usable"]
