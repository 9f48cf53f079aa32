"""Signed self-service links: the URL carries only a signed enrollment id, never who it is."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "enrollment.mine"


def manage_token(enrollment_id: int) -> str:
    return signing.dumps(enrollment_id, salt=_SALT)


def enrollment_id_from_token(token: str) -> int | None:
    """The enrollment id of a valid, unexpired link; None for anything else."""
    try:
        value = signing.loads(
            token, salt=_SALT, max_age=timedelta(days=settings.SELF_SERVICE_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def manage_path(enrollment_id: int) -> str:
    return reverse("enrollment:mine", kwargs={"token": manage_token(enrollment_id)})


def manage_url(enrollment_id: int) -> str:
    return settings.SITE_URL + manage_path(enrollment_id)


def calendar_url(enrollment_id: int) -> str:
    token = manage_token(enrollment_id)
    return settings.SITE_URL + reverse("enrollment:calendar", kwargs={"token": token})


def confirm_url(enrollment_id: int) -> str:
    """The page where a person placed by staff confirms the place themselves."""
    token = manage_token(enrollment_id)
    return settings.SITE_URL + reverse("enrollment:confirm", kwargs={"token": token})
