"""Thin Celery tasks: call a service, return a count."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="enrollment.tasks.expire_offers")
def expire_offers() -> int:
    """End waitlist offers past their time and offer each seat to the next person."""
    return services.offers_expire()
