"""New clients and their requests: one person per email, a lead per request, the emails."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import router, transaction
from django.db.models import Exists, OuterRef
from django.db.models.constants import OnConflict
from django.utils import timezone, translation

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notification_schedule

from ..access import access_record
from ..history import history_mark, history_write
from ..models import Client, Lead, LeadEvent


def _details(**given: str) -> dict[str, str]:
    """The contact details a form gave, cleaned; blanks left out."""
    cleaned = {name: value.strip() for name, value in given.items()}
    if "state" in cleaned:
        cleaned["state"] = cleaned["state"].upper()
    return {name: value for name, value in cleaned.items() if value}


def _supported(language: str) -> str:
    """'es-mx' is stored as 'es'; a language the site does not speak as nothing."""
    try:
        return translation.get_supported_language_variant(language) if language else ""
    except LookupError:
        return ""


def client_get_or_create(
    *,
    email: str,
    first_name: str,
    last_name: str = "",
    preferred_name: str = "",
    phone: str = "",
    preferred_contact: str = "",
    state: str = "",
    city: str = "",
    language: str = "",
    guessed_language: str = "",
    fill_blanks: bool = True,
) -> Client:
    """One person, one record: match on email, case-insensitively.

    A public form can be filled in by anyone who knows an address, so an existing client's
    details are never overwritten from one: only empty fields are filled in (see
    `client_fill_blanks`; `fill_blanks=False` leaves that to the caller). The coordinator
    confirms changes on the call and edits them in admin.

    Two first contacts with one email at the same moment both insert; the unique index
    keeps one row (ON CONFLICT DO NOTHING, so no savepoint) and the other then reads it.

    `language` is that of the page the person used (empty: a staff member typing it in, which
    says nothing about it). Unlike a contact detail it is their latest choice, so it replaces
    the one on record: it changes only how our emails to that same address read.
    `guessed_language` is someone else's guess (the signer's, for the partner they named): it
    is kept for a new record and never changes an existing one.
    """
    details = _details(
        first_name=first_name,
        last_name=last_name,
        preferred_name=preferred_name,
        phone=phone,
        preferred_contact=preferred_contact,
        state=state,
        city=city,
    )
    email = email.strip()
    language, guessed_language = _supported(language), _supported(guessed_language)
    first = {"language": language or guessed_language} if language or guessed_language else {}
    client = Client(email=email, **details, **first)
    if _insert_new(client):
        # A raw insert sends no signal: the first history row (every detail's first value)
        # is written here, by the one call that wrote the row.
        history_write(Client, [client], created=True)
        return client  # every detail and the language are the form's already
    client = (
        Client.objects.with_email(email)
        .annotate(has_history=Exists(Client.history.filter(id=OuterRef("pk"))))
        .get()
    )
    if not client.has_history:
        # A record from before history was kept; or, outside a transaction, one whose first
        # contact has not written its row yet (the two rows then say the same).
        history_write(Client, [client], created=True)
    client_language_set(client, language=language)
    if fill_blanks:
        client_fill_blanks(client, **details)
    return client


def _insert_new(client: Client) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id: True, with the pk set, when this call
    wrote the row; False when the email was on record already.

    One round trip where bulk_create (which returns no id when it ignores a conflict) needed
    a second to read the row back, and a third to ask whether it had any history yet.
    """
    opts = Client._meta
    fields = [f for f in opts.concrete_fields if not f.generated and f is not opts.pk]
    # QuerySet._insert is what save() and bulk_create() write through; it is the one way to
    # ask Django for ON CONFLICT DO NOTHING with RETURNING.
    rows = Client.objects._insert(  # type: ignore[attr-defined]
        [client], fields=fields, returning_fields=[opts.pk], on_conflict=OnConflict.IGNORE
    )
    if not rows or rows[0] is None:  # one object: [None] when the conflict kept the old row
        return False
    client.pk = rows[0][0]
    client.written_now = True
    client._state.adding = False
    client._state.db = router.db_for_write(Client)
    return True


def client_language_set(client: Client, *, language: str) -> Client:
    """The language of the page the person just used (a sign-up, a booking, a request, a
    confirmation): their latest choice, so it replaces the one on record. Empty (a staff
    member acting for them) changes nothing."""
    language = _supported(language)
    if language and client.language != language:
        Client.objects.filter(pk=client.pk).update(language=language, updated_at=timezone.now())
        client.language = language
        # update() sends no signal; the change is recorded here, as any detail's is.
        history_write(Client, [client])
    return client


