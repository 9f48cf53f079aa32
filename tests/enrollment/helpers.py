"""Shared steps for the enrollment tests: a valid sign-up, by service and by form."""

from enrollment.agreements import agreement_for
from enrollment.services import enrollment_request
from notifications.models import Notification


def signup_kwargs(cohort, **overrides) -> dict:
    data = {
        "cohort": cohort,
        "email": "ana.rivera@mail.example",
        "first_name": "Ana",
        "last_name": "Rivera",
        "phone": "951-555-0101",
        "preferred_contact": "email",
        "state": "CA",
        "city": "Riverside",
        "confirmed_adult": True,
        "seeing_therapist": "no",
        "hopes": "Fewer arguments at home.",
        "crisis": False,
        "agreement_version": agreement_for(cohort).version,
    }
    data.update(overrides)
    return data


def sign_up(cohort, **overrides):
    return enrollment_request(**signup_kwargs(cohort, **overrides))


def fill(cohort, count: int, *, start: int = 0):
    return [sign_up(cohort, email=f"member{start + i}@mail.example") for i in range(count)]


def form_data(cohort, **overrides) -> dict:
    data = {
        "first_name": "Ana",
        "last_name": "Rivera",
        "preferred_name": "",
        "email": "ana.rivera@mail.example",
        "phone": "",
        "preferred_contact": "email",
        "confirmed_adult": "on",
        "state": "CA",
        "city": "Riverside",
        "seeing_therapist": "no",
        "hopes": "Fewer arguments at home.",
        "crisis": "no",
        "agree": "on",
        "agreement_version": agreement_for(cohort).version,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def enrollment_rows():
    return Notification.objects.filter(kind__startswith="enrollment_")


def visible_words(response) -> str:
    """What a reader can see: the page's text without its tags, so a name asserted absent
    is not found by chance inside a link's random token or a CSRF token."""
    import html
    import re

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def names_shown(response, *names: str) -> set[str]:
    """Which of `names` the page shows as words."""
    import re

    seen = visible_words(response)
    return {name for name in names if re.search(rf"\b{re.escape(name)}\b", seen)}


def text(response) -> str:
    """The page as a reader sees it (entities such as &#x27; turned back into characters)."""
    import html

    return html.unescape(response.content.decode())
