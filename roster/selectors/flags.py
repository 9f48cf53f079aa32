"""Missed-sessions flags, for the coordinator's client page and admin."""

from __future__ import annotations

from django.db.models import QuerySet

from clients.models import Client

from ..models import MissedSessionsFlag


def missed_session_flags_for(client: Client | int, *, open_only: bool = False) -> QuerySet:
    """A client's flags across their cohorts, newest first, ready to list (group and the
    meeting that raised each one read in the same query)."""
    client_id = client if isinstance(client, int) else client.pk
    flags = MissedSessionsFlag.objects.filter(enrollment__client_id=client_id).select_related(
        "enrollment__cohort__group", "trigger_session", "cleared_by"
    )
    if open_only:
        flags = flags.filter(cleared_at=None)
    return flags
