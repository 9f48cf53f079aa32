import factory
from django.utils import timezone

from roster.models import Attendance

from .cohorts import SessionFactory, StaffUserFactory
from .enrollment import EnrollmentFactory

__all__ = ["AttendanceFactory"]


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
