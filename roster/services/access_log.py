"""The record of who looked at whom on the therapist pages."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User

from clients.access import access_record


def roster_access_record(*, user: User, client_ids: Iterable[int], where: str) -> int:
    """One access-log row per client shown on a page (clients.access has the one write)."""
    ids = list(client_ids)
    return access_record(user=user, client_ids=ids, where=where, result_count=len(set(ids)))
