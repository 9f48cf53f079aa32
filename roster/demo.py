"""Demo attendance for `manage.py seed_demo`: the running cohorts' past sessions, marked
by their lead therapist, so a therapist who signs in sees a roster with history.

Idempotent: marks are matched on session and member, and existing ones are left alone.
Written straight to the table (demo data only); the site goes through roster.services.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from clients.models import Client
from cohorts.models import Cohort, Session
from enrollment.models import Enrollment, EnrollmentStatus

from .models import Attendance

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


@transaction.atomic
def seed() -> list[str]:
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
