from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groups_site.timezones import PACIFIC, WEEKDAY_PLURALS, Weekday

from .querysets import CohortQuerySet, SessionQuerySet

if TYPE_CHECKING:
    from .cards import CohortWords


class Office(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)
    street = models.CharField(max_length=120)
    city = models.CharField(max_length=60)
    postal_code = models.CharField(max_length=10)
    serves = models.CharField(
        "area served",
        max_length=100,
        blank=True,
        help_text="A phrase shown under the name, for example: Serving the Temecula Valley.",
    )
    directions = models.TextField(blank=True, help_text="Entrance, floor, suite.")
    hours = models.TextField(
        blank=True, help_text="Office hours, one line per day or range of days."
    )
    parking = models.TextField(blank=True)
    transit = models.TextField(blank=True, help_text="Buses and trains that stop nearby.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cohorts:office", kwargs={"slug": self.slug})

    @property
    def map_url(self) -> str:
        """A plain link to a map search for the address: nothing is embedded or fetched."""
        return "https://www.google.com/maps/search/?" + urlencode(
            {"api": "1", "query": self.address}
        )

    @property
    def address(self) -> str:
        return f"{self.street}, {self.city}, CA {self.postal_code}"


# California titles (Board of Behavioral Sciences and Board of Psychology) by the
# abbreviation staff type in `credentials`; an associate holds a registration, not a license.
LICENSE_TITLES = {
    "LMFT": _("Licensed Marriage and Family Therapist"),
    "AMFT": _("Associate Marriage and Family Therapist"),
    "LCSW": _("Licensed Clinical Social Worker"),
    "ACSW": _("Associate Clinical Social Worker"),
    "LPCC": _("Licensed Professional Clinical Counselor"),
    "APCC": _("Associate Professional Clinical Counselor"),
    "PSYD": _("Licensed Psychologist"),
    "PHD": _("Licensed Psychologist"),
}
ASSOCIATE_CREDENTIALS = {"AMFT", "ACSW", "APCC"}
# Widths (px) of the stored renditions of a therapist's photo: cohorts/photos.py.
PHOTO_WIDTHS = (160, 320, 480)


class Therapist(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="therapist"
    )
    display_name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)
    pronouns = models.CharField(max_length=30, blank=True)
    credentials = models.CharField(max_length=40, help_text="For example LMFT or AMFT.")
    license_number = models.CharField(max_length=30, blank=True)
    bio = models.TextField(blank=True)
    is_listed = models.BooleanField(default=True, help_text="Shown on the public site.")
    # Set only by cohorts.photos: names the stored renditions (never the uploaded file).
    photo_key = models.CharField(max_length=32, blank=True, editable=False)
    photo_widths = models.JSONField(default=list, blank=True, editable=False)
    photo_alt = models.CharField(
        "photo description",
        max_length=200,
        blank=True,
        help_text="Read aloud to people who cannot see the photo. Empty: “Photo of <name>”.",
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name}, {self.credentials}"

    def get_absolute_url(self) -> str:
        return reverse("cohorts:therapist", kwargs={"slug": self.slug})

    @property
    def license_title(self) -> str:
        """The title with its abbreviation (for LMFT); other credentials as typed."""
        code = self.credentials.strip()
        title = LICENSE_TITLES.get(code.upper().replace(".", ""))
        return f"{title} ({code})" if title else code

    @property
    def is_associate(self) -> bool:
        return self.credentials.strip().upper() in ASSOCIATE_CREDENTIALS

    @property
    def license_digits(self) -> str:
        """The number without the abbreviation staff often type before it ("LMFT 118240")."""
        number = self.license_number.strip()
        code = self.credentials.strip()
        if code and number.upper().startswith(code.upper()):
            number = number[len(code) :].strip(" #-:")
        return number.lstrip("#").strip()

    def photo_url(self, width: int) -> str:
        return reverse("therapist_photo", kwargs={"key": self.photo_key, "width": width})

    @property
    def photo_srcset(self) -> str:
        return ", ".join(f"{self.photo_url(w)} {w}w" for w in self.photo_widths)

    @property
    def photo_src(self) -> str:
        """The smallest rendition: the fallback for browsers without srcset."""
        return self.photo_url(min(self.photo_widths)) if self.photo_widths else ""

    @property
    def photo_alt_text(self) -> str:
        return self.photo_alt or gettext("Photo of %(name)s") % {"name": self.display_name}


