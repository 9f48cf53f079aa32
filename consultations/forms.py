"""Input cleaning for booking, moving and staff booking; availability is the service's job."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clients.forms import INTEREST_CHOICES, ClientDetailsForm
from clients.models import Lead

from .messages import VIDEO_OUTSIDE_CALIFORNIA
from .models import Consultation, Coordinator
from .slots import Day, parse_slot_value

CHOOSE_A_TIME = _("Please choose a time for your call.")
NOT_A_TIME = _("That doesn't look like one of our times. Please choose one from the list.")
NOTE_MAX = 500


class SlotField(forms.Field):
    """A slot travels as its UTC instant ('20260309T1700Z'); whether it is free is decided
    by the booking service under a lock, so a taken time gets a kind answer, not a form error."""

    default_error_messages = {"required": CHOOSE_A_TIME}

    def to_python(self, value):
        if not value:
            return None
        parsed = parse_slot_value(str(value)[:40])
        if parsed is None:
            raise forms.ValidationError(NOT_A_TIME)
        return parsed


class SlotForm(forms.Form):
    slot = SlotField()


class BookingForm(ClientDetailsForm):
    """The free call: the minimum to reach the person, and how they'd like to talk."""

    # Not needed for a call we book ourselves; the call itself is the contact.
    preferred_contact = None
    city = None

    slot = SlotField()
    mode = forms.ChoiceField(
        label=_("How would you like to talk?"),
        choices=[
            (Consultation.Mode.PHONE, _("Phone call")),
            (Consultation.Mode.VIDEO, _("Video call")),
        ],
        initial=Consultation.Mode.PHONE,
        widget=forms.RadioSelect,
    )
    interest = forms.ChoiceField(
        label=_("What are you interested in?"),
        choices=INTEREST_CHOICES,
        initial=Lead.Interest.NOT_SURE,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything we should know before the call? (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX}),
        help_text=_("A line or two is plenty; you can tell us the rest on the call."),
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "mode",
        "state",
        "interest",
        "note",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["phone"].help_text = _(
            "We call this number, or text it if the video link fails."
        )
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].help_text = _("Your confirmation and calendar file go here.")
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["state"].label = _("Where will you be during the call?")
        self.fields["state"].help_text = _(
            "Video calls are for people in California; a phone call works from anywhere."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == Consultation.Mode.VIDEO and cleaned.get("state") not in (
            None,
            "CA",
        ):
            self.add_error("mode", VIDEO_OUTSIDE_CALIFORNIA)
        return cleaned


class SlotChoiceField(forms.ChoiceField):
    """A select of the free times for staff; a time taken since the page was drawn still
    reaches the service, which says so plainly instead of 'Select a valid choice'."""

    def valid_value(self, value) -> bool:
        return True


def _slot_choices(days: list[Day]) -> list:
    return [
        (f"{day.date:%A, %B %-d}", [(slot.value, slot.label) for slot in day.slots]) for day in days
    ]


class StaffBookingForm(BookingForm):
    """The coordinator books for a caller: the same fields, a plain list of times, and an
    optional choice of coordinator (the service still checks the time under a lock)."""

    slot = SlotChoiceField(label="Time (Pacific)", choices=())
    coordinator = forms.ModelChoiceField(
        queryset=Coordinator.objects.filter(is_active=True),
        required=False,
        empty_label="Any free coordinator (least booked first)",
    )

    field_order = ["slot", "coordinator", *BookingForm.field_order]

    def __init__(self, *args, days: list[Day], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [("", "Choose a time"), *_slot_choices(days)]
        self.fields["email"].help_text = "Needed for the confirmation; ask the caller to spell it."
        self.fields["state"].initial = "CA"

    def clean_slot(self):
        parsed = parse_slot_value(self.cleaned_data["slot"])
        if parsed is None:
            raise forms.ValidationError(NOT_A_TIME)
        return parsed


class StaffRescheduleForm(forms.Form):
    slot = SlotChoiceField(label="New time (Pacific)", choices=())

    def __init__(self, *args, days: list[Day], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [("", "Choose a time"), *_slot_choices(days)]

    def clean_slot(self):
        parsed = parse_slot_value(self.cleaned_data["slot"])
        if parsed is None:
            raise forms.ValidationError(NOT_A_TIME)
        return parsed
