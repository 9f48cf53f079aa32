"""Signed self-service links to one enrollment (see groups_site.signing)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from groups_site.signing import SignedId

_TOKENS = SignedId("enrollment.mine")  # changing the salt breaks every link already sent


def manage_token(enrollment_id: int) -> str:
    return _TOKENS.token(enrollment_id)


def enrollment_id_from_token(token: str) -> int | None:
    """The enrollment id of a valid, unexpired link; None for anything else."""
    return _TOKENS.id_from(token)


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
