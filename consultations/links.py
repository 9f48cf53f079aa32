"""Signed self-service links: the URL carries only a signed consultation id, never who it is."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "consultations.manage"


def manage_token(consultation_id: int) -> str:
    return signing.dumps(consultation_id, salt=_SALT)


def consultation_id_from_token(token: str) -> int | None:
    """The consultation id of a valid, unexpired link; None for anything else."""
    try:
        value = signing.loads(
            token, salt=_SALT, max_age=timedelta(days=settings.SELF_SERVICE_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def manage_path(consultation_id: int) -> str:
    return reverse("consultations:manage", kwargs={"token": manage_token(consultation_id)})


def manage_url(consultation_id: int) -> str:
    return settings.SITE_URL + manage_path(consultation_id)
