"""`pytest --now=2026-12-02T12:10-08:00`: run the whole suite as if it were that instant.

Tests must pass whatever the hour CI happens to start at. This option moves the clock of the
test process (and so of the live server thread, which shares it) to the instant given and
lets it tick from there, so a run at "23:50 on a Saturday" or in the repeated hour of
1 November can be had on demand instead of waiting for it.

Processes the tests start (Celery worker and beat) are launched through `python -m
tests.clock` with the same offset from the real clock, so they agree with the test process.
"""

from __future__ import annotations

import datetime as dt
import os
import runpy
import sys

import pytest
import time_machine

# Seconds between the run's clock and the real one, for processes the tests start.
OFFSET_ENV = "GROUPS_TEST_CLOCK_OFFSET"


def parse_now(value: str) -> dt.datetime:
    """An ISO 8601 instant that says its offset: a wall-clock time alone is ambiguous."""
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"--now={value!r} is not an ISO 8601 date and time") from exc
    if instant.tzinfo is None:
        raise ValueError(f"--now={value!r} needs a UTC offset, e.g. 2026-11-01T01:30-08:00")
    return instant


def start(instant: dt.datetime) -> time_machine.travel:
    traveller = time_machine.travel(instant, tick=True)
    traveller.start()
    return traveller


def pytest_addoption(parser):
    parser.addoption(
        "--now",
        metavar="ISO_INSTANT",
        help="run the suite as if it were this instant, the clock ticking from there "
        "(e.g. --now=2026-11-01T01:30-08:00)",
    )


def pytest_configure(config):
    value = config.getoption("--now", default=None)
    if not value:
        return
    try:
        instant = parse_now(value)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    config._clock_traveller = start(instant)


def pytest_unconfigure(config):
    traveller = getattr(config, "_clock_traveller", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    value = config.getoption("--now", default=None)
    return f"clock: starts at {value} (--now), ticking" if value else None


def offset_seconds() -> float:
    """How far the clock this process sees is from the real one (0 without --now)."""
    import time

    # The escape hatch reads the real clock only while a travel is under way.
    if not time_machine.escape_hatch.is_travelling():
        return 0.0
    return time.time() - time_machine.escape_hatch.time.time()


def command(args: list[str]) -> list[str]:
    """Wrap a Python console script so that it runs on this process's clock."""
    return [sys.executable, "-m", "tests.clock", *args]


def environ() -> dict[str, str]:
    """What a process started through `command` needs to share this clock."""
    return {OFFSET_ENV: repr(offset_seconds())}


def main() -> None:
    # `python -m tests.clock .venv/bin/celery -A groups_site worker ...`: shift the clock, then
    # run the named script as its own console entry point would.
    offset = float(os.environ.get(OFFSET_ENV) or 0)
    if offset:
        start(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=offset))
    script, *rest = sys.argv[1:]
    sys.argv = [script, *rest]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
