from django.db import models
from django.db.models import Q


class EnrollmentStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SCREENING = "screening", "Screening"
    ENROLLED = "enrolled", "Enrolled"
    WAITLISTED = "waitlisted", "Waitlisted"
    OFFERED = "offered", "Offered a seat"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DECLINED = "declined", "Declined"


# Seat holders: everyone the practice has said yes to or is still considering, plus an open
# offer (the seat is kept for that person until the offer ends).
SEAT_HOLDING = (
    EnrollmentStatus.REQUESTED,
    EnrollmentStatus.SCREENING,
    EnrollmentStatus.ENROLLED,
    EnrollmentStatus.OFFERED,
)
# Live: at most one per client per cohort. Withdrawn and declined rows stay as history.
LIVE = (*SEAT_HOLDING, EnrollmentStatus.WAITLISTED)


class Enrollment(models.Model):
    """A client's place in a cohort (or in its waitlist)."""

    Status = EnrollmentStatus

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="enrollments"
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(
        max_length=12, choices=EnrollmentStatus.choices, default=EnrollmentStatus.REQUESTED
    )
    # Derived by the database from status, so the cohort app can count seats from rows.
    holds_seat = models.GeneratedField(
        expression=Q(status__in=SEAT_HOLDING),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    is_urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "cohort"],
                condition=Q(status__in=LIVE),
                name="enrollment_one_live_per_client_cohort",
            ),
        ]

    def __str__(self) -> str:
        return f"Enrollment #{self.pk} ({self.get_status_display()})"
