"""Reads of leads shaped for the coordinator: what needs action now, and in which order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from groups_site.timezones import pacific_today

from .business_days import closed_days_near, overdue_cutoff
from .models import LEAD_CLOSED_BY_HAND as CLOSED_BY_HAND
from .models import LEAD_OPEN as OPEN
from .models import Lead

L = Lead.Status

# Needs-action ranks, in the order the lead list shows them.
URGENT, OVERDUE, NEW, DUE_TODAY, LATER = range(5)
RANK_LABELS = {URGENT: "Urgent", OVERDUE: "Overdue", NEW: "New", DUE_TODAY: "Follow up today"}


@dataclass(frozen=True)
class Attention:
    """The conditions behind "needs action" at one moment (Pacific days, closed days)."""

    now: datetime
    today: date
    cutoff: datetime

    @classmethod
    def at(cls, now: datetime) -> Attention:
        return cls(
            now=now, today=pacific_today(now), cutoff=overdue_cutoff(now, closed_days_near(now))
        )

    @property
    def urgent(self) -> Q:
        # A crisis answer nobody has spoken to yet.
        return Q(is_urgent=True, first_contacted_at__isnull=True, status__in=OPEN)

    @property
    def overdue(self) -> Q:
        waited = Q(status=L.NEW, created_at__lt=self.cutoff)
        missed = Q(follow_up_on__lt=self.today) & ~Q(status__in=CLOSED_BY_HAND)
        return waited | missed

    @property
    def new(self) -> Q:
        return Q(status=L.NEW)

    @property
    def due_today(self) -> Q:
        return Q(follow_up_on=self.today) & ~Q(status__in=CLOSED_BY_HAND)

    @property
    def follow_ups_due(self) -> Q:
        return Q(follow_up_on__lte=self.today) & ~Q(status__in=CLOSED_BY_HAND)

    @property
    def needs_action(self) -> Q:
        return self.urgent | self.overdue | self.new | self.due_today

    def rank(self) -> Case:
        return Case(
            When(self.urgent, then=Value(URGENT)),
            When(self.overdue, then=Value(OVERDUE)),
            When(self.new, then=Value(NEW)),
            When(self.due_today, then=Value(DUE_TODAY)),
            default=Value(LATER),
            output_field=IntegerField(),
        )


def leads_ranked(attention: Attention) -> QuerySet[Lead]:
    return Lead.objects.annotate(action_rank=attention.rank()).select_related(
        "client", "interested_group", "assignee"
    )
