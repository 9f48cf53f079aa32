"""Spanish pages live under /es/; English keeps its plain addresses; staff pages stay English."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_public_pages_answer_in_both_languages(client):
    assert client.get("/groups/")["Content-Language"] == "en"
    assert client.get("/es/groups/")["Content-Language"] == "es"


def test_links_built_in_spanish_stay_in_spanish():
    with translation.override("es"):
        assert reverse("cohorts:catalogue") == "/es/groups/"
        assert reverse("consultations:book") == "/es/consultation/"
        assert reverse("staff_today") == "/staff/"  # staff pages have one address


def test_staff_pages_have_no_spanish_address(client):
    assert client.get("/es/staff/").status_code == 404


def test_robots_keeps_crawlers_out_of_spanish_sign_up_pages(client):
    assert "Disallow: /es/enroll/" in client.get("/robots.txt").content.decode().splitlines()