def client_fill_blanks(client: Client, **given: str) -> Client:
    """Fill in the client's empty contact fields from a form; never overwrite one.

    Each field is written only where the row still has it empty: two forms from one person
    at the same moment cannot overwrite each other's answer (the first one stays).
    """
    details = _details(**given)
    filled_any = False
    for name, value in details.items():
        if getattr(client, name):
            continue
        filled = Client.objects.filter(pk=client.pk, **{name: ""}).update(
            **{name: value}, updated_at=timezone.now()
        )
        if filled:
            setattr(client, name, value)
            filled_any = True
        else:
            client.refresh_from_db(fields=[name])
    if filled_any:
        # update() sends no signal; record the filled-in values (old: blank) here.
        history_write(Client, [client])
    return client


def lead_create(
    *,
    client: Client,
    source: str,
    interest: str = Lead.Interest.NOT_SURE,
    interested_group=None,
    is_urgent: bool = False,
    message: str = "",
    preferred_times: str = "",
    heard_about: str = "",
    status: str = Lead.Status.NEW,
    actor: User | None = None,
    now: datetime | None = None,
) -> Lead:
    now = now or timezone.now()
    lead = Lead(
        client=client,
        source=source,
        interest=interest,
        interested_group=interested_group,
        is_urgent=is_urgent,
        message=message,
        preferred_times=preferred_times,
        heard_about=heard_about,
        status=status,
        status_changed_at=now,
    )
    history_mark(lead, by=actor)
    lead.save(force_insert=True)
    LeadEvent.objects.create(lead=lead, from_status="", to_status=status, actor=actor, at=now)
    return lead


def lead_flag_urgent(*, lead_id: int) -> Lead:
    """A person answered yes to the safety question after their lead was written (a staff
    placement's confirmation): the lead goes to the top of the coordinator's list."""
    lead = Lead.objects.get(pk=lead_id)
    if not lead.is_urgent:
        lead.is_urgent = True
        lead.save(update_fields=["is_urgent"])
    return lead


def client_access_record(*, client_id: int, user: User, where: str) -> None:
    """One client's page was opened (see clients.access.access_record)."""
    access_record(user=user, client_ids=[client_id], where=where)


def lead_intake_create(
    *,
    first_name: str,
    email: str,
    last_name: str = "",
    phone: str = "",
    preferred_contact: str = "",
    state: str = "",
    city: str = "",
    interest: str = Lead.Interest.NOT_SURE,
    interested_group=None,
    message: str = "",
    preferred_times: str = "",
    heard_about: str = "",
    is_urgent: bool = False,
    source: str = Lead.Source.GET_STARTED,
    language: str = "",
    actor: User | None = None,
    now: datetime | None = None,
) -> Lead:
    """An intake request: the client (one per email), the lead, and the emails, in one go.

    A request from the website is confirmed to the client and alerts the coordinator at once
    (an urgent one with its own subject); one the coordinator types in from a phone call
    sends nothing, since they are already talking.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        client = client_get_or_create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            preferred_contact=preferred_contact,
            state=state,
            city=city,
            language=language,
        )
        lead = lead_create(
            client=client,
            source=source,
            interest=interest,
            interested_group=interested_group,
            is_urgent=is_urgent,
            message=message,
            preferred_times=preferred_times,
            heard_about=heard_about,
            actor=actor,
            now=now,
        )
        if actor is None:
            notification_schedule(
                kind=Kind.LEAD_RECEIVED,
                key=f"lead:{lead.pk}:received",
                to_email=client.email,
                due_at=now,
                related=lead,
                now=now,
            )
            coordinator_alert_schedule(lead=lead, now=now)
    return lead


def coordinator_alert_schedule(*, lead: Lead, now: datetime) -> None:
    """Alert the coordinator to a new request from the website: at most one email per kind
    (new, urgent) per COORDINATOR_ALERT_WINDOW_MINUTES.

    A flood of requests (a script, a stuck browser) must not bury the one real alert under
    a hundred copies; the email points to the list, where every request of the window is.
    A request that arrives after its window's email has gone out is not covered by it, so
    it gets the next window's email, due when that window opens: an urgent person who asks
    for help a few minutes after another is never left without an alert.
    Called inside the caller's transaction; the window's key makes a second call a no-op.
    """
    seconds = settings.COORDINATOR_ALERT_WINDOW_MINUTES * 60
    window = int(now.timestamp() // seconds)
    kind = Kind.LEAD_URGENT_ALERT if lead.is_urgent else Kind.LEAD_NEW_ALERT
    alert = notification_schedule(
        kind=kind,
        key=f"coordinator_alert:{kind}:{window}",
        to_email=settings.COORDINATOR_EMAIL,
        due_at=now,
        related=lead,
        now=now,
    )
    if alert is not None and alert.status != Notification.Status.PENDING:
        notification_schedule(
            kind=kind,
            key=f"coordinator_alert:{kind}:{window + 1}",
            to_email=settings.COORDINATOR_EMAIL,
            due_at=datetime.fromtimestamp((window + 1) * seconds, tz=UTC),
            related=lead,
            now=now,
        )
