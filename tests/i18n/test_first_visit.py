"""A first visit honours the browser's language; a choice made with the switch wins."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
PREFERS_SPANISH = "es-MX,es;q=0.9,en;q=0.6"
PREFERS_ENGLISH = "en-US,en;q=0.9,es;q=0.5"


def vary(response) -> set[str]:
    return {part.strip() for part in response.get("Vary", "").split(",")}


def test_a_browser_preferring_spanish_is_sent_to_the_spanish_page(client):
    response = client.get("/groups/", {"format": "online"}, HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH)

    assert response.status_code == 302
    assert response["Location"] == "/es/groups/?format=online"
    assert {"Accept-Language", "Cookie"} <= vary(response)


def test_the_home_page_redirects_to_the_spanish_home(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")

    assert response["Location"] == "/es/"


def test_a_browser_preferring_english_stays(client):
    response = client.get("/groups/", HTTP_ACCEPT_LANGUAGE=PREFERS_ENGLISH)

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert {"Accept-Language", "Cookie"} <= vary(response)


def test_a_browser_without_a_preference_stays_in_english(client):
    assert client.get("/groups/").status_code == 200


def test_having_chosen_english_keeps_english_whatever_the_browser_says(client):
    client.cookies[COOKIE] = "en"

    response = client.get("/groups/", HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH)

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_having_chosen_spanish_sends_an_english_address_to_spanish(client):
    client.cookies[COOKIE] = "es"

    response = client.get("/faq/", HTTP_ACCEPT_LANGUAGE=PREFERS_ENGLISH)

    assert response["Location"] == "/es/faq/"


def test_a_spanish_address_stays_spanish_even_for_an_english_choice(client):
    client.cookies[COOKIE] = "en"

    assert client.get("/es/groups/")["Content-Language"] == "es"


def test_a_form_post_is_never_redirected(client):
    client.cookies[COOKIE] = "es"

    response = client.post("/get-started/", {}, HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH)

    assert response.status_code == 200  # the form again, with what to fix
    assert response["Content-Language"] == "en"


def test_staff_pages_stay_english_for_a_visitor_who_chose_spanish(client):
    client.cookies[COOKIE] = "es"

    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH)

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize(
    "path",
    ["/robots.txt", "/sitemap.xml", "/accounts/login/", "/staff/", "/portal/feed/nope.ics"],
)
def test_pages_with_one_address_are_never_redirected_to_spanish(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH)

    assert not response.get("Location", "").startswith("/es/")


def test_static_files_are_never_redirected(client):
    response = client.get("/static/css/site.css", HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH)

    assert not response.get("Location", "").startswith("/es/")


def test_a_page_reached_from_this_site_is_not_redirected(client):
    # Someone who chose English where cookies are blocked: the switch sets no cookie that
    # sticks, and the next English page must not send them back to Spanish.
    response = client.get(
        "/groups/",
        HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH,
        HTTP_REFERER="http://testserver/es/groups/",
    )

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_a_link_from_another_site_is_still_a_first_visit(client):
    response = client.get(
        "/groups/", HTTP_ACCEPT_LANGUAGE=PREFERS_SPANISH, HTTP_REFERER="https://search.example/"
    )

    assert response["Location"] == "/es/groups/"


def test_a_calendar_file_keeps_its_address_whatever_the_calendar_app_speaks(client):
    # A calendar app's language is not the client's: the file follows the client's own.
    response = client.get("/enroll/mine/not-a-real-token/calendar.ics", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code != 302
