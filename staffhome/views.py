"""/staff/: the coordinator's Today page, with the stock model index below it."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from clients.access import access_record

from .selectors import today_load


@never_cache
def today(request: HttpRequest) -> HttpResponse:
    site = admin.site
    if not site.has_permission(request):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    data = today_load(now=timezone.now())
    # Today's calls and couples show names: record who saw whose, in one insert.
    access_record(
        user=request.user,
        client_ids=[
            *(c.client_id for c in data.calls),
            *(p.client_id for p in data.awaiting_partner),
            *(p.client_id for p in data.awaiting_decision),
            *(p.partner_client_id for p in data.awaiting_partner if p.partner_client_id),
        ],
        where="admin today page",
    )
    leads = reverse("admin:clients_lead_changelist")
    fill = reverse("admin:enrollment_cohortfill_changelist")
    emails = reverse("admin:notifications_notification_changelist")
    places = reverse("admin:enrollment_enrollment_changelist")
    context = {
        **site.each_context(request),
        "title": "Today",
        "subtitle": None,
        "app_list": site.get_app_list(request),
        "data": data,
        "links": {
            "urgent": f"{leads}?attention=urgent",
            "new": f"{leads}?attention=new",
            "overdue": f"{leads}?attention=overdue",
            "follow_ups": f"{leads}?attention=follow_up",
            "calls": reverse("admin:consultations_consultation_day"),
            "offers": f"{places}?status__exact=offered&ending=24h",
            "placements": f"{places}?status__exact=placed",
            "under_minimum": _ids(fill, data.under_minimum),
            "free_seat": _ids(fill, data.free_seat_and_waitlist),
            "failed": f"{emails}?status__exact=failed",
            "stuck": f"{emails}?stuck=yes",
        },
    }
    request.current_app = site.name
    return TemplateResponse(request, "staffhome/today.html", context)


def _ids(url: str, fills) -> str:
    ids = ",".join(str(f.cohort.pk) for f in fills)
    return f"{url}?id__in={ids}" if ids else url
