"""Moved to security.roles; this name stays only for cohorts/demo.py, which is being moved
to its own home in a parallel change and will import security.roles from there."""

from security.roles import COORDINATOR, THERAPIST, staff_roles_sync

__all__ = ["COORDINATOR", "THERAPIST", "staff_roles_sync"]
