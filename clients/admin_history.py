"""A read-only change history page for each client, lead, enrollment and attendance mark.

Takes the place of admin's own "History" page (same URL, same button on each record): every
change, newest first, with who made it, when (Pacific time), and each field's old and new
value. There is nothing to revert or edit here; simple-history's own admin would offer a
revert form. Opening it shows client details, so it writes an access-log row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone

from .access import access_record

HISTORY_LIMIT = 300
WHAT = {"+": "Created", "~": "Changed", "-": "Deleted"}
NOBODY = "the website or the system (nobody signed in)"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    what: str
    changes: list[Change]


def _shown(field: models.Field, value) -> str:
    if value is None or value == "":
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%b %-d, %Y %-I:%M %p %Z")
    if field.is_relation:
        return f"#{value}"
    return str(value)


def change_history(obj: models.Model, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The record's history rows turned into field changes (old -> new), newest first."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    records.reverse()
    fields = [f for f in obj.history.model.tracked_fields if f.name != "id"]
    entries = []
    for index, record in enumerate(records):
        before = records[index - 1] if index else None
        if before is None and len(records) > limit:
            continue  # the oldest row fetched only to show what the next one changed
        changes = []
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(before, field.attname) if before is not None else None
            if before is None and new in (None, ""):
                continue
            if before is not None and old == new:
                continue
            changes.append(
                Change(
                    field=str(field.verbose_name),
                    old=_shown(field, old) if before is not None else "",
                    new=_shown(field, new),
                )
            )
        user = record.history_user
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else NOBODY,
                what=WHAT.get(record.history_type, record.history_type),
                changes=changes,
            )
        )
    entries.reverse()
    return entries


class ChangeHistoryAdminMixin:
    """For a ModelAdmin of a model with `history = HistoricalRecords()`."""

    history_client_attr = "client_id"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = change_history(obj)
        access_record(
            user=request.user,
            client_ids=[attrgetter(self.history_client_attr)(obj)],
            where=f"admin {self.opts.model_name} #{obj.pk} change history",
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change history: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": entries,
            "limit": HISTORY_LIMIT,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/change_history.html", context)
