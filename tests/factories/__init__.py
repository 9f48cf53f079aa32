"""Factories for every model, one module per app; import from here."""

from .clients import *  # noqa: F403
from .cohorts import *  # noqa: F403
from .consultations import *  # noqa: F403
from .enrollment import *  # noqa: F403
from .notifications import *  # noqa: F403
from .roster import *  # noqa: F403
