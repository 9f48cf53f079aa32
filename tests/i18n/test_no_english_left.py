"""No sentence of an English page is left on its Spanish twin.

The catalogue tests find text marked for translation and left without Spanish; this one finds
text never marked at all (a heading typed straight into a template), on every page the
sitemap lists, with the demo practice's content written in both languages."""

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from cohorts.selectors import enrolling_cohorts
from demo import practice
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db

# Sentences that read the same in both languages: names, addresses, numbers.
SAME_IN_BOTH = re.compile(r"\d|@")


class Text(HTMLParser):
    """The sentences a reader sees: the title, the description and the text of <main>."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._in = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.parts.append(attrs.get("content") or "")
        if tag in ("main", "title"):
            self._in += 1
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("main", "title"):
            self._in -= 1
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if self._in and not self._skip:
            self.parts.append(data)


def sentences(html: str) -> set[str]:
    parser = Text()
    parser.feed(html)
    found = set()
    for part in parser.parts:
        part = part.replace(f" | {settings.PRACTICE_NAME}", "")  # the page title's suffix
        for sentence in re.split(r"(?<=[.?!:;])\s+", " ".join(part.split())):
            words = sentence.split()
            if len(words) >= 4 and not SAME_IN_BOTH.search(sentence):
                found.add(sentence)
    return found


def test_every_english_page_has_no_english_sentence_left_on_its_spanish_twin(client):
    practice.seed()
    # Times on offer every day, whatever the hour: the booking form shows.
    CoordinatorFactory(hours=[(day, dt.time(9), dt.time(17)) for day in range(7)])
    xml = client.get("/sitemap.xml").content.decode()
    paths = {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)}
    # The forms, which crawlers are not sent to.
    now = timezone.now()
    signup = next(c for c in enrolling_cohorts(now=now) if c.capacity > 2)
    paths |= {"/get-started/", "/consultation/", f"/enroll/{signup.pk}/"}
    english = sorted(p for p in paths if not p.startswith("/es/"))
    assert len(english) > 10
    left = {}
    for path in english:
        spanish_page = client.get("/es" + path).content.decode()
        same = sentences(client.get(path).content.decode()) & sentences(spanish_page)
        if same:
            left[path] = sorted(same)
    assert left == {}
