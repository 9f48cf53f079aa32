"""The lead list's filters: "needs action" (worked out once per request) and "assigned to"."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from ..models import Lead
from ..selectors import Attention

L = Lead.Status


def attention(request: HttpRequest) -> Attention:
    """The needs-action conditions, worked out once per request (one query: closed days)."""
    if not hasattr(request, "_lead_attention"):
        request._lead_attention = Attention.at(timezone.now())
    return request._lead_attention


class NeedsActionFilter(admin.SimpleListFilter):
    """The list opens on "Needs action": urgent first, then overdue, then new."""

    title = "needs action"
    parameter_name = "attention"
    DEFAULT = "needs_action"

    def lookups(self, request, model_admin):
        return [
            ("needs_action", "Needs action"),
            ("urgent", "Urgent, not yet contacted"),
            ("overdue", "Overdue"),
            ("new", "New"),
            ("follow_up", "Follow-ups due today or overdue"),
            ("all", "All leads"),
        ]

    def __init__(self, request, params, model, model_admin):
        # The list opens on "Needs action"; a search or another filter looks at every lead
        # unless this filter is chosen too.
        others = set(request.GET) - {self.parameter_name, "o", "p", "e", "_changelist_filters"}
        self.default = "all" if others else self.DEFAULT
        super().__init__(request, params, model, model_admin)

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        now = attention(request)
        condition = {
            "needs_action": now.needs_action,
            "urgent": now.urgent,
            "overdue": now.overdue,
            "new": now.new,
            "follow_up": now.follow_ups_due,
        }.get(self.value())
        return queryset if condition is None else queryset.filter(condition)


class AssigneeFilter(admin.SimpleListFilter):
    # "Me" and "nobody" cover the daily questions without listing every staff member.
    title = "owner"
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("me", "Mine"), ("nobody", "Nobody yet")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset
