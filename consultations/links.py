"""Signed self-service links to one consultation (see groups_site.signing)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from groups_site.signing import SignedId

_TOKENS = SignedId("consultations.manage")  # changing the salt breaks every link already sent


def manage_token(consultation_id: int) -> str:
    return _TOKENS.token(consultation_id)


def consultation_id_from_token(token: str) -> int | None:
    """The consultation id of a valid, unexpired link; None for anything else."""
    return _TOKENS.id_from(token)


def manage_path(consultation_id: int) -> str:
    return reverse("consultations:manage", kwargs={"token": manage_token(consultation_id)})


def manage_url(consultation_id: int) -> str:
    return settings.SITE_URL + manage_path(consultation_id)
