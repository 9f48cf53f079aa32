"""Change history (django-simple-history) for the records the law asks about: a client's
details, leads, enrollments and attendance marks, each change with old and new value, who
and when.

Saves through the ORM are recorded by simple-history's post_save handler, with the signed-in
user of the request (HistoryRequestMiddleware). The helpers here cover what that misses: a
service acting for someone other than the request's user (`by=`), and bulk writes
(`update()`, `bulk_create()`), which send no signals.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from simple_history.models import HistoricalRecords

# The time of a history row is always the clock's, not a service's `now=`: rows are read in
# time order, and a row written by a save elsewhere carries the clock's time too.


def history_mark(instance: models.Model, *, by: AbstractBaseUser | None) -> None:
    """Make the next save's history row name `by` (when given), not the request's user."""
    if by is not None and getattr(by, "is_authenticated", False):
        instance._history_user = by


def _request_user() -> AbstractBaseUser | None:
    """The signed-in user of the request being served (set by HistoryRequestMiddleware);
    bulk writes do not look it up on their own."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def history_write(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    by: AbstractBaseUser | None = None,
    created: bool = False,
) -> None:
    """History rows for rows written in bulk, from the instances as they now stand."""
    if not objs:
        return
    user = by if by is not None and getattr(by, "is_authenticated", False) else _request_user()
    model.history.bulk_history_create(list(objs), update=not created, default_user=user)
