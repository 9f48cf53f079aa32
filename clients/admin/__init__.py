"""The coordinator's admin for clients and leads: `leads` (the list and a lead's page, with
`lead_actions` and `export`), `people` (a client's page, the access log, closed days)."""

from . import leads, people  # noqa: F401  (registers the admins)
from .people import access_log_url  # noqa: E402

__all__ = ["access_log_url"]
