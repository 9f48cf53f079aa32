"""Whether a cohort is taking sign-ups: the one rule, said once for a row and once in SQL.

A cohort takes sign-ups when it is published in a listed group and a new member has a
meeting to start at:
- an open group: its next entry point is still ahead;
- a closed cohort: its enrollment deadline (by default its first held meeting, as the
  schedule stands now) has not passed.

`enrolling_refusal` says why one cohort is not taking sign-ups; `CohortQuerySet.enrolling`
selects the cohorts it would say None for. tests/cohorts/test_enrolling.py holds the two to
the same answer, case by case; change them together.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Cohort

# Why a cohort takes no sign-ups; shown to people as they are, matched by tests.
COHORT_NOT_OPEN = _("This group is not taking sign-ups.")
COHORT_CANCELLED_REFUSAL = _("This group was cancelled, so it is not taking sign-ups.")
COHORT_CLOSED = _("Sign-ups for this group have closed.")
NO_ENTRY_POINT = _("This group has no starting date scheduled at the moment.")


def enrolling_refusal(cohort: Cohort, *, now: datetime, start_at: datetime | None) -> str | None:
    """Why `cohort` takes no sign-ups at `now`, or None when it does. `start_at`: where a new
    member would start, that is the first held meeting of a closed cohort or the next entry
    point of an open group (None: there is none)."""
    if cohort.status == "cancelled":
        return COHORT_CANCELLED_REFUSAL
    if cohort.status != "published" or not cohort.group.is_listed:
        return COHORT_NOT_OPEN
    if cohort.group.kind == "open":
        return NO_ENTRY_POINT if start_at is None else None
    closes = cohort.enrollment_deadline or start_at
    return None if closes is not None and closes > now else COHORT_CLOSED


def enrolling_q(now: datetime) -> Q:
    """`enrolling_refusal(...) is None` as a filter, over the `with_schedule` annotations
    (`first_start`: the first held meeting; `next_start`: the next entry point ahead)."""
    closes_ahead = Q(enrollment_deadline__gt=now) | Q(
        enrollment_deadline__isnull=True, first_start__gt=now
    )
    return Q(status="published", group__is_listed=True) & (
        Q(group__kind="open", next_start__isnull=False) | (Q(group__kind="closed") & closes_ahead)
    )


def annotated_start_at(cohort: Cohort) -> datetime | None:
    """`start_at` for a cohort read through `with_schedule`."""
    return cohort.next_start if cohort.group.kind == "open" else cohort.first_start
