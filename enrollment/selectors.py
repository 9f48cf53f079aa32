"""Page-shaped reads for the sign-up and "my enrollment" pages (nothing here writes)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from cohorts.enrolling import enrolling_refusal as cohort_enrolling_refusal
from cohorts.models import Cohort, Session, Therapist

from .models import LIVE, OFFERABLE, WAITLIST_ORDER, Enrollment

S = Enrollment.Status


def seats_taken(cohort: Cohort) -> int:
    return Enrollment.objects.filter(cohort=cohort, holds_seat=True).count()


def first_meeting(cohort_id: int) -> Session | None:
    """A cohort's first held meeting as the schedule stands now (skipped weeks left out)."""
    return Session.objects.held().filter(cohort_id=cohort_id).order_by("starts_at").first()


def next_entry_point(cohort: Cohort, *, now: datetime) -> Session | None:
    """Where a new member starts: the first held meeting of a closed cohort (its deadline
    stops sign-ups once that has begun), or the next entry point of an open group."""
    if not cohort.is_open_group:
        return first_meeting(cohort.pk)
    return (
        Session.objects.held()
        .filter(cohort=cohort, is_entry_point=True, starts_at__gt=now)
        .order_by("starts_at")
        .first()
    )


_UNREAD = object()


def enrolling_refusal(cohort: Cohort, *, now: datetime, start: object = _UNREAD) -> str | None:
    """Why this cohort takes no sign-ups right now, or None when it does (the rule is
    `cohorts.enrolling`). `start`: an open group's next entry point when the caller has read
    it already (None: there is none). The services read only an open group's; a closed
    cohort's first meeting is read here, and only when no deadline of its own is set."""
    if cohort.is_open_group:
        if start is _UNREAD:
            start = next_entry_point(cohort, now=now)
    elif start is _UNREAD or start is None:
        start = first_meeting(cohort.pk) if cohort.enrollment_deadline is None else None
    start_at = start.starts_at if isinstance(start, Session) else None
    return cohort_enrolling_refusal(cohort, now=now, start_at=start_at)


def member_sessions(enrollment: Enrollment) -> list[Session]:
    """The meetings this member attends: all of a closed cohort's, or an open group's from
    the member's entry point on (as far as the schedule is laid out)."""
    sessions = Session.objects.held().filter(cohort_id=enrollment.cohort_id)
    if enrollment.cohort.is_open_group and enrollment.start_session is not None:
        sessions = sessions.filter(starts_at__gte=enrollment.start_session.starts_at)
    return list(sessions.order_by("starts_at"))


def member_start(enrollment: Enrollment, sessions: list[Session] | None = None) -> Session | None:
    """The meeting this person starts at: the entry point they joined an open group at, or a
    closed cohort's first meeting as the schedule stands now (a skipped or moved first week
    shows through; a closed cohort's place stores no start of its own). `sessions`: their
    `member_sessions`, when the caller has them already."""
    if enrollment.cohort.is_open_group:
        return enrollment.start_session
    if sessions is not None:
        return sessions[0] if sessions else None
    return first_meeting(enrollment.cohort_id)


def next_cohort(cohort: Cohort, *, now: datetime) -> Cohort | None:
    """The same group's soonest other cohort still taking sign-ups (full ones included:
    their waitlist is open), annotated with seats_taken."""
    return (
        Cohort.objects.published()
        .filter(group_id=cohort.group_id)
        .exclude(pk=cohort.pk)
        .with_schedule(now)
        .enrolling(now)
        .with_seats_taken()
        .select_related("group")
        .order_by(F("next_start").asc(nulls_last=True), "pk")
        .first()
    )


def _ahead_of(priority, created_at, pk) -> Q:
    """Waiting places offered a seat before one with these values: WAITLIST_ORDER as a filter
    (higher priority first, then earlier sign-up, then lower id)."""
    assert WAITLIST_ORDER == ("-priority", "created_at", "pk")  # keep the two in step
    return (
        Q(priority__gt=priority)
        | Q(priority=priority, created_at__lt=created_at)
        | Q(priority=priority, created_at=created_at, pk__lt=pk)
    )


def waitlist_position(enrollment: Enrollment) -> int:
    """1 for the next person to be offered a seat: priority first, then sign-up time.
    Only people an offer can go to are counted ahead (OFFERABLE)."""
    ahead = Enrollment.objects.filter(OFFERABLE, cohort_id=enrollment.cohort_id).filter(
        _ahead_of(enrollment.priority, enrollment.created_at, enrollment.pk)
    )
    if enrollment.couple_id is not None:
        # A couples group: offers go to couples, so the line is counted in couples.
        ahead = ahead.exclude(couple_id=enrollment.couple_id)
        return ahead.values("couple_id").distinct().count() + 1
    return ahead.count() + 1


