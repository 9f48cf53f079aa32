"""A visitor meets the therapists and the privacy notice: photos load from the site itself,
a therapist without one gets a calm placeholder, and every page passes axe-core."""

import pytest
from PIL import Image

from cohorts.models import Therapist
from cohorts.photos import therapist_photo_set
from demo import practice

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_therapist_photos_placeholders_and_the_privacy_notice(live_server, browser):
    practice.seed()
    with_photo, without = Therapist.objects.filter(is_listed=True).order_by("slug")[:2]
    therapist_photo_set(therapist=with_photo, image=Image.new("RGB", (800, 1000), (90, 140, 130)))
    errors: list[str] = []
    requests: list[str] = []

    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: requests.append(r.url))

        page.goto(live_server.url + with_photo.get_absolute_url())
        photo = page.get_by_role("img", name=f"Photo of {with_photo.display_name}")
        photo.wait_for()
        assert page.evaluate("document.querySelector('img.therapist-photo').naturalWidth") > 0
        assert page.get_by_text("California license #").is_visible()
        assert serious_violations(page) == []
        # No sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        page.goto(live_server.url + without.get_absolute_url())
        assert page.locator("svg.therapist-photo-placeholder").is_visible()
        assert serious_violations(page) == []

        page.get_by_role("link", name="Privacy practices").click()
        page.wait_for_url("**/privacy/")
        assert page.get_by_role("heading", level=1).inner_text() == "Notice of Privacy Practices"
        assert serious_violations(page) == []
        context.close()

    assert all(url.startswith(live_server.url) for url in requests)
    assert errors == []
