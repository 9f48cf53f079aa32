"""Slot computation: pure functions, no database. Times are written in Pacific wall clock."""

import datetime as dt
from datetime import UTC

from consultations.slots import (
    Availability,
    local_label,
    parse_slot_value,
    slot_check,
    slot_value,
    slots_compute,
)
from tests.factories.consultations import pacific

EVERY_DAY_9_TO_5 = {day: [(dt.time(9), dt.time(17))] for day in range(7)}


def avail(coordinator_id=1, weekly=None, **kwargs) -> Availability:
    kwargs.setdefault("min_notice", dt.timedelta(0))
    kwargs.setdefault("buffer", dt.timedelta(0))
    return Availability(
        coordinator_id=coordinator_id,
        weekly=EVERY_DAY_9_TO_5 if weekly is None else weekly,
        **kwargs,
    )


def labels(days, on: dt.date) -> list[str]:
    return [s.label for d in days if d.date == on for s in d.slots]


def starts(days, on: dt.date) -> list[dt.datetime]:
    return [s.start for d in days if d.date == on for s in d.slots]


# A Monday well before the dates under test, early in the morning.
MONDAY_MORNING = pacific(2026, 3, 2, 6)


def test_a_day_offers_every_quarter_hour_inside_working_hours():
    days = slots_compute([avail()], now=MONDAY_MORNING, last_day=dt.date(2026, 3, 2))

    assert labels(days, dt.date(2026, 3, 2))[:3] == ["9:00 AM PST", "9:15 AM PST", "9:30 AM PST"]
    assert labels(days, dt.date(2026, 3, 2))[-1] == "4:45 PM PST"
    assert len(labels(days, dt.date(2026, 3, 2))) == 32


def test_several_ranges_a_day_leave_the_lunch_break_free():
    weekly = {0: [(dt.time(9), dt.time(10)), (dt.time(13), dt.time(13, 30))]}

    days = slots_compute([avail(weekly=weekly)], now=MONDAY_MORNING, last_day=dt.date(2026, 3, 2))

    assert labels(days, dt.date(2026, 3, 2)) == [
        "9:00 AM PST",
        "9:15 AM PST",
        "9:30 AM PST",
        "9:45 AM PST",
        "1:00 PM PST",
        "1:15 PM PST",
    ]


def test_on_8_march_2026_no_slot_falls_in_the_hour_that_does_not_exist():
    # Sunday 8 March 2026: clocks jump from 2:00 PST to 3:00 PDT.
    night = {6: [(dt.time(0), dt.time(4))]}

    days = slots_compute([avail(weekly=night)], now=MONDAY_MORNING, first_day=dt.date(2026, 3, 8))
    day = dt.date(2026, 3, 8)

    assert labels(days, day) == [
        *[f"12:{m:02d} AM PST" for m in (0, 15, 30, 45)],
        *[f"1:{m:02d} AM PST" for m in (0, 15, 30, 45)],
        *[f"3:{m:02d} AM PDT" for m in (0, 15, 30, 45)],
    ]
    assert not any(label.startswith("2:") for label in labels(days, day))
    # Three real hours of calls, back to back in UTC across the jump.
    assert starts(days, day)[7] + dt.timedelta(minutes=15) == starts(days, day)[8]


def test_on_1_november_2026_the_repeated_hour_is_offered_twice_each_with_its_zone():
    # Sunday 1 November 2026: 1:00-1:59 happens first in PDT, then again in PST.
    night = {6: [(dt.time(0), dt.time(3))]}

    days = slots_compute(
        [avail(weekly=night)], now=pacific(2026, 10, 26, 6), first_day=dt.date(2026, 11, 1)
    )
    day = dt.date(2026, 11, 1)

    assert labels(days, day) == [
        *[f"12:{m:02d} AM PDT" for m in (0, 15, 30, 45)],
        *[f"1:{m:02d} AM PDT" for m in (0, 15, 30, 45)],
        *[f"1:{m:02d} AM PST" for m in (0, 15, 30, 45)],
        *[f"2:{m:02d} AM PST" for m in (0, 15, 30, 45)],
    ]
    first_one, second_one = [s for s in starts(days, day) if s.astimezone(UTC).minute == 0][1:3]
    assert second_one - first_one == dt.timedelta(hours=1)
    assert len(set(starts(days, day))) == 16