def with_waitlist_position(queryset: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Annotate `waitlist_position` in the same query (a list of any size costs no extra
    query per row): the place in the line offers go out in, None for anyone an offer
    cannot go to yet (not waitlisted, urgent, or a staff placement still to confirm)."""
    ahead = (
        Enrollment.objects.filter(OFFERABLE, cohort_id=OuterRef("cohort_id"))
        .filter(_ahead_of(OuterRef("priority"), OuterRef("created_at"), OuterRef("pk")))
        .order_by()
        .values("cohort_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        waitlist_position=Case(
            When(
                OFFERABLE,
                then=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def schedule_audience(cohort_id: int) -> QuerySet[Enrollment]:
    """Who is told when a cohort's meetings change: everyone holding a seat (members,
    places being screened, open offers and placements awaiting confirmation). Waitlisted
    people without an offer and former members are not."""
    return Enrollment.objects.filter(cohort_id=cohort_id, holds_seat=True).order_by("pk")


def enrollment_for_page(enrollment_id: int) -> Enrollment | None:
    """A client's own place with what their pages show: the place, client, cohort and group
    in one query, the cohort's therapists by key in a second. An in-person group's office
    and an open group's starting meeting load on first use, only where the page needs them.

    Not one big select_related: PostgreSQL took longer to plan the seven-table join than
    these two queries take to run (docs/benchmarks.md)."""
    # By key, so no ORDER BY (`first()` would add one, and building it costs a fifth of the
    # query's Python time).
    found = Enrollment.objects.select_related("client", "cohort__group").filter(pk=enrollment_id)
    enrollment = next(iter(found.order_by()), None)
    if enrollment is None:
        return None
    cohort = enrollment.cohort
    keys = [pk for pk in (cohort.lead_therapist_id, cohort.co_therapist_id) if pk is not None]
    therapists = Therapist.objects.in_bulk(keys)
    cohort.lead_therapist = therapists[cohort.lead_therapist_id]
    if cohort.co_therapist_id is not None:
        cohort.co_therapist = therapists[cohort.co_therapist_id]
    return enrollment


def placement_cohorts(*, now: datetime) -> QuerySet[Cohort]:
    """Cohorts the coordinator can place someone in now (the ones taking sign-ups), soonest
    start first, each with seats_taken: one query whatever their number."""
    return (
        Cohort.objects.published()
        .with_schedule(now)
        .enrolling(now)
        .with_seats_taken()
        .select_related("group", "group__office")
        .order_by(F("next_start").asc(nulls_last=True), "pk")
    )


def with_partner(queryset: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Annotate each place in a couples group with its partner's client (id, first and last
    name), in the same query: `partner_client_id` is None for a place without a couple.
    Only the partner's name, never their answers."""
    partner = (
        Enrollment.objects.filter(couple_id=OuterRef("couple_id"))
        .exclude(pk=OuterRef("pk"))
        .order_by("pk")
    )
    return queryset.annotate(
        partner_client_id=Subquery(partner.values("client_id")[:1]),
        partner_first_name=Subquery(partner.values("client__first_name")[:1]),
        partner_last_name=Subquery(partner.values("client__last_name")[:1]),
        partner_status=Subquery(partner.values("status")[:1]),
    )


# --- couples on the coordinator's Today page ---------------------------------------------


def has_odd_free_seat(*, capacity: int, taken: int) -> bool:
    """A couples group's free seats come in pairs; an odd one left over (a partner who
    left alone, a capacity set odd) cannot be offered to a couple until its pair frees.
    For one cohort at a time (the cohort-fill page); Today lists them with
    enrollment.couples.odd_seats_waiting."""
    free = capacity - taken
    return free > 0 and free % 2 == 1


def couples_awaiting_partner() -> list[Enrollment]:
    """Places in a couples group still waiting for that partner's own confirmation (a held
    seat, or a waitlist place nobody has agreed to yet), soonest deadline first, each with
    its partner annotated (`with_partner`) and the couple's deadline. One row per couple,
    even when neither partner has confirmed yet (a couple the coordinator placed). One query."""
    waiting = Q(status=S.PLACED) | Q(status=S.WAITLISTED, agreed_at=None)
    rows = (
        with_partner(Enrollment.objects.filter(waiting, couple__isnull=False))
        .select_related("client", "couple", "cohort__group")
        .annotate(deadline=Coalesce("couple__confirm_by", "offer_expires_at"))
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )
    couples: dict[int | None, Enrollment] = {}
    for row in rows:
        couples.setdefault(row.couple_id, row)
    return list(couples.values())


def couples_awaiting_decision() -> list[Enrollment]:
    """Partners whose partner left with their own link: each place is kept until the
    coordinator decides whether they stay on alone (Today asks). One query."""
    return list(
        Enrollment.objects.filter(
            status__in=LIVE,
            couple__kept_alone_at__isnull=False,
            couple__kept_alone_by__isnull=True,
        )
        .select_related("client", "cohort__group", "couple")
        .order_by("couple__kept_alone_at", "pk")
    )