class TherapyGroup(models.Model):
    class Focus(models.TextChoices):
        MENS = "mens", _("Men's group")
        WOMENS = "womens", _("Women's group")
        MIXED = "mixed", _("Mixed group")
        COUPLES = "couples", _("Couples group")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online (video)")
        IN_PERSON = "in_person", _("In person")

    class Kind(models.TextChoices):
        CLOSED = "closed", "Closed cohort"
        OPEN = "open", "Open group"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    focus = models.CharField(max_length=10, choices=Focus.choices)
    topic = models.CharField(max_length=120)
    summary = models.TextField()
    who_it_is_for = models.TextField()
    what_to_expect = models.TextField()
    format = models.CharField(max_length=10, choices=Format.choices)
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.PROTECT, related_name="groups"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CLOSED)
    session_minutes = models.PositiveSmallIntegerField(default=90)
    default_capacity = models.PositiveSmallIntegerField(default=8)
    fee_text = models.CharField(max_length=160, blank=True)
    # The language the meetings are held in; not the language of the page it is read on.
    sessions_language = models.CharField(
        "sessions held in", max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    is_listed = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="group_in_person_has_office",
                condition=Q(format="online") | Q(office__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cohorts:group", kwargs={"slug": self.slug})

    @property
    def is_online(self) -> bool:
        return self.format == self.Format.ONLINE

    @property
    def is_held_in_spanish(self) -> bool:
        return self.sessions_language == self.Language.SPANISH


COUPLES_CAPACITY_EVEN = (
    "A couples group counts seats two a couple: please give an even capacity (12 is six couples)."
)
COUPLES_MINIMUM_EVEN = "A couples group counts seats two a couple: please give an even minimum."


class Cohort(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    group = models.ForeignKey(TherapyGroup, on_delete=models.PROTECT, related_name="cohorts")
    lead_therapist = models.ForeignKey(
        Therapist, on_delete=models.PROTECT, related_name="led_cohorts"
    )
    co_therapist = models.ForeignKey(
        Therapist,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_led_cohorts",
    )
    first_session_date = models.DateField()
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField(help_text="Local wall-clock time in Pacific time.")
    session_count = models.PositiveSmallIntegerField(
        default=8,
        help_text="Weekly sessions. For an open group: how many weeks ahead are scheduled.",
    )
    entry_interval_weeks = models.PositiveSmallIntegerField(
        default=4, help_text="Open groups only: new members start every this many weeks."
    )
    capacity = models.PositiveSmallIntegerField()
    min_to_run = models.PositiveSmallIntegerField(default=4)
    enrollment_deadline = models.DateTimeField(
        null=True, blank=True, help_text="Empty: the start of the first session."
    )
    fee_text = models.CharField(max_length=160, blank=True, help_text="Empty: the group's fee.")
    # Shown to the cohort's therapists on the print roster; members get it by email.
    video_link = models.URLField(
        blank=True, help_text="Online groups: the video room the meetings are held in."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CohortQuerySet.as_manager()

    # Not columns: set on the rows that CohortQuerySet.with_seats_taken()/with_schedule()
    # and the group page's selector return; declared so the type checker knows them.
    seats_taken: int
    first_start: datetime | None
    next_start: datetime | None
    last_start: datetime | None
    next_cohort_start: datetime | None
    meetings_not_over: list[dict]
    card_names: dict[str, str | None]
    upcoming_sessions: list["Session"]
    meeting_items: str
    entry_point_items: str
    entry_points: list["Session"]
    words: "CohortWords"

    class Meta:
        ordering = ["first_session_date", "start_time"]
        constraints = [
            models.CheckConstraint(name="cohort_capacity_positive", condition=Q(capacity__gte=1)),
            models.CheckConstraint(
                name="cohort_min_within_capacity", condition=Q(min_to_run__lte=models.F("capacity"))
            ),
            models.CheckConstraint(name="cohort_weekday_range", condition=Q(weekday__lte=6)),
            models.CheckConstraint(
                name="cohort_session_count_positive", condition=Q(session_count__gte=1)
            ),
        ]
        indexes = [models.Index(fields=["status", "first_session_date"])]

    def __str__(self) -> str:
        return f"{self.group.name}: {self.first_session_date:%b %-d, %Y}"

    def get_absolute_url(self) -> str:
        return f"{self.group.get_absolute_url()}#cohort-{self.pk}"

    def clean(self) -> None:
        # A couples group seats couples: capacity and minimum are stored in seats, two a couple.
        group = self.group if self.group_id else None
        if group is not None and group.focus == TherapyGroup.Focus.COUPLES:
            errors = {}
            if self.capacity is not None and self.capacity % 2:
                errors["capacity"] = COUPLES_CAPACITY_EVEN
            if self.min_to_run is not None and self.min_to_run % 2:
                errors["min_to_run"] = COUPLES_MINIMUM_EVEN
            if errors:
                raise ValidationError(errors)

    @property
    def is_open_group(self) -> bool:
        return self.group.kind == TherapyGroup.Kind.OPEN

    @property
    def weekdays(self) -> str:
        """ "Mondays": the meeting day as a weekly habit, in the active language."""
        return str(WEEKDAY_PLURALS[Weekday(self.weekday)])

    @property
    def first_session_start(self):
        from datetime import datetime

        return datetime.combine(self.first_session_date, self.start_time, tzinfo=PACIFIC)

    @property
    def effective_enrollment_deadline(self):
        """Closed cohorts stop enrolling at the deadline, by default the first session."""
        if self.is_open_group:
            return None
        return self.enrollment_deadline or self.first_session_start

    @property
    def session_length(self) -> timedelta:
        return timedelta(minutes=self.group.session_minutes)

    @property
    def price_text(self) -> str:
        return self.fee_text or self.group.fee_text

    def therapists(self) -> list[Therapist]:
        return [t for t in (self.lead_therapist, self.co_therapist) if t is not None]


class Session(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        SKIPPED = "skipped", "Skipped (no meeting this week)"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    # The weekly slot this session belongs to, in Pacific time; stays put when moved.
    scheduled_date = models.DateField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    is_moved = models.BooleanField(
        default=False, help_text="Moved by hand; regeneration leaves it where it is."
    )
    is_entry_point = models.BooleanField(
        default=False, help_text="New members of an open group start here."
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "scheduled_date"], name="session_one_per_week_slot"
            ),
            models.CheckConstraint(
                name="session_ends_after_start", condition=Q(ends_at__gt=models.F("starts_at"))
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.cohort.group.name} on {self.starts_at.astimezone(PACIFIC):%a %b %-d, %-I:%M %p}"
        )

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.SCHEDULED
