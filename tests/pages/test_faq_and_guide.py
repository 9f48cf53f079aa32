"""The FAQ and the therapy-vs-support-groups page are written in admin, in English and
Spanish, and render from the database."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from pages.models import FaqEntry, FaqSection, GuideRow, GuideSection

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_words")]

CRISIS_EN = (
    "Not on its own. If you are thinking about harming yourself, call or text 988 "
    "(Suicide &amp; Crisis Lifeline) any time, or call 911 in an emergency."
)
CRISIS_ES = (
    "No por sí solo. Si está pensando en hacerse daño, llame o envíe un mensaje de texto al "
    "988 (Línea de Prevención del Suicidio y Crisis; para español, marque 2) a cualquier "
    "hora, o llame al 911 en una emergencia."
)


def get_in(language: str, client, url_name: str) -> str:
    cache.clear()  # a fresh render each time, not the public page cache
    with translation.override(language):
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


def test_the_faq_keeps_its_crisis_answer_exactly_in_both_languages(client):
    assert CRISIS_EN in get_in("en", client, "pages:faq")
    assert CRISIS_ES in get_in("es", client, "pages:faq")


def test_the_faq_reads_in_spanish_for_a_spanish_reader(client):
    html = get_in("es", client, "pages:faq")

    assert "<h2>Privacidad</h2>" in html
    assert "<dt>¿Tiene límites la confidencialidad?</dt>" in html
    assert "Are there limits to confidentiality?" not in html


def test_a_question_added_in_admin_shows_on_the_faq(client):
    section = FaqSection.objects.create(title="Practical things", order=99)
    FaqEntry.objects.create(
        section=section, question="Is there a lift?", answer="Yes, by the front door."
    )

    html = get_in("en", client, "pages:faq")

    assert "<h2>Practical things</h2>" in html
    assert "<dt>Is there a lift?</dt>" in html and "Yes, by the front door." in html


def test_an_answer_not_yet_written_in_spanish_shows_in_english(client):
    section = FaqSection.objects.create(title="Practical things", title_es="Cosas prácticas")
    FaqEntry.objects.create(section=section, question="Is there a lift?", answer="Yes.")

    html = get_in("es", client, "pages:faq")

    assert "<h2>Cosas prácticas</h2>" in html
    assert "<dt>Is there a lift?</dt>" in html


def test_a_section_without_questions_is_left_out(client):
    FaqSection.objects.create(title="Coming soon", order=1)

    assert "Coming soon" not in get_in("en", client, "pages:faq")


def test_an_edited_answer_shows_at_once_not_after_the_page_cache_expires(
    client, django_capture_on_commit_callbacks
):
    entry = FaqEntry.objects.get(question_en="What does it cost?")
    assert "Each group lists its fee." in client.get(reverse("pages:faq")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        entry.answer = "Each group lists its fee, and we offer a sliding scale."
        entry.save()

    html = client.get(reverse("pages:faq")).content.decode()
    assert "we offer a sliding scale" in html


def test_the_guide_page_renders_its_sections_and_table_from_the_database(client):
    html = get_in("en", client, "pages:compare")

    assert "<h2>A therapy group</h2>" in html
    assert '<th scope="row">Led by</th><td>A peer or volunteer</td>' in html
    assert "<p>A closed group starts on a fixed date" in html


def test_the_guide_page_reads_in_spanish(client):
    html = get_in("es", client, "pages:compare")

    assert "<h2>Un grupo de terapia</h2>" in html
    assert "<td>Un terapeuta con licencia</td>" in html
    assert "A therapy group" not in html


def test_a_row_added_in_admin_shows_in_the_table(client):
    section = GuideSection.objects.get(heading_en="Side by side")
    GuideRow.objects.create(
        section=section, aspect="Cost", support_group="Often free", therapy_group="A fee"
    )

    html = get_in("en", client, "pages:compare")

    assert '<th scope="row">Cost</th><td>Often free</td><td>A fee</td>' in html


@pytest.mark.parametrize("url_name", ["pages:faq", "pages:compare"])
def test_the_page_costs_two_queries_however_long_it_grows(
    client, url_name, django_assert_num_queries
):
    for i in range(5):
        section = FaqSection.objects.create(title=f"More {i}")
        FaqEntry.objects.create(section=section, question=f"Question {i}?", answer="An answer.")
        guide = GuideSection.objects.create(heading=f"More {i}", body="Text.")
        GuideRow.objects.create(section=guide, aspect="A", support_group="B", therapy_group="C")

    with django_assert_num_queries(2):
        assert client.get(reverse(url_name)).status_code == 200


def test_admin_edits_the_faq_in_english_and_spanish_side_by_side(client, coordinator):
    client.force_login(coordinator)
    section = FaqSection.objects.get(title_en="Privacy")

    html = client.get(reverse("admin:pages_faqsection_change", args=[section.pk])).content
    html = html.decode()

    assert 'name="title_en"' in html and 'name="title_es"' in html
    assert 'name="entries-0-question_en"' in html and 'name="entries-0-question_es"' in html
    assert 'name="entries-0-answer_es"' in html


def test_admin_edits_the_guide_page_in_english_and_spanish(client, coordinator):
    client.force_login(coordinator)
    section = GuideSection.objects.get(heading_en="Side by side")

    html = client.get(reverse("admin:pages_guidesection_change", args=[section.pk])).content
    html = html.decode()

    assert 'name="heading_en"' in html and 'name="heading_es"' in html
    assert 'name="rows-0-therapy_group_es"' in html
