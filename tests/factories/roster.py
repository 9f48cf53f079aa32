import factory
from django.utils import timezone

from roster.models import Attendance, AttendanceCorrection, CalendarFeed, MissedSessionsFlag
from roster.selectors import token_hash

from .cohorts import SessionFactory, StaffUserFactory
from .enrollment import EnrollmentFactory

__all__ = [
    "AttendanceCorrectionFactory",
    "AttendanceFactory",
    "CalendarFeedFactory",
    "MissedSessionsFlagFactory",
]


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A mark written straight to the table; the site goes through roster.services."""

    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    enrollment = factory.SubFactory(
        EnrollmentFactory, cohort=factory.SelfAttribute("..session.cohort"), enrolled=True
    )
    status = Attendance.Mark.PRESENT
    # As a therapist would: online members said they were in California.
    in_california = factory.LazyAttribute(
        lambda o: True if o.session.cohort.group.is_online else None
    )
    marked_by = factory.SubFactory(StaffUserFactory)
    marked_at = factory.LazyFunction(timezone.now)

    class Params:
        late = factory.Trait(status=Attendance.Mark.LATE)
        absent = factory.Trait(status=Attendance.Mark.ABSENT)
        excused = factory.Trait(status=Attendance.Mark.EXCUSED)


class AttendanceCorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceCorrection

    attendance = factory.SubFactory(AttendanceFactory, late=True)
    old_status = Attendance.Mark.ABSENT
    new_status = factory.SelfAttribute("attendance.status")
    by = factory.SelfAttribute("attendance.marked_by")
    at = factory.LazyFunction(timezone.now)


class MissedSessionsFlagFactory(factory.django.DjangoModelFactory):
    """An open flag written straight to the table; the site raises them in
    roster.services.flags (which also writes the emails)."""

    class Meta:
        model = MissedSessionsFlag

    trigger_session = factory.SubFactory(SessionFactory)
    enrollment = factory.SubFactory(
        EnrollmentFactory, cohort=factory.SelfAttribute("..trigger_session.cohort"), enrolled=True
    )
    reason = MissedSessionsFlag.Reason.IN_A_ROW
    raised_at = factory.LazyFunction(timezone.now)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    """A feed row with a known token (`token` param); roster.services makes real ones."""

    class Meta:
        model = CalendarFeed
        exclude = ["token"]

    user = factory.SubFactory(StaffUserFactory)
    token = factory.Sequence(lambda n: f"feed-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: token_hash(o.token))
    created_at = factory.LazyFunction(timezone.now)
