"""Three request guards: staff session limits, staff two-factor, and public-form throttles."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from pages.errors import bad_request, too_many_requests

from .client_ip import client_ip
from .sessions import session_expired
from .throttle import Hit, address_key, email_key, throttle_hit, throttle_refund
from .two_factor import has_confirmed_totp

logger = logging.getLogger("security.throttle")
SESSION_ENDED = "You were signed out to keep client records safe. Please sign in again."
HONEYPOT_FIELD = "website"


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and session_expired(request):
            path = request.get_full_path()
            logout(request)
            messages.info(request, SESSION_ENDED)
            return redirect_to_login(path if request.method == "GET" else "/")
        return self.get_response(request)


# Pages a signed-in but not yet verified staff member may open.
_BEFORE_TWO_FACTOR = {"login", "logout", "admin:login", "admin:logout"}


class StaffTwoFactorMiddleware:
    """With STAFF_2FA_REQUIRED, a signed-in account sees nothing but the two-factor pages
    until it has entered a code this session. Checked here rather than in each login view,
    so /accounts/login/, /staff/login/ and any later way in are all covered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not (settings.STAFF_2FA_REQUIRED and user.is_authenticated) or user.is_verified():
            return None
        match = request.resolver_match
        if match.namespace == "security" or match.view_name in _BEFORE_TWO_FACTOR:
            return None
        target = "security:verify" if has_confirmed_totp(user) else "security:setup"
        response = redirect(target)
        path = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(path, None):
            response["Location"] += "?" + urlencode({"next": path})
        return response


@dataclass(frozen=True)
class Scope:
    rate: str
    email_rate: str = ""
    honeypot: bool = False
    # Forms count only what they accept (a typo sent back is refunded); sign-in and the
    # self-service links count every POST.
    every_post: bool = False
    # Each address typed into these fields is counted against `email_rate`: a form that
    # emails a second person (a partner's invitation) must not become a way to flood them.
    email_fields: tuple[str, ...] = ("email",)


# URL name -> the limits of its POSTs.
SCOPES: dict[str, Scope] = {
    "clients:get_started": Scope("intake", "intake_email", honeypot=True),
    "enrollment:signup": Scope(
        "signup", "signup_email", honeypot=True, email_fields=("email", "partner_email")
    ),
    "consultations:book": Scope("booking", "booking_email", honeypot=True),
    "consultations:resend": Scope("booking", "booking_email", every_post=True),
    "consultations:reschedule": Scope("self_service", every_post=True),
    "consultations:cancel": Scope("self_service", every_post=True),
    "enrollment:mine": Scope("self_service", every_post=True),
    "enrollment:confirm": Scope("self_service", every_post=True),
    "login": Scope("signin", every_post=True),
    "admin:login": Scope("signin", every_post=True),
    "security:verify": Scope("signin", every_post=True),
    "security:setup": Scope("signin", every_post=True),
}
_ACCEPTED = {301, 302, 303}


class ThrottleMiddleware:
    """Refuses a public POST past its limits with the 429 page before the view runs, so a
    refused request saves nothing and sends nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        hits: list[Hit] = getattr(request, "_throttle_hits", [])
        if hits and response.status_code not in _ACCEPTED:
            for hit in hits:
                throttle_refund(hit)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        scope = SCOPES.get(request.resolver_match.view_name)
        if scope is None:
            return None
        if scope.honeypot and request.POST.get(HONEYPOT_FIELD):
            return bad_request(request, None)
        if not settings.THROTTLE_ENABLED:
            return None
        hits = [throttle_hit(name=scope.rate, value=address_key(client_ip(request)))]
        if scope.email_rate:
            typed = {email_key(request.POST.get(field, "")) for field in scope.email_fields}
            hits += [
                throttle_hit(name=scope.email_rate, value=email) for email in sorted(typed) if email
            ]
        refused = [hit for hit in hits if not hit.allowed]
        if refused:
            # Refusals stay counted (nothing is refunded), so the limit is crossed, and
            # logged, once per window however long the flood goes on.
            for hit in refused:
                if hit.first_refusal:
                    logger.warning(
                        "Throttled %s: limit %s reached", request.resolver_match.view_name, hit.name
                    )
            return too_many_requests(request, retry_after=max(h.retry_after for h in refused))
        if not scope.every_post:
            request._throttle_hits = hits
        return None
