import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from clients.models import Client
from cohorts.models import Cohort, Office, Session, Therapist, TherapyGroup
from demo.practice import LOGINS
from enrollment.models import Enrollment
from groups_site.timezones import PACIFIC
from pages.models import FaqEntry, FaqSection, GuideSection
from security.roles import COORDINATOR, THERAPIST

pytestmark = pytest.mark.django_db

MODELS = (Office, Therapist, TherapyGroup, Cohort, Session, Client, Enrollment, get_user_model())


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", url="http://127.0.0.1:8101", stdout=out)
    return out.getvalue()


def test_running_seed_demo_twice_duplicates_nothing():
    seed()
    counts = {m.__name__: m.objects.count() for m in MODELS}

    seed()

    assert {m.__name__: m.objects.count() for m in MODELS} == counts
    assert counts["Therapist"] == 3
    # With the group held in Spanish and roster.demo's online group meeting today.
    assert counts["TherapyGroup"] == 6
    assert counts["Office"] == 2


def test_seed_demo_prints_every_login_and_the_address():
    out = seed()

    for login in LOGINS:
        assert login.username in out and login.password in out
    assert "http://127.0.0.1:8101/" in out


def test_demo_staff_can_sign_in_with_the_printed_passwords_and_have_their_roles():
    seed()
    User = get_user_model()

    for login in LOGINS:
        user = User.objects.get(username=login.username)
        assert user.is_staff and user.check_password(login.password)
        assert user.groups.filter(name=login.role).exists()
    assert User.objects.filter(groups__name=COORDINATOR).count() == 1
    assert User.objects.filter(groups__name=THERAPIST).count() == 3


def test_the_demo_practice_shows_every_seat_situation(client):
    seed()

    catalogue = client.get(reverse("cohorts:catalogue")).content.decode()
    assert "1 seat left" in catalogue
    assert "Full - join the waitlist" in catalogue
    assert "Enrollment closed - next cohort starts" in catalogue

    kinds = set(Cohort.objects.filter(status="published").values_list("group__kind", flat=True))
    formats = set(TherapyGroup.objects.values_list("format", flat=True))
    assert kinds == {"open", "closed"}
    assert formats == {"online", "in_person"}
    assert Cohort.objects.filter(status="draft").count() == 1
    assert set(Office.objects.values_list("city", flat=True)) == {"Riverside", "Murrieta"}


def test_the_demo_cohort_starting_in_ten_days_has_one_seat_left():
    from django.utils import timezone

    seed()
    soon = timezone.now().astimezone(PACIFIC).date() + timezone.timedelta(days=10)

    cohort = Cohort.objects.with_seats_taken().get(first_session_date=soon)
    assert cohort.capacity - cohort.seats_taken == 1


def test_every_demo_place_was_made_through_the_services_with_history_and_agreement():
    seed()

    places = Enrollment.objects.exclude(status__in=["offered"]).prefetch_related("events")
    assert places.filter(status="enrolled").count() > 30
    for place in places:
        events = list(place.events.all())
        # The first event is the place being made, the last one the status it has now.
        assert events and events[0].from_status == "", place
        assert max(events, key=lambda e: (e.at, e.pk)).to_status == place.status, place
    enrolled = places.filter(status="enrolled")
    assert not enrolled.filter(agreed_at__isnull=True).exists()
    assert not enrolled.filter(agreement__isnull=True).exists()
    # A member of a group that has begun was placed before its first meeting.
    for place in enrolled.select_related("cohort"):
        first = place.cohort.sessions.order_by("starts_at").first()
        assert place.agreed_at < first.starts_at, place


def test_seed_demo_makes_a_group_held_in_spanish_that_visitors_can_sign_up_for(client):
    seed()

    group = TherapyGroup.objects.get(sessions_language="es", is_listed=True)
    assert group.cohorts.filter(status="published").exists()
    spanish_only = client.get(reverse("cohorts:catalogue"), {"sessions_in": "es"}).content.decode()
    assert group.name_en in spanish_only
    assert "Sessions in Spanish" in spanish_only


def test_seed_demo_writes_every_public_text_in_english_and_spanish():
    seed()

    for group in TherapyGroup.objects.filter(is_listed=True):
        for field in ("name", "topic", "summary", "who_it_is_for", "what_to_expect", "fee_text"):
            english, spanish = getattr(group, f"{field}_en"), getattr(group, f"{field}_es")
            assert english and spanish and english != spanish, (group.slug, field)
    for therapist in Therapist.objects.all():
        assert therapist.bio_es and therapist.pronouns_es, therapist.slug
    for office in Office.objects.all():
        for field in ("name", "serves", "hours", "directions", "parking", "transit"):
            assert getattr(office, f"{field}_en") and getattr(office, f"{field}_es"), field
    assert FaqEntry.objects.filter(answer_es__gt="").count() == FaqEntry.objects.count() > 10
    assert GuideSection.objects.exclude(heading_es="").count() == GuideSection.objects.count()


def test_the_demo_murrieta_office_serves_the_temecula_valley(client):
    seed()
    office = Office.objects.get(city="Murrieta")

    html = client.get(office.get_absolute_url()).content.decode()

    assert "Serving the Temecula Valley" in html
    with translation.override("es"):
        assert office.serves == "Al servicio del Valle de Temecula"


def test_seed_demo_fills_an_emptied_faq_again():
    FaqSection.objects.all().delete()

    seed()
    seed()

    assert FaqSection.objects.count() == 4
    assert FaqEntry.objects.filter(question_en="Are there limits to confidentiality?").count() == 1
