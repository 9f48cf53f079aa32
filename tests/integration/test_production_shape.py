"""The web container's commands, run for real: migrate, collectstatic, gunicorn, DEBUG off.

docker-compose.yml cannot run here, so this runs what it runs (the same command lines) and
checks that the site answers the way production must: pages with a 200, static files from
the hashed manifest, HTTPS headers on.
"""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.integration.conftest import ROOT, database_url
from tests.integration.smtp_sink import free_port

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    # As behind the TLS-terminating proxy of a real deployment.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode(errors="replace")


@pytest.fixture
def production_env(tmp_path):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "groups_site.settings",
        # The test database on PostgreSQL; on SQLite a fresh file that migrate fills.
        "DATABASE_URL": (
            database_url()
            if connection.vendor == "postgresql"
            else f"sqlite:///{tmp_path / 'smoke.sqlite3'}"
        ),
        "DEBUG": "false",
        "SECRET_KEY": "smoke-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
    }


def test_the_web_containers_commands_serve_the_site_with_debug_off(production_env):
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]):
        done = subprocess.run(
            manage + command, cwd=ROOT, env=production_env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-3000:]

    port = free_port()
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "groups_site.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--no-control-socket"],
        cwd=ROOT,
        env=production_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)  # noqa: S310
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)

        status, headers, page = fetch(base + "/staff/login/")
        assert status == 200, page[-2000:]
        assert "Strict-Transport-Security" in headers
        assert "Content-Security-Policy" in headers

        # Admin's stylesheet comes from the manifest (a hashed name), served by whitenoise.
        stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "no hashed static file: collectstatic's manifest is not in use"
        css_status, css_headers, _ = fetch(base + stylesheet.group(1))
        assert css_status == 200
        assert "immutable" in css_headers.get("Cache-Control", "")

        home_status, _, home = fetch(base + "/")
        assert home_status == 200, home[-2000:]
        assert fetch(base + "/robots.txt")[0] == 200
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        output, _ = gunicorn.communicate(timeout=20)
    assert "Traceback" not in output, output[-3000:]
