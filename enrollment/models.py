from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cohorts.models import Cohort


class EnrollmentStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SCREENING = "screening", "Screening"
    ENROLLED = "enrolled", "Enrolled"
    WAITLISTED = "waitlisted", "Waitlisted"
    OFFERED = "offered", "Offered a seat"
    # Placed by the coordinator; the seat is held until the person confirms the agreement,
    # their location and the safety question themselves (or the confirmation window ends).
    PLACED = "placed", "Awaiting the person's confirmation"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DECLINED = "declined", "Declined"


# Seat holders: everyone the practice has said yes to or is still considering, plus an open
# offer and a staff placement awaiting the person's confirmation (each keeps the seat for
# that person until it ends).
SEAT_HOLDING = (
    EnrollmentStatus.REQUESTED,
    EnrollmentStatus.SCREENING,
    EnrollmentStatus.ENROLLED,
    EnrollmentStatus.OFFERED,
    EnrollmentStatus.PLACED,
)
# The order in which waitlist offers go out: higher priority first, then sign-up time (the
# primary key breaks a tie). Offers, positions and the admin list all use this one order.
WAITLIST_ORDER = ("-priority", "created_at", "pk")
# Who on a waitlist can be offered a seat: not someone flagged urgent (a person talks to
# them first), nor someone staff put there who has not yet given their own answers.
OFFERABLE = Q(status=EnrollmentStatus.WAITLISTED, is_urgent=False) & ~Q(agreed_at=None)
# States that end by themselves at `offer_expires_at` unless the person acts.
TIME_LIMITED = (EnrollmentStatus.OFFERED, EnrollmentStatus.PLACED)
# Live: at most one per client per cohort. Withdrawn and declined rows stay as history.
LIVE = (*SEAT_HOLDING, EnrollmentStatus.WAITLISTED)


class GroupAgreement(models.Model):
    """The ground rules a member agrees to, versioned: an enrollment stores the version it
    agreed to, so a later rewording never changes what someone said yes to.

    The newest agreement for a cohort wins, then the newest for its group, then the newest
    practice-wide one (neither group nor cohort set). `online_text` is added for online
    cohorts (private room, camera on, in California at every session).
    """

    group = models.ForeignKey(
        "cohorts.TherapyGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        help_text="Empty: applies to every group without its own agreement.",
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        help_text="Only for one cohort that needs its own wording.",
    )
    version = models.CharField(max_length=20, help_text="For example 2026-1.")
    text = models.TextField(help_text="One commitment per line.")
    online_text = models.TextField(
        blank=True, help_text="Added for online cohorts. One commitment per line."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        scope = self.cohort or self.group or "every group"
        return f"Group agreement {self.version} ({scope})"

    def lines(self, *, online: bool) -> list[str]:
        text = self.text + ("\n" + self.online_text if online and self.online_text else "")
        return [line.strip() for line in text.splitlines() if line.strip()]


class Couple(models.Model):
    """Two partners enrolling in a couples group together.

    Each partner has their own Enrollment row (status, answers, emails, attendance), tied
    here; nothing one partner answers sits on the other's row. The pair holds two seats
    or none (a database trigger checks it at commit), unless the coordinator decided that
    one partner stays on alone after the other left (`kept_alone_at`).
    """

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.PROTECT, related_name="couples")
    created_at = models.DateTimeField(auto_now_add=True)
    # The deadline for the partner who has not yet given their own answers (agreement,
    # location, safety); empty once both have. Past it, both places end.
    confirm_by = models.DateTimeField(null=True, blank=True)
    # One partner left and the coordinator decided the other stays: from then on the one
    # left holds a single seat legitimately.
    kept_alone_at = models.DateTimeField(null=True, blank=True)
    kept_alone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["confirm_by"])]

    def __str__(self) -> str:
        return f"Couple #{self.pk}"


class Enrollment(models.Model):
    """A client's place in a cohort (or in its waitlist)."""

    Status = EnrollmentStatus

    class SeeingTherapist(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"

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
        # Django takes a Q here; the stubs expect an Expression.
        expression=Q(status__in=SEAT_HOLDING),  # type: ignore[arg-type]
        output_field=models.BooleanField(),
        db_persist=True,
    )
    is_urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Waitlist order: higher priority first, then sign-up time (created_at).
    priority = models.SmallIntegerField(
        default=0, help_text="Higher goes first on the waitlist; equal ones by sign-up time."
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # When an open offer, or a staff placement awaiting confirmation, ends by itself.
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # Open groups: the entry point this member starts at.
    start_session = models.ForeignKey(
        "cohorts.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead = models.ForeignKey(
        "clients.Lead", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the sign-up form asked; seen by staff only.
    seeing_therapist = models.CharField(max_length=3, choices=SeeingTherapist.choices, blank=True)
    hopes = models.TextField(max_length=500, blank=True)
    confirmed_adult = models.BooleanField(default=False)
    agreement = models.ForeignKey(
        GroupAgreement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreement_version = models.CharField(max_length=20, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    # Couples groups: the pair this place belongs to (each partner has their own row).
    couple = models.ForeignKey(
        Couple, null=True, blank=True, on_delete=models.PROTECT, related_name="partners"
    )

    # Field-level history (old and new value, who, when) beside the EnrollmentEvent log of
    # moves; holds_seat is derived by the database, so a copy of it would say nothing.
    history = HistoricalRecords(excluded_fields=["holds_seat"])

    # Not a column: set by the enrollment move services on the row they return, the places
    # a seat it freed was offered to (see enrollment.services.moves._move).
    offers_made: list["Enrollment"]
    # Likewise: a partner whose place followed this one's move (couples groups).
    partners_moved: list["Enrollment"]

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "cohort"],
                condition=Q(status__in=LIVE),
                name="enrollment_one_live_per_client_cohort",
            ),
            models.CheckConstraint(
                name="enrollment_time_limited_has_expiry",
                condition=~Q(status__in=TIME_LIMITED) | Q(offer_expires_at__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "status"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"Enrollment #{self.pk} ({self.get_status_display()})"


class EnrollmentEvent(models.Model):
    """Every move of an enrollment: who or what made it, when, from, to and why."""

    class By(models.TextChoices):
        CLIENT = "client", "The client"
        STAFF = "staff", "Staff"
        SYSTEM = "system", "The site (automatic)"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.CharField(max_length=10, choices=By.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'start'} -> {self.to_status}"


class CohortFill(Cohort):
    """How full each cohort is, for the coordinator's "Cohort fill" list in admin."""

    class Meta:
        proxy = True
        verbose_name = "cohort fill"
        verbose_name_plural = "cohort fill"
