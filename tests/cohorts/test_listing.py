"""Lists of cohorts read their seats and schedule through plain SQL
(`with_seats_and_schedule_sql`), the sign-up pages through the ORM (`with_seats_taken`,
`with_schedule`): the two give one answer. Lists are ordered in Python (`with_seats`)."""

import datetime as dt

from django.utils import timezone

from cohorts.models import Cohort, Session, TherapyGroup
from cohorts.selectors import enrolling_cohorts, meetings_not_over, public_cohorts, with_seats
from cohorts.services import cohort_skip_week
from enrollment.models import Enrollment
from tests.couples import partner_stayed_alone
from tests.factories import CohortFactory, CouplesCohortFactory, TherapyGroupFactory

from .helpers import take_seats, today
from .test_enrolling import _cases

ANSWERS = ("seats_taken", "first_start", "next_start", "next_cohort_start")


def _practice(now):
    _cases(now)
    group = TherapyGroupFactory()
    begun_day = today() - dt.timedelta(days=14)
    begun = CohortFactory(group=group, first_session_date=begun_day)
    cohort_skip_week(cohort_id=begun.pk, day=begun.sessions.all()[3].scheduled_date)
    take_seats(begun, 3)
    take_seats(begun, 2, status=Enrollment.Status.WAITLISTED)
    following = CohortFactory(group=group, first_session_date=today() + dt.timedelta(days=40))
    cohort_skip_week(cohort_id=following.pk, day=following.first_session_date)
    CohortFactory(group=group, first_session_date=today() + dt.timedelta(days=80), draft=True)
    # Laid out with an open group's entry points, then its group made closed.
    reclosed = CohortFactory(group__kind=TherapyGroup.Kind.OPEN, first_session_date=begun_day)
    reclosed.group.kind = TherapyGroup.Kind.CLOSED
    reclosed.group.save()
    partner_stayed_alone(CouplesCohortFactory())  # one seat held outside a pair
    return begun


def test_the_sql_spelling_gives_the_orm_spelling_s_answers(db):
    now = timezone.now()
    _practice(now)

    orm = {c.pk: c for c in Cohort.objects.with_seats_taken().with_schedule(now)}
    sql = list(Cohort.objects.with_seats_and_schedule_sql(now))

    assert len(sql) == len(orm) >= 13
    for cohort in sql:
        for name in ANSWERS:
            assert getattr(cohort, name) == getattr(orm[cohort.pk], name), (cohort, name)


def test_a_meeting_ahead_in_sql_is_a_last_start_ahead_in_the_orm(db):
    now = timezone.now()
    _practice(now)
    orm = Cohort.objects.with_schedule(now).filter(last_start__gte=now)

    ahead = set(Cohort.objects.meeting_ahead_sql(now).values_list("pk", flat=True))

    assert ahead == set(orm.values_list("pk", flat=True))
    assert 0 < len(ahead) < Cohort.objects.count()


def test_a_meeting_ahead_is_judged_at_the_same_instant_in_any_time_zone(db):
    cohort = CohortFactory()
    last = cohort.sessions.order_by("-starts_at").first().starts_at

    def ahead(now):
        return Cohort.objects.meeting_ahead_sql(now).filter(pk=cohort.pk).exists()

    # The last meeting's own start still counts; an hour after it does not, even when that
    # instant is written in Pacific time (SQLite compares the moments as text).
    assert ahead(last)
    assert ahead(timezone.localtime(last))
    assert not ahead(timezone.localtime(last + dt.timedelta(hours=1)))


def test_the_sql_spelling_also_answers_inside_a_subquery(db):
    now = timezone.now()
    begun = _practice(now)
    taken = Cohort.objects.with_seats_and_schedule_sql(now).filter(seats_taken=3).values("pk")

    # No cohort table outside the subquery: a wrong alias would not even run.
    meetings = Session.objects.filter(cohort__in=taken)

    assert set(meetings.values_list("cohort_id", flat=True)) == {begun.pk}


def test_lists_show_what_is_ahead_soonest_start_first_with_its_seats(db):
    now = timezone.now()
    later = CohortFactory(group__name="Later", first_session_date=today() + dt.timedelta(days=30))
    sooner = CohortFactory(group__name="Sooner", first_session_date=today() + dt.timedelta(days=9))
    CohortFactory(group__name="Over", first_session_date=today() - dt.timedelta(days=90))
    begun = CohortFactory(group__name="Begun", first_session_date=today() - dt.timedelta(days=7))

    rows = with_seats(public_cohorts(now=now), now=now)

    assert [c.pk for c in rows] == [sooner.pk, later.pk, begun.pk]
    assert [c.seats.state for c in rows] == ["open", "open", "closed"]
    assert [c.pk for c in enrolling_cohorts(now=now)] == [sooner.pk, later.pk]


def test_the_meetings_read_with_the_cohort_are_its_session_rows_not_over(db):
    now = timezone.now()
    begun = _practice(now)
    expected = list(begun.sessions.filter(ends_at__gt=now).order_by("starts_at"))

    (cohort,) = Cohort.objects.filter(pk=begun.pk).with_meetings_not_over_sql(now)
    meetings = meetings_not_over(cohort)

    fields = (
        "pk",
        "scheduled_date",
        "starts_at",
        "ends_at",
        "status",
        "is_moved",
        "is_entry_point",
    )
    assert [[getattr(s, f) for f in fields] for s in meetings] == [
        [getattr(s, f) for f in fields] for s in expected
    ]
    assert any(not s.is_held for s in meetings)
