"""A visitor whose phone reads Spanish: from the Spanish home page to a group held in Spanish,
a sign-up, its confirmation and a free call, all in Spanish, and every email in Spanish."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from clients.models import Client
from consultations.models import Consultation
from demo import practice
from enrollment.models import Enrollment
from notifications.dispatch import dispatch_due
from tests.factories import CoordinatorFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "lucia@mail.example"


@pytest.fixture
def phone(new_context):
    # The browser asks for Spanish, as a phone set to Spanish does.
    context = new_context(locale="es-MX", viewport={"width": 390, "height": 844})
    return context.new_page()


def test_a_spanish_speaking_visitor_signs_up_and_books_a_call_all_in_spanish(live_server, phone):
    practice.seed()
    # Times on offer every day, whatever the hour the test runs at.
    CoordinatorFactory(hours=[(day, dt.time(9), dt.time(17)) for day in range(7)])
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # A first visit to the plain address lands on the Spanish site.
    phone.goto(live_server.url + "/")
    phone.wait_for_url("**/es/")
    assert phone.locator("html").get_attribute("lang") == "es"
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Ver los grupos").click()
    phone.wait_for_url("**/es/groups/")
    phone.get_by_text("Filtrar la lista").click()
    phone.get_by_label("Sesiones en").select_option("es")
    phone.get_by_role("button", name="Mostrar grupos").click()
    phone.wait_for_url("**/es/groups/?*")
    assert serious_violations(phone) == []
    phone.get_by_role("link", name="Conversaciones con Calma, en español").first.click()
    phone.wait_for_url("**/es/groups/**")
    assert "Las sesiones son en español." in phone.locator("main").inner_text()

    phone.get_by_role("link", name=re.compile("^Inscribirse")).first.click()
    phone.wait_for_url(re.compile(r".*/es/enroll/\d+/$"))
    assert phone.get_by_role("heading", level=1).inner_text() == "Inscríbase en este grupo"
    phone.get_by_label(re.compile(r"^Nombre\*?$")).fill("Lucía")
    phone.get_by_label("Correo electrónico").fill(EMAIL)
    phone.get_by_label("Tengo 18 años o más").check()
    phone.get_by_label("Ciudad").fill("Riverside")
    phone.get_by_role("group", name=re.compile("viendo a un terapeuta")).get_by_label("No").check()
    phone.get_by_role("group", name=re.compile("hacerse daño")).get_by_label(
        "No", exact=True
    ).check()
    phone.get_by_label("He leído el acuerdo del grupo y estoy de acuerdo").check()
    phone.get_by_role("button", name="Enviar mi inscripción").click()
    phone.wait_for_url(re.compile(r".*/es/enroll/\d+/thanks/$"))
    assert phone.get_by_role("heading", level=1).inner_text() == "Gracias, Lucía"
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Consulta gratuita").first.click()
    phone.wait_for_url("**/es/consultation/")
    assert phone.locator("h1").inner_text() == "Reserve una llamada gratuita de 15 minutos"
    phone.locator(".slot-day .slot-time").first.click()
    phone.get_by_label(re.compile(r"^Nombre\*?$")).fill("Lucía")
    phone.get_by_label("Correo electrónico").fill(EMAIL)
    phone.get_by_role("textbox", name="Teléfono").fill("951-555-0123")
    phone.get_by_label("Terapia de pareja").check()
    phone.get_by_role("button", name="Reservar mi llamada gratuita").click()
    phone.wait_for_url("**/es/consultation/c/**")
    assert phone.locator("h1").inner_text() == "Su llamada está reservada, Lucía"
    assert serious_violations(phone) == []
    assert errors == []

    client = Client.objects.get(email=EMAIL)
    assert client.language == "es"
    assert Enrollment.objects.filter(client=client).count() == 1
    assert Consultation.objects.filter(client=client).count() == 1

    dispatch_due(now=timezone.now())
    received = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(received) >= 2  # the sign-up's and the booking's
    for message in received:
        assert_spanish(message.subject)
        assert_spanish(message.body)


SPANISH_WORDS = {"su", "de", "en", "para", "usted", "gracias", "llamada", "grupo", "lugar"}
ENGLISH_WORDS = {"the", "your", "you", "and", "we", "thank", "with", "call", "group"}


def assert_spanish(text: str) -> None:
    """Spanish words, and none of the commonest English ones (names and addresses aside)."""
    words = set(re.findall(r"[a-záéíóúñü]+", text.lower()))
    assert words & SPANISH_WORDS, text
    assert not words & ENGLISH_WORDS, text
