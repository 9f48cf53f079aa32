"""A logging filter that keeps self-service links and email addresses out of every log line.

A signed self-service link opens a person's page (their first name, their group) and lets
anyone holding it cancel or leave. Django logs request paths on its own (404s, 500s,
security warnings, runserver's request lines), so the redaction happens here, on every
handler, rather than at each call site. Email addresses are masked the same way: an SMTP
reply or a traceback quotes them, whatever characters they hold.
"""

from __future__ import annotations

import logging
import re

TOKEN = "<token>"  # noqa: S105 - a placeholder, not a secret
ADDRESS = "<address>"

# The path segment after a self-service prefix, valid or not (an expired or mangled link
# still names a person to whoever can read the log).
# The therapist's calendar feed address is a random token, not a signed value.
_LINK_PATH = re.compile(
    r"(/enroll/mine/|/enroll/confirm/|/consultation/c/|/portal/feed/)[^/\s?#\"'<>]+"
)
# Any Django signed value (value:timestamp:signature, an HMAC-SHA256 signature is 43
# characters), wherever it appears: a Referer, a redirect target, an exception message.
_SIGNED = re.compile(r"[\w.-]+:[0-9A-Za-z]{4,}:[\w-]{43}(?![\w-])")
# An address: a quoted local part ("john doe"@x) or any run of characters that are not
# separators, then @ and a domain (unicode included). Deliberately wider than the RFC.
_EMAIL = re.compile(r"(?:\"[^\"\r\n]*\"|[^\s<>()\[\],;:@\"]+)@[^\s<>()\[\],;:@\"]+")


def mask_addresses(text: str, *known: str) -> str:
    """The text with every email address replaced by a placeholder.

    `known` addresses (the recipient of the row at hand) are replaced literally first, in
    any letter case, so one the pattern does not foresee is masked too.
    """
    for address in known:
        if address and "@" in address:
            text = re.sub(re.escape(address), ADDRESS, text, flags=re.IGNORECASE)
    return _EMAIL.sub(ADDRESS, text)


def redact(text: str) -> str:
    """The text with self-service tokens and email addresses replaced by placeholders."""
    if not text:
        return text
    text = _LINK_PATH.sub(r"\1" + TOKEN, text)
    text = _SIGNED.sub(TOKEN, text)
    return mask_addresses(text)


class RedactFilter(logging.Filter):
    """Rewrites each record's message (and its traceback) before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call must still be logged, just not formatted
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        # Handlers such as AdminEmailHandler print the whole request; drop it.
        if hasattr(record, "request"):
            record.request = None
        return True
