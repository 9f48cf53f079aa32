"""seed_demo's couples group: couples enrolled, one couple waiting for a partner's own
confirmation and a couple on the waitlist, made through the services (history and
agreements recorded), and nobody in it without a partner."""

import io

import pytest
from django.core.management import call_command

from cohorts.models import Cohort
from enrollment.models import Couple, Enrollment, EnrollmentEvent

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def test_seed_demo_fills_the_couples_group_with_couples_once():
    out = io.StringIO()
    call_command("seed_demo", url="http://127.0.0.1:8151", stdout=out)
    call_command("seed_demo", url="http://127.0.0.1:8151", stdout=io.StringIO())

    cohort = Cohort.objects.filter(group__slug="couples-skills").order_by("pk").first()
    assert (cohort.group.name, cohort.capacity) == ("Relationship skills for couples", 12)
    places = Enrollment.objects.filter(cohort=cohort)
    assert not places.filter(couple=None).exists()
    couples = {}
    for place in places.select_related("couple"):
        couples.setdefault(place.couple_id, []).append(place)
    assert all(len(pair) == 2 for pair in couples.values())
    states = sorted(tuple(sorted(p.status for p in pair)) for pair in couples.values())
    assert states.count((S.ENROLLED, S.ENROLLED)) >= 2
    # Signed up online; the partner has not given their own answers yet.
    assert states.count((S.PLACED, S.REQUESTED)) == 1
    assert states.count((S.WAITLISTED, S.WAITLISTED)) == 1
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() <= cohort.capacity
    waiting = places.filter(status=S.WAITLISTED)
    assert all(p.agreed_at is not None for p in waiting)  # both gave their own answers
    assert EnrollmentEvent.objects.filter(enrollment__in=waiting).count() == 3  # + a confirm
    assert Couple.objects.filter(cohort=cohort).count() == len(couples)
    assert "one waiting for a partner's confirmation, one on the waitlist" in out.getvalue()