def test_working_hours_stay_on_the_pacific_clock_on_both_sides_of_each_change():
    now = pacific(2026, 3, 1, 6)
    spring = slots_compute([avail()], now=now, last_day=dt.date(2026, 3, 9))
    autumn = slots_compute([avail()], now=pacific(2026, 10, 30, 6), last_day=dt.date(2026, 11, 2))

    # 9:00 AM is 17:00 UTC in winter and 16:00 UTC in summer.
    assert starts(spring, dt.date(2026, 3, 7))[0].astimezone(UTC).hour == 17
    assert starts(spring, dt.date(2026, 3, 8))[0].astimezone(UTC).hour == 16
    assert starts(autumn, dt.date(2026, 10, 31))[0].astimezone(UTC).hour == 16
    assert starts(autumn, dt.date(2026, 11, 1))[0].astimezone(UTC).hour == 17
    for day in (dt.date(2026, 3, 8), dt.date(2026, 11, 1)):
        calendar = spring if day.month == 3 else autumn
        assert labels(calendar, day)[0].startswith("9:00 AM")
        assert labels(calendar, day)[-1].startswith("4:45 PM")


def test_minimum_notice_hides_times_too_soon():
    now = pacific(2026, 3, 2, 10, 5)

    days = slots_compute(
        [avail(min_notice=dt.timedelta(hours=4))], now=now, last_day=dt.date(2026, 3, 2)
    )

    assert labels(days, dt.date(2026, 3, 2))[0] == "2:15 PM PST"


def test_no_same_day_starts_with_tomorrow_counted_in_pacific_time():
    # 11 pm Pacific on Monday is already Tuesday in UTC: Tuesday must still be offered.
    now = pacific(2026, 3, 2, 23)

    days = slots_compute([avail(no_same_day=True)], now=now, last_day=dt.date(2026, 3, 4))

    assert days[0].date == dt.date(2026, 3, 3)
    assert labels(days, dt.date(2026, 3, 3))[0] == "9:00 AM PST"

    morning = slots_compute(
        [avail(no_same_day=True)], now=pacific(2026, 3, 2, 7), last_day=dt.date(2026, 3, 4)
    )
    assert morning[0].date == dt.date(2026, 3, 3)


def test_a_buffer_keeps_free_minutes_after_and_before_each_booking():
    booked = (pacific(2026, 3, 2, 10), pacific(2026, 3, 2, 10, 25))  # 10:00 call + 10 min

    days = slots_compute(
        [avail(buffer=dt.timedelta(minutes=10), busy=[booked])],
        now=MONDAY_MORNING,
        last_day=dt.date(2026, 3, 2),
    )
    around = [
        label for label in labels(days, dt.date(2026, 3, 2)) if label.startswith(("9:", "10:"))
    ]

    # 9:45 would end at 10:00 with no buffer left; 10:15 starts inside the booking's buffer.
    assert around == ["9:00 AM PST", "9:15 AM PST", "9:30 AM PST", "10:30 AM PST", "10:45 AM PST"]


def test_time_off_removes_whole_days_and_parts_of_days():
    a = avail(
        off_days={dt.date(2026, 3, 3)},
        off_ranges={dt.date(2026, 3, 4): [(dt.time(12), dt.time(16, 50))]},
    )

    days = slots_compute([a], now=MONDAY_MORNING, last_day=dt.date(2026, 3, 4))

    assert dt.date(2026, 3, 3) not in [d.date for d in days]
    wednesday = labels(days, dt.date(2026, 3, 4))
    assert "11:45 AM PST" in wednesday
    assert "12:00 PM PST" not in wednesday
    assert "4:45 PM PST" not in wednesday  # overlaps the time off until 4:50


