import datetime as dt

import factory

from clients.models import Lead
from consultations.models import (
    DURATION,
    AvailabilityException,
    Consultation,
    ConsultationEvent,
    Coordinator,
    WorkingHours,
)
from groups_site.timezones import PACIFIC

from .clients import ClientFactory, LeadFactory
from .cohorts import StaffUserFactory

__all__ = [
    "AvailabilityExceptionFactory",
    "ConsultationEventFactory",
    "ConsultationFactory",
    "CoordinatorFactory",
    "WorkingHoursFactory",
    "pacific",
]

WEEKDAYS_9_TO_5 = [(day, dt.time(9), dt.time(17)) for day in range(5)]


def pacific(year, month, day, hour=0, minute=0, fold=0) -> dt.datetime:
    """An aware Pacific wall-clock time (fold=1: the second 1:00-1:59 on a fall-back day)."""
    return dt.datetime(year, month, day, hour, minute, fold=fold, tzinfo=PACIFIC)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    """An intake coordinator taking calls Monday to Friday, 9 to 5 Pacific, unless `hours`
    says otherwise: hours=[(weekday, start, end), ...], or hours=[] for none."""

    class Meta:
        model = Coordinator
        skip_postgeneration_save = True

    user = factory.SubFactory(StaffUserFactory, roles=["Intake coordinator"])
    display_name = factory.Sequence(lambda n: ["Dana", "Luis", "Mei", "Tariq"][n % 4])
    buffer_minutes = 0
    min_notice_hours = 0
    no_same_day = False
    horizon_days = 21

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        if not create:
            return
        ranges = WEEKDAYS_9_TO_5 if extracted is None else extracted
        WorkingHours.objects.bulk_create(
            WorkingHours(coordinator=obj, weekday=day, start_time=start, end_time=end)
            for day, start, end in ranges
        )


class WorkingHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingHours

    coordinator = factory.SubFactory(CoordinatorFactory, hours=[])
    weekday = 0
    start_time = dt.time(9)
    end_time = dt.time(17)


class AvailabilityExceptionFactory(factory.django.DjangoModelFactory):
    """Whole-day time off unless given times; `extra=True` for extra hours."""

    class Meta:
        model = AvailabilityException

    coordinator = factory.SubFactory(CoordinatorFactory)
    kind = AvailabilityException.Kind.TIME_OFF
    date = dt.date(2026, 3, 4)

    class Params:
        extra = factory.Trait(
            kind=AvailabilityException.Kind.EXTRA, start_time=dt.time(9), end_time=dt.time(12)
        )


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A booked call written directly (no service, no emails): for pages and admin tests."""

    class Meta:
        model = Consultation

    client = factory.SubFactory(ClientFactory)
    lead = factory.SubFactory(
        LeadFactory,
        client=factory.SelfAttribute("..client"),
        source=Lead.Source.CONSULTATION,
        status=Lead.Status.CONSULTATION_BOOKED,
    )
    coordinator = factory.SubFactory(CoordinatorFactory)
    starts_at = factory.LazyFunction(lambda: pacific(2026, 3, 10, 10))
    ends_at = factory.LazyAttribute(lambda c: c.starts_at + DURATION)
    blocked_until = factory.LazyAttribute(
        lambda c: c.ends_at + dt.timedelta(minutes=c.coordinator.buffer_minutes)
    )
    mode = Consultation.Mode.PHONE
    status = Consultation.Status.BOOKED


class ConsultationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationEvent

    consultation = factory.SubFactory(ConsultationFactory)
    from_status = ""
    to_status = factory.SelfAttribute("consultation.status")
    at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))
