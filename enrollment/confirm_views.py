"""The one short page where a person placed in a group by the coordinator confirms it.

Kept apart from the sign-up and "my place" pages: it asks only the three answers that must
be the person's own (the agreement, their location, the safety question) and calls
`placement_confirm`. The link is the usual signed enrollment id.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from groups_site.dates import pacific_when

from . import services
from .agreements import agreement_for
from .forms import PlacementConfirmForm
from .links import enrollment_id_from_token, manage_path
from .models import Enrollment
from .selectors import enrollment_for_page, member_start
from .wording import meets

S = Enrollment.Status


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    enrollment_id = enrollment_id_from_token(token)
    enrollment = enrollment_for_page(enrollment_id) if enrollment_id else None
    if enrollment is None:
        return render(request, "enrollment/link_invalid.html", status=404)
    cohort = enrollment.cohort
    agreement = agreement_for(cohort)
    context = {
        "enrollment": enrollment,
        "cohort": cohort,
        "meets": meets(cohort),
        "start": member_start(enrollment),
        "manage_path": manage_path(enrollment.pk),
        "agreement": agreement,
        "agreement_lines": agreement.lines(online=cohort.group.is_online),
    }
    now = timezone.now()
    open_ = services.needs_confirmation(enrollment) and not (
        enrollment.status == S.PLACED and enrollment.offer_expires_at <= now
    )
    if not open_:
        return _closed(request, context, enrollment)
    form = PlacementConfirmForm(
        request.POST or None, cohort=cohort, agreement=agreement if not request.POST else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrollment = services.placement_confirm(
                enrollment_id=enrollment.pk,
                state=form.cleaned_data["state"],
                crisis=form.cleaned_data["crisis"],
                agreement_version=form.cleaned_data["agreement_version"],
                language=translation.get_language(),
            )
        except services.EnrollmentError as error:
            message = str(error)
            if message in (services.PLACEMENT_EXPIRED, services.PLACEMENT_NOT_OPEN):
                return _closed(request, context, enrollment, message=message)
            form.add_error(None, message)
        else:
            context.update(enrollment=enrollment, crisis=form.cleaned_data["crisis"])
            return render(request, "enrollment/confirm_done.html", context)
    context.update(
        form=form,
        invited_by_partner=services.invited_by_partner(enrollment),
        show_crisis=form.is_bound and form.data.get("crisis") == "yes",
        expires=pacific_when(enrollment.offer_expires_at) if enrollment.status == S.PLACED else "",
    )
    return render(request, "enrollment/confirm.html", context)


def _closed(request, context, enrollment, *, message: str = "") -> HttpResponse:
    """An already confirmed, ended or expired placement: a kind page, never an error."""
    if not message:
        expired = enrollment.status == S.PLACED or (
            enrollment.status == S.WITHDRAWN
            and enrollment.events.filter(reason=services.PLACEMENT_RAN_OUT).exists()
        )
        message = services.PLACEMENT_EXPIRED if expired else services.PLACEMENT_NOT_OPEN
    context["message"] = message
    return render(request, "enrollment/confirm_closed.html", context, status=200)
