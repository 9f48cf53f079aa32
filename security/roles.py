"""The two staff roles and what each may touch in admin.

Kept in code and synced after every migrate, so a new model's permissions reach the right
role without a hand edit in admin.
"""

from django.contrib.auth.models import Group, Permission

COORDINATOR = "Intake coordinator"
THERAPIST = "Therapist"

# The coordinator runs intake day to day; deleting client records is not part of that job.
_COORDINATOR_APPS = (
    "cohorts",
    "clients",
    "enrollment",
    "consultations",
    "notifications",
    "roster",
)
_COORDINATOR_ACTIONS = ("view", "add", "change")
# The site's own words (the FAQ, the guide page) are the coordinator's to write and remove, too.
_COORDINATOR_CONTENT_APPS = ("pages",)
# Therapists see their own cohorts (narrowed per object in the portal and admin querysets).
_THERAPIST_PERMS = (
    "cohorts.view_cohort",
    "cohorts.view_session",
    "cohorts.view_therapygroup",
    "roster.view_attendance",
)


def staff_roles_sync(**kwargs) -> None:
    coordinator, _ = Group.objects.get_or_create(name=COORDINATOR)
    perms = Permission.objects.filter(
        content_type__app_label__in=_COORDINATOR_APPS,
        codename__regex=r"^({})_".format("|".join(_COORDINATOR_ACTIONS)),
    )
    content = Permission.objects.filter(content_type__app_label__in=_COORDINATOR_CONTENT_APPS)
    coordinator.permissions.set(perms | content)

    therapist, _ = Group.objects.get_or_create(name=THERAPIST)
    wanted = [p.split(".") for p in _THERAPIST_PERMS]
    therapist.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in={a for a, _ in wanted},
            codename__in={c for _, c in wanted},
        )
    )
