"""Whether a cohort has room for one more sign-up: the one rule, said for a row and in SQL.

Seats are the unit in the database (capacity, and the enrollment rows that hold one); a
place is what one sign-up takes: one seat, or two in a couples group, where partners join
together. An odd seat left in a couples group is no place: it waits for its pair.

`places_left` counts a cohort's places; `has_room_q` selects the cohorts where it is above
zero. tests/cohorts/test_places.py holds the two to the same answer; change them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Q

from .models import TherapyGroup

if TYPE_CHECKING:
    from .models import Cohort

SEATS_PER_COUPLE = 2


def places_left(cohort: Cohort, *, taken: int) -> int:
    """Whole places left in `cohort` (read with its group) when `taken` seats are held."""
    free = max(cohort.capacity - taken, 0)
    if cohort.group.focus == TherapyGroup.Focus.COUPLES:
        return free // SEATS_PER_COUPLE
    return free


def has_room_q() -> Q:
    """`places_left(...) > 0` as a filter, over a `seats_taken` annotation."""
    couples = Q(group__focus=TherapyGroup.Focus.COUPLES)
    return (couples & Q(seats_taken__lte=F("capacity") - SEATS_PER_COUPLE)) | (
        ~couples & Q(seats_taken__lt=F("capacity"))
    )
