"""Page-shaped reads for the public site: each returns rows with what its template needs.

Seat counts come from enrollment rows (`with_seats_taken`, or its plain-SQL spelling for the
lists, `with_seats_and_schedule_sql`), never from a stored counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext

from .cards import cohort_words, entry_point_items, meeting_items
from .enrolling import annotated_start_at, enrolling_refusal
from .models import Cohort, Office, Session, Therapist, TherapyGroup
from .places import places_left
from .querysets import CohortQuerySet

# In English here, for code and tests to match; cohort_seats shows them in the page's language.
FULL = gettext_noop("Full - join the waitlist")
ENROLLMENT_CLOSED = gettext_noop("Enrollment closed")
NEXT_COHORT = gettext_noop("Enrollment closed - next cohort starts {day}")


@dataclass(frozen=True)
class Seats:
    """What a visitor is told about a cohort's places, and what they can do about it."""

    state: str  # "open", "full" or "closed"
    label: str
    left: int

    @property
    def can_sign_up(self) -> bool:
        return self.state == "open"

    @property
    def can_join_waitlist(self) -> bool:
        return self.state == "full"


def seats_left_label(left: int) -> str:
    return ngettext("%(count)d seat left", "%(count)d seats left", left) % {"count": left}


def couples_places_label(left: int) -> str:
    return ngettext("%(count)d couple's place left", "%(count)d couples' places left", left) % {
        "count": left
    }


def cohort_seats(cohort: Cohort, *, now: datetime) -> Seats:
    """Seat wording for a cohort read by `with_seats` (seats_taken and the schedule).

    A couples group speaks in couples' places (`places.places_left`: an odd seat left over
    is no place), as the catalogue's "open seats" filter counts them."""
    left = places_left(cohort, taken=cohort.seats_taken)
    couples = cohort.group.focus == TherapyGroup.Focus.COUPLES
    if couples and left and cohort_is_enrolling(cohort, now=now):
        return Seats("open", couples_places_label(left), left)
    if not cohort_is_enrolling(cohort, now=now):
        if cohort.next_cohort_start:
            starts = timezone.localtime(cohort.next_cohort_start)
            day = date_format(starts, pgettext("date format", "D, M j"))
            return Seats("closed", gettext(NEXT_COHORT).format(day=day), left)
        return Seats("closed", gettext(ENROLLMENT_CLOSED), left)
    if left == 0:
        return Seats("full", gettext(FULL), 0)
    return Seats("open", seats_left_label(left), left)


def cohort_is_enrolling(cohort: Cohort, *, now: datetime) -> bool:
    """For a cohort read through `with_schedule` or `with_seats`, as `CohortQuerySet.enrolling`
    selects."""
    return enrolling_refusal(cohort, now=now, start_at=annotated_start_at(cohort)) is None


# The columns a list of cohorts shows: the group's row is wide (modeltranslation doubles
# every text column, and descriptions are long), and a card needs few of them. The
# therapists' and office's names come with the row (`with_card_names_sql`).
CARD_FIELDS = (
    *("group", "first_session_date", "weekday", "start_time", "session_count", "capacity"),
    *("enrollment_deadline", "status", "group__name", "group__slug", "group__focus"),
    *("group__topic", "group__format", "group__kind", "group__sessions_language"),
    "group__is_listed",
)


def _public_rows(now: datetime) -> CohortQuerySet:
    """Published cohorts in listed groups with a held meeting still ahead, with their seats
    taken and their schedule.

    The meeting ahead, seats and schedule are plain SQL subqueries (CohortQuerySet's *_sql
    methods): Django builds and compiles each ORM subquery as a whole query, and writes it
    out again wherever it is filtered or ordered on, which cost a list more than its
    template. The order is set in Python, by `with_seats`."""
    return (
        Cohort.objects.published()
        .meeting_ahead_sql(now)
        .with_seats_and_schedule_sql(now)
        .order_by()
    )


def public_cohorts(*, now: datetime) -> CohortQuerySet:
    """`_public_rows` with the columns and names their cards need: one query. Chain
    filters, then pass it to `with_seats`, which orders the rows."""
    return _public_rows(now).with_card_names_sql().select_related("group").only(*CARD_FIELDS)


def _listing_order(cohort: Cohort) -> tuple:
    """The next time one can start (none: last), then the first meeting, then the id."""
    return (
        cohort.next_start is None,
        cohort.next_start or datetime.min.replace(tzinfo=UTC),
        cohort.first_session_date,
        cohort.start_time,
        cohort.pk,
    )


def with_seats(cohorts, *, now: datetime) -> list[Cohort]:
    """Rows of `public_cohorts` with their seat wording, in listing order."""
    rows = sorted(cohorts, key=_listing_order)
    for cohort in rows:
        cohort.seats = cohort_seats(cohort, now=now)
        cohort.has_started = cohort.first_start is not None and cohort.first_start <= now
    return rows


def enrolling_cohorts(*, now: datetime) -> list[Cohort]:
    """The listed cohorts taking sign-ups, as `with_seats` returns them, soonest start first."""
    rows = with_seats(public_cohorts(now=now), now=now)
    return [c for c in rows if cohort_is_enrolling(c, now=now)]


@dataclass
class GroupPage:
    group: TherapyGroup
    cohorts: list[Cohort]
    therapists: list[Therapist]


def _moment(text: str) -> datetime:
    """A stored moment as JSON writes it: PostgreSQL with its offset, SQLite in UTC without."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def meetings_not_over(cohort: Cohort) -> list[Session]:
    """The sessions `with_meetings_not_over_sql` read for `cohort`, as Session rows, in
    time order (sorted here too: SQLite does not promise its aggregate keeps the order)."""
    meetings = [
        Session(
            id=meeting["id"],
            cohort_id=cohort.pk,
            scheduled_date=date.fromisoformat(meeting["scheduled_date"]),
            starts_at=_moment(meeting["starts_at"]),
            ends_at=_moment(meeting["ends_at"]),
            status=meeting["status"],
            is_moved=bool(meeting["is_moved"]),  # SQLite says 0 or 1
            is_entry_point=bool(meeting["is_entry_point"]),
        )
        for meeting in cohort.meetings_not_over
    ]
    return sorted(meetings, key=lambda session: session.starts_at)


def group_page(*, slug: str, now: datetime | None = None) -> GroupPage | None:
    """A group with its upcoming cohorts, their meetings and therapists: one query (the
    group and the meetings are read with the cohorts; the group on its own only when it
    has none). None when no listed group has this slug."""
    now = now or timezone.now()
    cohorts = with_seats(
        # Every column: the page shows the group, its office, the therapists' profiles and
        # the fees, and naming them all in only() cost more to compile than they weigh.
        _public_rows(now)
        .filter(group__slug=slug)
        .with_meetings_not_over_sql(now)
        .select_related("group__office", "lead_therapist", "co_therapist"),
        now=now,
    )
    group: TherapyGroup | None = cohorts[0].group if cohorts else None
    if group is None:
        group = (
            TherapyGroup.objects.select_related("office").filter(slug=slug, is_listed=True).first()
        )
        if group is None:
            return None
    therapists: dict[int, Therapist] = {}
    for cohort in cohorts:
        cohort.group = group  # one object for the page, as its template expects
        upcoming = meetings_not_over(cohort)
        cohort.upcoming_sessions = upcoming
        cohort.meeting_items = meeting_items(upcoming)
        cohort.entry_points = [
            s for s in upcoming if s.is_entry_point and s.is_held and s.starts_at > now
        ][:3]
        cohort.entry_point_items = entry_point_items(cohort.entry_points)
        cohort.words = cohort_words(cohort)
        for therapist in cohort.therapists():
            if therapist.is_listed:
                therapists.setdefault(therapist.pk, therapist)
    return GroupPage(group=group, cohorts=cohorts, therapists=list(therapists.values()))


@dataclass
class TherapistPage:
    therapist: Therapist
    cohorts: list[Cohort]


def card_names(cohort: Cohort) -> dict[str, str | None]:
    """`CohortQuerySet.with_card_names_sql`'s object, for a cohort read with its
    therapists and its group's office."""
    lead, co, office = cohort.lead_therapist, cohort.co_therapist, cohort.group.office
    return {
        "lead": lead.display_name,
        "lead_credentials": lead.credentials,
        "co": co.display_name if co else None,
        "co_credentials": co.credentials if co else None,
        "city": office.city if office else None,
    }


def therapist_page(*, slug: str, now: datetime | None = None) -> TherapistPage | None:
    """A therapist with the cohorts they lead or co-lead: one query when they have some
    (the therapist comes with them), two when not. None when no listed therapist has
    this slug."""
    now = now or timezone.now()
    led = Q(lead_therapist__slug=slug) | Q(co_therapist__slug=slug)
    # Every column: the therapist's whole profile comes through the cohorts' rows.
    cohorts = with_seats(
        _public_rows(now)
        .filter(led)
        .select_related("group__office", "lead_therapist", "co_therapist"),
        now=now,
    )
    for cohort in cohorts:  # the cards' names, from the rows already joined
        cohort.card_names = card_names(cohort)
    therapist = next((t for c in cohorts for t in c.therapists() if t.slug == slug), None)
    if therapist is None:
        therapist = Therapist.objects.filter(slug=slug).first()
    if therapist is None or not therapist.is_listed:
        return None
    return TherapistPage(therapist=therapist, cohorts=cohorts)


@dataclass
class OfficePage:
    office: Office
    groups: list[TherapyGroup]


def office_page(*, slug: str) -> OfficePage | None:
    """An office with the listed groups that meet there: two queries. None for no such slug."""
    office = Office.objects.filter(slug=slug).first()
    if office is None:
        return None
    groups = list(office.groups.filter(is_listed=True).order_by("pk"))
    return OfficePage(office=office, groups=groups)


def offices_list() -> list[Office]:
    return list(Office.objects.order_by("city", "pk"))
