"""A visitor on a phone looks for a group held in Spanish, then finds its office; its page's
meeting dates, and a member's on "my place", read cleanly in either language, on a phone and
on a laptop."""

import pytest

from demo import practice
from enrollment.links import manage_path
from enrollment.models import Enrollment

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 375, "height": 812})
    return page


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_finds_the_group_held_in_spanish_and_its_office(live_server, phone):
    practice.seed()
    other_hosts: list[str] = []
    phone.on(
        "request",
        lambda r: other_hosts.append(r.url) if not r.url.startswith(live_server.url) else None,
    )

    phone.goto(live_server.url + "/groups/")
    phone.get_by_text("Narrow the list").click()
    phone.get_by_label("Sessions in").select_option("es")
    phone.get_by_role("button", name="Show groups").click()
    phone.wait_for_url("**/groups/?*")
    assert phone.locator(".cohort-card").count() == 1
    assert phone.get_by_text("Sessions in Spanish").count() == 1
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Calm Conversations, in Spanish").click()
    phone.wait_for_url("**/groups/calma-en-espanol/**")
    assert phone.get_by_text("Sessions are held in Spanish.").count() == 1

    phone.get_by_role("link", name="Office hours, parking and directions").click()
    phone.wait_for_url("**/offices/riverside/")
    assert phone.locator("h1").inner_text() == "Riverside office"
    assert phone.get_by_role("heading", name="Parking").count() == 1
    map_link = phone.get_by_role("link", name="Find this address on Google Maps")
    assert map_link.get_attribute("href").startswith("https://www.google.com/maps/search/")
    assert phone.locator("iframe").count() == 0
    assert no_sideways_scrolling(phone)
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Our offices").first.click()
    phone.wait_for_url("**/offices/")
    assert phone.get_by_text("Serving the Temecula Valley").count() == 1
    assert no_sideways_scrolling(phone)
    assert serious_violations(phone) == []
    assert other_hosts == []


# The group pages' lists of meeting dates, in columns on a wider screen: each date's text
# wraps inside its column, and the next column's numbers (outside list markers, which the DOM
# does not measure, so their text is measured) keep clear of the room that text may fill.
# Otherwise a long Spanish date line runs into the next column's number.
CROWDED_MEETINGS = """() => {
  const pen = document.createElement("canvas").getContext("2d");
  const crowded = [];
  for (const list of document.querySelectorAll(".session-list")) {
    const items = [...list.children].map((li) => [li, li.getBoundingClientRect()]);
    for (const [li, box] of items) {
      const style = getComputedStyle(li);
      pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const numberLeft = box.left - pen.measureText(`${li.value}. `).width;
      const before = items.filter(([, other]) => other.right <= box.left);
      const textRoom = Math.max(...before.map(([, other]) => other.right));
      const text = document.createRange();
      text.selectNodeContents(li);
      const right = Math.max(...[...text.getClientRects()].map((line) => line.right));
      if (numberLeft < textRoom || right > box.right + 0.5) {
        crowded.push(li.textContent.trim());
      }
    }
  }
  return crowded;
}"""


def test_the_meeting_dates_stay_in_their_columns_in_both_languages(live_server, browser):
    practice.seed()
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for prefix in ("/es", ""):
            for slug in ("calma-en-espanol", "couples-skills"):
                page.goto(f"{live_server.url}{prefix}/groups/{slug}/")
                assert page.locator(".session-list li").count() > 0
                assert page.evaluate(CROWDED_MEETINGS) == [], (width, prefix, slug)
                assert no_sideways_scrolling(page)
        context.close()


# Meeting dates that take more than one line each (their text's line boxes, by their tops).
WRAPPED_MEETINGS = """() => [...document.querySelectorAll(".session-list li")].filter((li) => {
  const text = document.createRange();
  text.selectNodeContents(li);
  return new Set([...text.getClientRects()].map((line) => Math.round(line.top))).size > 1;
}).map((li) => li.textContent.trim())"""


def test_my_place_lists_one_meeting_date_a_line_on_a_laptop(live_server, browser):
    """ "My place" sits in a narrower column than a group page: split in two, each Spanish
    date broke over two lines, "p.m." alone on the second."""
    practice.seed()
    place = Enrollment.objects.filter(status=Enrollment.Status.ENROLLED).order_by("pk").first()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for prefix in ("/es", ""):
        page.goto(f"{live_server.url}{prefix}{manage_path(place.pk)}")
        assert page.locator(".session-list li").count() > 1
        assert page.evaluate(WRAPPED_MEETINGS) == [], prefix
    context.close()
