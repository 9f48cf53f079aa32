"""`make run` without Redis: the worker with beat inside, on the file-system queue, sends
a due email (printed by the console backend into the worker's log), exactly as the README
says. Runs everywhere: no Redis, and on SQLite a database file the worker can open."""

import os
import signal
import subprocess
import uuid

import pytest
from django.db import connection

from notifications.models import Notification
from tests import clock
from tests.integration.conftest import CELERY, ROOT, database_url, wait_until

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

    def send_test_email(to_email: str) -> None:
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from notifications.services import notification_staff_test;"
                f"notification_staff_test(to_email='{to_email}')",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )

    def sent() -> int:
        return Notification.objects.filter(status=Notification.Status.SENT).count()

    send_test_email("dana@practice.example")
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
        wait_until(lambda: sent() == 1, timeout=60, what="the first email", logs=log.read_text)
        # A second email, written only now, goes out in a later pass than the first; with
        # one pool process that pass starts after the first one ended, so a first email
        # printed twice would be in the log by the time the second is marked sent.
        send_test_email("sam@practice.example")
        wait_until(lambda: sent() == 2, timeout=60, what="the second email", logs=log.read_text)
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
    assert output.count("Subject: Test message from") == 2, output[-3000:]
    # The console backend's copy goes through the worker's log, where addresses are masked.
    assert "To: <address>" in output
    assert "dana@practice.example" not in output
    assert "sam@practice.example" not in output
    assert "transport:   filesystem://" in output
