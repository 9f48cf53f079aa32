"""Group, cohort and therapist text is written in English and Spanish; an empty Spanish field
shows the English text. (Requests are made with the URL reversed inside the override, so
they keep working once Spanish pages live under /es/.)"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from cohorts.models import TherapyGroup
from cohorts.selectors import group_page
from tests.factories import CohortFactory, TherapistFactory, TherapyGroupFactory

pytestmark = pytest.mark.django_db


def get_in(language: str, client, url_name: str, **kwargs) -> str:
    with translation.override(language):
        return client.get(reverse(url_name, kwargs=kwargs)).content.decode()


@pytest.fixture
def group(db):
    group = TherapyGroupFactory(
        slug="calma",
        name="Calm Conversations",
        summary="Talk about hard things without a fight.",
        summary_es="Hablar de temas difíciles sin pelear.",
        who_it_is_for="Adults who want calmer talks.",
        who_it_is_for_es="Adultos que quieren conversaciones más tranquilas.",
        fee_text="$60 per session",
        fee_text_es="$60 por sesión",
    )
    CohortFactory(
        group=group,
        lead_therapist=TherapistFactory(
            bio="Elena has worked with families for twelve years.",
            bio_es="Elena lleva doce años trabajando con familias.",
        ),
    )
    return group


def test_the_group_page_reads_in_spanish_for_a_spanish_reader(client, group):
    html = get_in("es", client, "cohorts:group", slug="calma")

    assert "Hablar de temas difíciles sin pelear." in html
    assert "Adultos que quieren conversaciones más tranquilas." in html
    assert "$60 por sesión" in html
    assert "Elena lleva doce años trabajando con familias." in html
    assert "Talk about hard things without a fight." not in html


def test_an_untranslated_field_shows_the_english_text_on_the_spanish_page(client, group):
    assert group.name_es is None

    html = get_in("es", client, "cohorts:group", slug="calma")

    assert "<h1>Calm Conversations</h1>" in html


def test_the_english_page_stays_english(client, group):
    html = get_in("en", client, "cohorts:group", slug="calma")

    assert "Talk about hard things without a fight." in html
    assert "Hablar de temas" not in html


def test_the_group_page_selector_gives_each_language_its_text(group):
    with translation.override("es"):
        page = group_page(slug="calma")
        assert page.group.summary == "Hablar de temas difíciles sin pelear."
        assert page.group.name == "Calm Conversations"
    with translation.override("en"):
        assert group_page(slug="calma").group.summary == "Talk about hard things without a fight."


def test_a_cohort_fee_written_in_spanish_shows_in_spanish_and_falls_back_to_english(group):
    cohort = group.cohorts.get()
    cohort.fee_text_en = "$50 per session this season"
    cohort.save()

    with translation.override("es"):
        assert cohort.price_text == "$50 per session this season"
        cohort.fee_text_es = "$50 por sesión esta temporada"
        assert cohort.price_text == "$50 por sesión esta temporada"


def test_migrating_copies_the_text_already_written_into_the_english_columns(group):
    name = "0004_translations_sessions_language_office_details"
    migration = importlib.import_module(f"cohorts.migrations.{name}")
    state = MigrationExecutor(connection).loader.project_state(("cohorts", name))
    # As the rows stood before the migration: the text only in the untranslated column.
    TherapyGroup.objects.filter(pk=group.pk).update(name_en=None, summary_en=None)

    migration.copy_into_english(state.apps, schema_editor=None)

    group.refresh_from_db()
    assert group.name_en == "Calm Conversations"
    assert group.summary_en == "Talk about hard things without a fight."
    with translation.override("es"):
        assert group.name == "Calm Conversations"


def test_admin_shows_the_english_and_spanish_fields_of_a_group(client, coordinator, group):
    client.force_login(coordinator)

    html = client.get(reverse("admin:cohorts_therapygroup_change", args=[group.pk])).content
    html = html.decode()

    for field in ("name", "summary", "who_it_is_for", "what_to_expect", "fee_text"):
        assert f'name="{field}_en"' in html and f'name="{field}_es"' in html, field
    assert 'name="sessions_language"' in html


def test_admin_saves_a_spanish_summary_beside_the_english_one(client, coordinator, group):
    client.force_login(coordinator)
    url = reverse("admin:cohorts_therapist_change", args=[group.cohorts.get().lead_therapist_id])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(bio_en="Twelve years with families.", bio_es="Doce años con familias.")

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    therapist = group.cohorts.get().lead_therapist
    therapist.refresh_from_db()
    assert (therapist.bio_en, therapist.bio_es) == (
        "Twelve years with families.",
        "Doce años con familias.",
    )


def test_admin_writes_a_cohort_fee_in_english_and_spanish(client, coordinator, group):
    client.force_login(coordinator)
    cohort = group.cohorts.get()

    html = client.get(reverse("admin:cohorts_cohort_change", args=[cohort.pk])).content.decode()

    assert 'name="fee_text_en"' in html and 'name="fee_text_es"' in html
    assert 'name="fee_text"' not in html
