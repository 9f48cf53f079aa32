"""A cohort's roster as a CSV file: contact details, status and attendance counts.

In a couples group each partner keeps their own row; the "Partner" column names the other
one, and nothing else of theirs.

Never the sign-up's screening answers, the safety answer or an urgent flag: a file leaves
the site's access checks behind, so it carries only what a roster page shows for reaching
people and taking attendance.
"""

from __future__ import annotations

import csv
import io

from .selectors import RosterPage

COLUMNS = [
    "Status",
    "First name",
    "Preferred name",
    "Last name",
    "Email",
    "Phone",
    "Preferred contact",
    "Partner",
    "Present",
    "Late",
    "Absent",
    "Excused",
]


def roster_csv(page: RosterPage) -> tuple[str, int]:
    """The file's text and its number of member rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for member in page.members:
        client = member.client
        states = [cell.state for cell in member.cells]
        writer.writerow(
            [
                member.label,
                _safe(client.first_name),
                _safe(client.preferred_name),
                _safe(client.last_name),
                _safe(client.email),
                _safe(client.phone),
                client.get_preferred_contact_display(),
                _safe(member.partner_name),
                states.count("present"),
                states.count("late"),
                states.count("absent"),
                states.count("excused"),
            ]
        )
    return out.getvalue(), len(page.members)


def _safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula ('=', '+', '-', '@') is written as text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
