"""Small builders shared by the cohorts tests."""

import datetime as dt

from django.utils import timezone

from cohorts.models import TherapyGroup
from enrollment.models import Couple, Enrollment
from groups_site.timezones import PACIFIC
from tests.factories import ClientFactory


def today() -> dt.date:
    return timezone.now().astimezone(PACIFIC).date()


def take_seats(cohort, count: int, status: str = Enrollment.Status.ENROLLED) -> None:
    # A couples group seats couples (the database checks it): two seats per couple.
    couples = cohort.group.focus == TherapyGroup.Focus.COUPLES
    couple = None
    for i in range(count):
        if couples and i % 2 == 0:
            couple = Couple.objects.create(cohort=cohort)
        Enrollment.objects.create(
            client=ClientFactory(), cohort=cohort, status=status, couple=couple
        )
