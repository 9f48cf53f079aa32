"""Every word of the public forms in Spanish on a Spanish page: the list of states, and the
messages Django itself writes (a field left empty, an email that is not one, an answer not
among the options, a text too long), while the English pages keep their English.

Needs the compiled catalogue (`manage.py compilemessages`), as `make` and CI build it.
"""

import datetime as dt
import html
import re

import pytest

from clients.models import Client
from tests.factories import CohortFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db

# The states whose Spanish names differ from the English, and two that do not.
SPANISH_STATES = {
    "CA": "California",
    "DC": "Distrito de Columbia",
    "HI": "Hawái",
    "LA": "Luisiana",
    "NY": "Nueva York",
    "NC": "Carolina del Norte",
    "PA": "Pensilvania",
    "WV": "Virginia Occidental",
    "TX": "Texas",
    "XX": "Fuera de los Estados Unidos",
}
ENGLISH_STATES = {
    "CA": "California",
    "DC": "District of Columbia",
    "HI": "Hawaii",
    "LA": "Louisiana",
    "NY": "New York",
    "NC": "North Carolina",
    "PA": "Pennsylvania",
    "WV": "West Virginia",
    "TX": "Texas",
    "XX": "Outside the United States",
}
# Django's own messages, as a visitor reads them in each language.
DJANGO_SAYS = {
    "es": {
        "required": "Este campo es obligatorio.",
        "email": "Introduzca una dirección de correo electrónico válida.",
        "choice": "Escoja una opción válida. ZZ no es una de las opciones disponibles.",
        "too_long": "Asegúrese de que este valor tenga menos de 320 caracteres (tiene 330).",
        "null": "Los caracteres nulos no están permitidos.",
        # Ours, in place of Django's max_length message on the fields that say their limit.
        "shorten": "Por favor, acórtelo a 60 caracteres o menos (ahora tiene 61).",
    },
    "en": {
        "required": "This field is required.",
        "email": "Enter a valid email address.",
        "choice": "Select a valid choice. ZZ is not one of the available choices.",
        "too_long": "Ensure this value has at most 320 characters (it has 330).",
        "null": "Null characters are not allowed.",
        "shorten": "Please shorten this to 60 characters or fewer (it has 61).",
    },
}
ENGLISH = re.compile(
    r"\b(the|please|this|field|required|enter|valid|select|choice|ensure|characters)\b",
    re.IGNORECASE,
)
# Each message's trigger: the first name left out, a NUL in the last name, an email that is
# not one, a state not on the list; then, on their own, an address over Django's 320 letters
# and a first name over its 60.
MISTAKES = {
    "first_name": "",
    "last_name": "Ri\x00vera",
    "email": "ana.rivera-at-mail.example",
    "state": "ZZ",
}
TOO_LONG_EMAIL = "a" * 321 + "@mail.org"  # 330 characters


@pytest.fixture
def cohort():
    return CohortFactory(capacity=3)


@pytest.fixture
def open_every_day():
    """Times on offer every day, whatever the hour: the booking form shows."""
    return CoordinatorFactory(hours=[(day, dt.time(9), dt.time(17)) for day in range(7)])


def form_pages(cohort) -> dict[str, str]:
    return {
        "sign-up": f"/enroll/{cohort.pk}/",
        "get started": "/get-started/",
        "booking": "/consultation/",
    }


def text(response) -> str:
    return html.unescape(response.content.decode())


def state_options(page: str) -> list[tuple[str, str]]:
    select = re.search(r'<select name="state".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\w*)"[^>]*>([^<]*)</option>', select)


def errors(page: str) -> list[str]:
    """The error texts shown at the fields."""
    found = re.findall(r'class="invalid-feedback d-block">(.*?)</div>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", e).split()) for e in found]


@pytest.mark.parametrize("form", ["sign-up", "get started", "booking"])
def test_the_spanish_state_list_names_the_states_in_spanish(client, cohort, open_every_day, form):
    page = text(client.get("/es" + form_pages(cohort)[form]))

    options = state_options(page)
    assert len(options) == 52  # 50 states, DC and "outside the US"
    assert options[0] == ("CA", "California")  # the practice's state first, as in English
    assert {code: name for code, name in options if code in SPANISH_STATES} == SPANISH_STATES
    assert '<option value="CA" selected>California</option>' in page


def test_the_english_state_list_is_unchanged_after_a_spanish_page(client, cohort):
    spanish = state_options(text(client.get(f"/es/enroll/{cohort.pk}/")))

    english = state_options(text(client.get(f"/enroll/{cohort.pk}/")))

    assert [code for code, _ in english] == [code for code, _ in spanish]
    assert {code: name for code, name in english if code in ENGLISH_STATES} == ENGLISH_STATES
    assert english[1:4] == [("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona")]


def test_a_state_chosen_on_the_spanish_form_is_kept_as_its_code(client):
    client.post(
        "/es/get-started/",
        {
            "first_name": "Ana",
            "email": "ana.rivera@mail.example",
            "preferred_contact": "email",
            "state": "NY",
            "interest": "couples",
            "crisis": "no",
        },
    )

    assert Client.objects.get().state == "NY"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("form", ["sign-up", "get started", "booking"])
def test_django_own_form_messages_are_in_the_page_language(
    client, cohort, open_every_day, form, language
):
    url = ("/es" if language == "es" else "") + form_pages(cohort)[form]
    said = DJANGO_SAYS[language]

    shown = errors(text(client.post(url, MISTAKES)))
    long_ones = {"email": TOO_LONG_EMAIL, "first_name": "A" * 61}
    too_long = errors(text(client.post(url, long_ones)))

    assert said["required"] in shown
    assert said["email"] in shown
    assert said["choice"] in shown
    assert said["null"] in shown
    assert any(said["too_long"] in e for e in too_long)
    assert said["shorten"] in too_long
    if language == "es":
        assert [e for e in shown + too_long if ENGLISH.search(e)] == []


def test_send_my_link_answers_in_spanish(client):
    response = client.post("/es/consultation/send-my-link/", {"email": "nope"}, follow=True)

    page = text(response)
    assert response.redirect_chain[-1][0] == "/es/consultation/"
    assert "Si ese correo electrónico tiene una llamada reservada" in page
    assert "If that email" not in page
