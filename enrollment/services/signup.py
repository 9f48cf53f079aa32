"""A sign-up from the public form: a seat if one is free, else the waitlist.

What a sign-up does while its cohort row is locked is what every queued sign-up for that
cohort waits for, so as much as possible (the client row, the agreement) comes before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from clients.messages import OUTSIDE_CALIFORNIA
from clients.models import Client, Lead
from clients.services import (
    LeadFact,
    client_fill_blanks,
    client_get_or_create,
    coordinator_alert_schedule,
    lead_follow,
)
from cohorts.models import Cohort, Session
from cohorts.places import places_left
from notifications.kinds import Kind
from notifications.services import notification_create

from ..agreements import agreement_for, default_agreement_saved
from ..models import LIVE, Couple, Enrollment, GroupAgreement
from ..selectors import enrolling_refusal, next_entry_point
from .core import (
    ADULT_REQUIRED,
    AGREEMENT_CHANGED,
    SIGNED_UP,
    SIGNED_UP_FULL,
    By,
    EnrollmentError,
    S,
    _locked_cohorts,
    _record,
)


@dataclass(frozen=True)
class SignupResult:
    enrollment: Enrollment
    created: bool

    @property
    def waitlisted(self) -> bool:
        return self.enrollment.status == S.WAITLISTED


class SignupCounts(TypedDict):
    taken: int
    existing: int | None


def _signup_counts(cohort: Cohort, client: Client) -> SignupCounts:
    """Seats taken, and this person's live place if any, in one read of the cohort's rows."""
    counts = Enrollment.objects.filter(cohort=cohort).aggregate(
        taken=Count("pk", filter=Q(holds_seat=True)),
        existing=Max("pk", filter=Q(client=client, status__in=LIVE)),
    )
    return SignupCounts(taken=counts["taken"], existing=counts["existing"])


def enrollment_request(
    *,
    cohort: Cohort,
    email: str,
    first_name: str,
    last_name: str = "",
    preferred_name: str = "",
    phone: str = "",
    preferred_contact: str = "email",
    state: str,
    city: str,
    confirmed_adult: bool,
    seeing_therapist: str = "",
    hopes: str = "",
    crisis: bool = False,
    agreement_version: str,
    agreement: GroupAgreement | None = None,
    language: str = "",
    now: datetime | None = None,
) -> SignupResult:
    """A sign-up from the public form: a seat if one is free, else the waitlist.

    `cohort` may be a plain read (with its group): what decides about seats is read again
    under the lock. `agreement`: the one that applies to the cohort, when the caller read it
    along with the cohort (the sign-up post does); else it is read here.

    A second sign-up by the same person (same email) for the same cohort returns their
    existing place and the person's details untouched: no second row, no second email. A new
    place fills in blank contact details, as any public form does, never overwriting one. A
    refusal raises EnrollmentError and saves nothing. `language` is the page's: the latest
    one wins, a repeat sign-up included (it only changes how our emails read).
    """
    now = now or timezone.now()
    if not confirmed_adult:
        raise EnrollmentError(ADULT_REQUIRED)
    if cohort.group.is_online and state.strip().upper() != "CA":
        raise EnrollmentError(OUTSIDE_CALIFORNIA)
    # Read before the lock: which words the person agreed to needs no seat count.
    agreement = agreement or agreement_for(cohort)
    with transaction.atomic(durable=True):
        # The client row needs no seat count either, so it is written before the lock: every
        # sign-up for a cohort queues on its row, and the queue moves as fast as the work
        # done while holding it. A refusal below rolls this back with the rest.
        details = {
            "first_name": first_name,
            "last_name": last_name,
            "preferred_name": preferred_name,
            "phone": phone,
            "preferred_contact": preferred_contact,
            "state": state,
            "city": city,
        }
        # The language is the person's latest choice, a repeat sign-up included.
        client = client_get_or_create(email=email, **details, language=language, fill_blanks=False)
        group = cohort.group
        cohort = _locked_cohorts().get(pk=cohort.pk)
        # The group (its listing, closed or open, online) was read with the cohort a moment
        # ago; the lock guards seats, not those, so the group is not joined again under it.
        cohort.group = group
        # Only an open group's entry point is the person's own; a closed cohort's members
        # all start at its first meeting, read from the schedule when shown.
        start = next_entry_point(cohort, now=now) if cohort.is_open_group else None
        if refusal := enrolling_refusal(cohort, now=now, start=start):
            raise EnrollmentError(refusal)
        counts = _signup_counts(cohort, client)
        if counts["existing"] is not None:
            existing = Enrollment.objects.select_related("client", "cohort__group")
            return SignupResult(existing.get(pk=counts["existing"]), created=False)
        if agreement.version != agreement_version:
            raise EnrollmentError(AGREEMENT_CHANGED)
        if agreement.pk is None:
            agreement = default_agreement_saved()
        # Only now that this is a new place: a repeat sign-up changes nobody's details.
        client_fill_blanks(client, **details)

        has_seat = places_left(cohort, taken=counts["taken"]) > 0
        enrollment = signer_place_create(
            client=client,
            cohort=cohort,
            has_seat=has_seat,
            crisis=crisis,
            start=start,
            seeing_therapist=seeing_therapist,
            hopes=hopes,
            agreement=agreement,
            reason=SIGNED_UP if has_seat else SIGNED_UP_FULL,
            now=now,
        )
    return SignupResult(enrollment, created=True)


def signer_place_create(
    *,
    client: Client,
    cohort: Cohort,
    has_seat: bool,
    crisis: bool,
    start: Session | None,
    seeing_therapist: str,
    hopes: str,
    agreement: GroupAgreement,
    reason: str,
    now: datetime,
    couple: Couple | None = None,
) -> Enrollment:
    """The place of someone who signed up with their own answers (alone, or for a couple):
    their lead follows, the row and its first event are written, they are emailed, and a
    crisis answer alerts the coordinator about them. The caller holds the cohort lock."""
    status = S.REQUESTED if has_seat else S.WAITLISTED
    lead = lead_follow(
        client_id=client.pk,
        event=LeadFact.SIGNED_UP if has_seat or crisis else LeadFact.WAITLISTED,
        urgent=crisis,
        now=now,
        new_client=client.written_now,
        start={
            "source": Lead.Source.GROUP_SIGNUP,
            "interest": Lead.Interest.GROUP,
            "interested_group": cohort.group,
        },
    )
    enrollment = Enrollment.objects.create(
        client=client,
        cohort=cohort,
        couple=couple,
        status=status,
        is_urgent=crisis,
        status_changed_at=now,
        start_session=start,
        lead=lead,
        seeing_therapist=seeing_therapist,
        hopes=hopes.strip()[:500],
        confirmed_adult=True,
        agreement=agreement,
        agreement_version=agreement.version,
        agreed_at=now,
    )
    _record(enrollment, from_="", to=status, by=By.CLIENT, actor=None, reason=reason, now=now)
    # The cause is a row written just now, so its key is new.
    notification_create(
        kind=Kind.ENROLLMENT_RECEIVED if has_seat else Kind.ENROLLMENT_WAITLISTED,
        key=f"enrollment:{enrollment.pk}:signup",
        to_email=client.email,
        due_at=now,
        related=enrollment,
    )
    if crisis:
        assert lead is not None, "a sign-up starts a lead when the person has none open"
        coordinator_alert_schedule(lead=lead, now=now)
    return enrollment
