"""Thin Celery tasks: call a service, return a count."""

from __future__ import annotations

from celery import shared_task

from . import privacy


@shared_task(name="clients.tasks.erase_closed_leads")
def erase_closed_leads() -> int:
    """The retention rule, weekly: erase closed leads kept past RETENTION_CLOSED_LEAD_MONTHS."""
    return privacy.closed_leads_erase()
