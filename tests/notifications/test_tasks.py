import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from groups_site.celery import app
from notifications import tasks
from notifications.models import Notification
from tests.factories import NotificationFactory

ROOT = Path(__file__).resolve().parents[2]
S = Notification.Status


def test_the_dispatcher_runs_every_minute_on_a_utc_interval_not_a_crontab():
    entry = settings.CELERY_BEAT_SCHEDULE["dispatch-notifications"]

    assert entry["schedule"] == dt.timedelta(seconds=60)
    assert settings.CELERY_TIMEZONE == "UTC"
    assert entry["task"] in app.tasks


def test_the_daily_rows_are_written_every_quarter_hour_on_a_utc_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["schedule-daily-notifications"]

    assert entry["schedule"] == dt.timedelta(minutes=15)
    assert entry["task"] in app.tasks


@pytest.mark.django_db
def test_send_one_takes_an_id_and_sends_that_row_once():
    row = NotificationFactory()

    assert tasks.send_one.delay(row.pk).get() is True
    assert tasks.send_one.delay(row.pk).get() is False

    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=row.pk).status == S.SENT


@pytest.mark.django_db
def test_send_batch_takes_ids_and_sends_each_due_row():
    ids = [NotificationFactory().pk for _ in range(3)]

    assert tasks.send_batch.delay(ids).get() == 3


def test_nothing_in_the_project_is_queued_for_later_with_eta_or_countdown():
    # A delayed message on Redis is redelivered after the visibility timeout: later work is a
    # row with a due time instead.
    pattern = re.compile(r"\b(countdown|eta)\s*=")
    folders = [
        d
        for d in ROOT.iterdir()
        if d.is_dir() and d.name[0] not in "._" and d.name != "node_modules"
    ]
    offenders = [
        str(path.relative_to(ROOT))
        for folder in folders
        for path in folder.rglob("*.py")
        if path != Path(__file__).resolve() and pattern.search(path.read_text())
    ]
    assert offenders == []
