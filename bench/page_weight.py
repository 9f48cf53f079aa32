"""What a phone downloads on a first visit to the home page and to the catalogue.

The demo practice is served by gunicorn as in production (DEBUG off, whitenoise with
compressed, hashed static files). Each page is fetched like a phone would, asking for gzip
and brotli, and so is every stylesheet, script, icon, image and font it references (and
every url() inside its CSS). Bytes are counted as they come over the wire. Anything
referenced on another host is counted as a request to another host: the target is none.
"""

from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from bench._server import gunicorn, setup_django

TARGET_KB = 80
PAGES = {"home": "/", "catalogue": "/groups/", "home (es)": "/es/", "catalogue (es)": "/es/groups/"}
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
)


class Resources(HTMLParser):
    """The URLs a browser fetches on its own while loading the page."""

    FETCHED_LINKS = {
        "stylesheet",
        "icon",
        "preload",
        "modulepreload",
        "manifest",
        "apple-touch-icon",
    }

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) & self.FETCHED_LINKS:
            self.urls.append(attrs.get("href") or "")
        elif tag in ("img", "source") and attrs.get("srcset"):
            # A browser fetches one candidate; count the largest, as a wide high-density
            # screen would choose it.
            self.urls.append(largest_candidate(attrs["srcset"]))
        elif tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and attrs.get(
            "src"
        ):
            self.urls.append(attrs["src"])


def largest_candidate(srcset: str) -> str:
    """The URL of the widest candidate in a srcset ("a.jpg 160w, b.jpg 320w" gives b.jpg)."""

    def width(candidate: list[str]) -> float:
        descriptor = candidate[1] if len(candidate) > 1 else "1x"
        return float(descriptor[:-1] or 0)

    candidates = [part.split() for part in srcset.split(",") if part.strip()]
    return max(candidates, key=width)[0]


def fetch(url: str) -> tuple[bytes, int, str]:
    """(body as decoded text source, bytes on the wire, content encoding)."""
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "br, gzip", "User-Agent": PHONE}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    if encoding == "gzip":
        import gzip

        text = gzip.decompress(raw)
    elif encoding == "br":
        import brotli  # only requested when the server has it

        text = brotli.decompress(raw)
    else:
        text = raw
    return text, len(raw), encoding or "identity"


def page_weight(base: str, path: str) -> tuple[int, int, dict[str, int]]:
    """Total bytes, requests to other hosts, and bytes per kind for one cold page load."""
    host = urlsplit(base).netloc
    html, html_bytes, _ = fetch(base + path)
    parser = Resources()
    parser.feed(html.decode())
    queue = [urljoin(base + path, u) for u in parser.urls if u and not u.startswith("data:")]
    seen: set[str] = set()
    kinds = {"html": html_bytes}
    external = 0
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if urlsplit(url).netloc != host:
            external += 1
            continue
        body, size, _ = fetch(url)
        kind = url.rsplit(".", 1)[-1].split("?")[0]
        kinds[kind] = kinds.get(kind, 0) + size
        if kind == "css":
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode(errors="replace")):
                if not ref.startswith("data:"):
                    queue.append(urljoin(url, ref))
    return sum(kinds.values()), external, kinds


def run() -> list[str]:
    setup_django()
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    lines = []
    with gunicorn() as base:
        results = {name: page_weight(base, path) for name, path in PAGES.items()}
    parts, external_total = [], 0
    for name, (total, external, kinds) in results.items():
        external_total += external
        detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(kinds.items()))
        parts.append(f"{name} {total / 1024:.1f} KB ({detail})")
    worst = max(total for total, _, _ in results.values()) / 1024
    verdict = "ok" if worst <= TARGET_KB and external_total == 0 else "OVER TARGET"
    lines.append(
        f"page weight: {'; '.join(parts)}; cold cache, static files compressed as whitenoise "
        "serves them, HTML as Django sends it (uncompressed); "
        f"{external_total} requests to other hosts (target <= {TARGET_KB} KB, 0): {verdict}"
    )
    return lines
