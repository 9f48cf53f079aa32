"""This app's part of a client's data, for clients.privacy: attendance, kept on erasure
(it holds nothing personal once the client's details are gone)."""

from __future__ import annotations

from clients.models import Client
from clients.privacy import PrivacySection, privacy_section_register

from .models import Attendance


def _export(client: Client) -> list[dict]:
    marks = (
        Attendance.objects.filter(enrollment__client=client)
        .select_related("session")
        .order_by("session__starts_at")
    )
    return [
        {
            "enrollment_id": mark.enrollment_id,
            "meeting": mark.session.starts_at.isoformat(),
            "mark": mark.status,
            "marked_at": mark.marked_at.isoformat(),
        }
        for mark in marks
    ]


def register() -> None:
    privacy_section_register(PrivacySection(name="attendance", export=_export))
