"""Admin change lists of client data: searches that keep the words out of URLs, and an
access-log row for every list or search that shows clients.

Django admin searches with `GET ?q=words`, which puts a person's name or email in the
address bar, the browser history and every proxy's log. Here the search box posts the words
instead; they are kept server-side (in the cache, for SEARCH_KEY_SECONDS, only for the user
who typed them) under a random key, and the change list is shown at `?qk=<key>`.
"""

from __future__ import annotations

import re
import secrets
from operator import attrgetter

from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR, ChangeList
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import urlencode

from .access import Action, access_record

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


class ClientDataAdminMixin:
    """For a ModelAdmin whose change list shows clients (their names or contact details).

    `access_client_attr` names the attribute of each listed row that holds the client id
    ("pk" for clients themselves, "client_id", "enrollment.client_id"); None for lists that
    show contact details without a client row (one log row then records the search).
    """

    keyed_search = True
    access_client_attr: str | None = "client_id"

    def get_changelist(self, request, **kwargs):
        return KeyedSearchChangeList

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if request.method == "POST" and SEARCH_MARKER in request.POST:
            return self._search_redirect(request)
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            self._record_access(request, changelist)
        return response

    def _search_redirect(self, request: HttpRequest) -> HttpResponseRedirect:
        words = " ".join(request.POST.get(SEARCH_VAR, "").split())
        carried = {name: value for name, value in request.POST.items() if name not in _NOT_CARRIED}
        if words:
            carried[SEARCH_KEY_VAR] = search_key_store(user_id=request.user.pk, words=words)
        return HttpResponseRedirect(f"{request.path}?{urlencode(carried)}")

    def _record_access(self, request: HttpRequest, changelist: ChangeList) -> None:
        searched = bool(changelist.query)
        if self.access_client_attr is None:
            client_ids = []
        else:
            client_ids = list(map(attrgetter(self.access_client_attr), changelist.result_list))
        plural = self.model._meta.verbose_name_plural
        access_record(
            user=request.user,
            client_ids=client_ids,
            where=f"admin {plural} {'search' if searched else 'list'}",
            action=Action.SEARCH if searched else Action.LIST,
            result_count=changelist.result_count,
        )
