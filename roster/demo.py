"""Demo attendance for `manage.py seed_demo`: the running cohorts' past sessions, marked
by their lead therapist, so a therapist who signs in sees a roster with history; and an
online group meeting today (whenever the demo is loaded) in which one member has missed
the last two meetings, so the missed-sessions flag, the California tick and the emergency
contacts can be tried at once.

Idempotent: marks are matched on session and member, and existing ones are left alone.
The running cohorts' marks are written straight to the table (demo data only); the online
group's go through roster.services, so its flag and alerts are the real ones.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clients.emergency import emergency_contact_save
from clients.models import Client
from cohorts.models import Cohort, Session, Therapist, TherapyGroup
from cohorts.services import cohort_generate_sessions
from enrollment.demo_seats import seat
from enrollment.models import Enrollment, EnrollmentStatus
from groups_site.timezones import PACIFIC

from .models import Attendance
from .services import attendance_record

# Mostly present, with the occasional absence or excused week, always the same pattern.
PATTERN = ["present"] * 9 + ["absent", "present", "excused"]


def _contact_details() -> None:
    # The demo members come without phone numbers; a roster is easier to judge with some.
    methods = ["email", "phone", "text"]
    clients = Client.objects.filter(email__startswith="demo-", phone="").order_by("pk")
    for index, client in enumerate(clients):
        client.phone = f"(951) 555-{1000 + client.pk % 9000:04d}"
        client.preferred_contact = methods[index % len(methods)]
        client.save(update_fields=["phone", "preferred_contact", "updated_at"])


ONLINE_GROUP = {
    "name": "Evening Connection (online)",
    "focus": TherapyGroup.Focus.MIXED,
    "topic": "Staying close when life is busy",
    "summary": "Eight weekly video meetings on listening, repair and asking for what you need.",
    "who_it_is_for": "Adults in California who want steadier relationships; anyone welcome.",
    "what_to_expect": "A short skill each week, practice in pairs, and time to talk.",
    "fee_text": "$55 per session",
    # Its Spanish columns (modeltranslation), for visitors reading the Spanish site.
    "name_es": "Conexión por la tarde (en línea)",
    "topic_es": "Mantenerse cerca cuando la vida va deprisa",
    "summary_es": (
        "Ocho reuniones semanales por video sobre escuchar, reparar después de un desacuerdo "
        "y pedir lo que usted necesita."
    ),
    "who_it_is_for_es": (
        "Adultos en California que quieren relaciones más estables; todos son bienvenidos."
    ),
    "what_to_expect_es": (
        "Una habilidad breve cada semana, práctica en parejas y tiempo para conversar."
    ),
    "fee_text_es": "$55 por sesión",
    "format": TherapyGroup.Format.ONLINE,
    "kind": TherapyGroup.Kind.CLOSED,
    "is_listed": True,
}
ONLINE_MEMBERS = ["Alma", "Bea", "Carmen", "Dario", "Eli"]


def seed() -> list[str]:
    # The online group first: once its meeting today has ended, the running cohorts' marks
    # include it, so a second run (at any hour) finds every mark made and adds none.
    lines = _seed_online_today(now=timezone.now())
    return _seed_running() + lines


def _seed_online_today(*, now: datetime) -> list[str]:
    """An online cohort two weeks in, meeting today; Alma missed both earlier meetings."""
    today = now.astimezone(PACIFIC).date()
    group, _ = TherapyGroup.objects.update_or_create(
        slug="evening-connection-online", defaults=ONLINE_GROUP
    )
    first = today - timedelta(days=14)
    cohort = Cohort.objects.filter(group=group, first_session_date=first).first()
    if cohort is None:
        lead = Therapist.objects.select_related("user").get(user__username="elena")
        cohort = Cohort.objects.create(
            group=group,
            lead_therapist=lead,
            first_session_date=first,
            weekday=first.weekday(),
            start_time=time(19, 0),
            session_count=8,
            capacity=8,
            min_to_run=4,
            video_link="https://video.example.org/evening-connection",
            status=Cohort.Status.PUBLISHED,
        )
        cohort_generate_sessions(cohort=cohort, now=now)
    members = []
    for index, name in enumerate(ONLINE_MEMBERS):
        client, _ = Client.objects.get_or_create(
            email=f"demo-online-{index + 1:02d}@example.org",
            defaults={
                "first_name": name,
                "last_name": "Demo",
                "state": "CA",
                "city": "Temecula",
                "phone": f"(951) 555-{2100 + index:04d}",
            },
        )
        if index % 2 == 0:
            emergency_contact_save(
                client_id=client.pk,
                name=f"{name}'s sister",
                relationship="Sister",
                phone=f"(951) 555-{2200 + index:04d}",
                now=now,
            )
        members.append(client)
    seat(cohort, members, actor=get_user_model().objects.get(username="coordinator"), now=now)
    members = list(
        Enrollment.objects.filter(
            cohort=cohort, client__in=members, status=EnrollmentStatus.ENROLLED
        ).order_by("client__email")
    )
    past = Session.objects.held().filter(cohort=cohort, scheduled_date__lt=today)
    marked = set(Attendance.objects.filter(session__cohort=cohort).values_list("session_id"))
    for session in past.order_by("starts_at"):
        if (session.pk,) in marked:
            continue
        marks = {m.pk: ("absent" if i == 0 else "present") for i, m in enumerate(members)}
        attendance_record(
            session_id=session.pk,
            marks=marks,
            in_california={m.pk: True for m in members},
            by=cohort.lead_therapist.user,
            now=session.ends_at,
        )
    return [
        "Demo online group meeting today: Evening Connection (online), led by elena; "
        "Alma has missed two meetings in a row."
    ]


@transaction.atomic
def _seed_running() -> list[str]:
    now = timezone.now()
    _contact_details()
    added = 0
    running = Cohort.objects.filter(
        status=Cohort.Status.PUBLISHED, sessions__starts_at__lte=now
    ).select_related("lead_therapist__user")
    for cohort in running.distinct():
        sessions = Session.objects.filter(
            cohort=cohort, status=Session.Status.SCHEDULED, ends_at__lte=now
        ).order_by("starts_at")
        members = list(
            Enrollment.objects.filter(cohort=cohort, status=EnrollmentStatus.ENROLLED)
            .select_related("start_session")
            .order_by("pk")
        )
        have = set(
            Attendance.objects.filter(session__cohort=cohort).values_list(
                "session_id", "enrollment_id"
            )
        )
        rows = []
        for week, session in enumerate(sessions):
            for index, member in enumerate(members):
                start = member.start_session
                if (session.pk, member.pk) in have or (
                    start and start.starts_at > session.starts_at
                ):
                    continue
                rows.append(
                    Attendance(
                        session=session,
                        enrollment=member,
                        status=PATTERN[(week * 5 + index * 7) % len(PATTERN)],
                        marked_by=cohort.lead_therapist.user,
                        marked_at=session.ends_at,
                    )
                )
        Attendance.objects.bulk_create(rows)
        added += len(rows)
    lines = ["Therapists sign in at /accounts/login/ to see their rosters and take attendance."]
    if added:
        lines.insert(0, f"Demo attendance: {added} marks on the running cohorts.")
    return lines
