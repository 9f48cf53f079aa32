"""The cohorts the rush and cost benches sign people up for: online, closed, published, three
weeks out, with their meetings laid out by the service the coordinator's admin uses."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cohorts.models import Cohort, Therapist


def bench_therapist(slug: str) -> Therapist:
    from django.contrib.auth import get_user_model

    from cohorts.models import Therapist

    return Therapist.objects.create(
        user=get_user_model().objects.create(username=slug, is_staff=True),
        display_name="Bench Therapist",
        slug=slug,
        credentials="LMFT",
    )


def bench_cohort(
    name: str,
    *,
    capacity: int,
    therapist: Therapist | None = None,
    couples: bool = False,
    start_time: dt.time = dt.time(18, 30),
) -> Cohort:
    """A published cohort of a new group called `name` (a couples group when `couples`),
    led by `therapist` (else the first one on file)."""
    from django.utils import timezone

    from cohorts.models import Cohort, Therapist, TherapyGroup
    from cohorts.services import cohort_generate_sessions

    now = timezone.now()
    group = TherapyGroup.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        focus="couples" if couples else "mixed",
        topic="Relationships",
        summary="A calm weekly group.",
        who_it_is_for="Couples." if couples else "Adults.",
        what_to_expect="Weekly meetings.",
        format="online",
        kind="closed",
    )
    first = now.date() + dt.timedelta(days=21)
    cohort = Cohort.objects.create(
        group=group,
        lead_therapist=therapist or Therapist.objects.order_by("pk").first(),
        first_session_date=first,
        weekday=first.weekday(),
        start_time=start_time,
        capacity=capacity,
        min_to_run=4,
        status="published",
    )
    cohort_generate_sessions(cohort=cohort, now=now)
    return cohort
