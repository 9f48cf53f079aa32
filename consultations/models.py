"""Free 15-minute consultations with the Intake Coordinator, and when they can be booked.

No two live bookings of one coordinator overlap (buffer included). The database enforces
it: on PostgreSQL an exclusion constraint over tstzrange(starts_at, blocked_until), added
by migration 0002 (PostgreSQL only, so it is not in Meta); everywhere a unique constraint
on (coordinator, starts_at) of live bookings, with the booking service serialising writers
under a lock on the coordinator rows (SQLite: the IMMEDIATE write lock).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from groups_site.timezones import PACIFIC, Weekday

DURATION = timedelta(minutes=15)


class Coordinator(models.Model):
    """A staff member who takes consultation calls, with their booking rules."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intake_coordinator"
    )
    display_name = models.CharField(max_length=80, help_text="Shown to clients, e.g. 'Dana'.")
    is_active = models.BooleanField(
        default=True, verbose_name="taking bookings", help_text="Off: no new slots are offered."
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        default=5, help_text="Free minutes kept after each call before the next one."
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        default=4, help_text="A call can be booked at least this many hours ahead."
    )
    no_same_day = models.BooleanField(
        default=False,
        verbose_name="no same-day bookings",
        help_text="Online bookings start the next day (Pacific time) at the earliest.",
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=21, help_text="How many days ahead clients can book."
    )

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.CheckConstraint(
                name="coordinator_horizon_positive", condition=Q(horizon_days__gte=1)
            ),
            models.CheckConstraint(
                name="coordinator_buffer_bounded", condition=Q(buffer_minutes__lte=120)
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)


class WorkingHours(models.Model):
    """One weekly range of call hours in Pacific wall-clock time; a day may have several."""

    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField(help_text="Pacific time.")
    end_time = models.TimeField(help_text="Pacific time.")

    class Meta:
        ordering = ["coordinator", "weekday", "start_time"]
        verbose_name = "weekly hours"
        verbose_name_plural = "weekly hours"
        constraints = [
            models.CheckConstraint(
                name="working_hours_end_after_start", condition=Q(end_time__gt=F("start_time"))
            ),
            models.CheckConstraint(name="working_hours_weekday_range", condition=Q(weekday__lte=6)),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class AvailabilityException(models.Model):
    """A change to the weekly hours on given dates: time off, or extra hours.

    Time off without times covers whole days (a vacation from `date` to `until`); with times
    it removes that range on each of those days. Extra hours always need times.
    """

    class Kind(models.TextChoices):
        TIME_OFF = "time_off", "Time off"
        EXTRA = "extra", "Extra hours"

    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.CASCADE, related_name="exceptions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TIME_OFF)
    date = models.DateField()
    until = models.DateField(null=True, blank=True, help_text="Last day; empty: one day.")
    start_time = models.TimeField(null=True, blank=True, help_text="Empty: the whole day.")
    end_time = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = "date exception"
        constraints = [
            models.CheckConstraint(
                name="exception_times_together",
                condition=Q(start_time__isnull=True, end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__isnull=False, end_time__gt=F("start_time")),
            ),
            models.CheckConstraint(
                name="exception_extra_has_times",
                condition=~Q(kind="extra") | Q(start_time__isnull=False),
            ),
            models.CheckConstraint(
                name="exception_until_after_date",
                condition=Q(until__isnull=True) | Q(until__gte=F("date")),
            ),
        ]

    def __str__(self) -> str:
        days = f"{self.date:%b %-d}" + (f"-{self.until:%b %-d}" if self.until else "")
        hours = f" {self.start_time:%H:%M}-{self.end_time:%H:%M}" if self.start_time else ""
        return f"{self.get_kind_display()} {days}{hours}"

    @property
    def last_day(self):
        return self.until or self.date


class ConsultationQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=Consultation.LIVE)

    def upcoming(self, now):
        return self.filter(status=Consultation.Status.BOOKED, starts_at__gte=now)

    def on_pacific_day(self, day):
        from datetime import datetime, time

        start = datetime.combine(day, time.min, tzinfo=PACIFIC)
        end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=PACIFIC)
        return self.filter(starts_at__gte=start, starts_at__lt=end)


class Consultation(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "No-show"
        CANCELLED = "cancelled", "Cancelled"
        RESCHEDULED = "rescheduled", "Rescheduled"

    class Mode(models.TextChoices):
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"

    # Rows that hold the coordinator's time; a cancelled or moved booking frees it.
    LIVE = (Status.BOOKED, Status.COMPLETED, Status.NO_SHOW)

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="consultations"
    )
    lead = models.ForeignKey(
        "clients.Lead",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.PROTECT, related_name="consultations"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # ends_at plus the coordinator's buffer at booking time: the range the constraint guards.
    blocked_until = models.DateTimeField()
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.PHONE)
    note = models.TextField(blank=True, max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    rescheduled_to = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rescheduled_from",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staff member who booked it for a caller; empty: booked online.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["coordinator", "starts_at"],
                condition=Q(status__in=["booked", "completed", "no_show"]),
                name="consultation_one_live_per_start",
                violation_error_message="That time was just taken.",
            ),
            models.CheckConstraint(
                name="consultation_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))
            ),
            models.CheckConstraint(
                name="consultation_blocked_covers_call",
                condition=Q(blocked_until__gte=F("ends_at")),
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return (
            f"Consultation #{self.pk} {self.starts_at.astimezone(PACIFIC):%a %b %-d, %-I:%M %p %Z}"
        )

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    @property
    def starts_local(self):
        return self.starts_at.astimezone(PACIFIC)

    @property
    def ends_local(self):
        return self.ends_at.astimezone(PACIFIC)


class ConsultationEvent(models.Model):
    """History of a consultation: who moved it, when, from, to."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'start'} -> {self.to_status}"
