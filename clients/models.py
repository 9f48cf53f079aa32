from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"


class ClientQuerySet(models.QuerySet):
    def with_email(self, email: str) -> ClientQuerySet:
        """Match an address the way the unique index does, so the index is used (a
        case-insensitive `iexact` compares upper-cased text and reads the whole table)."""
        return self.alias(email_lower=Lower("email")).filter(
            email_lower=Lower(Value(email.strip(), output_field=models.EmailField()))
        )


class Client(models.Model):
    """One person who contacted the practice; matched on email, case-insensitively."""

    email = models.EmailField()
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60, blank=True)
    preferred_name = models.CharField(max_length=60, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    state = models.CharField(max_length=2, blank=True, help_text="Where they live (US state).")
    city = models.CharField(max_length=60, blank=True)
    # The language of the page they last signed up, booked or wrote to us from: every email
    # to them is written in it (see notifications.registry.render_email). Most recent wins.
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text="Emails to this person are written in this language.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the person's data was erased (on request, or by the retention rule): the row
    # stays so counts and the shape of history hold, with nothing personal left in it.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ClientQuerySet.as_manager()
    # Who changed which detail and when, old and new value (California's CMIA asks for it).
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # Not a column: True on the instance `client_get_or_create` returns when that call wrote
    # the row, so nothing else (a lead, a place) can belong to it yet in this transaction.
    written_now: bool = False

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="client_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def greeting_name(self) -> str:
        """First name only: what emails and pages call the client."""
        return self.preferred_name or self.first_name


class Lead(models.Model):
    """An intake request, triaged by the Intake Coordinator through the pipeline."""

    class Source(models.TextChoices):
        GET_STARTED = "get_started", "Get started form"
        CONSULTATION = "consultation", "Consultation booking"
        GROUP_SIGNUP = "group_signup", "Group sign-up"
        PHONE = "phone", "Phone call (entered by staff)"

    class Interest(models.TextChoices):
        GROUP = "group", "A therapy group"
        COUPLES = "couples", "Couples counseling"
        INDIVIDUAL = "individual", "Individual therapy"
        NOT_SURE = "not_sure", "Not sure yet"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        CONSULTATION_BOOKED = "consultation_booked", "Consultation booked"
        CONSULTATION_DONE = "consultation_done", "Consultation done"
        OFFERED = "offered", "Offered a group"
        ENROLLED = "enrolled", "Enrolled"
        WAITLISTED = "waitlisted", "Waitlisted"
        REFERRED_OUT = "referred_out", "Referred out"
        NOT_A_FIT = "not_a_fit", "Not a fit"
        NO_RESPONSE = "no_response", "No response"

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="leads")
    source = models.CharField(max_length=20, choices=Source.choices)
    interest = models.CharField(max_length=20, choices=Interest.choices, default=Interest.NOT_SURE)
    interested_group = models.ForeignKey(
        "cohorts.TherapyGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    is_urgent = models.BooleanField(
        default=False, help_text="The client reported thoughts of harming themselves or others."
    )
    message = models.TextField(blank=True, max_length=1000)
    preferred_times = models.CharField(max_length=200, blank=True)
    heard_about = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Working the lead: who owns it (by default whoever first contacts the person), when
    # they were first and last reached, and when to try again. Set through clients.services.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_contacted_at = models.DateTimeField(null=True, blank=True)
    last_contacted_at = models.DateTimeField(null=True, blank=True)
    follow_up_on = models.DateField(
        null=True, blank=True, verbose_name="next follow-up", help_text="Pacific date."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_urgent", "-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Lead #{self.pk} ({self.get_status_display()})"


# A lead still being worked, and the statuses only a person decides (facts never move them).
LEAD_OPEN = (
    Lead.Status.NEW,
    Lead.Status.CONTACTED,
    Lead.Status.CONSULTATION_BOOKED,
    Lead.Status.CONSULTATION_DONE,
    Lead.Status.OFFERED,
    Lead.Status.WAITLISTED,
)
LEAD_CLOSED_BY_HAND = (Lead.Status.REFERRED_OUT, Lead.Status.NOT_A_FIT, Lead.Status.NO_RESPONSE)


class LeadEvent(models.Model):
    """History of a lead's pipeline: who or what moved it, when, from, to and why."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'start'} -> {self.to_status}"


class ClientNote(models.Model):
    """What happened on a call, or anything else staff want the next person to know.

    Staff-only working notes; they appear in the client's timeline with who wrote them.
    """

    class Kind(models.TextChoices):
        CALL = "call", "Call"
        NOTE = "note", "Note"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="notes")
    lead = models.ForeignKey(
        Lead, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CALL)
    text = models.TextField(max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} about client #{self.client_id}"


class ClosedDay(models.Model):
    """A weekday the practice is closed (a holiday): it does not count as a business day
    when deciding whether a new lead waited too long for a first call."""

    date = models.DateField(unique=True)
    note = models.CharField(max_length=80, blank=True, help_text="For example: Thanksgiving.")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%a %b %-d, %Y}" + (f" ({self.note})" if self.note else "")


class ClientAccessLog(models.Model):
    """Who viewed a client's details, and where: required for mental-health records.

    Written only through clients.access.access_record. One row per client shown; a search
    or list that showed nobody has one row without a client.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Opened a page"
        LIST = "list", "Listed"
        SEARCH = "search", "Searched"
        EXPORT = "export", "Exported"
        ERASE = "erase", "Erased"

    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.VIEW)
    where = models.CharField(max_length=120, help_text="Page or screen, never query data.")
    result_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many records the page or search showed."
    )

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["client", "viewed_at"])]

    def __str__(self) -> str:
        return f"{self.user} viewed client #{self.client_id} ({self.where})"


class EmergencyContact(models.Model):
    """Who to call if a member is in crisis during a meeting (an online one above all).

    Kept apart from Client so the rows that email, export or list clients never carry it:
    only the cohort's therapists (after asking to see it, which is logged) and the
    coordinator read it. It is never put in an email.
    """

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, related_name="emergency_contact"
    )
    name = models.CharField(max_length=80)
    relationship = models.CharField(max_length=40, blank=True)
    phone = models.CharField(max_length=30)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Emergency contact of client #{self.client_id}"
