"""`make run` without Redis: the worker with beat inside, on the file-system queue, sends
a due email (printed by the console backend into the worker's log), exactly as the README
says. Runs everywhere: no Redis, and on SQLite a database file the worker can open."""

import os
import signal
import subprocess
import time
import uuid

import pytest
from django.db import connection

from tests import clock
from tests.integration.conftest import CELERY, ROOT, database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_make_runs_worker_sends_a_due_email_without_a_broker_server(tmp_path):
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"CELERY_BROKER_URL", "EMAIL_URL"}},
        "DJANGO_SETTINGS_MODULE": "groups_site.settings",
        "DEBUG": "true",
        "DATABASE_URL": (
            database_url()
            if connection.vendor == "postgresql"
            else f"sqlite:///{tmp_path / 'run.sqlite3'}"
        ),
        "CELERY_QUEUE": queue,  # apart from a developer's own `make run` in this checkout
        "DISPATCH_INTERVAL_SECONDS": "1",
        **clock.environ(),
    }
    manage = clock.command(["manage.py"])
    if connection.vendor != "postgresql":
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from notifications.services import notification_staff_test;"
            "notification_staff_test(to_email='dana@practice.example')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )

    log = tmp_path / "celery.log"
    # The Makefile's `run` line, with the schedule file in the test's folder.
    worker = subprocess.Popen(
        clock.command(
            [CELERY, "-A", "groups_site", "worker", "--beat", "--concurrency", "1"]
            + ["--loglevel", "WARNING", "--schedule", str(tmp_path / "celerybeat-schedule")]
        ),
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Subject: Test message" not in log.read_text():
            time.sleep(0.2)
        time.sleep(2)  # two more passes: it must not print again
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        for folder in ("celery-queue", "celery-processed"):
            for leftover in (ROOT / "var" / folder).glob(f"*.{queue}.msg"):
                leftover.unlink(missing_ok=True)

    output = log.read_text()
    assert output.count("Subject: Test message from") == 1, output[-3000:]
    # The console backend's copy goes through the worker's log, where addresses are masked.
    assert "To: <address>" in output
    assert "dana@practice.example" not in output
    assert "transport:   filesystem://" in output
