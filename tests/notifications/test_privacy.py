"""Every kind of email the site sends, written from realistic data and read the way a
stranger glancing at an inbox would: no group name or topic and no clinical word in a
subject, no last name anywhere, one recipient per message.

The scene is built through the services, so the rows are the ones the site really writes;
each row is rendered by its own renderer at its own due time, as the dispatcher would. A
kind registered without a sample here fails the test, so a new kind cannot skip the check.
"""

import datetime as dt
import re

import pytest
from django.conf import settings

from clients.emergency import emergency_contact_save
from clients.services import lead_intake_create
from cohorts.models import TherapyGroup
from cohorts.services import cohort_cancel
from consultations.services import consultation_book, consultation_cancel
from enrollment import services as enrollment
from enrollment.agreements import agreement_for
from notifications import registry
from notifications.dispatch import build_message
from notifications.models import Notification
from notifications.services import notification_staff_test, notifications_schedule_daily
from roster.services import attendance_record
from tests.factories import (
    ClientFactory,
    CohortFactory,
    CoordinatorFactory,
    StaffUserFactory,
    TherapyGroupFactory,
)
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db

NOW = pacific(2026, 9, 1, 10)
# Never in a subject: what the group is about, or anything clinical.
SUBJECT_WORDS = [
    "therapy group",
    "crisis",
    "suicide",
    "self-harm",
    "anxiety",
    "depression",
    "men's",
    "women's",
]
# Never in a body either (staff alerts included): the practice's own name aside, an email
# says "group" and a day, a time and a place.
EMERGENCY_CONTACT = {"name": "Marisol Thistlewood", "relationship": "Aunt", "phone": "909-555-0177"}
BODY_WORDS = ["crisis", "suicide", "self-harm", "anxiety", "depression", "men's", "women's"]
# Kinds that remind a person of a time: the time carries its zone.
TIMED = {
    "consultation_confirmation",
    "consultation_reminder",
    "group_start_reminder",
    "session_reminder",
    "offer_reminder",
    "enrollment_offered",
    "enrollment_placement",
    "enrollment_schedule_changed",
    "roster_summary",
}


def person(first, last, **extra):
    email = f"{first.lower()}.{last.lower()}@mail.example"
    return {"first_name": first, "last_name": last, "email": email, **extra}


def sign_up(cohort, who, crisis=False):
    return enrollment.enrollment_request(
        cohort=cohort,
        phone="951-555-0101",
        state="CA",
        city="Riverside",
        confirmed_adult=True,
        crisis=crisis,
        hopes="Sleeping again, and fewer arguments.",
        agreement_version=agreement_for(cohort).version,
        now=NOW,
        **who,
    ).enrollment


@pytest.fixture
def scene(time_machine, settings):
    """Every kind, at least once: two groups whose names and topics are exactly what must
    stay out of an inbox, their members in every state, calls, leads and the daily kinds."""
    time_machine.move_to(NOW, tick=False)
    mens = TherapyGroupFactory(
        in_person=True,
        name="Men's Anxiety and Depression Group",
        focus=TherapyGroup.Focus.MENS,
        topic="Anxiety, depression and anger after a crisis",
    )
    womens = TherapyGroupFactory(
        name="Women's Self-Harm Recovery Circle",
        focus=TherapyGroup.Focus.WOMENS,
        topic="Healing after self-harm and suicide loss",
    )
    couples = TherapyGroupFactory(
        name="Couples Healing After Infidelity",
        focus=TherapyGroup.Focus.COUPLES,
        topic="Rebuilding trust after an affair and depression",
    )
    small = CohortFactory(group=mens, first_session_date=dt.date(2026, 10, 18), capacity=2)
    later = CohortFactory(group=womens, first_session_date=dt.date(2026, 11, 15), min_to_run=4)
    doomed = CohortFactory(group=womens, first_session_date=dt.date(2026, 10, 25))

    ana = sign_up(small, person("Ana", "Zabriskie"))
    enrollment.enrollment_enroll(enrollment_id=ana.pk, now=NOW)
    # Two absences in a row: the missed-sessions alert to the therapist and the coordinator.
    for meeting in small.sessions.order_by("starts_at")[:2]:
        attendance_record(
            session_id=meeting.pk,
            marks={ana.pk: "absent"},
            by=small.lead_therapist.user,
            now=meeting.ends_at,
        )
    dev = sign_up(small, person("Dev", "Quintanilla"))
    sign_up(small, person("Cy", "Abernathy-Lowe"))  # waitlisted, then offered
    sign_up(small, person("Eve", "Marchetti"))  # waitlisted
    enrollment.enrollment_withdraw(enrollment_id=dev.pk, now=NOW)
    fay = sign_up(later, person("Fay", "Oyelaran"), crisis=True)
    enrollment.enrollment_decline(enrollment_id=fay.pk, reason="Needs more support", now=NOW)
    hal = sign_up(doomed, person("Hal", "Brandvold"))
    enrollment.enrollment_enroll(enrollment_id=hal.pk, now=NOW)
    cohort_cancel(cohort_id=doomed.pk, now=NOW)
    gus = ClientFactory(**person("Gus", "Lindqvist"))
    enrollment.enrollment_place(
        client_id=gus.pk, cohort_id=later.pk, actor=StaffUserFactory(), now=NOW
    )
    enrollment.schedule_change_notify(cohort_id=small.pk, change="moved", now=NOW)
    # Couples: each partner is invited to confirm alone; a partner who never does ends both
    # places, and each is told kindly (the deadline is shortened so no offer above runs out).
    settings.COUPLE_CONFIRM_HOURS = 1
    pairs = CohortFactory(group=couples, first_session_date=dt.date(2026, 10, 17), capacity=4)
    for first, partner, at in (("Mo", "Nia", NOW), ("Pat", "Rae", NOW + dt.timedelta(hours=2))):
        enrollment.time_limited_expire(now=at)  # Nia never confirmed: both places end
        enrollment.couple_request(
            cohort=pairs,
            partner_first_name=partner,
            partner_email=f"{partner.lower()}.partner@mail.example",
            state="CA",
            city="Riverside",
            confirmed_adult=True,
            agreement_version=agreement_for(pairs).version,
            now=at,
            **person(first, "Okonkwo-Hale"),
        )

    CoordinatorFactory(display_name="Dana")
    consultation_book(
        starts_at=pacific(2026, 9, 3, 10),
        now=NOW,
        phone="951-555-0102",
        **person("Ivy", "Kowalczyk"),
    )
    jo = consultation_book(
        starts_at=pacific(2026, 9, 3, 11),
        now=NOW,
        phone="951-555-0103",
        **person("Jo", "Fairweather"),
    )
    consultation_cancel(consultation_id=jo.pk, now=NOW)
    lead_intake_create(now=NOW, message="We argue every night.", **person("Kim", "Vasquez-Ruiz"))
    lead_intake_create(
        now=NOW,
        is_urgent=True,
        interested_group=mens,
        message="I have thought about ending my life.",
        **person("Lou", "Nakashima"),
    )
    notification_staff_test(to_email="dana@practice.example", now=NOW)

    notifications_schedule_daily(now=pacific(2026, 9, 1, 20))  # tomorrow's digest
    notifications_schedule_daily(now=pacific(2026, 10, 18, 6))  # roster summaries
    notifications_schedule_daily(now=pacific(2026, 10, 24, 6))  # Ana's Sunday reminder
    notifications_schedule_daily(now=pacific(2026, 10, 31, 20))  # the women's cohort: 0 of 4

    from clients.models import Client

    # Everyone has an emergency contact on file: no email may ever carry one.
    for client in Client.objects.all():
        emergency_contact_save(client_id=client.pk, **EMERGENCY_CONTACT)

    return {
        "groups": [mens, womens, couples],
        "last_names": list(Client.objects.values_list("last_name", flat=True)),
    }


