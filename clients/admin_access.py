"""Admin change lists of client data: searches that keep the words out of URLs
(groups_site.admin_search), and an access-log row for every list or search that shows
clients."""

from __future__ import annotations

from operator import attrgetter

from django.contrib.admin.views.main import ChangeList
from django.http import HttpRequest

from groups_site.admin_search import SEARCH_KEY_VAR, KeyedSearchAdminMixin

from .access import Action, access_record

__all__ = ["SEARCH_KEY_VAR", "ClientDataAdminMixin"]


class ClientDataAdminMixin(KeyedSearchAdminMixin):
    """For a ModelAdmin whose change list shows clients (their names or contact details).

    `access_client_attr` names the attribute of each listed row that holds the client id
    ("pk" for clients themselves, "client_id", "enrollment.client_id").
    """

    access_client_attr = "client_id"

    def changelist_view(self, request: HttpRequest, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            self._record_access(request, changelist)
        return response

    def _record_access(self, request: HttpRequest, changelist: ChangeList) -> None:
        searched = bool(changelist.query)
        client_ids = list(map(attrgetter(self.access_client_attr), changelist.result_list))
        plural = self.model._meta.verbose_name_plural
        access_record(
            user=request.user,
            client_ids=client_ids,
            where=f"admin {plural} {'search' if searched else 'list'}",
            action=Action.SEARCH if searched else Action.LIST,
            result_count=changelist.result_count,
        )
