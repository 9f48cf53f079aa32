"""`manage.py check` refuses an email kind that could not be sent."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from notifications import registry
from notifications.checks import email_kinds_check
from notifications.kinds import Kind


@pytest.fixture
def renderers(monkeypatch):
    """The registry's renderers, restored after the test changes them."""
    saved = dict(registry._renderers)
    monkeypatch.setattr(registry, "_renderers", saved)
    return saved


def test_every_kind_has_a_renderer_and_templates_today():
    assert email_kinds_check() == []


def test_check_fails_for_a_kind_whose_renderer_is_missing(renderers):
    del renderers[Kind.ROSTER_SUMMARY.value]

    with pytest.raises(SystemCheckError, match="'roster_summary' has no renderer"):
        call_command("check")


def test_check_fails_for_a_kind_whose_templates_are_missing(settings, tmp_path):
    # Only the test template folder: none of the real email templates can be found.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path], "APP_DIRS": False}]

    ids = {error.id for error in email_kinds_check()}
    messages = [error.msg for error in email_kinds_check()]

    assert ids == {"notifications.E002"}
    assert "Email kind 'missed_sessions' has no template emails/missed_sessions_body.txt." in (
        messages
    )


def test_check_fails_for_a_renderer_of_a_kind_the_enum_does_not_list(renderers):
    renderers["couples_intake_unlisted"] = lambda notification: None

    with pytest.raises(SystemCheckError, match="'couples_intake_unlisted', which"):
        call_command("check")
