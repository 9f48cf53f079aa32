"""Django's model backend, loading with the user what every staff page asks first.

The roster and the admin gate ask on each request whether the user is the coordinator and
which therapist they are. Answering that with the user row (a join and an EXISTS) keeps the
roster within its query budget however a request is routed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from security.roles import COORDINATOR


class StaffModelBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        in_coordinator_group = Exists(
            User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=COORDINATOR)
        )
        user = (
            User._default_manager.select_related("therapist")
            .annotate(_roster_in_coordinator_group=in_coordinator_group)
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
