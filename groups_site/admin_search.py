"""Admin searches that keep the words out of URLs.

Django admin searches with `GET ?q=words`, which puts a person's name or email address in
the address bar, the browser history and every proxy's log. With KeyedSearchAdminMixin the
search box posts the words instead (templates/admin/search_form.html); they are kept
server-side in the cache for SEARCH_KEY_SECONDS, for the user who typed them only, under a
random key, and the change list is shown at `?qk=<key>`. Filter and page links keep the key,
never the words.
"""

from __future__ import annotations

import re
import secrets

from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR, ChangeList
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import urlencode

SEARCH_KEY_VAR = "qk"
SEARCH_MARKER = "_search"
# Long enough to page through results and open a few records; short, since the words are
# personal data.
SEARCH_KEY_SECONDS = 30 * 60
SEARCH_WORDS_MAX = 200
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{8,40}")
_NOT_CARRIED = {SEARCH_VAR, SEARCH_KEY_VAR, SEARCH_MARKER, PAGE_VAR, "csrfmiddlewaretoken"}


def search_key_store(*, user_id: int, words: str) -> str:
    key = secrets.token_urlsafe(12)
    cache.set(f"admin-search:{key}", (user_id, words[:SEARCH_WORDS_MAX]), SEARCH_KEY_SECONDS)
    return key


def search_key_words(*, user_id: int, key: str) -> str:
    """The words stored under `key` by this user; empty when unknown, expired or not theirs."""
    # Only keys shaped like ours reach the cache: some cache servers refuse other characters.
    if not _KEY_SHAPE.fullmatch(key or ""):
        return ""
    stored = cache.get(f"admin-search:{key}")
    if not stored or stored[0] != user_id:
        return ""
    return stored[1]


class KeyedSearchChangeList(ChangeList):
    """A change list whose search words come from a server-side key, never from `?q=`."""

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        lookup_params.pop(SEARCH_KEY_VAR, None)
        return lookup_params

    def get_queryset(self, request, exclude_parameters=None):
        self.query = search_key_words(
            user_id=request.user.pk, key=request.GET.get(SEARCH_KEY_VAR, "")
        )
        self.params.pop(SEARCH_VAR, None)
        return super().get_queryset(request, exclude_parameters)


class KeyedSearchAdminMixin:
    """For a ModelAdmin whose search box takes personal data (names, email addresses)."""

    keyed_search = True

    def get_changelist(self, request, **kwargs):
        return KeyedSearchChangeList

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if request.method == "POST" and SEARCH_MARKER in request.POST:
            return self._search_redirect(request)
        return super().changelist_view(request, extra_context)

    def _search_redirect(self, request: HttpRequest) -> HttpResponseRedirect:
        words = " ".join(request.POST.get(SEARCH_VAR, "").split())
        carried = {name: value for name, value in request.POST.items() if name not in _NOT_CARRIED}
        if words:
            carried[SEARCH_KEY_VAR] = search_key_store(user_id=request.user.pk, words=words)
        return HttpResponseRedirect(f"{request.path}?{urlencode(carried)}")
