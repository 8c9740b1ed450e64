"""exolint.deadline: a runaway rule is stopped by the timer in the main thread, by per-call
timeouts everywhere else, and the process's own SIGALRM use is never disturbed."""
import signal
import threading
import time
from pathlib import Path

import pytest

from exolint import deadline
from exolint.engine import Engine
from exolint.kinds import pattern
from exolint.plugins.text import parse
from exolint.rule import CompileContext, Rule
from exolint.ruleset import RuleSet

posix_only = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer on this platform")


def runaway_rule(timeout=0.2):
    options = {"regex": [r"(a|aa)+$"]}
    rule = Rule(id="TST001", name="t", kind="pattern", category="other", severity="warning",
                message="m", description="d", path=Path("t.yaml"), options=options, raw=dict(options))
    return pattern.compile(rule, CompileContext(regex_timeout=timeout))


def runaway_doc():
    return parse("a" * 40 + "!", "x.txt")


def assert_stopped(result):
    assert result.findings == []
    (err,) = result.errors
    assert err.rule == "TST001" and "was stopped" in err.message


@posix_only
def test_main_thread_uses_the_timer_and_gives_sigalrm_back():
    before = signal.getsignal(signal.SIGALRM)
    assert deadline.usable()
    t0 = time.perf_counter()
    assert_stopped(Engine(RuleSet([runaway_rule()])).lint(runaway_doc()))
    assert time.perf_counter() - t0 < 5
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@posix_only
def test_rules_that_finish_in_time_are_never_stopped_by_a_later_tick():
    """The timer ticks through the whole document; only a rule still running past its allowed
    ticks is stopped, so many quick rules on a page never add up to a timeout."""
    alarm = deadline.Alarm(0.2)
    with alarm:
        for _ in range(20):  # 0.4 s of quick rules: ticks fall inside them, none lasts two ticks
            alarm.start(0.2)
            time.sleep(0.02)
            alarm.stop()
        time.sleep(0.5)  # ticks between rules find no rule running
        alarm.start(0.2)
        t0 = time.perf_counter()
        with pytest.raises(deadline.RuleTimeout):
            time.sleep(5.0)
        assert time.perf_counter() - t0 < 2.0  # stopped after one to two periods, not at the end


def test_other_threads_keep_per_call_timeouts():
    out = {}

    def work():
        out["usable"] = deadline.usable()
        out["result"] = Engine(RuleSet([runaway_rule()])).lint(runaway_doc())

    t = threading.Thread(target=work)
    t.start()
    t.join(30)
    assert out["usable"] is False
    assert_stopped(out["result"])


@posix_only
def test_a_host_that_owns_sigalrm_is_left_alone():
    fired = []

    def host_handler(*args):
        fired.append(1)

    old = signal.signal(signal.SIGALRM, host_handler)
    try:
        assert not deadline.usable()
        assert_stopped(Engine(RuleSet([runaway_rule()])).lint(runaway_doc()))
        assert signal.getsignal(signal.SIGALRM) is host_handler
    finally:
        signal.signal(signal.SIGALRM, old)
    assert fired == []


@posix_only
def test_a_running_alarm_of_the_host_is_left_alone():
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        assert not deadline.usable()
        assert_stopped(Engine(RuleSet([runaway_rule()])).lint(runaway_doc()))
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 50
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_unguarded_copy_drops_only_the_per_call_timeout():
    c = runaway_rule(timeout=0.7)
    twin = deadline.unguarded_copy(c)
    assert twin is not c and twin.timeout is None and twin.pattern is c.pattern
    assert c.timeout == 0.7

    class NoTimeout:
        pass

    plain = NoTimeout()
    assert deadline.unguarded_copy(plain) is plain


def test_the_limit_grows_with_the_page_so_large_pages_are_not_mistaken_for_runaways():
    assert deadline.limit(1.0, 100) == 1.0
    assert deadline.limit(1.0, deadline.PER_CHARS * 10) == 10.0
