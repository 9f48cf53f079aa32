"""The coordinator withdrawing a partner of a couple in admin: asked first whether the other
partner stays on alone (the default is that both leave, since the group is built for
couples). Kept beside admin.py so the enrollment admin stays about single places."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.template.response import TemplateResponse

from . import services
from .models import LIVE, Enrollment
from .wording import offers_followed

BOTH_LEAVE = "both"
PARTNER_STAYS = "stays"


class PartnerChoiceForm(forms.Form):
    partner = forms.ChoiceField(
        label="Their partner",
        choices=[
            (BOTH_LEAVE, "Leaves too (both places end; the default for a couples group)"),
            (PARTNER_STAYS, "Stays on alone (keeps their own seat)"),
        ],
        initial=BOTH_LEAVE,
        widget=forms.RadioSelect,
    )


def one_per_couple(queryset: QuerySet[Enrollment]) -> list[Enrollment]:
    """The selected places, one partner per couple: withdrawing one moves the other."""
    seen: set[int] = set()
    rows = []
    for enrollment in queryset.select_related("client", "cohort__group").order_by("pk"):
        if enrollment.couple_id in seen:
            continue
        if enrollment.couple_id is not None:
            seen.add(enrollment.couple_id)
        rows.append(enrollment)
    return rows


def withdraw_action(model_admin, request, queryset: QuerySet[Enrollment]):
    """Withdraw the selected places; when any is a partner with a live partner, ask first."""
    rows = one_per_couple(queryset)
    # One query for the partners still in place, not one per selected row.
    live_partners = set(
        Enrollment.objects.filter(
            couple_id__in={e.couple_id for e in rows if e.couple_id}, status__in=LIVE
        )
        .exclude(pk__in=[e.pk for e in rows])
        .values_list("couple_id", flat=True)
    )
    couples = [e for e in rows if e.couple_id in live_partners]
    form = PartnerChoiceForm(request.POST if "apply" in request.POST else None)
    if couples and not ("apply" in request.POST and form.is_valid()):
        return TemplateResponse(
            request,
            "enrollment/admin_action_ask.html",
            {
                **model_admin.admin_site.each_context(request),
                "title": "Withdraw a partner of a couple",
                "intro": (
                    "These places will be withdrawn. Some belong to a couple in a couples "
                    "group: does their partner leave too, or stay on alone? The group is built "
                    "for couples, so by default both leave. Either way the move is recorded "
                    "with your name."
                ),
                "action": "withdraw",
                "submit_label": "Withdraw",
                "opts": model_admin.model._meta,
                "form": form,
                "enrollments": rows,
                "couples": couples,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    stays = bool(couples) and form.cleaned_data["partner"] == PARTNER_STAYS
    moved, followed, refused, offers = 0, 0, [], []
    for enrollment in rows:
        try:
            result = services.enrollment_withdraw(
                enrollment_id=enrollment.pk, actor=request.user, partner_stays=stays
            )
        except services.EnrollmentError as error:
            refused.append(f"#{enrollment.pk} {enrollment.client}: {error}")
        else:
            moved += 1
            followed += len(result.partners_moved)
            offers += result.offers_made
    if moved:
        text = f"{moved} {'enrollment' if moved == 1 else 'enrollments'} withdrawn"
        if followed:
            text += f"; {followed} partner{'s' if followed != 1 else ''} left with them"
        elif stays:
            text += "; their partner stays on alone"
        if after := offers_followed(offers):
            text += f"; {after}"
        model_admin.message_user(request, text + ".", messages.SUCCESS)
    for line in refused:
        model_admin.message_user(request, f"Not changed: {line}", messages.WARNING)
    return None


DECIDED_LEAVES = "{name}'s place has ended too; they have been told kindly."
DECIDED_STAYS = "{name} stays on alone."


def partner_decide_view(model_admin, request, pk: int):
    """Today's question after a partner left with their own link: does the other stay?"""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect

    if request.method != "POST" or not model_admin.has_change_permission(request):
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision not in ("leaves", "stays"):
        model_admin.message_user(request, "Please choose one of the two answers.", messages.ERROR)
        return redirect("staff_today")
    try:
        place = services.couple_partner_decide(
            enrollment_id=pk, stays=decision == "stays", actor=request.user
        )
    except services.EnrollmentError as error:
        model_admin.message_user(request, str(error), messages.WARNING)
    else:
        name = place.client.greeting_name
        text = (DECIDED_STAYS if decision == "stays" else DECIDED_LEAVES).format(name=name)
        if after := offers_followed(place.offers_made):
            text += f" {after[:1].upper()}{after[1:]}."
        model_admin.message_user(request, text, messages.SUCCESS)
    return redirect("staff_today")
