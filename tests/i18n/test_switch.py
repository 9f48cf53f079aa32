"""The "English / Español" switch: a plain link to the same page in the other language."""

import re
from html import unescape

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def switch_link(client, url: str, language: str) -> str:
    page = client.get(url).content.decode()
    found = re.search(rf'<a href="([^"]+)" lang="{language}" hreflang="{language}">', page)
    assert found, f"no link to {language} on {url}"
    return unescape(found.group(1))


def test_the_english_page_links_to_the_same_page_in_spanish(client):
    link = switch_link(client, "/groups/", "es")

    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"] == "/es/groups/"
    assert client.get(response["Location"])["Content-Language"] == "es"


def test_the_spanish_page_links_back_to_english(client):
    link = switch_link(client, "/es/faq/", "en")

    assert client.get(link)["Location"] == "/faq/"


def test_the_switch_names_the_other_language_in_that_language(client):
    english, spanish = client.get("/").content.decode(), client.get("/es/").content.decode()

    assert 'lang="es" hreflang="es">Español</a>' in english
    assert 'lang="en" hreflang="en">English</a>' in spanish
    assert ">English</a>" not in english


def test_the_switch_shows_both_languages_with_the_current_one_marked(client):
    english, spanish = (
        client.get("/groups/").content.decode(),
        client.get("/es/groups/").content.decode(),
    )

    assert re.search(
        r'<span lang="en" aria-current="true">English</span> / <a [^>]*>Español</a>', english
    )
    assert re.search(
        r'<a [^>]*>English</a> / <span lang="es" aria-current="true">Español</span>', spanish
    )


def test_the_catalogue_filters_survive_the_switch(client):
    link = switch_link(client, "/groups/?format=online", "es")

    assert client.get(link)["Location"] == "/es/groups/?format=online"


def test_choosing_a_language_is_remembered_in_a_cookie(client):
    response = client.get(switch_link(client, "/", "es"))

    assert response.cookies[COOKIE].value == "es"
    assert response.cookies[COOKIE]["max-age"] == settings.LANGUAGE_COOKIE_AGE


def test_the_switch_goes_nowhere_but_this_site(client):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        response = client.get("/language/es/", {"next": target})
        assert response["Location"] == "/es/", target


def test_an_unknown_language_falls_back_to_english(client):
    response = client.get("/language/fr/", {"next": "/groups/"})

    assert response.cookies[COOKIE].value == "en"


def test_the_page_itself_sets_no_cookie_so_it_can_be_cached(client):
    assert not client.get("/es/groups/").cookies


def test_the_staff_sign_in_page_has_no_switch(client):
    page = client.get("/accounts/login/").content.decode()

    assert "Staff" in page or "Sign in" in page
    assert "hreflang" not in page


def test_a_self_service_link_stays_recognisable_for_the_log_redaction(client):
    from groups_site.log_filters import redact

    link = switch_link(client, "/enroll/mine/abc:1x2y3z:" + "s" * 43 + "/", "es")

    assert "abc:1x2y3z" not in redact(link)


def test_crawlers_are_kept_off_the_switch_and_given_the_pages_instead(client):
    assert "Disallow: /language/" in client.get("/robots.txt").content.decode().splitlines()
