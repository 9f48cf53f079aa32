"""Small builders shared by the cohorts tests."""

import datetime as dt

from django.utils import timezone

from enrollment.models import Enrollment
from groups_site.timezones import PACIFIC
from tests.factories import ClientFactory


def today() -> dt.date:
    return timezone.now().astimezone(PACIFIC).date()


def on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def take_seats(cohort, count: int, status: str = Enrollment.Status.ENROLLED) -> None:
    for _ in range(count):
        Enrollment.objects.create(client=ClientFactory(), cohort=cohort, status=status)
