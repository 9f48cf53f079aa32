"""The site's own error pages.

Error pages are rendered with a plain context (the practice's name and phone), never the
request's: whatever failed may be the database or a context processor, and an error page
must show no client data or link tokens.
"""

from __future__ import annotations

import math
import time
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.template import loader

from groups_site.context_processors import practice_details, site_links
from groups_site.dates import clock
from groups_site.languages import switch_to_home_pages
from groups_site.timezones import PACIFIC


def _page(template: str, status: int, **extra) -> HttpResponse:
    context = {
        **practice_details(),
        **site_links(),
        "language_switch": switch_to_home_pages(),
        **extra,
    }
    return HttpResponse(loader.get_template(template).render(context), status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page("400.html", 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page("403.html", 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _page("404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page("500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page("403_csrf.html", 403)


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    retry_at = datetime.fromtimestamp(time.time() + retry_after, tz=PACIFIC)
    response = _page(
        "429.html",
        429,
        retry_minutes=max(1, math.ceil(retry_after / 60)),
        retry_at=clock(retry_at),
    )
    response["Retry-After"] = str(retry_after)
    # A flood would write one warning per request; the throttle logs once per window instead.
    response._has_been_logged = True
    return response
