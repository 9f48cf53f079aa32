"""`make run PORT=...` tells the site (and its worker) where it runs, for links in emails."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str) -> str:
    # -n prints the recipe without running any of it (nothing is installed or served).
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")}
    result = subprocess.run(
        ["make", "-n", "run", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_the_port_and_host_make_the_site_url():
    out = dry_run("PORT=8123", "HOST=0.0.0.0")
    assert "SITE_URL=http://0.0.0.0:8123 .venv/bin/celery" in out
    assert "SITE_URL=http://0.0.0.0:8123 .venv/bin/python manage.py runserver 0.0.0.0:8123" in out


def test_a_given_site_url_wins():
    out = dry_run("PORT=8123", "SITE_URL=https://groups.example.org")
    assert "SITE_URL=https://groups.example.org .venv/bin/python manage.py runserver" in out
