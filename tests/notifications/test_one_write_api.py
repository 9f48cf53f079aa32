"""Only the notifications app writes a notification's status; every other app calls its
services (notification_create / notification_schedule / notifications_cancel)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_APPS = {"notifications", "tests", "bench", "node_modules", "staticfiles", "var"}
# A status written by hand, however the status is spelled (Notification.Status.X, an alias
# such as S.CANCELLED, a string): an update() or save() naming it, an assignment, the mover.
STATUS_WRITE = re.compile(
    r"\.update\([^)]*\bstatus\s*="
    r"|\.status\s*=[^=]"
    r"|update_fields=\[[^\]]*[\"']status[\"']"
    r"|\.move_to\("
)
NAMES_THE_MODEL = re.compile(r"\bNotification\b")


def app_sources() -> list[Path]:
    packages = [p.parent for p in ROOT.glob("*/__init__.py") if p.parent.name not in NOT_APPS]
    return sorted(
        path
        for package in packages
        for path in package.rglob("*.py")
        if "migrations" not in path.parts
    )


def status_writes_outside_notifications() -> list[str]:
    found = []
    for path in app_sources():
        text = path.read_text()
        # Other models have a status too: only a file that works with notifications counts.
        if not NAMES_THE_MODEL.search(text):
            continue
        for match in STATUS_WRITE.finditer(text):
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)!r}")
    return found


@pytest.mark.parametrize(
    "written",
    [
        "rows.update(status=Notification.Status.CANCELLED)",
        "Notification.objects.filter(pk=1).update(status=S.CANCELLED, last_error='')",
        'rows.update(last_error="", status="cancelled")',
        "row.status = S.SENT",
        'row.save(update_fields=["status", "sent_at"])',
        "rows.move_to(S.PENDING)",
    ],
)
def test_every_spelling_of_a_status_write_is_recognised(written):
    assert STATUS_WRITE.search(written)


def test_reading_a_status_is_not_a_write():
    assert not STATUS_WRITE.search("rows.filter(status=S.PENDING).exclude(status__in=DONE)")
    assert not STATUS_WRITE.search("if row.status == S.SENT:")


def test_the_scan_covers_every_app_but_notifications():
    scanned = {path.relative_to(ROOT).parts[0] for path in app_sources()}
    assert {"clients", "enrollment", "roster", "demo", "pages", "groups_site"} <= scanned
    assert "notifications" not in scanned


def test_no_app_but_notifications_writes_a_notification_status():
    assert status_writes_outside_notifications() == []
