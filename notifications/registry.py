"""Each app registers how to render its kinds of notification; notifications imports no app.

A renderer takes the Notification and returns an EmailContent, or None when the cause has
gone away (the row is then cancelled instead of sent). Renderers run in the worker at send
time, so they read the related object's current state: a moved consultation never sends the
old time. Most renderers are two lines:

    @register("consultation_confirmation")
    def _confirmation(notification):
        consultation = notification.related
        if consultation is None or consultation.status != "booked":
            return None
        return render_email("consultation_confirmation", {"consultation": consultation})
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from .models import Notification


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str = ""
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (filename, content, mimetype)


Renderer = Callable[["Notification"], EmailContent | None]
_renderers: dict[str, Renderer] = {}


class UnknownKind(LookupError):
    pass


def register(kind: str) -> Callable[[Renderer], Renderer]:
    def decorator(fn: Renderer) -> Renderer:
        _renderers[kind] = fn
        return fn

    return decorator


def renderer_for(kind: str) -> Renderer:
    try:
        return _renderers[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def registered_kinds() -> list[str]:
    return sorted(_renderers)


def render_email(
    kind: str,
    context: dict[str, Any],
    *,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> EmailContent:
    """Render templates/emails/<kind>_{subject.txt,body.txt,body.html} (the HTML is optional).

    The practice name, phone and site address are in every context, since a worker has no
    request and so no context processors.
    """
    context = {
        "PRACTICE_NAME": settings.PRACTICE_NAME,
        "PRACTICE_PHONE": settings.PRACTICE_PHONE,
        "SITE_URL": settings.SITE_URL,
        **context,
    }
    # A subject is one line; a stray newline from a template would be a header injection.
    subject = " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())
    text = render_to_string(f"emails/{kind}_body.txt", context)
    try:
        html = render_to_string(f"emails/{kind}_body.html", context)
    except TemplateDoesNotExist:
        html = ""
    return EmailContent(subject=subject, text=text, html=html, attachments=attachments)
