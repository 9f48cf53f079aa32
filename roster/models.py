from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Attendance(models.Model):
    """One member's attendance at one session, as the cohort's therapist marked it.

    A correction overwrites the row (one per member and session, enforced by the database)
    and records who made it and when.
    """

    class Mark(models.TextChoices):
        PRESENT = "present", "Present"
        ABSENT = "absent", "Absent"
        EXCUSED = "excused", "Excused"

    # A session dropped from a changed schedule had not happened yet: its marks go with it.
    session = models.ForeignKey(
        "cohorts.Session", on_delete=models.CASCADE, related_name="attendance"
    )
    enrollment = models.ForeignKey(
        "enrollment.Enrollment", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(max_length=8, choices=Mark.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "attendance"
        ordering = ["session__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="attendance_one_per_member_session"
            ),
            models.CheckConstraint(
                name="attendance_status_known",
                condition=Q(status__in=["present", "absent", "excused"]),
            ),
        ]

    def __str__(self) -> str:
        return f"Enrollment #{self.enrollment_id} at session #{self.session_id}: {self.status}"
