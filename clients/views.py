"""The "get started" intake request and its confirmation."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from groups_site.languages import path_prefix

from .forms import CONTACT_CHOICES, GetStartedForm, heard_about_label
from .messages import OUTSIDE_CALIFORNIA
from .models import Lead
from .services import lead_intake_create

# The thank-you page's pointer: a signed, short-lived cookie with the lead's id and two
# yes/no answers. No name, no urgent flag and no contact details leave the database, and
# nothing is kept in the session (only staff have sessions).
_DONE_COOKIE = "intake_done"
_DONE_MAX_AGE = 60 * 60
_CONTACT_LABELS = dict(CONTACT_CHOICES)


@never_cache
@require_http_methods(["GET", "POST"])
def get_started(request: HttpRequest) -> HttpResponse:
    form = GetStartedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lead = lead_intake_create(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            preferred_contact=data["preferred_contact"],
            state=data["state"],
            city=data["city"],
            interest=data["interest"],
            interested_group=data["interested_group"],
            message=data["message"],
            preferred_times=data["preferred_times"],
            heard_about=heard_about_label(data["heard_about"]),
            is_urgent=data["crisis"],
            language=translation.get_language(),
        )
        done = {
            "lead": lead.pk,
            # Someone typing another person's email must not be greeted with their name.
            "named": lead.client.first_name.strip().casefold()
            == data["first_name"].strip().casefold(),
            "outside": not form.is_in_california(),
            "contact": data["preferred_contact"],
        }
        response = redirect("clients:get_started_done")
        response.set_cookie(
            _DONE_COOKIE,
            signing.dumps(done, salt=_DONE_COOKIE, compress=True),
            max_age=_DONE_MAX_AGE,
            path=f"{path_prefix()}/get-started/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
    # A "yes" on a form sent back for a typo must still show help at once, not after a fix.
    show_crisis = form.is_bound and form.data.get("crisis") == "yes"
    return render(request, "clients/get_started.html", {"form": form, "show_crisis": show_crisis})


@never_cache
def get_started_done(request: HttpRequest) -> HttpResponse:
    try:
        done = signing.loads(
            request.COOKIES.get(_DONE_COOKIE, ""), salt=_DONE_COOKIE, max_age=_DONE_MAX_AGE
        )
        lead = Lead.objects.select_related("client").get(pk=done["lead"])
    except (signing.BadSignature, Lead.DoesNotExist, KeyError, TypeError):
        return redirect("clients:get_started")
    return render(
        request,
        "clients/get_started_done.html",
        {
            "first_name": lead.client.greeting_name if done.get("named") else "",
            "urgent": lead.is_urgent,
            "outside_california": bool(done.get("outside")),
            "contact_method": str(
                _CONTACT_LABELS.get(done.get("contact"), CONTACT_CHOICES[0][1])
            ).lower(),
            "outside_california_text": OUTSIDE_CALIFORNIA,
        },
    )
