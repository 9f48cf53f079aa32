"""Every email to a client goes out in the language of the page they last used (English or
Spanish), reminders sent later by the worker included; staff emails stay English.

Two checks keep the Spanish whole: every sentence marked in a client email template has a
Spanish translation (all branches, not only those a scene reaches), and in the scene of
every kind (tests/notifications/test_privacy.py) no English sentence is left in a Spanish
email once names, links and the practice's own details are set aside.
"""

import datetime as dt
import html
import re
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from clients.models import Client
from clients.services import client_get_or_create, lead_intake_create
from cohorts.models import Office, TherapyGroup
from enrollment import services as enrollment
from enrollment.agreements import agreement_for
from enrollment.models import Enrollment
from notifications import registry, tasks
from notifications.dispatch import dispatch_due
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notifications_schedule_daily
from tests.enrollment.helpers import form_data
from tests.factories import ClientFactory, CohortFactory, CoordinatorFactory
from tests.factories.consultations import pacific
from tests.notifications import test_privacy
from tests.notifications.test_privacy import rendered

pytestmark = pytest.mark.django_db
# The scene of every kind, shared with the privacy check.
scene = test_privacy.scene

# Written to the practice's own people, who read English.
STAFF_KINDS = {
    Kind.LEAD_NEW_ALERT,
    Kind.LEAD_URGENT_ALERT,
    Kind.COORDINATOR_DIGEST,
    Kind.COHORT_UNDER_MINIMUM,
    Kind.ROSTER_SUMMARY,
    Kind.MISSED_SESSIONS,
    Kind.STAFF_TEST_EMAIL,
}
CLIENT_KINDS = set(Kind.values) - {k.value for k in STAFF_KINDS}
EMAIL_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "emails"


def test_every_kind_but_the_staff_ones_is_written_in_the_clients_language():
    assert set(registry.client_kinds()) == CLIENT_KINDS


# --- The catalogue: every sentence of every client template, every branch -----------------

