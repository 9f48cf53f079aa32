"""Only the notifications app writes a notification's status; every other app calls its
services (notification_create / notification_schedule / notifications_cancel)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["clients", "cohorts", "consultations", "enrollment", "roster", "security", "staffhome"]
# A status written by hand: `.update(status=Notification.Status...)` or the API's own mover.
STATUS_WRITE = re.compile(r"\.update\(\s*status=Notification\.Status|\.move_to\(")


def status_writes_outside_notifications() -> list[str]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for match in STATUS_WRITE.finditer(path.read_text()):
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)!r}")
    return found


def test_no_app_but_notifications_writes_a_notification_status():
    assert status_writes_outside_notifications() == []
