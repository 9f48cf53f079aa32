"""Staff sign-in and sign-out, and the staff two-factor pages.

Sign-in is at /accounts/login/ (here) and /staff/login/ (admin's own view, which
roster.middleware sends a therapist on from to the portal). The error pages are in
pages.errors."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from .forms import CodeForm, StaffAuthenticationForm
from .two_factor import (
    has_confirmed_totp,
    totp_confirm,
    totp_pending,
    totp_qr_svg,
    totp_secret,
)

SIGNED_OUT = "You're signed out."
WRONG_CODE = "That code didn't work. Please check your app and try again."


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    if has_confirmed_totp(request.user):
        return redirect("security:verify")
    device = totp_pending(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = totp_confirm(user=request.user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "security/recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr_svg": totp_qr_svg(device),
        "secret": totp_secret(device),
        "next": _next(request),
    }
    return render(request, "security/setup.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if not has_confirmed_totp(request.user):
        return redirect("security:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        device = match_token(request.user, code)
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "security/verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


class StaffLoginView(LoginView):
    template_name = "registration/login.html"
    authentication_form = StaffAuthenticationForm
    redirect_authenticated_user = True


staff_login = StaffLoginView.as_view()


@require_POST
def staff_logout(request):
    logout(request)
    messages.info(request, SIGNED_OUT)
    return redirect("login")
