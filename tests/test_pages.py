"""The public pages as a visitor meets them: words, links, titles, structure."""

import re
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory
from django.urls import reverse

from pages.errors import server_error
from tests.factories import (
    CohortFactory,
    OfficeFactory,
    TherapistFactory,
    TherapyGroupFactory,
)

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """Collects headings, inline scripts/styles and external resources of a page."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.inline: list[str] = []
        self.external: list[str] = []
        self.title = self.description = None
        self._in_title = False
        self._script_has_src = True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "style" in attrs:
            self.inline.append(f"style attribute on <{tag}>")
        if tag == "style":
            self.inline.append("<style>")
        if tag == "script":
            self._script_has_src = "src" in attrs
        # Links and hreflang alternates name addresses; browsers do not fetch them.
        fetched = tag != "a" and not (tag == "link" and attrs.get("rel") == "alternate")
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if fetched and value.startswith(("http:", "https:", "//")):
                self.external.append(value)
        if tag == "title":
            self._in_title = True
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
        if not self._script_has_src and data.strip():
            self.inline.append("inline <script>")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "script":
            self._script_has_src = True


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture
def site(site_words):
    therapist = TherapistFactory(display_name="Elena Marquez", slug="elena-marquez")
    cohort = CohortFactory(
        group__name="Room to Breathe", group__slug="room", lead_therapist=therapist
    )
    office = OfficeFactory(name="Murrieta office", slug="murrieta", hours="Tuesday: 10 am to 8 pm")
    return {"group": cohort.group, "therapist": therapist, "office": office}


def public_urls(site) -> list[str]:
    return [
        reverse("pages:home"),
        reverse("cohorts:catalogue"),
        reverse("cohorts:catalogue") + "?format=online&open_seats=on",
        site["group"].get_absolute_url(),
        site["therapist"].get_absolute_url(),
        reverse("pages:compare"),
        reverse("pages:faq"),
        reverse("cohorts:offices"),
        site["office"].get_absolute_url(),
    ]


def test_every_public_page_has_its_own_title_and_description(client, site):
    titles = set()
    for url in public_urls(site):
        page = outline(client.get(url).content.decode())
        assert page.title and page.description, url
        assert 50 <= len(page.description) <= 200, (url, page.description)
        titles.add(page.title)
    assert len(titles) == len(public_urls(site)) - 1  # the filtered catalogue is the catalogue


def test_headings_start_at_one_h1_and_never_skip_a_level(client, site):
    for url in [*public_urls(site), "/no-such-page/"]:
        headings = outline(client.get(url).content.decode()).headings
        assert headings.count(1) == 1 and headings[0] == 1, url
        for before, after in zip(headings, headings[1:], strict=False):
            assert after <= before + 1, (url, headings)


def test_pages_load_nothing_from_other_hosts_and_have_no_inline_code(client, site):
    for url in [*public_urls(site), "/no-such-page/"]:
        page = outline(client.get(url).content.decode())
        assert page.external == [], url
        assert page.inline == [], url


def test_home_offers_the_two_ways_in_and_a_get_started_link(client, site):
    html = client.get("/").content.decode()

    assert f'href="{reverse("cohorts:catalogue")}">Browse groups' in html
    assert "Book a free 15-minute consultation" in html
    assert 'href="/consultation/' in html
    assert 'href="/get-started/"' in html
    assert "How group therapy works" in html


def test_the_faq_covers_confidentiality_online_rules_and_who_is_welcome(client, site_words):
    html = client.get(reverse("pages:faq")).content.decode()

    for words in (
        "Are there limits to confidentiality?",
        "located in California",
        "private room",
        "camera on",
        "any belief",
        "identifies as a woman",
        "LGBTQIA+",
        "988",
    ):
        assert words in html, words


def test_the_comparison_page_explains_peer_led_and_therapist_led_groups(client, site_words):
    html = client.get(reverse("pages:compare")).content.decode()

    assert "led by a licensed mental-health professional" in html
    assert "volunteer" in html
    assert "open group" in html and "closed group" in html


def test_an_unknown_address_gets_a_friendly_404(client):
    response = client.get("/groups/nothing-here/at-all/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert reverse("cohorts:catalogue") in html


def test_the_500_page_needs_no_database_and_stays_calm(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "988" in html


def test_the_sitemap_lists_the_pages_groups_and_therapists(client, site):
    TherapyGroupFactory(slug="hidden", is_listed=False)

    xml = client.get("/sitemap.xml").content.decode()

    assert "/groups/room/" in xml
    assert "/therapists/elena-marquez/" in xml
    assert "/faq/" in xml and "/groups/</loc>" in xml
    assert "/groups/hidden/" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_staff_pages(client):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /staff/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
