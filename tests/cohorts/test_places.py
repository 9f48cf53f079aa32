"""A cohort's card and the catalogue's "open seats" filter give one answer on room to join."""

from django.utils import timezone

from cohorts.models import Cohort
from cohorts.places import has_room_q, places_left
from tests.couples import couple_in, partner_stayed_alone
from tests.factories import CohortFactory, CouplesCohortFactory

from .helpers import take_seats


def _cases() -> dict[str, tuple[Cohort, int]]:
    """Each cohort with the places a visitor should be told are left."""
    emptyish = CohortFactory(capacity=3)
    take_seats(emptyish, 1)
    full = CohortFactory(capacity=2)
    take_seats(full, 2)
    pair_free = CouplesCohortFactory(capacity=4)
    couple_in(pair_free, enrolled=True)
    odd_seat = CouplesCohortFactory(capacity=4)
    couple_in(odd_seat, enrolled=True)
    partner_stayed_alone(odd_seat)
    alone_in_six = CouplesCohortFactory(capacity=6)
    partner_stayed_alone(alone_in_six)
    couples_full = CouplesCohortFactory(capacity=4)
    couple_in(couples_full, enrolled=True)
    couple_in(couples_full, first=("Eva", "Raúl"), enrolled=True)
    return {
        "two seats free of three": (emptyish, 2),
        "full": (full, 0),
        "couples, two seats free": (pair_free, 1),
        "couples, one odd seat free": (odd_seat, 0),
        "couples, five seats free": (alone_in_six, 2),
        "couples, full": (couples_full, 0),
    }


def test_each_cohort_has_the_places_a_visitor_should_be_told(db):
    cases = _cases()
    rows = {c.pk: c for c in Cohort.objects.with_seats_taken().select_related("group")}

    for name, (cohort, expected) in cases.items():
        assert places_left(rows[cohort.pk], taken=rows[cohort.pk].seats_taken) == expected, name


def test_the_room_filter_keeps_exactly_the_cohorts_with_a_place_left(db):
    now = timezone.now()
    cases = _cases()
    orm = Cohort.objects.with_seats_taken().filter(has_room_q())
    sql = Cohort.objects.with_seats_and_schedule_sql(now).filter(has_room_q())

    expected = {cohort.pk for cohort, left in cases.values() if left > 0}
    assert set(orm.values_list("pk", flat=True)) == expected
    assert set(sql.values_list("pk", flat=True)) == expected
