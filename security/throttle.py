"""Fixed-window counters in the shared cache, for the limits in settings.THROTTLE_RATES.

A counter is created with `cache.add` and raised with `cache.incr`, both atomic in Redis
(and under a lock in the per-process memory cache), so concurrent requests each get their
own number and at most `count` of them are let through in a window. Keys hold a keyed hash
of the address or email, never the value itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import math
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


@dataclass(frozen=True)
class Hit:
    """One counted request: its counter key, and when its window ends if refused."""

    key: str
    name: str
    allowed: bool
    # The first request past the limit in its window (logged once, not per request).
    first_refusal: bool
    retry_after: int


def rate(name: str) -> Rate:
    """Parse "5/h" (or "3/d", "10/15m") from settings.THROTTLE_RATES[name]."""
    count, _, period = settings.THROTTLE_RATES[name].partition("/")
    multiple = int(period[:-1] or 1)
    return Rate(count=int(count), seconds=multiple * _UNITS[period[-1]])


def check_rates(app_configs=None, **kwargs) -> list:
    """System check: every limit in THROTTLE_RATES reads as "<count>/<period>"."""
    from django.core.checks import Error

    errors = []
    for name, value in settings.THROTTLE_RATES.items():
        try:
            rate(name)
        except (ValueError, KeyError, IndexError):
            errors.append(
                Error(
                    f"THROTTLE_RATES {name}={value!r} is not a limit like 5/h or 10/15m.",
                    id="security.E001",
                )
            )
    return errors


def address_key(address: str) -> str:
    """What an address is counted as. An IPv6 visitor is usually given a whole /64 and can
    pick any address in it, so the /64 is counted as one visitor; an IPv4-mapped IPv6 address
    is the IPv4 address it carries."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def email_key(email: str) -> str:
    """What an email is counted as: one mailbox however it is typed. Case, surrounding spaces,
    compatibility forms of characters and a "+tag" (which most providers deliver to the same
    mailbox) do not make a new address."""
    email = unicodedata.normalize("NFKC", email).strip().casefold()
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    return f"{local.split('+', 1)[0] or local}@{domain}"


def _digest(value: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:24]


def throttle_hit(*, name: str, value: str, now: float | None = None) -> Hit:
    """Count one request for `value` (an address, an email) against the rate `name`."""
    limit = rate(name)
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    key = f"throttle:{name}:{_digest(value)}:{window}"
    ends = (window + 1) * limit.seconds
    # add() sets the counter only if it is missing; incr() then counts atomically.
    cache.add(key, 0, timeout=limit.seconds + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again with this request
        cache.add(key, 1, timeout=limit.seconds + 60)
        count = 1
    return Hit(
        key=key,
        name=name,
        allowed=count <= limit.count,
        first_refusal=count == limit.count + 1,
        retry_after=max(1, math.ceil(ends - now)),
    )


def throttle_refund(hit: Hit) -> None:
    """Give back a request that turned out not to count (a form sent back for a typo)."""
    with contextlib.suppress(ValueError):
        cache.decr(hit.key)
