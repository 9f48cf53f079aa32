"""Every page built on base.html carries the site's stylesheets, icon and header links,
whatever its view puts in the context (the staff sign-in view adds its own `site`)."""

import re

import pytest
from django.templatetags.static import static

from pages import errors

pytestmark = pytest.mark.django_db


def _frame(page: str) -> dict[str, list[str]]:
    return {
        "stylesheets": re.findall(r'<link rel="stylesheet" href="([^"]*)"', page),
        "icons": re.findall(r'<link rel="icon" href="([^"]*)"', page),
        "brand": re.findall(r'<a class="site-brand" href="([^"]*)"', page),
    }


@pytest.mark.parametrize(
    ("path", "home"),
    [
        ("/", "/"),
        ("/es/groups/", "/es/"),
        ("/accounts/login/", "/"),
        ("/consultation/", "/"),
    ],
)
def test_each_page_links_the_sites_stylesheets_icon_and_home(client, path, home):
    page = client.get(path).content.decode()

    assert _frame(page) == {
        "stylesheets": [static("vendor/bootstrap/bootstrap.min.css"), static("css/site.css")],
        "icons": [static("img/favicon.svg")],
        "brand": [home],
    }


def test_an_error_page_without_a_request_context_has_the_same_frame(rf):
    page = errors.page_not_found(rf.get("/nowhere/"), None).content.decode()

    assert _frame(page)["stylesheets"] == [
        static("vendor/bootstrap/bootstrap.min.css"),
        static("css/site.css"),
    ]
    assert _frame(page)["brand"] == ["/"]
