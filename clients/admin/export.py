"""The lead list as CSV, filtered as on screen. Contact details and the pipeline only: no
screening answers, no crisis flag, no message (the person's own words stay in the admin)."""

from __future__ import annotations

import csv

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from ..access import Action, access_record
from ..models import Lead

COLUMNS = [
    "received",
    "first name",
    "last name",
    "email",
    "phone",
    "prefers",
    "city",
    "state",
    "source",
    "interest",
    "group",
    "status",
    "owner",
    "last contact",
    "next follow-up",
]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def lead_row(lead: Lead) -> list[str]:
    c = lead.client
    owner = lead.assignee.get_full_name() or lead.assignee.username if lead.assignee else ""
    return [
        _local(lead.created_at),
        c.first_name,
        c.last_name,
        c.email,
        c.phone,
        c.get_preferred_contact_display(),
        c.city,
        c.state,
        lead.get_source_display(),
        lead.get_interest_display(),
        lead.interested_group.name if lead.interested_group else "",
        lead.get_status_display(),
        owner,
        _local(lead.last_contacted_at),
        lead.follow_up_on.isoformat() if lead.follow_up_on else "",
    ]


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def leads_csv_response(leads: QuerySet[Lead], *, user: AbstractBaseUser) -> HttpResponse:
    """Every exported person gets an access-log row naming the export and its row count,
    since their details left the admin in a file."""
    rows = list(leads.select_related("client", "interested_group", "assignee"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="leads-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for lead in rows:
        writer.writerow([_safe(v) for v in lead_row(lead)])
    access_record(
        user=user,
        client_ids=[lead.client_id for lead in rows],
        where=f"lead CSV export ({len(rows)} rows)",
        action=Action.EXPORT,
        result_count=len(rows),
    )
    return response
