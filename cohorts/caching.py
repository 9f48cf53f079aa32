"""A short-lived cache of the anonymous public pages, dropped whenever what they show changes.

Why: rendering the catalogue costs about 15 bare responses; a visitor on a phone should not
wait for it. Seat counts on a cached page are at most PUBLIC_CACHE_SECONDS old, and every
change to groups, cohorts, sessions, therapists, offices or enrollments starts a new cache
generation when its transaction commits (at once outside a transaction): pages rendered from
the old rows until then showed what was committed, and are unreachable from then on. Sign-ups
never read this cache, and the reset runs after their cohort lock is released.

Only visitors without a session or pending flash messages get cached pages: staff and anyone
mid-flow see fresh ones, and a cached page never carries a CSRF token or per-user text.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
# The enrollment app is referred to by label: cohorts imports no other app.
WATCHED_MODELS = (
    "cohorts.Office",
    "cohorts.Therapist",
    "cohorts.TherapyGroup",
    "cohorts.Cohort",
    "cohorts.Session",
    "enrollment.Enrollment",
)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A lost key (eviction, restart) starts a fresh generation: old pages are unreachable.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def public_pages_changed(**kwargs) -> None:
    """Forget every cached public page (for changes made without model signals, too)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache outage must not fail the write that called us
        logger.exception("Could not reset the public page cache")


def _on_model_change(sender, **kwargs) -> None:
    transaction.on_commit(public_pages_changed, robust=True)


def connect_signals(labels: tuple[str, ...] = WATCHED_MODELS) -> None:
    """Watch these models (app labels); other apps pass the ones their public pages show."""
    for label in labels:
        uid = f"cohorts.caching.{label}"
        post_save.connect(_on_model_change, sender=label, dispatch_uid=uid + ".save")
        post_delete.connect(_on_model_change, sender=label, dispatch_uid=uid + ".delete")


def _is_personal(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _page_key(request, generation: str) -> str:
    query = sorted((k, v) for k in request.GET for v in request.GET.getlist(k))
    language = getattr(request, "LANGUAGE_CODE", "")
    digest = hashlib.sha256(repr((request.path, language, query)).encode()).hexdigest()[:32]
    return f"public-pages:{generation}:{digest}"


def _cacheable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and b"csrfmiddlewaretoken" not in response.content
    )


def public_page(view):
    """Serve a GET of an anonymous visitor from the cache for up to PUBLIC_CACHE_SECONDS."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or _is_personal(request):
            return view(request, *args, **kwargs)
        try:
            key = _page_key(request, _generation())
            hit = cache.get(key)
        except Exception:
            logger.exception("Public page cache unavailable; rendering")
            return view(request, *args, **kwargs)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _cacheable(request, response):
            try:
                cache.set(
                    key,
                    (response.content, response["Content-Type"]),
                    settings.PUBLIC_CACHE_SECONDS,
                )
            except Exception:
                logger.exception("Could not store a public page")
        return response

    return wrapper
