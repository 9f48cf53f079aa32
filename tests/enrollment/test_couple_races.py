"""Couples racing for the last places of a couples group, through the real sign-up view,
on PostgreSQL: a couple takes two seats or none, whatever the timing."""

import pytest
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enrollment.models import Couple, Enrollment
from tests.factories import CoupleFactory, CouplesCohortFactory, EnrollmentFactory, couple_of
from tests.races import race

from .helpers import form_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
S = Enrollment.Status
COUPLES = 20


def split_couples(cohort) -> int:
    """Couples holding exactly one seat without the coordinator's say-so."""
    return (
        Couple.objects.filter(cohort=cohort, kept_alone_at=None)
        .annotate(seats=Count("partners", filter=Q(partners__holds_seat=True)))
        .filter(seats=1)
        .count()
    )


def test_twenty_couples_racing_for_the_last_two_places_with_an_odd_seat_left():
    cohort = CouplesCohortFactory(capacity=12, min_to_run=4)
    for _ in range(3):
        couple_of(cohort, enrolled=True)
    # One partner left and the coordinator kept the other on: 7 seats taken, 5 free, so
    # two couples' places and one odd seat.
    with transaction.atomic():
        alone = CoupleFactory(cohort=cohort, kept_alone_at=timezone.now())
        EnrollmentFactory(cohort=cohort, couple=alone, enrolled=True)
        EnrollmentFactory(cohort=cohort, couple=alone, withdrawn=True)
    url = reverse("enrollment:signup", args=[cohort.pk])

    def post(i):
        data = form_data(
            cohort,
            email=f"racer{i}@mail.example",
            first_name=f"Racer{i}",
            partner_first_name=f"Partner{i}",
            partner_email=f"partner{i}@mail.example",
        )
        return Client().post(url, data).status_code

    outcomes = race(COUPLES, post)

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert sorted(outcomes) == [302] * COUPLES
    new = Couple.objects.filter(cohort=cohort, kept_alone_at=None).exclude(
        partners__status=S.ENROLLED
    )
    seated = new.filter(partners__holds_seat=True).distinct()
    assert seated.count() == 2
    assert split_couples(cohort) == 0
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 11
    assert Enrollment.objects.filter(cohort=cohort, status=S.WAITLISTED).count() == 36
