"""`picker`: the consultation picker's throughput through gunicorn, against a bare view.

The demo practice on PostgreSQL, served by gunicorn as in production (2 sync workers, DEBUG
off) with one extra bare Django view (bench/bare_app.py) on the same server. wrk (2 threads,
16 connections) fetches each in turn; each figure is the median of 3 runs. The picker is never
cached (it carries a CSRF token), so every request renders it.
Target: the picker serves at least 0.1x the bare view's requests per second.
"""

from __future__ import annotations

import os
import urllib.request

from bench._server import gunicorn, median, setup_django
from bench.catalogue import ensure_wrk, wrk

RUNS = 3
TARGET = 0.1


def run() -> list[str]:
    binary = ensure_wrk()
    setup_django()
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    with gunicorn(app="bench.bare_app:application") as base:
        picker_url, bare_url = base + "/consultation/", base + "/bench/bare/"
        body = urllib.request.urlopen(picker_url, timeout=10).read()
        assert b'name="slot"' in body, "the demo picker offers no time"
        for _ in range(20):  # every worker imports and connects before the clock starts
            urllib.request.urlopen(picker_url, timeout=10).read()
        picker, bare = [], []
        for _ in range(RUNS):
            picker.append(wrk(binary, picker_url))
            bare.append(wrk(binary, bare_url))
    rate, ref = median(picker), median(bare)
    ratio = rate / ref
    return [
        f"picker: {rate:.0f} req/s vs bare {ref:.0f} req/s = ratio {ratio:.3f} "
        f"({len(body) / 1024:.1f} KB first view; median of {RUNS}, gunicorn 2 sync workers, "
        f"PostgreSQL, target >= {TARGET}): " + ("ok" if ratio >= TARGET else "UNDER TARGET")
    ]


if __name__ == "__main__":
    for line in run():
        print(line)
