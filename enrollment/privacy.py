"""This app's part of a client's data, for clients.privacy (export and erase)."""

from __future__ import annotations

from datetime import datetime

from clients.models import Client
from clients.privacy import ERASED_NOTE, PrivacySection, privacy_section_register

from .models import LIVE, Enrollment, EnrollmentEvent

LIVE_PLACE = "a live place in a group (status: {status}; withdraw or decline it first)"
_FREE_TEXT_BLANKS = {"hopes": "", "seeing_therapist": ""}


def _export(client: Client) -> list[dict]:
    places = (
        Enrollment.objects.filter(client=client)
        .select_related("cohort__group")
        .prefetch_related("events")
        .order_by("created_at")
    )
    return [
        {
            "id": place.pk,
            "group": place.cohort.group.name,
            "cohort_starts": place.cohort.first_session_date.isoformat(),
            "status": place.status,
            # Whether the place was taken as a couple; the partner's details are theirs, so
            # they are not in this person's export.
            "as_a_couple": place.couple_id is not None,
            "signed_up_at": place.created_at.isoformat(),
            "seeing_a_therapist": place.seeing_therapist,
            "hopes": place.hopes,
            "confirmed_adult": place.confirmed_adult,
            "agreement_version": place.agreement_version,
            "agreed_at": place.agreed_at.isoformat() if place.agreed_at else None,
            "history": [
                {"at": e.at.isoformat(), "from": e.from_status, "to": e.to_status, "note": e.reason}
                for e in place.events.all()
            ],
        }
        for place in places
    ]


def _erase(client: Client) -> None:
    Enrollment.objects.filter(client=client).update(**_FREE_TEXT_BLANKS)
    Enrollment.history.filter(client_id=client.pk).update(**_FREE_TEXT_BLANKS)
    EnrollmentEvent.objects.filter(enrollment__client=client).exclude(reason="").update(
        reason=ERASED_NOTE
    )


def _blockers(client: Client, now: datetime) -> list[str]:
    live = Enrollment.objects.filter(client=client, status__in=LIVE)
    return [LIVE_PLACE.format(status=place.get_status_display().lower()) for place in live]


def register() -> None:
    privacy_section_register(
        PrivacySection(
            name="enrollments",
            export=_export,
            erase=_erase,
            blockers=_blockers,
            keeps_client="enrollments",
        )
    )
