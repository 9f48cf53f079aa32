"""The `--now` option: a whole run, its threads and the processes it starts, on one clock."""

import datetime as dt
import os
import subprocess
import time
from pathlib import Path

import pytest
import time_machine

from tests import clock

ROOT = Path(__file__).resolve().parents[1]

INNER_TEST = """
import datetime as dt
import threading
import time


def test_the_run_and_its_threads_start_at_the_instant_given():
    seen = {}
    thread = threading.Thread(target=lambda: seen.update(now=dt.datetime.now(dt.UTC)))
    thread.start()
    thread.join()
    start = dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC)  # 01:30 PST
    assert start <= seen["now"] < start + dt.timedelta(minutes=2)
    before = time.time()
    time.sleep(0.05)
    assert time.time() > before  # ticking, not frozen
"""


@pytest.fixture
def inner_run(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(
        "from tests.clock import pytest_addoption, pytest_configure, pytest_unconfigure\n"
    )
    pytester.makepyfile(test_inner=INNER_TEST)

    def run(*args):
        return pytester.runpytest_subprocess("-p", "no:django", "-p", "no:cacheprovider", *args)

    return run


def test_now_starts_the_whole_run_at_that_instant_with_the_clock_ticking(inner_run):
    inner_run("--now=2026-11-01T01:30-08:00").assert_outcomes(passed=1)


def test_without_now_the_run_keeps_the_real_clock(inner_run):
    inner_run().assert_outcomes(failed=1)


def test_now_without_an_offset_is_refused_as_ambiguous(inner_run):
    result = inner_run("--now=2026-11-01T01:30")
    assert "needs a UTC offset" in result.stderr.str()
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_a_process_started_through_the_wrapper_shares_the_run_clock(tmp_path):
    script = tmp_path / "print_time.py"
    script.write_text("import time\nprint(time.time())\n")
    instant = dt.datetime(2030, 3, 10, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(instant, tick=True):
        env = {**os.environ, **clock.environ(), "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            clock.command([str(script)]),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    assert abs(float(done.stdout) - instant.timestamp()) < 60


def test_a_wrapped_process_keeps_this_processs_clock_with_or_without_a_travel(tmp_path):
    # Without --now the offset is 0 and the wrapper must still run the script (it once
    # crashed there); with --now it must shift the child by the same offset.
    script = tmp_path / "print_time.py"
    script.write_text("import time\nprint(time.time())\n")
    env = {**os.environ, **clock.environ(), "PYTHONPATH": str(ROOT)}

    done = subprocess.run(
        clock.command([str(script)]), cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )

    assert abs(float(done.stdout) - time.time()) < 60
