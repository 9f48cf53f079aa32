"""Real Celery processes for the integration tests: a worker and beat against Redis.

They are started exactly as the README and docker-compose.yml start them (`celery -A
groups_site worker` / `beat`), with the environment production would give them, pointed at
the test's own database and a loopback SMTP sink. Each test gets its own queue name, so
test runs sharing a Redis database never take each other's tasks.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from tests import clock
from tests.integration.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
IN_CI = os.environ.get("CI") == "true"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI must run the integration tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def broker_url() -> str:
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis"):
        url = "redis://127.0.0.1:6379/4"
    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError as exc:
        _unavailable(f"Redis at {url} is unreachable: {exc}")
    return url


def database_url() -> str:
    """The test database, as a URL another process can open."""
    if connection.vendor != "postgresql":
        _unavailable("a worker process cannot open SQLite's in-memory test database")
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_until(condition, *, timeout: float, what: str, logs=lambda: "") -> None:
    """Poll `condition` until it holds; fail, with the processes' logs, if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{logs()}")


# The worker's INFO line for each finished periodic pass.
PASS_DONE = re.compile(r"Task notifications\.tasks\.dispatch_due\[[^\]]+\] succeeded")


class CeleryProcesses:
    """Start, ping and stop `celery worker` and `celery beat` by their own pids."""

    def __init__(self, *, env: dict[str, str], folder: Path) -> None:
        self.env = env
        self.folder = folder
        self.started: list[tuple[subprocess.Popen, Path]] = []
        self.workers = 0

    def _start(self, args: list[str], log_name: str) -> subprocess.Popen:
        log = self.folder / log_name
        proc = subprocess.Popen(
            clock.command([CELERY, "-A", "groups_site", *args]),
            cwd=ROOT,
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            # Its own process group: SIGKILL then reaches the pool children too, and only them.
            start_new_session=True,
        )
        self.started.append((proc, log))
        return proc

    def worker(self, *, concurrency: int = 2) -> subprocess.Popen:
        self.workers += 1
        name = f"test-{os.getpid()}-{self.workers}"
        proc = self._start(
            [
                "worker",
                "--concurrency",
                str(concurrency),
                "-n",
                f"{name}@%h",
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
            ],
            f"worker-{self.workers}.log",
        )
        self._ping(f"{name}@{socket.gethostname()}", proc)
        return proc

    def beat(self) -> subprocess.Popen:
        return self._start(
            [
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(self.folder / "celerybeat-schedule"),
            ],
            "beat.log",
        )

    def _ping(self, destination: str, proc: subprocess.Popen, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"worker exited early:\n{self.logs()}")
            ping = subprocess.run(
                [CELERY, "-A", "groups_site", "inspect", "ping", "-d", destination, "-t", "1"],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
            )
            if ping.returncode == 0 and "pong" in ping.stdout:
                return
        raise AssertionError(f"worker {destination} never answered a ping:\n{self.logs()}")

    def dispatch_passes(self) -> int:
        """Dispatch passes the workers started here have finished, read from their logs."""
        return sum(
            len(PASS_DONE.findall(log.read_text()))
            for _, log in self.started
            if log.name.startswith("worker")
        )

    def wait_for_passes(self, count: int, *, timeout: float = 60) -> None:
        """Wait until `count` more dispatch passes have finished. Passes already running
        count too, so ask for one more than the worker's concurrency to be sure that at
        least one whole pass started after the call."""
        target = self.dispatch_passes() + count
        wait_until(
            lambda: self.dispatch_passes() >= target,
            timeout=timeout,
            what=f"{count} more dispatch passes",
            logs=self.logs,
        )

    def kill(self, proc: subprocess.Popen) -> None:
        """SIGKILL, the way a crash or an OOM killer ends a worker: no shutdown, no acks."""
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc, _ in reversed(self.started):
            self.stop(proc)

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text()[-4000:]}" for _, log in self.started)


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def celery_processes(transactional_db, broker_url, smtp_sink, tmp_path):
    """Worker/beat launcher with production-like settings; stops everything it started.

    Depends on transactional_db so its rows are committed (the worker is another process),
    and so the processes are stopped before the tables are flushed.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "groups_site.settings",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_QUEUE": f"test-{uuid.uuid4().hex[:12]}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": smtp_sink.url,
        "DEBUG": "false",
        "SECRET_KEY": "integration-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
        "DISPATCH_INTERVAL_SECONDS": "1",
        "LOG_LEVEL": "INFO",
        **clock.environ(),
    }
    processes = CeleryProcesses(env=env, folder=tmp_path)
    yield processes
    processes.stop_all()
    redis.Redis.from_url(broker_url).delete(env["CELERY_QUEUE"])
