"""Signed self-service links: the URL carries only a signed row id, never who it is.

Each app keeps its own salt, so a link for one kind of row never opens another. The token
is `django.core.signing.dumps(id, salt=...)`: links already sent by email keep working as
long as an app's salt stays the same.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing


class SignedId:
    """Tokens for one kind of row, under one salt."""

    def __init__(self, salt: str) -> None:
        self.salt = salt

    def token(self, pk: int) -> str:
        return signing.dumps(pk, salt=self.salt)

    def id_from(self, token: str) -> int | None:
        """The id of a valid, unexpired token (SELF_SERVICE_LINK_DAYS); None for anything else."""
        try:
            value = signing.loads(
                token, salt=self.salt, max_age=timedelta(days=settings.SELF_SERVICE_LINK_DAYS)
            )
        except signing.BadSignature:
            return None
        return value if isinstance(value, int) else None
