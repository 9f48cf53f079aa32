"""Settings read from the environment: an empty value, as .env.example writes each one, means
the default, so a newcomer who copies a line without filling it in still gets a working site."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _settings_with(**env: str) -> str:
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "groups_site.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_empty_database_and_cache_urls_mean_sqlite_and_process_memory():
    engine, cache = _settings_with(DATABASE_URL="", CACHE_URL="")

    assert engine == "django.db.backends.sqlite3"
    assert cache == "django.core.cache.backends.locmem.LocMemCache"


def test_a_database_url_still_picks_postgresql():
    engine, _cache = _settings_with(DATABASE_URL="postgres://postgres@127.0.0.1:5432/any")

    assert engine == "django.db.backends.postgresql"
