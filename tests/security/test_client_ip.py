"""The visitor's address: the connecting one, or TRUSTED_PROXY_COUNT hops back in the header."""

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory

from security.client_ip import client_ip


def request(forwarded: str | None = None, remote: str = "10.0.0.2"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request("203.0.113.9")) == "10.0.0.2"


def test_behind_one_proxy_the_last_entry_is_the_visitor(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    # The leftmost entry was typed by the visitor to look like someone else.
    assert client_ip(request("198.51.100.7, 203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_visitor(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(request("1.1.1.1, 203.0.113.9, 172.16.0.5")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "  ,  "])
def test_a_missing_or_garbled_header_falls_back_to_the_connecting_address(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request(forwarded)) == "10.0.0.2"


def test_an_ipv6_visitor_is_read_in_its_canonical_form(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request("2001:DB8::0001")) == "2001:db8::1"


def test_a_misspelled_limit_is_reported_at_start_up(settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "intake": "five an hour"}

    errors = [e for e in run_checks() if e.id == "security.E001"]

    assert len(errors) == 1 and "intake" in errors[0].msg
