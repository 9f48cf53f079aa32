from django.db import models
from django.db.models import Count, Max, Q


class CohortQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published", group__is_listed=True)

    def not_finished(self, now):
        """Cohorts with a session still to come (open groups keep rolling)."""
        return self.annotate(last_start=Max("sessions__starts_at")).filter(last_start__gte=now)

    def for_therapist(self, therapist):
        return self.filter(Q(lead_therapist=therapist) | Q(co_therapist=therapist))

    def with_seats_taken(self):
        # `enrollments.holds_seat` is a generated column owned by the enrollment app: the
        # cohort app counts it without importing that app, and availability is always
        # derived from rows, never kept in a counter here.
        return self.annotate(
            seats_taken=Count("enrollments", filter=Q(enrollments__holds_seat=True), distinct=True)
        )


class SessionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status="scheduled")

    def upcoming(self, now):
        return self.held().filter(ends_at__gt=now)
