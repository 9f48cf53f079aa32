"""The "get started" intake request and its confirmation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import HEARD_ABOUT_CHOICES, OUTSIDE_CALIFORNIA, GetStartedForm
from .services import lead_intake_create

# Only what the thank-you page needs; never the message or contact details.
_DONE_KEY = "intake_done"
_HEARD_ABOUT_LABELS = {code: label for code, label in HEARD_ABOUT_CHOICES if code}


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
            heard_about=_HEARD_ABOUT_LABELS.get(data["heard_about"], ""),
            is_urgent=data["crisis"],
        )
        request.session[_DONE_KEY] = {
            "first_name": lead.client.greeting_name,
            "urgent": lead.is_urgent,
            "outside_california": not form.is_in_california(),
            "contact_method": lead.client.get_preferred_contact_display().lower(),
        }
        return redirect("clients:get_started_done")
    # A "yes" on a form sent back for a typo must still show help at once, not after a fix.
    show_crisis = form.is_bound and form.data.get("crisis") == "yes"
    return render(request, "clients/get_started.html", {"form": form, "show_crisis": show_crisis})


@never_cache
def get_started_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(_DONE_KEY)
    if not done:
        return redirect("clients:get_started")
    return render(
        request,
        "clients/get_started_done.html",
        {**done, "outside_california_text": OUTSIDE_CALIFORNIA},
    )
