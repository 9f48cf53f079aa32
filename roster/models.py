from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Attendance(models.Model):
    """One member's attendance at one session, as the cohort's therapist marked it.

    One row per member and session (enforced by the database) holds the current mark; every
    change to it after the first also writes an `AttendanceCorrection`, so the history of
    a mark is never lost.
    """

    class Mark(models.TextChoices):
        PRESENT = "present", "Present"
        LATE = "late", "Late"
        ABSENT = "absent", "Absent"
        EXCUSED = "excused", "Excused"

    # Marks that mean the member came (and so clear a missed-sessions flag).
    ATTENDED = (Mark.PRESENT, Mark.LATE)

    # A session dropped from a changed schedule had not happened yet: its marks go with it.
    session = models.ForeignKey(
        "cohorts.Session", on_delete=models.CASCADE, related_name="attendance"
    )
    enrollment = models.ForeignKey(
        "enrollment.Enrollment", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(max_length=8, choices=Mark.choices)
    # Online groups only (None elsewhere): the member said they were in California for this
    # meeting, which a California licence requires; the therapist ticks it.
    in_california = models.BooleanField(null=True, blank=True)
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
                condition=Q(status__in=["present", "late", "absent", "excused"]),
            ),
        ]

    def __str__(self) -> str:
        return f"Enrollment #{self.enrollment_id} at session #{self.session_id}: {self.status}"


class AttendanceCorrection(models.Model):
    """A change to a mark already saved: who, when, the old mark and the new one."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="corrections")
    old_status = models.CharField(max_length=8, choices=Attendance.Mark.choices)
    new_status = models.CharField(max_length=8, choices=Attendance.Mark.choices)
    old_in_california = models.BooleanField(null=True, blank=True)
    new_in_california = models.BooleanField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.old_status} -> {self.new_status}"


class MissedSessionsFlag(models.Model):
    """A member who missed two meetings in a row, or three in the cohort: worth a call.

    Raised by the attendance service at the absence that made it true (`trigger_session`),
    at most once per member and trigger, so a re-saved sheet never emails twice. It stays
    open until the member next attends or the coordinator marks it handled with a note.
    """

    class Reason(models.TextChoices):
        IN_A_ROW = "in_a_row", "Two meetings missed in a row"
        IN_COHORT = "in_cohort", "Three meetings missed in this group"

    class Cleared(models.TextChoices):
        ATTENDED = "attended", "Came to a later meeting"
        HANDLED = "handled", "Handled by the coordinator"

    enrollment = models.ForeignKey(
        "enrollment.Enrollment", on_delete=models.CASCADE, related_name="missed_flags"
    )
    trigger_session = models.ForeignKey(
        "cohorts.Session", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    raised_at = models.DateTimeField()
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_how = models.CharField(max_length=10, choices=Cleared.choices, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "missed-sessions flag"
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(cleared_at__isnull=True),
                name="missed_flag_one_open_per_member",
            ),
            models.UniqueConstraint(
                fields=["enrollment", "trigger_session"], name="missed_flag_once_per_trigger"
            ),
        ]

    def __str__(self) -> str:
        return f"Missed sessions: enrollment #{self.enrollment_id}"

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None


class CalendarFeed(models.Model):
    """A therapist's private calendar address. Only a hash of its token is kept, so the
    address cannot be read back from the database; regenerating replaces the hash (the old
    address stops answering at once) and turning it off deletes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar feed of user #{self.user_id}"