def rendered(time_machine):
    """(row, message) for every pending row, each rendered at its own due time."""
    out = []
    for row in Notification.objects.filter(status=Notification.Status.PENDING).order_by("pk"):
        time_machine.move_to(row.due_at, tick=False)
        content = registry.renderer_for(row.kind)(row)
        out.append((row, None if content is None else build_message(row, content)))
    return out


def test_every_kind_is_discreet_and_goes_to_one_person(scene, time_machine):
    samples = rendered(time_machine)
    forbidden_in_subject = [w.lower() for w in SUBJECT_WORDS]
    forbidden_in_body = [w.lower() for w in BODY_WORDS]
    for group in scene["groups"]:
        forbidden_in_subject += [group.name.lower(), group.topic.lower()]
        forbidden_in_body += [group.name.lower(), group.topic.lower()]

    problems = []
    for row, message in samples:
        if message is None:
            continue  # its cause went away since (Dev left, say): cancelled, never sent
        subject = message.subject.lower()
        html = message.alternatives[0][0] if message.alternatives else ""
        body = (message.body + html).replace(settings.PRACTICE_NAME, "").lower()
        problems += [
            f"{row.kind}: subject says {w!r}" for w in forbidden_in_subject if w in subject
        ]
        problems += [f"{row.kind}: body says {w!r}" for w in forbidden_in_body if w in body]
        problems += [
            f"{row.kind}: body names {name!r}"
            for name in scene["last_names"]
            if name and name.lower() in body
        ]
        if message.recipients() != [row.to_email] or message.cc or message.bcc:
            problems.append(f"{row.kind}: sent to {message.recipients()}")
        if row.kind in TIMED and not re.search(r"\bP[SD]T\b", message.subject + message.body):
            problems.append(f"{row.kind}: a time without its zone")
    assert problems == [], "\n".join(problems)

    sampled = {row.kind for row, message in samples if message is not None}
    assert sampled == set(registry.registered_kinds()), "every kind needs a sample here"


def test_the_scene_really_holds_the_words_the_check_looks_for(scene):
    # Guards the test above against passing because the data were bland.
    mens, womens, couples = scene["groups"]
    assert "Men's" in mens.name and "Anxiety" in mens.name and "crisis" in mens.topic
    assert "Women's" in womens.name and "suicide" in womens.topic
    assert "Infidelity" in couples.name and "affair" in couples.topic
    assert "Zabriskie" in scene["last_names"]


def test_no_email_ever_holds_an_emergency_contact(scene, time_machine):
    samples = [(row, message) for row, message in rendered(time_machine) if message is not None]
    assert {row.kind for row, _ in samples} == set(registry.registered_kinds())

    for row, message in samples:
        html = message.alternatives[0][0] if message.alternatives else ""
        text = message.subject + message.body + html
        for part in ("Thistlewood", "Marisol", "555-0177", "5550177"):
            assert part not in text, f"{row.kind} shows an emergency contact"
