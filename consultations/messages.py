"""How consultation services refuse: the errors they raise, and what the pages and admin
say, shown to people as it is (and matched by the tests). The ones a client reads are lazy,
so they follow the page's language; the staff-only ones stay English."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clients.messages import OUTSIDE_CALIFORNIA

SLOT_TAKEN = _("That time was just taken by someone else. Here are the times still open.")
SLOT_UNAVAILABLE = _("That time isn't available any more. Please choose another one.")
NO_COORDINATOR = _("We aren't taking online bookings right now. Please call us instead.")
TOO_LATE_TO_CHANGE = _(
    "Your call is less than {hours} hours away, so it can't be changed online. "
    "Please call us at {phone} and we'll sort it out together."
)
ALREADY_BOOKED = _(
    "You already have a free call booked with us. One is plenty to get started: to move it "
    "to another time, use the link in your confirmation email. We can send that email again."
)
LINK_SENT_AGAIN = _(
    "If that email address has a call booked, its confirmation is on its way again, with "
    "the link to move or cancel it."
)
NOT_CHANGEABLE = "This consultation is {status} and can no longer be changed."
NOT_YET_HAPPENED = "This call hasn't started yet, so it can't be marked {status}."
VIDEO_OUTSIDE_CALIFORNIA = format_lazy(
    "{} {}",
    _(
        "Video calls are only for people who are in California at the time. "
        "A phone call works from anywhere."
    ),
    OUTSIDE_CALIFORNIA,
)


class ConsultationError(Exception):
    """A refusal with a message meant for the person on the page."""


class SlotTaken(ConsultationError):
    pass


class AlreadyBooked(ConsultationError):
    """The email already holds an upcoming call: offer to move that one instead."""
