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

A kind sent to the client of its related object is registered with `to_client=True`, and
is then written in that client's language (see `register`); every other kind is staff's,
and stays English.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates
from django.template.loader import render_to_string
from django.utils import translation

from groups_site.context_processors import practice_details

if TYPE_CHECKING:
    from .models import Notification


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str = ""
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (filename, content, mimetype)
    # The language it is written in: sent as Content-Language, and on the HTML, so a screen
    # reader reads Spanish with Spanish sounds.
    language: str = ""


Renderer = Callable[["Notification"], EmailContent | None]
_renderers: dict[str, Renderer] = {}


class UnknownKind(LookupError):
    pass


def register(kind: str, *, to_client: bool = False) -> Callable[[Renderer], Renderer]:
    """Register `fn` as the renderer of `kind`; it then runs in the email's language.

    A client's email (`to_client=True`: the recipient is `notification.related.client`) is
    written in the language on the client's record, read when it is sent, as everything else
    in it is: a reminder written at a booking weeks ago follows the language the person chose
    since (most recent wins), and nothing is copied onto the row to go stale. The whole
    renderer runs in it, so dates, day names and calendar files agree with the text.

    Staff emails stay English, even when sent from a request in Spanish (an eager task).
    """

    def decorator(fn: Renderer) -> Renderer:
        @functools.wraps(fn)
        def in_language(notification: Notification) -> EmailContent | None:
            language = (
                client_language(getattr(notification.related, "client", None))
                if to_client
                else settings.LANGUAGE_CODE
            )
            with translation.override(language):
                return fn(notification)

        in_language.to_client = to_client  # type: ignore[attr-defined]
        _renderers[kind] = in_language
        return fn

    return decorator


def client_language(client: Any) -> str:
    """The language to write to a client in: theirs, or the site's default when unknown."""
    language = getattr(client, "language", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def client_kinds() -> list[str]:
    """The kinds sent to clients, in their own language."""
    return sorted(kind for kind, fn in _renderers.items() if getattr(fn, "to_client", False))


def renderer_for(kind: str) -> Renderer:
    try:
        return _renderers[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def registered_kinds() -> list[str]:
    return sorted(_renderers)


@dataclass(frozen=True)
class DailyRecipient:
    """One email of a daily kind: to whom, about what, and a key part telling it apart from
    the day's other emails of that kind (a therapist's id, say; empty when there is one)."""

    to_email: str
    related: Any = None
    key: str = ""


@dataclass(frozen=True)
class DailyKind:
    kind: str
    at: Callable[[], time]
    recipients: Callable[[date], Iterable[DailyRecipient]]


_daily: dict[str, DailyKind] = {}


def register_daily(
    kind: str, *, at: time | Callable[[], time]
) -> Callable[[Callable[[date], Iterable[DailyRecipient]]], Callable]:
    """A kind sent every day at a Pacific wall-clock time, to whoever `recipients(day)` names.

    Its rows are written a day ahead by a periodic task (so a worker that was down at 8:00
    sends the 8:00 digest late rather than never); the renderer still runs at send time and
    can return None when there is nothing to say that day. `at` may be a callable reading a
    setting, so tests can change it.

        @register_daily("coordinator_digest", at=time(8, 0))
        def _digest_to(day):
            return [DailyRecipient(to_email=settings.COORDINATOR_EMAIL)]
    """

    def decorator(fn: Callable[[date], Iterable[DailyRecipient]]):
        _daily[kind] = DailyKind(kind=kind, at=at if callable(at) else lambda: at, recipients=fn)
        return fn

    return decorator


def daily_kinds() -> list[DailyKind]:
    return [_daily[kind] for kind in sorted(_daily)]


@functools.cache
def _plain_text_engine() -> DjangoTemplates:
    """The site's template engine with autoescaping off, for subjects and plain-text bodies:
    HTML escaping there shows readers "O&#x27;Brien &amp; Co". The HTML body keeps it on."""
    config = next(
        t for t in settings.TEMPLATES if t["BACKEND"].endswith("backends.django.DjangoTemplates")
    )
    options = {**config.get("OPTIONS", {}), "autoescape": False}
    return DjangoTemplates(
        {
            "NAME": "plain_text_emails",
            "DIRS": config.get("DIRS", []),
            "APP_DIRS": config.get("APP_DIRS", False),
            "OPTIONS": options,
        }
    )


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
        **practice_details(),
        "SITE_URL": settings.SITE_URL,
        **context,
    }
    # A subject is one line; a stray newline from a template would be a header injection.
    text_engine = _plain_text_engine()
    subject = " ".join(
        text_engine.get_template(f"emails/{kind}_subject.txt").render(context).split()
    )
    text = text_engine.get_template(f"emails/{kind}_body.txt").render(context)
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        html = render_to_string(f"emails/{kind}_body.html", context)
    except TemplateDoesNotExist:
        html = ""
    if html:
        html = f'<div lang="{language}">\n{html}</div>\n'
    return EmailContent(
        subject=subject, text=text, html=html, attachments=attachments, language=language
    )
