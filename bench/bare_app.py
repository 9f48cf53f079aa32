"""The site plus one bare Django view, so the catalogue and the baseline share one gunicorn.

The bare view goes through the same middleware as every page; the difference between the
two is the cost of the page itself.
"""

import importlib

from django.http import HttpResponse
from django.urls import path

from groups_site.wsgi import application

# Only now, with Django set up, can the URLconf (and the models it reaches) be imported.
urls = importlib.import_module("groups_site.urls")

BARE_PATH = "bench/bare/"


def bare(request):
    return HttpResponse("a bare Django view: no template, no database query.\n")


# The resolver is built on the first request, so the extra route is in place before any.
urls.urlpatterns.append(path(BARE_PATH, bare))

__all__ = ["application"]
