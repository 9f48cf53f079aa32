"""`manage.py check` fails when an email kind cannot be sent: a kind in `Kind` with no
renderer or no templates, or a renderer registered for a kind `Kind` does not list."""

from __future__ import annotations

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from . import registry
from .kinds import Kind

REQUIRED_TEMPLATES = ("subject.txt", "body.txt")  # the HTML body is optional


@checks.register()
def email_kinds_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    registered = set(registry.registered_kinds())
    for kind in Kind:
        if kind.value not in registered:
            errors.append(
                checks.Error(
                    f"Email kind {kind.value!r} has no renderer.",
                    hint="Register one with notifications.registry.register in its app's "
                    "emails module (imported from AppConfig.ready).",
                    id="notifications.E001",
                )
            )
        for part in REQUIRED_TEMPLATES:
            name = f"emails/{kind.value}_{part}"
            try:
                get_template(name)
            except TemplateDoesNotExist:
                errors.append(
                    checks.Error(
                        f"Email kind {kind.value!r} has no template {name}.",
                        id="notifications.E002",
                    )
                )
    for kind in sorted(registered - set(Kind.values)):
        errors.append(
            checks.Error(
                f"A renderer is registered for {kind!r}, which notifications.kinds.Kind "
                "does not list.",
                hint="Add the kind to Kind, so every kind is named in one place.",
                id="notifications.E003",
            )
        )
    return errors
