"""The visitor's address, as the trusted proxies in front of the site saw it.

One definition for django-axes (AXES_CLIENT_IP_CALLABLE) and the throttles. Each proxy
appends the address it received the request from to X-Forwarded-For, so with N trusted
proxies the client is the N-th entry from the right; anything further left was written by
the visitor and is not trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < count:
        # Fewer hops than configured: the request did not come through every proxy.
        return remote
    return _valid(forwarded[-count]) or remote
