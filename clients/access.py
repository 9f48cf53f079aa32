"""The access log: who looked at which clients, where, and how many were shown.

Every page or file that shows client details writes through `access_record`, the one
function that writes ClientAccessLog rows: a client's page, a change list or a search
showing names, a roster, an export, an erasure. A row holds the user, the time, what was
viewed (a page name and ids, never search words or health information) and the result
count; one row per client shown, so the log can be filtered by client.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from .models import ClientAccessLog

Action = ClientAccessLog.Action


def access_record(
    *,
    user: AbstractBaseUser,
    client_ids: Iterable[int | None],
    where: str,
    action: str = Action.VIEW,
    result_count: int | None = None,
    count_shown: bool = False,
) -> int:
    """One row per distinct client shown, in one insert; returns how many were written.

    A search or list that showed nobody still writes one row (with no client), so a search
    that found nothing is on record too. `count_shown`: record how many distinct clients the
    page showed as the result count (a roster, a sign-in sheet).
    """
    ids = [pk for pk in dict.fromkeys(client_ids) if pk is not None]
    if count_shown:
        result_count = len(ids)
    common = {"user": user, "where": where[:120], "action": action, "result_count": result_count}
    rows = [ClientAccessLog(client_id=pk, **common) for pk in ids]
    if not rows and action in (Action.SEARCH, Action.LIST):
        rows = [ClientAccessLog(client_id=None, **common)]
    ClientAccessLog.objects.bulk_create(rows)
    return len(rows)
