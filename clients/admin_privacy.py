"""Admin pages for a client's data rights: export as JSON and erase, each behind a
confirmation page. Hooked into ClientAdmin.get_urls by `privacy_urls`; the URL names are
`admin:clients_client_export` and `admin:clients_client_erase` (both take the client's pk).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .models import Client
from .privacy import ErasureRefused, client_erase, client_erase_blockers, client_export

ERASED = "The client's personal data was erased; the record stays as #{pk}."
ALREADY_ERASED = "This client's data was already erased."
CONFIRM_MISSING = "Tick the box to confirm the erasure."


def privacy_urls(model_admin) -> list:
    def route(view, suffix: str):
        def bound(request: HttpRequest, object_id: str) -> HttpResponse:
            return view(model_admin, request, object_id)

        wrapped = model_admin.admin_site.admin_view(never_cache(bound))
        return path(f"<path:object_id>/{suffix}/", wrapped, name=f"clients_client_{suffix}")

    return [route(export_view, "export"), route(erase_view, "erase")]


def _client_or_404(model_admin, request: HttpRequest, object_id: str) -> Client:
    client = model_admin.get_object(request, unquote(object_id))
    if client is None:
        raise Http404
    # Exporting and erasing are the coordinator's work: the right to change clients.
    if not model_admin.has_change_permission(request, client):
        raise PermissionDenied
    return client


def _page(model_admin, request, template: str, client: Client, title: str, **extra):
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "title": title,
            "client": client,
            **extra,
        },
    )


def export_view(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    client = _client_or_404(model_admin, request, object_id)
    if request.method != "POST":
        return _page(
            model_admin,
            request,
            "clients/admin/client_export.html",
            client,
            "Export a client's data",
        )
    data = client_export(client_id=client.pk, by=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    # Only the id in the file name: downloads folders and browser histories are not private.
    response["Content-Disposition"] = f'attachment; filename="client-{client.pk}-data.json"'
    response["Cache-Control"] = "no-store"
    return response


def erase_view(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    client = _client_or_404(model_admin, request, object_id)
    change_url = reverse("admin:clients_client_change", args=[client.pk])
    if client.erased_at is not None:
        model_admin.message_user(request, ALREADY_ERASED, messages.INFO)
        return HttpResponseRedirect(change_url)
    blockers = client_erase_blockers(client, now=timezone.now())
    error = ""
    if request.method == "POST" and not blockers:
        if request.POST.get("confirm") != "yes":
            error = CONFIRM_MISSING
        else:
            try:
                client_erase(client_id=client.pk, by=request.user)
            except ErasureRefused as exc:
                error = str(exc)
            else:
                model_admin.message_user(request, ERASED.format(pk=client.pk), messages.SUCCESS)
                return HttpResponseRedirect(change_url)
    return _page(
        model_admin,
        request,
        "clients/admin/client_erase.html",
        client,
        "Erase a client's data",
        blockers=blockers,
        error=error,
        change_url=change_url,
    )
