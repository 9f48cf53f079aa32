"""The Notice of Privacy Practices: its own page, linked from the footer and every form."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from enrollment import services
from enrollment.links import manage_path, manage_token
from enrollment.models import Enrollment
from tests.cohorts.helpers import take_seats
from tests.enrollment.helpers import signup_kwargs
from tests.factories import CohortFactory, CouplesCohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

PRIVACY = "/privacy/"
LINK = f'href="{PRIVACY}"'


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def main_part(page: str) -> str:
    """The page without its footer, so a link counts only where the form is."""
    return page.split('<footer class="site-footer')[0]


def test_the_notice_explains_use_rights_and_how_to_complain(client, settings):
    page = html(client, PRIVACY)
    assert "<h1>Notice of Privacy Practices</h1>" in page
    for words in (
        "HIPAA",
        "Confidentiality of Medical Information Act",
        "See and get a copy",
        "Ask us to correct",
        "Office for Civil Rights",
        "Board of Behavioral Sciences",
        settings.PRACTICE_PHONE,
    ):
        assert words in page


def test_every_page_links_to_the_notice_from_the_footer(client):
    footer = html(client, "/").split('<footer class="site-footer')[1]
    assert LINK in footer


def test_the_sign_up_form_links_to_the_notice(client):
    cohort = CohortFactory()
    assert LINK in main_part(html(client, reverse("enrollment:signup", args=[cohort.pk])))


def test_the_waitlist_form_links_to_the_notice(client):
    cohort = CohortFactory(capacity=2, min_to_run=2)
    take_seats(cohort, 2)
    page = html(client, reverse("enrollment:signup", args=[cohort.pk]))
    assert "Join the waitlist" in page
    assert LINK in main_part(page)


def test_the_get_started_form_links_to_the_notice(client):
    assert LINK in main_part(html(client, reverse("clients:get_started")))


def test_the_consultation_booking_form_links_to_the_notice(client):
    assert LINK in main_part(html(client, reverse("consultations:book")))


def test_the_couples_partner_confirmation_form_links_to_the_notice(client):
    cohort = CouplesCohortFactory(capacity=4, min_to_run=2)
    given = {"partner_first_name": "Bea", "partner_email": "bea@mail.example"}
    signer = services.couple_request(**signup_kwargs(cohort, **given)).enrollment
    partner = Enrollment.objects.exclude(pk=signer.pk).get(couple=signer.couple_id)
    url = reverse("enrollment:confirm", kwargs={"token": manage_token(partner.pk)})
    page = html(client, url)
    assert 'id="confirm-form"' in page
    assert LINK in main_part(page)


def test_the_notice_reads_in_spanish(rf, settings):
    with translation.override("es"):
        page = render_to_string("pages/privacy.html", {"privacy_email": "care@x.org"}, rf.get("/"))
    assert "<h1>Aviso de Prácticas de Privacidad</h1>" in page
    assert '<a href="mailto:care@x.org">care@x.org</a>' in page
    assert "Sus derechos" in page


def test_the_emergency_contact_form_links_to_the_notice(client):
    enrollment = EnrollmentFactory(cohort=CohortFactory(), enrolled=True)
    page = html(client, manage_path(enrollment.pk))
    section = page.split('id="emergency-contact"')[1].split("</section>")[0]
    assert LINK in section
