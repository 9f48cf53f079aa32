"""Bulk actions on the lead list. Each calls a clients service per lead and says what moved,
what else followed, and what was refused and why."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone

from ..models import Lead
from ..services import LeadMoveError, lead_assign, lead_follow_up_set, lead_move
from .forms import FollowUpActionForm

L = Lead.Status

ASSIGNED = "{count} lead(s) assigned to you."
ALREADY_YOURS = "{count} already yours."
MARKED_CONTACTED = "{count} lead(s) marked contacted."
NOW_YOURS = "{count} of them now yours as the first to contact them."
ALREADY_CONTACTED = "{count} already marked contacted."
FOLLOW_UP_SET = "Next follow-up set to {day} on {count} lead(s)."
CLOSED_NO_RESPONSE = "{count} lead(s) closed as no response."
FOLLOW_UPS_CLEARED = "{count} planned follow-up(s) cleared with them."
MOVED = "{count} lead(s) moved to {status}."
NOT_MOVED = "{count} left as they were: {reasons}"


def _refused(modeladmin, request, reasons: list[str]) -> None:
    if reasons:
        modeladmin.message_user(
            request,
            NOT_MOVED.format(count=len(reasons), reasons="; ".join(sorted(set(reasons)))),
            messages.WARNING,
        )


def _say(modeladmin, request, *parts: str) -> None:
    text = " ".join(p for p in parts if p)
    if text:
        modeladmin.message_user(request, text, messages.SUCCESS)


@admin.action(description="Assign to me", permissions=["change"])
def assign_to_me(modeladmin, request, queryset):
    now = timezone.now()
    changed = kept = 0
    for lead_id in queryset.values_list("pk", flat=True):
        if lead_assign(lead_id=lead_id, assignee=request.user, actor=request.user, now=now):
            changed += 1
        else:
            kept += 1
    _say(
        modeladmin,
        request,
        ASSIGNED.format(count=changed),
        ALREADY_YOURS.format(count=kept) if kept else "",
    )


@admin.action(description="Mark contacted", permissions=["change"])
def mark_contacted(modeladmin, request, queryset):
    now = timezone.now()
    moved, owned, already, reasons = 0, 0, 0, []
    for lead_id, had_owner, status in queryset.values_list("pk", "assignee_id", "status"):
        if status == L.CONTACTED:
            already += 1
            continue
        try:
            lead = lead_move(lead_id=lead_id, to_status=L.CONTACTED, actor=request.user, now=now)
        except LeadMoveError as exc:
            reasons.append(str(exc))
            continue
        moved += 1
        owned += had_owner is None and lead.assignee_id == request.user.pk
    if moved:
        _say(
            modeladmin,
            request,
            MARKED_CONTACTED.format(count=moved),
            NOW_YOURS.format(count=owned) if owned else "",
            ALREADY_CONTACTED.format(count=already) if already else "",
        )
    _refused(modeladmin, request, reasons)


@admin.action(description="Set the next follow-up date…", permissions=["change"])
def set_follow_up(modeladmin, request, queryset):
    """Asks for the date first (a page of its own), then sets it on each lead."""
    form = FollowUpActionForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        day = form.cleaned_data["follow_up_on"]
        now = timezone.now()
        changed, reasons = 0, []
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                changed += lead_follow_up_set(lead_id=lead_id, on=day, actor=request.user, now=now)
            except LeadMoveError as exc:
                reasons.append(str(exc))
        if changed:
            _say(modeladmin, request, FOLLOW_UP_SET.format(day=f"{day:%a %b %-d}", count=changed))
        _refused(modeladmin, request, reasons)
        return None
    return TemplateResponse(
        request,
        "clients/admin/follow_up_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.model._meta,
            "title": "Set the next follow-up date",
            "form": form,
            "leads": queryset.select_related("client"),
            "action": "set_follow_up",
        },
    )


@admin.action(description="Close as no response", permissions=["change"])
def close_no_response(modeladmin, request, queryset):
    now = timezone.now()
    moved, cleared, reasons = 0, 0, []
    for lead_id, follow_up in queryset.values_list("pk", "follow_up_on"):
        try:
            lead_move(lead_id=lead_id, to_status=L.NO_RESPONSE, actor=request.user, now=now)
        except LeadMoveError as exc:
            reasons.append(str(exc))
            continue
        moved += 1
        cleared += follow_up is not None
    if moved:
        _say(
            modeladmin,
            request,
            CLOSED_NO_RESPONSE.format(count=moved),
            FOLLOW_UPS_CLEARED.format(count=cleared) if cleared else "",
        )
    _refused(modeladmin, request, reasons)


def _move_action(to_status: str):
    label = L(to_status).label

    def action(modeladmin, request, queryset):
        moved, reasons = 0, []
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                lead_move(lead_id=lead_id, to_status=to_status, actor=request.user)
            except LeadMoveError as exc:
                reasons.append(str(exc))
            else:
                moved += 1
        if moved:
            _say(modeladmin, request, MOVED.format(count=moved, status=label.lower()))
        _refused(modeladmin, request, reasons)

    action.__name__ = f"move_to_{to_status}"
    return admin.action(description=f"Close as {label.lower()}", permissions=["change"])(action)


ACTIONS = [
    assign_to_me,
    mark_contacted,
    set_follow_up,
    close_no_response,
    _move_action(L.REFERRED_OUT),
    _move_action(L.NOT_A_FIT),
]
