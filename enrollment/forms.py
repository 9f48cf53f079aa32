"""The sign-up form: contact details, a few screening questions, the safety question and the
group agreement. Input cleaning only; the service decides about seats."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clients.forms import ClientDetailsForm, CrisisQuestionMixin, announce_length_limits

from .models import Enrollment

HOPES_MAX = 500
AGREEMENT_REQUIRED = _("Please read the group agreement and tick the box to agree.")
ADULT_REQUIRED = _("Our groups are for adults, so please confirm you are 18 or older.")
ONLINE_STATE_HELP = _(
    "This group meets online. Our therapists are licensed in California, so members need to "
    "be in California during each meeting."
)
# A short note at the field; the page explains kindly above the form (OUTSIDE_CALIFORNIA
# with a suggestion), so the person reads the why before the red text.
OUTSIDE_CALIFORNIA_FIELD = _("This online group is only for people located in California.")


class SignupForm(ClientDetailsForm, CrisisQuestionMixin):
    preferred_name = forms.CharField(
        max_length=60,
        required=False,
        label=_("Name you'd like us to use (optional)"),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    confirmed_adult = forms.BooleanField(
        label=_("I am 18 or older"), error_messages={"required": ADULT_REQUIRED}
    )
    seeing_therapist = forms.ChoiceField(
        label=_("Are you seeing a therapist at the moment?"),
        choices=[
            (Enrollment.SeeingTherapist.YES, _("Yes")),
            (Enrollment.SeeingTherapist.NO, _("No")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Either answer is fine; many members do both."),
    )
    hopes = forms.CharField(
        label=_("What would you like to get from the group? (optional)"),
        required=False,
        max_length=HOPES_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": HOPES_MAX}),
        help_text=format_lazy(
            _("A sentence or two is plenty (up to {max} characters)."), max=HOPES_MAX
        ),
    )
    agree = forms.BooleanField(
        label=_("I have read the group agreement and I agree to it"),
        error_messages={"required": AGREEMENT_REQUIRED},
    )
    agreement_version = forms.CharField(widget=forms.HiddenInput)

    field_order = [
        "first_name",
        "last_name",
        "preferred_name",
        "email",
        "phone",
        "preferred_contact",
        "confirmed_adult",
        "state",
        "city",
        "seeing_therapist",
        "hopes",
        "crisis",
        "agree",
        "agreement_version",
    ]

    def __init__(self, *args, cohort, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.outside_california = False
        if agreement is not None:
            self.fields["agreement_version"].initial = agreement.version
        self.fields["last_name"].label = _("Last name (optional)")
        self.fields["phone"].label = _("Phone (optional)")
        if cohort.group.is_online:
            self.fields["state"].help_text = ONLINE_STATE_HELP
        self.fields["crisis"].help_text = _(
            "We ask everyone this. A yes doesn't stop you from joining; it means our "
            "Intake Coordinator will reach out to you first."
        )

    def clean(self):
        cleaned = super().clean()
        if self.cohort.group.is_online and cleaned.get("state") and not self.is_in_california():
            self.outside_california = True
            self.add_error("state", OUTSIDE_CALIFORNIA_FIELD)
        return cleaned


class PlacementConfirmForm(CrisisQuestionMixin):
    """The three answers a staff placement needs from the person: where they are, the safety
    question and the group agreement. The same fields and wording as the sign-up form."""

    state = ClientDetailsForm.base_fields["state"]
    agree = SignupForm.base_fields["agree"]
    agreement_version = forms.CharField(widget=forms.HiddenInput)

    field_order = ["state", "crisis", "agree", "agreement_version"]

    def __init__(self, *args, cohort, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        if agreement is not None:
            self.fields["agreement_version"].initial = agreement.version
        self.fields["state"].label = _("Where are you located?")
        if cohort.group.is_online:
            self.fields["state"].label = _("Where will you be during the meetings?")
            self.fields["state"].help_text = ONLINE_STATE_HELP
        self.fields["crisis"].help_text = _(
            "We ask everyone this. A yes doesn't take your place away; it means our "
            "Intake Coordinator will reach out to you first."
        )

    def clean(self):
        cleaned = super().clean()
        if self.cohort.group.is_online and cleaned.get("state") and cleaned["state"] != "CA":
            self.add_error("state", OUTSIDE_CALIFORNIA_FIELD)
        return cleaned


class EmergencyContactForm(forms.Form):
    """The member's own emergency contact (optional); every field blank removes it."""

    name = forms.CharField(label=_("Their name"), max_length=80, required=False)
    relationship = forms.CharField(
        label=_("How they know you"),
        max_length=40,
        required=False,
        help_text=_("Partner, friend..."),
    )
    phone = forms.CharField(label=_("Their phone"), max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"autocomplete": "off", "type": "tel"})
        announce_length_limits(self)

    def clean(self):
        cleaned = super().clean()
        name, phone = cleaned.get("name", "").strip(), cleaned.get("phone", "").strip()
        if bool(name) != bool(phone) and not self.errors:
            raise forms.ValidationError(CONTACT_INCOMPLETE)
        return cleaned


CONTACT_INCOMPLETE = _("Please give both a name and a phone number, or leave both empty.")
