"""This app's part of a client's data, for clients.privacy (export and erase)."""

from __future__ import annotations

from datetime import datetime

from clients.models import Client
from clients.privacy import ERASED_NOTE, PrivacySection, privacy_section_register

from .models import Consultation, ConsultationEvent

UPCOMING_CALL = "an upcoming call on {when} (cancel it first)"


def _export(client: Client) -> list[dict]:
    calls = Consultation.objects.filter(client=client).prefetch_related("events")
    return [
        {
            "id": call.pk,
            "starts_at": call.starts_at.isoformat(),
            "mode": call.mode,
            "status": call.status,
            "note": call.note,
            "booked_at": call.created_at.isoformat(),
            "history": [
                {"at": e.at.isoformat(), "from": e.from_status, "to": e.to_status, "note": e.note}
                for e in call.events.all()
            ],
        }
        for call in calls.order_by("starts_at")
    ]


def _erase(client: Client) -> None:
    Consultation.objects.filter(client=client).exclude(note="").update(note="")
    ConsultationEvent.objects.filter(consultation__client=client).exclude(note="").update(
        note=ERASED_NOTE
    )


def _blockers(client: Client, now: datetime) -> list[str]:
    upcoming = Consultation.objects.filter(
        client=client, status=Consultation.Status.BOOKED, starts_at__gt=now
    )
    return [UPCOMING_CALL.format(when=f"{c.starts_at:%Y-%m-%d}") for c in upcoming]


def register() -> None:
    privacy_section_register(
        PrivacySection(
            name="consultations",
            export=_export,
            erase=_erase,
            blockers=_blockers,
            keeps_client="consultations",
        )
    )
