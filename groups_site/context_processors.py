import functools
import re

from django.conf import settings
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import translation


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


# What base.html links to on every page: name -> URL name, or a static file's path.
_PAGES = {
    "home": "pages:home",
    "catalogue": "cohorts:catalogue",
    "compare": "pages:compare",
    "faq": "pages:faq",
    "book": "consultations:book",
    "get_started": "clients:get_started",
    "privacy": "pages:privacy",
    "offices": "cohorts:offices",
    "staff": "roster:home",
    "sign_in": "login",
}
_FILES = {
    "favicon": "img/favicon.svg",
    "bootstrap": "vendor/bootstrap/bootstrap.min.css",
    "css": "css/site.css",
    "logo": "img/logo.svg",
}


def site_links() -> dict[str, dict[str, str]]:
    """`base_links`: the addresses base.html links to, in the active language. They are
    the same for every page in a language, so they are worked out once per language (and
    script prefix) in a process: eleven reverses and four static lookups were a tenth of
    a short page's time (docs/benchmarks.md)."""
    # Not "site": Django's login view puts the current Site under that name.
    return {"base_links": _site_links(translation.get_language(), get_script_prefix())}


def links(request):
    return site_links()


@functools.cache
def _site_links(language: str, script_prefix: str) -> dict[str, str]:
    with translation.override(language):
        pages = {name: reverse(view) for name, view in _PAGES.items()}
    return {**pages, **{name: static(path) for name, path in _FILES.items()}}


def _forget_links(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "STATIC_URL", "STORAGES", "LANGUAGES"}:
        _site_links.cache_clear()


setting_changed.connect(_forget_links)
