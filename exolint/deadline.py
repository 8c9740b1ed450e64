"""A time limit on one rule's run over one document, kept by the operating system's timer.

The `regex` module can stop a runaway pattern by itself (`timeout=` on every call), but that
costs about 1.6 microseconds a call, and the rule kinds make hundreds of thousands of calls on a
content repository: a fifth of all rule time went to keeping the clock. Where a POSIX interval
timer is available, in the main thread, and nothing else in the process uses SIGALRM, the engine
instead arms one timer per rule and document; when it fires, the handler raises `RuleTimeout`,
which the `regex` module lets through as soon as it next checks for signals (it does so inside
long matches). The engine then runs the rules' regexes without per-call timeouts
(`unguarded_copy`). Anywhere else (threads, Windows, a host application with its own alarm) the
rules keep their per-call timeouts.

The limit is the run's regex timeout for every 64 KiB of prose, so a legitimately long run over
a very large page is not mistaken for a runaway pattern.
"""
from __future__ import annotations

import copy
import signal
import threading
from types import FrameType

#: prose characters that one regex-timeout's worth of time covers
PER_CHARS = 1 << 16


class RuleTimeout(TimeoutError):
    """The rule ran past its time limit on this document."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise RuleTimeout("the rule ran past its time limit")


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
    """Owns SIGALRM for the length of a `with` block; `arm` and `disarm` around each rule."""

    def __enter__(self) -> Alarm:
        self._old = signal.signal(signal.SIGALRM, _raise)
        return self

    def arm(self, seconds: float) -> None:
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def disarm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)

    def __exit__(self, *exc: object) -> None:
        self.disarm()
        signal.signal(signal.SIGALRM, self._old)


def unguarded_copy(compiled: object) -> object:
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
