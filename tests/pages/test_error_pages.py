"""The site's own error pages: calm words, the phone number, a way home, no client data."""

import html

import pytest
from django.test import Client, RequestFactory

from clients.models import Lead
from pages import errors as views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("handler", "status", "heading"),
    [
        (views.bad_request, 400, "We couldn't accept that request"),
        (views.permission_denied, 403, "This page isn't open to you"),
        (views.page_not_found, 404, "We could not find that page"),
        (views.server_error, 500, "Something went wrong on our side"),
        (views.csrf_failure, 403, "Please try that again"),
    ],
)
def test_each_error_page_renders_in_the_sites_style_without_the_database(
    handler, status, heading, settings, django_assert_num_queries
):
    request = RequestFactory().get("/enroll/mine/some-token/")

    with django_assert_num_queries(0):
        response = handler(request)

    assert response.status_code == status
    page = html.unescape(response.content.decode())
    assert heading in page
    assert 'class="site-header"' in page and "site-footer" in page
    assert settings.PRACTICE_PHONE in page
    assert 'href="/"' in page
    assert "some-token" not in page


def test_the_429_page_renders_without_the_database(settings, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = views.too_many_requests(RequestFactory().post("/"), retry_after=600)

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = response.content.decode()
    assert "about 10 minutes" in page
    assert settings.PRACTICE_PHONE in page


def test_an_unknown_address_gets_the_styled_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_a_form_body_over_64_kb_gets_the_400_page_and_saves_nothing(client, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 64 * 1024

    response = client.post(
        "/get-started/",
        {"first_name": "Noor", "email": "noor@mail.example", "message": "x" * (65 * 1024)},
    )

    assert response.status_code == 400
    assert "We couldn't accept that request" in html.unescape(response.content.decode())
    assert not Lead.objects.exists()


def test_a_10_mb_body_is_refused_the_same_way(client):
    response = client.post(
        "/consultation/", {"email": "a@mail.example", "note": "x" * (10 * 1024 * 1024)}
    )

    assert response.status_code == 400


def test_a_form_posted_without_its_csrf_cookie_gets_the_styled_403():
    response = Client(enforce_csrf_checks=True).post("/get-started/", {"first_name": "Noor"})

    assert response.status_code == 403
    assert "Please try that again" in response.content.decode()
    assert not Lead.objects.exists()
