"""Every kind of email the site sends, in one enum. The value is stored on each Notification
row and names its templates (templates/emails/<value>_{subject,body}.txt); the app that owns
the cause registers its renderer (notifications.registry.register). `manage.py check` fails
when a kind here has no renderer or no templates (notifications.checks).

notifications imports no other app, so this module is plain data: the owners are named in
the comments only.
"""

from django.db import models


class Kind(models.TextChoices):
    # clients: intake requests
    LEAD_RECEIVED = "lead_received", "Intake request received"
    LEAD_NEW_ALERT = "lead_new_alert", "New intake request (to the coordinator)"
    LEAD_URGENT_ALERT = "lead_urgent_alert", "Urgent intake request (to the coordinator)"
    # consultations
    CONSULTATION_CONFIRMATION = "consultation_confirmation", "Consultation booked"
    CONSULTATION_REMINDER = "consultation_reminder", "Consultation reminder"
    CONSULTATION_CANCELLED = "consultation_cancelled", "Consultation cancelled"
    COORDINATOR_DIGEST = "coordinator_digest", "Coordinator's morning digest"
    # enrollment: a place changed
    ENROLLMENT_RECEIVED = "enrollment_received", "Sign-up received"
    ENROLLMENT_WAITLISTED = "enrollment_waitlisted", "Added to the waitlist"
    ENROLLMENT_OFFERED = "enrollment_offered", "A seat is offered"
    ENROLLMENT_ENROLLED = "enrollment_enrolled", "Enrolled"
    ENROLLMENT_WITHDRAWN = "enrollment_withdrawn", "Withdrawn"
    ENROLLMENT_DECLINED = "enrollment_declined", "Declined"
    ENROLLMENT_COHORT_CANCELLED = "enrollment_cohort_cancelled", "The cohort was cancelled"
    ENROLLMENT_PLACEMENT = "enrollment_placement", "Placed by staff: please confirm"
    ENROLLMENT_SCHEDULE_CHANGED = "enrollment_schedule_changed", "The schedule changed"
    # enrollment: couples groups
    ENROLLMENT_COUPLE_INVITE = "enrollment_couple_invite", "Couple sign-up: partner, please confirm"
    ENROLLMENT_COUPLE_ENDED = "enrollment_couple_ended", "A couple's places ended together"
    # enrollment: reminders
    GROUP_START_REMINDER = "group_start_reminder", "The group starts soon"
    SESSION_REMINDER = "session_reminder", "Meeting reminder"
    OFFER_REMINDER = "offer_reminder", "An offered seat is about to run out"
    COHORT_UNDER_MINIMUM = "cohort_under_minimum", "A cohort is under its minimum (to staff)"
    # roster
    ROSTER_SUMMARY = "roster_summary", "Therapist's morning roster summary"
    MISSED_SESSIONS = "missed_sessions", "Missed sessions (to the therapists)"
    # notifications itself
    STAFF_TEST_EMAIL = "staff_test_email", "Test message"
