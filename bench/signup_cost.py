"""`signup_cost`: one sign-up as a multiple of a bare request, in the same process and run.

Printed next to `signup_rush`, whose p95 is in milliseconds and so holds only on the machine
it ran on; a ratio holds on any. In-process (Django's test client, every middleware), on
PostgreSQL: each visitor opens the form, then posts it (only the post is timed), for a cohort
with room for all of them; the bare view is timed between posts. Target: at most 10.
"""

from __future__ import annotations

from bench.pages import signup_cost_line


def run() -> list[str]:
    return [signup_cost_line()]


if __name__ == "__main__":
    for line in run():
        print(line)
