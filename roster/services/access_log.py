"""The record of who looked at whom on the therapist pages."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from clients.models import ClientAccessLog


def roster_access_record(*, user: AbstractBaseUser, client_ids: Iterable[int], where: str) -> int:
    """One access-log row per client shown on a page, written in one insert."""
    rows = [
        ClientAccessLog(client_id=client_id, user=user, where=where[:120])
        for client_id in dict.fromkeys(client_ids)
    ]
    ClientAccessLog.objects.bulk_create(rows)
    return len(rows)
