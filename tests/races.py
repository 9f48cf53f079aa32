"""Real races for the PostgreSQL tests: threads with their own connections, started together."""

import threading

from django.db import close_old_connections, connection


def race(count: int, work) -> list:
    """Run work(i) in `count` threads released at the same instant; returns the outcomes."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[i] = work(i)
        except Exception as exc:  # collected and asserted on, never swallowed
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return outcomes
