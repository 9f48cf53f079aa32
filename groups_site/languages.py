"""The client's language in addresses: English unprefixed, every other language under /<code>/."""

from django.conf import settings
from django.utils import translation


def path_prefix(language: str | None = None) -> str:
    """ "" for English, "/es" for Spanish: for cookie paths and other addresses built by hand."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"