def test_extra_hours_open_a_day_without_weekly_hours():
    a = avail(weekly={}, extra={dt.date(2026, 3, 7): [(dt.time(10), dt.time(10, 30))]})

    days = slots_compute([a], now=MONDAY_MORNING)

    assert [(d.date, len(d.slots)) for d in days] == [(dt.date(2026, 3, 7), 2)]


def test_the_horizon_counts_days_from_today_in_pacific_time():
    days = slots_compute([avail(horizon_days=3)], now=MONDAY_MORNING)

    assert [d.date for d in days] == [dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 4)]


def test_several_coordinators_offer_the_union_least_booked_first():
    dana = avail(1, weekly={0: [(dt.time(9), dt.time(10))]}, upcoming_count=3)
    luis = avail(2, weekly={0: [(dt.time(9, 30), dt.time(10, 30))]}, upcoming_count=1)

    days = slots_compute([dana, luis], now=MONDAY_MORNING, last_day=dt.date(2026, 3, 2))
    slots = {s.label: s.coordinator_ids for s in days[0].slots}

    assert slots["9:00 AM PST"] == (1,)
    assert slots["9:30 AM PST"] == (2, 1)
    assert slots["10:15 AM PST"] == (2,)
    assert len(slots) == 6


def test_a_slot_check_agrees_with_the_list_and_names_the_free_coordinator():
    dana = avail(1, busy=[(pacific(2026, 3, 2, 9), pacific(2026, 3, 2, 9, 15))])
    luis = avail(2)

    taken_by_one = slot_check(
        [dana, luis], pacific(2026, 3, 2, 9), now=MONDAY_MORNING, for_staff=False
    )
    at_night = slot_check(
        [dana, luis], pacific(2026, 3, 2, 20), now=MONDAY_MORNING, for_staff=False
    )

    assert taken_by_one.offered == (1, 2)
    assert taken_by_one.free == (2,)
    assert at_night.offered == ()


def test_staff_may_skip_the_notice_but_never_book_the_past():
    a = avail(min_notice=dt.timedelta(hours=24), no_same_day=True)
    now = pacific(2026, 3, 2, 10, 5)

    for_client = slot_check([a], pacific(2026, 3, 2, 11), now=now, for_staff=False)
    for_staff = slot_check([a], pacific(2026, 3, 2, 11), now=now, for_staff=True)
    past = slot_check([a], pacific(2026, 3, 2, 10), now=now, for_staff=True)

    assert (for_client.offered, for_staff.offered, past.offered) == ((), (1,), ())


def test_slot_values_round_trip_and_reject_anything_else():
    start = pacific(2026, 11, 1, 1, 15, fold=1)

    assert slot_value(start) == "20261101T0915Z"
    # Compared in UTC: Python never calls a time in a repeated hour equal across zones.
    assert parse_slot_value("20261101T0915Z") == start.astimezone(UTC)
    assert local_label(start) == "1:15 AM PST"
    assert parse_slot_value("20261101T0917Z") is None
    assert parse_slot_value("tomorrow") is None


def test_hours_that_start_off_the_quarter_hour_offer_the_next_quarter_on_any_day():
    odd = {0: [(dt.time(9, 10), dt.time(10))], 6: [(dt.time(3, 10), dt.time(4))]}

    days = slots_compute([avail(weekly=odd)], now=MONDAY_MORNING, last_day=dt.date(2026, 3, 9))

    assert labels(days, dt.date(2026, 3, 2)) == ["9:15 AM PST", "9:30 AM PST", "9:45 AM PST"]
    # 8 March takes the clock-change path: the same rule, in PDT.
    assert labels(days, dt.date(2026, 3, 8)) == ["3:15 AM PDT", "3:30 AM PDT", "3:45 AM PDT"]
