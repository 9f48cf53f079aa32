import re

from django.conf import settings


def practice_details() -> dict[str, str]:
    """The practice's name and phone for any template: pages (through `practice`), error
    pages and emails, which have no request. PRACTICE_TEL is the number for a tel: link,
    worked out here once rather than by four `cut` filters wherever a page links it."""
    return {
        "PRACTICE_NAME": settings.PRACTICE_NAME,
        "PRACTICE_PHONE": settings.PRACTICE_PHONE,
        "PRACTICE_TEL": re.sub(r"[^\d+]", "", settings.PRACTICE_PHONE),
    }


def practice(request):
    return practice_details()
