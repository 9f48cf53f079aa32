"""Therapists stay out of admin: their work is on the portal.

A signed-in therapist (who is not also the coordinator or a superuser) asking for any page
under the admin gets a 403 in the site's own style with a link back to their cohorts.
Other users pass through untouched; admin's own sign-in handles the signed-out.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from .access import is_coordinator, therapist_of


class TherapistsOutOfAdmin:
    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None

    def __call__(self, request):
        if self._prefix is None:
            self._prefix = reverse("admin:index")
        if request.path.startswith(self._prefix) and _is_therapist_only(request.user):
            return render(request, "roster/admin_refused.html", status=403)
        return self.get_response(request)


def _is_therapist_only(user) -> bool:
    return therapist_of(user) is not None and not is_coordinator(user)
