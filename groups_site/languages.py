"""The client's language in addresses: English unprefixed, every other language under /<code>/.

A visitor picks a language with the switch on every public page (a plain link, no script):
it goes through `choose_language`, which remembers the choice in the language cookie and
sends them on to the same page in that language. The pages themselves never set the cookie,
so the public page cache (cohorts/caching.py) keeps serving them.

On a first visit, `FirstVisitLanguageMiddleware` sends a browser that prefers Spanish from an
English address to the Spanish one; a remembered choice wins over the browser's preference.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

# Each language's name as its own speakers write it: the switch is read by someone who does
# not read the current page's language.
NATIVE_NAMES = {"en": "English", "es": "Español"}


def path_prefix(language: str | None = None) -> str:
    """ "" for English, "/es" for Spanish: for cookie paths and other addresses built by hand."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def address_in(url: str, language: str) -> str | None:
    """The same page in `language`, or None when the page has one address only (staff pages).

    `url` must be an address of the active language (the request's own, for instance).
    """
    translated = translate_url(url, language)
    if translated == url and language != translation.get_language():
        return None
    return translated


def _switch_href(language: str, target: str) -> str:
    # "/" and ":" are left readable so the log redaction (log_filters) still recognises a
    # self-service link inside `next` and hides its token.
    return f"{reverse('choose_language', args=[language])}?next={quote(target, safe='/:')}"


def _choice(language: str, target: str) -> dict:
    """One link of the switch: to `target` (an address in `language`), named in `language`."""
    return {
        "code": language,
        "name": NATIVE_NAMES.get(language, language),
        "url": _switch_href(language, target),
    }


def _current(language: str) -> dict:
    """The language the page is in: shown in the switch ("English / Español"), not a link."""
    return {"code": language, "name": NATIVE_NAMES.get(language, language), "current": True}


def language_links(request: HttpRequest) -> dict:
    """Context for base.html: the switch (every language, the others as links to this page in
    them) and the hreflang alternates. Runs on every page, so each other language's address
    is looked up once (a page with no address in another language is a staff page: no
    switch)."""
    none = {"language_switch": [], "language_alternates": []}
    if getattr(request, "resolver_match", None) is None:
        return none
    current = translation.get_language()
    pages: dict[str, str] = {}
    for code in language_codes():
        page = request.path if code == current else address_in(request.path, code)
        if page is None:
            return none
        pages[code] = page
    query = request.META.get("QUERY_STRING", "")
    switch, alternates = [], []
    for code, page in pages.items():
        # Search engines get the plain page; the filters of a catalogue link are not pages.
        alternates.append({"code": code, "url": request.build_absolute_uri(page)})
        if code == settings.LANGUAGE_CODE:
            alternates.append({"code": "x-default", "url": request.build_absolute_uri(page)})
        if code == current:
            switch.append(_current(code))
        else:
            switch.append(_choice(code, f"{page}?{query}" if query else page))
    return {"language_switch": switch, "language_alternates": alternates}


def switch_to_home_pages() -> list[dict]:
    """The switch for pages rendered without a request context (the error pages): each
    language's home page, since the failed address may have no equivalent."""
    current = translation.get_language()
    switch = []
    for code in language_codes():
        if code == current:
            switch.append(_current(code))
        else:
            with translation.override(code):
                switch.append(_choice(code, reverse("pages:home")))
    return switch


@require_safe
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the visitor's language and go on to `next`, an address on this site only."""
    if code not in language_codes():
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "")
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe:
        with translation.override(code):
            target = reverse("pages:home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _from_this_site(request: HttpRequest) -> bool:
    referer = request.headers.get("Referer", "")
    return bool(referer) and urlsplit(referer).netloc == request.get_host()


class FirstVisitLanguageMiddleware:
    """Send a visitor who prefers another language from an English address to theirs.

    Only a GET (or HEAD) of a public page at its unprefixed, English address: the remembered
    choice (the language cookie) decides, else the browser's Accept-Language. Staff pages,
    robots.txt, the sitemap, feeds and static files have one address and are never redirected;
    nor are calendar files (a calendar app's language is not the client's), nor a page reached
    from another page of this site: that visitor is past their first visit, and one who chose
    English where cookies are blocked would otherwise be sent back to Spanish every time.
    Must come after LocaleMiddleware, which has made the unprefixed address English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        unprefixed = (
            request.method in ("GET", "HEAD")
            and translation.get_language() == settings.LANGUAGE_CODE
            and translation.get_language_from_path(request.path_info) is None
            and not request.path_info.endswith(".ics")
            and not _from_this_site(request)
        )
        if not unprefixed:
            return self.get_response(request)
        wanted = translation.get_language_from_request(request, check_path=False)
        # Only a wish for another language looks the page up (a staff page has no other
        # address): an English visitor costs nothing more.
        target = None
        if wanted != settings.LANGUAGE_CODE:
            target = address_in(request.get_full_path(), wanted)
        response = HttpResponseRedirect(target) if target else self.get_response(request)
        # Which of the two this address gives depends on the browser's language, the cookie
        # and where the visitor came from.
        patch_vary_headers(response, ("Accept-Language", "Cookie", "Referer"))
        return response
