import html
import re

import pytest
from django.core import mail

from clients.forms import CRISIS_REQUIRED
from clients.messages import OUTSIDE_CALIFORNIA
from clients.models import Client, Lead, LeadEvent
from notifications.dispatch import dispatch_due
from notifications.models import Notification
from tests.factories import ClientFactory, TherapyGroupFactory

pytestmark = pytest.mark.django_db

URL = "/get-started/"
CLINICAL_WORDS = re.compile(r"crisis|harm|suicid|therap|anxi|depress|urgent|counsel", re.I)


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def answers():
    return {
        "first_name": "Noor",
        "last_name": "Haddad",
        "email": "noor@mail.example",
        "phone": "951-555-0123",
        "preferred_contact": "phone",
        "preferred_times": "Weekday evenings",
        "state": "CA",
        "city": "Murrieta",
        "interest": "couples",
        "interested_group": "",
        "message": "My partner and I keep having the same argument.",
        "heard_about": "friend_family",
        "crisis": "no",
    }


def test_the_form_asks_for_the_basics_and_the_safety_question(client):
    page = text(client.get(URL))

    for label in (
        "First name",
        "Email",
        "How should we contact you?",
        "Best days and times",
        "What are you interested in?",
        "State you live in",
        "How did you hear about us?",
        "have you had thoughts of harming yourself",
    ):
        assert label in page


def test_a_request_saves_the_lead_and_confirms_it_to_the_client_and_the_coordinator(
    client, answers, settings
):
    settings.COORDINATOR_EMAIL = "intake@practice.example"

    response = client.post(URL, answers, follow=True)

    lead = Lead.objects.select_related("client").get()
    assert (lead.source, lead.status, lead.interest, lead.is_urgent) == (
        "get_started",
        "new",
        "couples",
        False,
    )
    assert lead.client.city == "Murrieta"
    assert lead.preferred_times == "Weekday evenings"
    assert lead.heard_about == "A friend or family member"
    assert LeadEvent.objects.filter(lead=lead, to_status="new").exists()
    page = text(response)
    assert "Thank you, Noor" in page
    assert "by phone call" in page
    assert "You don't have to wait for us" not in page  # no crisis box

    dispatch_due()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["noor@mail.example"].subject == "We got your message, Noor"
    alert = by_recipient["intake@practice.example"]
    assert alert.subject == f"New intake request #{lead.pk}"
    assert f"/staff/clients/lead/{lead.pk}/change/" in alert.body
    assert "argument" not in alert.body  # the message stays in admin


def test_a_yes_to_the_safety_question_shows_crisis_resources_at_once_and_flags_the_lead(
    client, answers
):
    response = client.post(URL, {**answers, "crisis": "yes"}, follow=True)

    page = text(response)
    assert "You don't have to wait for us" in page
    assert page.index("988") < page.index("Thank you, Noor")
    lead = Lead.objects.get()
    assert lead.is_urgent
    assert set(Notification.objects.values_list("kind", flat=True)) == {
        "lead_received",
        "lead_urgent_alert",
    }
    dispatch_due()
    subjects = [m.subject for m in mail.outbox]
    assert f"Priority: please call back today, intake request #{lead.pk}" in subjects


def test_no_subject_line_carries_a_clinical_word_or_a_last_name(client, answers):
    client.post(URL, {**answers, "crisis": "yes"})
    client.post(URL, {**answers, "email": "b@mail.example"})

    dispatch_due()

    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert not CLINICAL_WORDS.search(message.subject), message.subject
        assert not re.search(r"crisis|harm|suicid|depress|anxi", message.body, re.I)
        assert "Haddad" not in message.subject + message.body


def test_someone_outside_california_is_told_kindly_and_still_heard(client, answers):
    response = client.post(URL, {**answers, "state": "AZ", "city": "Yuma"}, follow=True)

    assert str(OUTSIDE_CALIFORNIA) in text(response)
    assert Lead.objects.count() == 1
    dispatch_due()
    received = next(m for m in mail.outbox if m.to == ["noor@mail.example"])
    assert "licensed in California" in received.body


def test_a_message_that_is_too_long_is_refused_on_the_form_and_nothing_is_saved(client, answers):
    response = client.post(URL, {**answers, "message": "x" * 501})

    assert response.status_code == 200
    assert "Please shorten this to 500 characters or fewer (it has 501)." in text(response)
    assert not Lead.objects.exists() and not Client.objects.exists()
    assert not Notification.objects.exists()


def test_a_missing_safety_answer_is_asked_for_and_nothing_is_saved(client, answers):
    del answers["crisis"]

    response = client.post(URL, answers)

    assert str(CRISIS_REQUIRED) in text(response)
    assert not Lead.objects.exists()


def test_a_returning_person_keeps_one_client_record(client, answers):
    ClientFactory(email="NOOR@mail.example", first_name="Noor")

    client.post(URL, answers)

    assert Client.objects.count() == 1
    assert Client.objects.get().leads.count() == 1


def test_a_form_with_someone_elses_email_cannot_change_their_details(client, answers):
    ClientFactory(email="noor@mail.example", first_name="Noor", phone="951-555-0123", state="CA")

    client.post(URL, {**answers, "first_name": "Mallory", "phone": "702-555-0000", "state": "NV"})

    noor = Client.objects.get()
    assert (noor.first_name, noor.phone, noor.state) == ("Noor", "951-555-0123", "CA")
    assert noor.leads.count() == 1  # the request itself still reaches the coordinator


def test_a_yes_stays_answered_with_help_shown_when_the_form_comes_back_for_a_typo(client, answers):
    response = client.post(URL, {**answers, "email": "not-an-email", "crisis": "yes"})

    page = text(response)
    assert "Enter a valid email address" in page
    assert '<div id="crisis-resources" data-crisis-resources >' in page
    assert "Call or text 988" in page
    assert not Lead.objects.exists()


def test_the_city_is_optional(client, answers):
    client.post(URL, {**answers, "city": ""})

    assert Lead.objects.count() == 1


def test_a_particular_group_can_be_named(client, answers):
    group = TherapyGroupFactory(name="Women's group")

    client.post(URL, {**answers, "interest": "group", "interested_group": group.pk})

    assert Lead.objects.get().interested_group == group


def test_the_thank_you_page_without_a_request_sends_people_to_the_form(client):
    response = client.get("/get-started/thanks/")

    assert response["Location"] == URL
