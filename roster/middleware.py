"""Therapists stay out of admin: their work is on the portal.

A signed-in therapist (who is not also the coordinator or a superuser) asking for any page
under the admin gets a 403 in the site's own style with a link back to their cohorts. One
who has just signed in through admin's own sign-in page goes to the portal instead of on
to an admin page. Other users pass through untouched; admin's sign-in handles the
signed-out.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse

from .access import is_coordinator, therapist_of


class TherapistsOutOfAdmin:
    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None
        self._login = None

    def __call__(self, request):
        if self._prefix is None:
            self._prefix, self._login = reverse("admin:index"), reverse("admin:login")
        if not request.path.startswith(self._prefix):
            return self.get_response(request)
        if _is_therapist_only(request.user):
            return render(request, "roster/admin_refused.html", status=403)
        response = self.get_response(request)
        # Signed in just now through admin's page: admin would send them on to an admin
        # page they may not open.
        if (
            request.path == self._login
            and response.status_code == 302
            and _is_therapist_only(request.user)
        ):
            return redirect("roster:home")
        return response


def _is_therapist_only(user) -> bool:
    return therapist_of(user) is not None and not is_coordinator(user)
