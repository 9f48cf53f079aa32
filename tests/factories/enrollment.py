import datetime as dt

import factory
from django.db import transaction
from django.utils import timezone

from cohorts.models import TherapyGroup
from enrollment.agreements import DEFAULT_ONLINE_TEXT, DEFAULT_TEXT
from enrollment.models import Couple, Enrollment, EnrollmentEvent, GroupAgreement

from .clients import ClientFactory
from .cohorts import CohortFactory, TherapyGroupFactory

__all__ = [
    "CouplesCohortFactory",
    "CoupleFactory",
    "EnrollmentEventFactory",
    "EnrollmentFactory",
    "GroupAgreementFactory",
    "couple_of",
]


class GroupAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupAgreement

    version = factory.Sequence(lambda n: f"test-{n}")
    text = DEFAULT_TEXT
    online_text = DEFAULT_ONLINE_TEXT


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """A place written straight to the table (for setting the scene); the site itself
    always goes through enrollment.services."""

    class Meta:
        model = Enrollment

    client = factory.SubFactory(ClientFactory)
    cohort = factory.SubFactory(CohortFactory)
    status = Enrollment.Status.REQUESTED
    status_changed_at = factory.LazyFunction(timezone.now)
    seeing_therapist = "no"
    confirmed_adult = True
    # A public sign-up always records the person's agreement; staff placements do not.
    agreed_at = factory.LazyFunction(timezone.now)

    class Params:
        screening = factory.Trait(status=Enrollment.Status.SCREENING)
        enrolled = factory.Trait(status=Enrollment.Status.ENROLLED)
        waitlisted = factory.Trait(status=Enrollment.Status.WAITLISTED)
        withdrawn = factory.Trait(status=Enrollment.Status.WITHDRAWN)
        declined = factory.Trait(status=Enrollment.Status.DECLINED)
        offered = factory.Trait(
            status=Enrollment.Status.OFFERED,
            offer_expires_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=48)),
        )
        # A staff placement awaiting the person's confirmation (nothing agreed yet).
        placed = factory.Trait(
            status=Enrollment.Status.PLACED,
            offer_expires_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=72)),
            confirmed_adult=False,
            seeing_therapist="",
            agreed_at=None,
        )
        urgent = factory.Trait(is_urgent=True)


class EnrollmentEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnrollmentEvent

    enrollment = factory.SubFactory(EnrollmentFactory)
    from_status = ""
    to_status = factory.SelfAttribute("enrollment.status")
    by = EnrollmentEvent.By.CLIENT
    at = factory.LazyFunction(timezone.now)


class CouplesCohortFactory(CohortFactory):
    """A published cohort of a couples group: capacity and minimum in seats, both even."""

    group = factory.SubFactory(TherapyGroupFactory, focus=TherapyGroup.Focus.COUPLES)
    capacity = 12
    min_to_run = 4


class CoupleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Couple

    cohort = factory.SubFactory(CouplesCohortFactory)


def couple_of(cohort, **partner_fields) -> tuple[Couple, list[Enrollment]]:
    """Two partners written straight to the table, with the same status (a scene to start
    from; the site always goes through enrollment.services.couples)."""
    # One transaction: the database checks at commit that a couple holds 0 or 2 seats.
    with transaction.atomic():
        couple = CoupleFactory(cohort=cohort)
        partners = EnrollmentFactory.create_batch(2, cohort=cohort, couple=couple, **partner_fields)
    return couple, partners
