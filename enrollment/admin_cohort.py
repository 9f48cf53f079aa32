"""The cohort admin, extended with what a cohort change sets off in enrollment.

cohorts imports no other app, so its admin cannot call enrollment's services; this module
registers the Cohort admin in its place with the enrollment rules added: the schedule
changes that email everyone holding a seat (`admin_schedule`) and the offers a capacity
raise sets off. Saving a cohort does nothing
else on its own (no model signal): what follows a save is here, where the caller can see it.
"""

from __future__ import annotations

from django.contrib import admin

from cohorts.models import Cohort

from .admin_schedule import CohortScheduleAdmin
from .services import cohort_capacity_follow
from .wording import offers_followed

NO_OFFERS = "Capacity changed; no seat was offered (none came free, or nobody is waiting)."


class CohortAdmin(CohortScheduleAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            # Inside admin's transaction, right after the save: the offers and their emails
            # exist exactly when the new capacity does.
            offers = cohort_capacity_follow(cohort_id=obj.pk)
            followed = offers_followed(offers)
            self.message_user(request, f"Capacity changed: {followed}." if offers else NO_OFFERS)


admin.site.unregister(Cohort)
admin.site.register(Cohort, CohortAdmin)
