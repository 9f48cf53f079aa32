"""A Spanish-speaking client signs up, asks to be called, and books a call, all in Spanish:
the forms, their errors, the crisis help, the dates and the pages they land on.

Needs the compiled catalogue (`manage.py compilemessages`), as `make` and CI build it.
"""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from clients.models import Lead
from consultations.models import Consultation
from enrollment.links import manage_path
from enrollment.models import Enrollment
from enrollment.wording import meets
from groups_site.dates import pacific_when as pacific
from tests.enrollment.helpers import form_data
from tests.factories import CohortFactory, CoordinatorFactory, TherapyGroupFactory
from tests.factories.consultations import pacific as pacific_time

pytestmark = pytest.mark.django_db

# Monday 2 March 2026, early morning Pacific; the coordinator takes calls 9 to 5 on weekdays.
NOW = pacific_time(2026, 3, 2, 6)
TUESDAY_10_VALUE = "20260303T1800Z"
# Words that give away English left in what a Spanish reader sees.
ENGLISH = re.compile(
    r"\b(the|please|this|field|required|your|you|is|are|choose|enter|agree)\b", re.IGNORECASE
)


def text(response) -> str:
    return html.unescape(response.content.decode())


def visible(fragment: str) -> str:
    """The words of an HTML fragment, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def errors(page: str) -> list[str]:
    """The error texts shown at the fields and above the form."""
    found = re.findall(r'class="invalid-feedback d-block">(.*?)</div>', page, re.S)
    found += re.findall(r'id="form-problems">(.*?)</div>', page, re.S)
    return [visible(e) for e in found]


@pytest.fixture(autouse=True)
def frozen(time_machine):
    """Every page here is drawn at NOW, whatever day the tests run."""
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def cohort(frozen):
    """An online, closed cohort meeting on Tuesdays at 6:30 PM from 24 March, seats free."""
    return CohortFactory(
        capacity=3,
        group__name="Terreno firme",
        first_session_date=dt.date(2026, 3, 24),
    )


@pytest.fixture
def dana():
    """The intake coordinator, taking calls 9 to 5 on weekdays."""
    return CoordinatorFactory(display_name="Dana")


def es_signup(cohort) -> str:
    with translation.override("es"):
        return reverse("enrollment:signup", args=[cohort.pk])


def test_the_spanish_sign_up_form_asks_its_questions_in_spanish(client, cohort):
    response = client.get(f"/es/enroll/{cohort.pk}/")

    page = text(response)
    assert response["Content-Language"] == "es"
    assert "Inscríbase en este grupo" in page
    assert "Se reúne los martes a las 6:30 p.m., hora del Pacífico, en línea, por video" in page
    assert ">Nombre<" in page
    assert "Tengo 18 años o más" in page
    assert "¿Está viendo a un terapeuta en este momento?" in page
    assert "En las últimas dos semanas, ¿ha tenido pensamientos" in page
    assert "Quedan 3 lugares." in page
    assert "Sign up for this group" not in page and "First name" not in page


def test_a_spanish_form_sent_with_problems_explains_them_in_spanish(client, cohort):
    data = form_data(cohort, agree=None, crisis=None, confirmed_adult=None, phone="12")

    response = client.post(es_signup(cohort), data)

    page = text(response)
    shown = errors(page)
    assert "Revise, por favor, las respuestas marcadas abajo." in shown
    assert "Lea el acuerdo del grupo y marque la casilla para aceptarlo, por favor." in shown
    # The safety question left blank: asked again, gently, in Spanish.
    assert (
        "Por favor, elija sí o no. Cualquier respuesta está bien, y la tratamos con cuidado."
        in shown
    )
    assert "Escriba el número de teléfono con su código de área, por favor." in shown
    assert len(shown) == 5
    assert [e for e in shown if ENGLISH.search(e)] == []
    assert Enrollment.objects.count() == 0


def test_a_spanish_sign_up_lands_on_the_spanish_thank_you_page(client, cohort):
    response = client.post(es_signup(cohort), form_data(cohort), follow=True)

    page = text(response)
    assert response.redirect_chain[-1][0] == f"/es/enroll/{cohort.pk}/thanks/"
    assert "Gracias, Ana" in page
    assert "Recibimos su inscripción y le estamos guardando un lugar." in page
    assert "Primera reunión: <strong>martes 24 de marzo, 6:30 p.m.</strong>" in page
    assert "holding a seat" not in page


def test_a_crisis_answer_on_a_spanish_form_shows_988_and_911_at_once(client, cohort):
    response = client.post(es_signup(cohort), form_data(cohort, crisis="yes", city=""))

    page = text(response)
    box = page[page.index('id="crisis-resources"') :]
    box = box[: box.index("</section>")]
    assert "hidden" not in box.split(">")[0]  # shown at once, not after fixing the form
    words = visible(box)
    assert "Llame o envíe un mensaje de texto al 988" in words
    assert "llame al 988 y marque 2" in words
    assert "llame al 911" in words
    assert 'href="tel:988"' in box and 'href="tel:911"' in box
    assert words.count("911") == 1  # said once, not "call 911 (call 911)"


def test_the_english_crisis_help_names_911_once(client, cohort):
    response = client.post(f"/enroll/{cohort.pk}/", form_data(cohort, crisis="yes", city=""))

    page = text(response)
    box = page[page.index('id="crisis-resources"') :]
    words = visible(box[: box.index("</section>")])
    assert "Call or text 988" in words and "call 911" in words
    assert words.count("911") == 1


def test_a_spanish_intake_request_lands_on_the_spanish_confirmation(client):
    data = {
        "first_name": "Ana",
        "email": "ana.rivera@mail.example",
        "preferred_contact": "email",
        "state": "CA",
        "interest": "couples",
        "crisis": "no",
        "heard_about": "friend_family",
    }

    response = client.post("/es/get-started/", data, follow=True)

    page = text(response)
    assert response.redirect_chain[-1][0] == "/es/get-started/thanks/"
    assert "Gracias, Ana" in page
    assert "se comunicará con usted por correo electrónico" in page
    # The coordinator reads the lead in English, whatever language it was sent in.
    assert Lead.objects.get().heard_about == "A friend or family member"


def test_the_spanish_consultation_picker_names_days_and_times_in_spanish(client, dana):
    page = text(client.get("/es/consultation/"))

    assert "Lunes 2 de marzo" in page  # the day shown
    assert "Mar 3 de marzo" in page  # another day of its week
    assert "9:00 a.m. PST" in page
    assert "horarios libres" in page
    assert "Monday" not in page and "Tue," not in page


def test_a_spanish_booking_lands_on_its_spanish_page(client, dana, caller):
    caller = {**caller, "slot": TUESDAY_10_VALUE}

    response = client.post("/es/consultation/", caller, follow=True)

    page = text(response)
    assert response.redirect_chain[-1][0].startswith("/es/consultation/c/")
    assert "Su llamada está reservada, Ana" in page
    assert "martes 3 de marzo a las 10:00 a.m. PST" in page
    assert Consultation.objects.get().status == Consultation.Status.BOOKED


def test_a_booking_form_with_problems_answers_in_spanish(client, dana):
    response = client.post("/es/consultation/", {"first_name": "Ana", "mode": "video"})

    page = text(response)
    assert "Elija un horario para su llamada, por favor." in page
    assert "Este campo es obligatorio." in page
    assert "This field is required" not in page


def test_cohort_wording_reads_naturally_in_spanish():
    one_pm = CohortFactory.build(
        start_time=dt.time(13, 0),
        first_session_date=dt.date(2026, 12, 24),
        group=TherapyGroupFactory.build(in_person=True, office__city="Murrieta"),
    )

    with translation.override("es"):
        assert meets(one_pm) == (
            "los jueves a la 1:00 p.m., hora del Pacífico, en nuestro consultorio de Murrieta"
        )
        assert pacific(dt.datetime(2026, 7, 1, 1, 30, tzinfo=dt.UTC)) == (
            "martes 30 de junio a las 6:30 p.m. PDT"
        )
    assert meets(one_pm) == "Thursdays at 1:00 PM Pacific time, at our Murrieta office"


def test_the_spanish_my_place_page_lists_the_meetings_and_answers_in_spanish(client, cohort):
    client.post(es_signup(cohort), form_data(cohort))
    enrollment = Enrollment.objects.get()
    with translation.override("es"):
        page_url = manage_path(enrollment.pk)

    page = text(client.get(page_url))
    assert page_url.startswith("/es/enroll/mine/")
    assert "Le estamos guardando un lugar" in page
    assert "Mar 24 de marzo, 6:30 p.m.–8:00 p.m." in page
    assert "Tue, Mar 24" not in page

    response = client.post(page_url, {"action": "withdraw"}, follow=True)

    page = text(response)
    assert "Marque la casilla para confirmar que quiere salir, por favor." in page
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.REQUESTED
