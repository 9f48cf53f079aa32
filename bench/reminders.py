"""5,000 due reminders through Redis, one Celery worker and a loopback SMTP server.

The clock starts when one `dispatch_due` task (what beat sends every minute) is queued, with
the worker already up, and stops when the SMTP server holds every email and every row says
sent. Duplicates are emails that arrived more than once; lost are rows that never arrived.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench._server import ROOT, bench_env, setup_django

COUNT = 5000
TARGET_SECONDS = 20
CELERY = str(Path(sys.executable).with_name("celery"))


def _ping(env: dict[str, str], destination: str, proc: subprocess.Popen) -> None:
    for _ in range(60):
        if proc.poll() is not None:
            raise RuntimeError("the worker exited at start")
        ping = subprocess.run(
            [CELERY, "-A", "groups_site", "inspect", "ping", "-d", destination, "-t", "1"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if ping.returncode == 0 and "pong" in ping.stdout:
            return
    raise RuntimeError("the worker never answered a ping")


def run() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from tests.integration.smtp_sink import SmtpSink

    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis"):
        broker = "redis://127.0.0.1:6379/4"
    queue = f"bench-{uuid.uuid4().hex[:12]}"
    sink = SmtpSink().start()
    settings = {"CELERY_BROKER_URL": broker, "CELERY_QUEUE": queue, "EMAIL_URL": sink.url}
    setup_django(**settings)

    from django.utils import timezone

    from groups_site.celery import app
    from notifications.models import Notification

    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            kind="staff_test_email",
            key=f"bench:{n}",
            to_email=f"person{n}@mail.example",
            due_at=now,
        )
        for n in range(COUNT)
    )
    ids = set(Notification.objects.values_list("pk", flat=True))

    name = f"bench-{os.getpid()}"
    env = bench_env(**settings)
    (ROOT / "var").mkdir(exist_ok=True)
    log = open(ROOT / "var" / "bench-reminders-worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [CELERY, "-A", "groups_site", "worker", "--concurrency", "2", "-n", f"{name}@%h"]
        + ["--loglevel", "WARNING", "--without-mingle", "--without-gossip"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _ping(env, f"{name}@{socket.gethostname()}", worker)
        started = time.perf_counter()
        app.send_task("notifications.tasks.dispatch_due", queue=queue)
        deadline = started + 120
        while time.perf_counter() < deadline:
            if sink.count() >= COUNT and not Notification.objects.exclude(status="sent").exists():
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        time.sleep(1)  # anything late would be a duplicate
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
        sink.stop()
        import redis

        redis.Redis.from_url(broker).delete(queue)

    arrived = sink.per_notification()
    duplicates = sum(n - 1 for n in arrived.values())
    lost = len(ids - set(arrived))
    rate = len(arrived) / elapsed
    verdict = "" if elapsed <= TARGET_SECONDS else f" (over the {TARGET_SECONDS} s target)"
    return [
        f"reminders: {len(arrived)} sent in {elapsed:.1f} s ({rate:.0f}/s), "
        f"duplicates={duplicates}, lost={lost}{verdict}"
    ]