_TRANSLATE = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1\s*%}""")
_BLOCK = re.compile(
    r"{%\s*blocktranslate\b[^%]*%}(.*?)(?:{%\s*plural\s*%}(.*?))?{%\s*endblocktranslate\s*%}",
    re.S,
)


def _msgid(block: str) -> str:
    """The msgid of a `blocktranslate trimmed` block, as makemessages writes it."""
    text = " ".join(line.strip() for line in block.strip().splitlines() if line.strip())
    return re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", text)


def marked_sentences(source: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = [(m.group(2), None) for m in _TRANSLATE.finditer(source)]
    for m in _BLOCK.finditer(source):
        found.append((_msgid(m.group(1)), _msgid(m.group(2)) if m.group(2) else None))
    return found


@pytest.mark.parametrize("kind", sorted(CLIENT_KINDS))
def test_every_sentence_of_a_client_email_has_its_spanish(kind):
    files = sorted(EMAIL_TEMPLATES.glob(f"{kind}_*"))
    assert {f.name.removeprefix(kind + "_") for f in files} >= {"subject.txt", "body.txt"}
    untranslated = []
    with translation.override("es"):
        for path in files:
            source = path.read_text()
            sentences = marked_sentences(source)
            # Nothing in English outside the marked sentences: what remains between the tags
            # is markup, variables and punctuation.
            bare = _BLOCK.sub("", _TRANSLATE.sub("", source))
            bare = re.sub(r"{%.*?%}|{{.*?}}|<[^>]+>|&\w+;|#\w+", " ", bare, flags=re.S)
            assert not re.search(r"[A-Za-z]{3,}", bare), f"{path.name}: unmarked {bare.strip()!r}"
            for singular, plural in sentences:
                if plural is None:
                    done = translation.gettext(singular) != singular
                else:
                    done = all(
                        translation.ngettext(singular, plural, n) not in (singular, plural)
                        for n in (1, 2)
                    )
                if not done:
                    untranslated.append(f"{path.name}: {singular}")
            assert sentences, f"{path.name} marks nothing for translation"
    assert untranslated == []


# --- The scene of every kind, read in both languages ----------------------------------------


def _text(message) -> str:
    html_part = message.alternatives[0][0] if message.alternatives else ""
    return "\n".join([message.subject, message.body, html.unescape(strip_tags(html_part))])


def _set_aside(text: str, data: list[str]) -> str:
    """Links, and the data an email quotes as it stands in either language."""
    text = re.sub(r"https?://\S+", " ", text)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def english_sentences(text: str) -> set[str]:
    """Every run of two words or more between punctuation marks."""
    pieces = re.split(r"[\n.,:;!?()\"]+", text)
    return {" ".join(p.split()) for p in pieces if len(re.findall(r"[A-Za-z]{2,}", p)) >= 2}


def _calendar_texts(message) -> list[str]:
    texts = []
    for _filename, content, _mimetype in message.attachments:
        for event in icalendar.Calendar.from_ical(content).walk("VEVENT"):
            texts += [str(event.get("summary", "")), str(event.get("description", ""))]
    return texts


def test_every_client_email_reads_in_spanish_with_no_english_sentence_left(scene, time_machine):
    english = {row.pk: message for row, message in rendered(time_machine) if message}
    Client.objects.update(language="es")
    spanish = [(row, message) for row, message in rendered(time_machine) if message]

    data = [
        settings.PRACTICE_NAME,
        settings.PRACTICE_PHONE,
        *Client.objects.values_list("first_name", flat=True),
    ]
    for office in Office.objects.all():
        data += [office.name, office.address, office.directions]
    problems = []
    seen = set()
    for row, message in spanish:
        if row.kind not in CLIENT_KINDS:
            continue
        seen.add(row.kind)
        before = english[row.pk]
        assert message.subject != before.subject, row.kind
        left = english_sentences(_set_aside(_text(before), data)) & english_sentences(
            _set_aside(_text(message), data)
        )
        problems += [f"{row.kind}: {sentence!r}" for sentence in sorted(left)]
        if row.kind in (Kind.ENROLLMENT_ENROLLED, Kind.CONSULTATION_CONFIRMATION):
            calendar = " ".join(_calendar_texts(message))
            assert ("Reunión de grupo" in calendar) or ("Llamada gratuita" in calendar)
            assert "Group meeting" not in calendar and "Free 15-minute call" not in calendar
    assert problems == []
    assert seen == CLIENT_KINDS


def test_dates_in_a_spanish_email_read_as_spanish(scene, time_machine):
    Client.objects.update(language="es")
    texts = {row.kind: _text(m) for row, m in rendered(time_machine) if m}

    # The call booked in the scene is on Thursday, September 3, 2026, at 10:00 AM.
    confirmation = texts[Kind.CONSULTATION_CONFIRMATION]
    assert "jueves 3 de septiembre a las 10:00" in confirmation
    assert "Thursday" not in confirmation and "September" not in confirmation
    # A meeting reminder says the day in words too; a group is named by its weekday.
    assert re.search(r"\b(hoy|mañana|el \w+ \d+ de \w+)\b", texts[Kind.SESSION_REMINDER])
    assert "los domingos a las" in texts[Kind.ENROLLMENT_ENROLLED]  # the scene meets on Sundays


def test_staff_emails_stay_english_whatever_the_clients_or_the_request_speak(scene, time_machine):
    english = {row.pk: message for row, message in rendered(time_machine) if message}
    Client.objects.update(language="es")
    # As if the worker ran inside a Spanish page's request (eager tasks do).
    with translation.override("es"):
        now_spanish = [(row, message) for row, message in rendered(time_machine) if message]

    staff = [(row, message) for row, message in now_spanish if row.kind not in CLIENT_KINDS]
    assert {row.kind for row, _ in staff} == {k.value for k in STAFF_KINDS}
    for row, message in staff:
        # A new-lead alert adds one line saying which language to call back in.
        body = message.body.replace(CALL_BACK_IN_SPANISH, "")
        assert (message.subject, body) == (english[row.pk].subject, english[row.pk].body), row.kind


CALL_BACK_IN_SPANISH = "They used the site in Spanish: call back in Spanish if you can.\n"


def test_a_new_lead_alert_says_to_call_back_in_spanish_when_they_used_the_spanish_site(
    scene, time_machine
):
    alerts = (Kind.LEAD_NEW_ALERT, Kind.LEAD_URGENT_ALERT)
    english = [m for row, m in rendered(time_machine) if m and row.kind in alerts]
    Client.objects.update(language="es")
    spanish = [m for row, m in rendered(time_machine) if m and row.kind in alerts]

    assert len(english) == len(alerts) == len(spanish)
    assert not any(CALL_BACK_IN_SPANISH in m.body for m in english)
    assert all(CALL_BACK_IN_SPANISH in m.body for m in spanish)


def test_a_client_email_follows_the_client_not_the_language_it_is_sent_from(scene, time_machine):
    english = {row.pk: message for row, message in rendered(time_machine) if message}
    with translation.override("es"):
        again = [(row, message) for row, message in rendered(time_machine) if message]
    for row, message in again:
        assert message.subject == english[row.pk].subject, row.kind


# --- Where the language comes from ------------------------------------------------------------

FIRST = dt.date(2026, 10, 18)  # a Sunday


def test_someone_who_signs_up_from_a_spanish_page_gets_spanish_emails_reminders_included(
    client, time_machine
):
    time_machine.move_to(pacific(2026, 9, 1, 10), tick=False)
    cohort = CohortFactory(first_session_date=FIRST)
    with translation.override("es"):
        # reverse() gives the Spanish address (/es/...), as the Spanish page links to it.
        response = client.post(reverse("enrollment:signup", args=[cohort.pk]), form_data(cohort))
    assert response.status_code == 302
    person = Client.objects.get(email="ana.rivera@mail.example")
    assert person.language == "es"

    tasks.dispatch_due.delay()
    [received] = mail.outbox
    assert received.subject.startswith("Su solicitud en")
    assert received.body.startswith("Hola, Ana:")
    assert "Su grupo se reúne los domingos a las" in received.body

    place = person.enrollments.get()
    enrollment.enrollment_enroll(enrollment_id=place.pk, now=pacific(2026, 9, 1, 11))
    # The reminder the day before the first meeting: written by the daily task, sent by the
    # periodic one, outside any request.
    notifications_schedule_daily(now=pacific(2026, 10, 17, 6))
    row = Notification.objects.get(kind=Kind.GROUP_START_REMINDER, due_at__date__gte="2026-10-17")
    time_machine.move_to(row.due_at, tick=False)
    mail.outbox.clear()
    tasks.dispatch_due.delay()
    # The "you are in" email, held back until now, and the reminder: both in Spanish.
    assert len(mail.outbox) == 2
    assert all(m.body.startswith("Hola, Ana:") for m in mail.outbox)
    [reminder] = [m for m in mail.outbox if "mañana" in m.subject]
    assert reminder.subject.startswith("Su primera reunión de grupo es mañana a la")
    assert "Su grupo empieza mañana." in reminder.body


def test_a_call_booked_from_a_spanish_page_is_confirmed_in_spanish(client, time_machine, caller):
    time_machine.move_to(pacific(2026, 3, 2, 6), tick=False)
    CoordinatorFactory(display_name="Dana")
    caller = {**caller, "slot": "20260303T1800Z"}  # Tuesday 3 March 2026, 10:00 PST
    with translation.override("es"):
        response = client.post(reverse("consultations:book"), caller)
    assert response.status_code == 302
    assert Client.objects.get(email="ana.lopez@mail.example").language == "es"

    dispatch_due(now=pacific(2026, 3, 2, 6, 1))
    [confirmation] = mail.outbox
    assert confirmation.subject == (
        "Su llamada gratuita quedó reservada para el martes 3 de marzo a las 10:00 a.m. PST"
    )
    assert "Dana, de nuestro equipo de admisión, le llamará" in confirmation.body
    # Mail programs and screen readers are told which language it is in.
    assert confirmation.message()["Content-Language"] == "es"
    assert confirmation.alternatives[0][0].startswith('<div lang="es">')


def test_an_intake_request_from_a_spanish_page_is_answered_in_spanish_the_alert_in_english(
    client, settings
):
    answers = {
        "first_name": "Noor",
        "last_name": "Haddad",
        "email": "noor@mail.example",
        "phone": "951-555-0123",
        "preferred_contact": "phone",
        "preferred_times": "",
        "state": "CA",
        "city": "Murrieta",
        "interest": "couples",
        "interested_group": "",
        "message": "",
        "heard_about": "",
        "crisis": "no",
    }
    with translation.override("es"):
        response = client.post(reverse("clients:get_started"), answers)
        assert response.status_code == 302
        # Sent at once, as an eager task would be, while Spanish is still active.
        dispatch_due(now=timezone.now() + dt.timedelta(seconds=1))

    sent = {m.to[0]: m for m in mail.outbox}
    to_noor = sent.pop("noor@mail.example")
    assert to_noor.subject == "Recibimos su mensaje, Noor"
    assert "por teléfono, normalmente en un día hábil" in to_noor.body
    [alert] = sent.values()
    assert alert.to == [settings.COORDINATOR_EMAIL]
    assert alert.subject.startswith("New intake request")
    assert alert.message()["Content-Language"] == "en"


def test_the_most_recent_language_wins_and_staff_entries_leave_it_as_it_is():
    # A regional variant is stored as the language the site speaks.
    client_get_or_create(email="noor@mail.example", first_name="Noor", language="es-mx")
    assert Client.objects.get().language == "es"

    lead_intake_create(email="NOOR@mail.example", first_name="Noor", language="en")
    assert Client.objects.get().language == "en"

    # A coordinator typing in a phone call says nothing about the page language.
    lead_intake_create(email="noor@mail.example", first_name="Noor", actor=None, language="")
    assert Client.objects.get().language == "en"
    assert Client.objects.get().history.first().language == "en"


def test_a_partner_gets_the_signers_language_only_as_a_first_guess():
    now = pacific(2026, 9, 1, 10)
    couples = CohortFactory(
        group__focus=TherapyGroup.Focus.COUPLES,
        first_session_date=dt.date(2026, 10, 17),
        capacity=4,
    )
    ClientFactory(email="rae.partner@mail.example", first_name="Rae")  # English on record
    for signer, partner in (
        ("mo@mail.example", "nia.partner@mail.example"),
        ("pat@mail.example", "rae.partner@mail.example"),
    ):
        enrollment.couple_request(
            cohort=couples,
            email=signer,
            first_name="Signer",
            partner_first_name="Partner",
            partner_email=partner,
            state="CA",
            city="Riverside",
            confirmed_adult=True,
            agreement_version=agreement_for(couples).version,
            language="es",
            now=now,
        )
    language = dict(Client.objects.values_list("email", "language"))
    assert language["mo@mail.example"] == "es"
    assert language["nia.partner@mail.example"] == "es"  # new: the signer's guess
    assert language["rae.partner@mail.example"] == "en"  # their own record stands

    # Nia confirms her own place from the English page: her own choice now stands.
    nia = Enrollment.objects.get(client__email="nia.partner@mail.example")
    enrollment.placement_confirm(
        enrollment_id=nia.pk,
        state="CA",
        crisis=False,
        agreement_version=agreement_for(couples).version,
        language="en",
        now=now,
    )
    assert Client.objects.get(email="nia.partner@mail.example").language == "en"


def test_the_coordinator_sees_the_language_on_the_client_page(client, coordinator):
    person = ClientFactory(spanish=True, first_name="Lucía")
    client.force_login(coordinator)

    page = client.get(reverse("admin:clients_client_change", args=[person.pk]))
    assert page.status_code == 200
    assert re.search(r'<option value="es" selected>\s*Español', page.content.decode())

    listing = client.get(reverse("admin:clients_client_changelist") + "?language__exact=es")
    assert "Español" in listing.content.decode()


def test_the_coordinator_sees_the_language_on_the_request_too(client, coordinator):
    lead = lead_intake_create(email="lucia@mail.example", first_name="Lucía", language="es")
    client.force_login(coordinator)

    page = client.get(reverse("admin:clients_lead_change", args=[lead.pk]))
    assert "emails in Spanish" in page.content.decode()
