"""Fields every client-facing form shares: contact details, location and the safety question."""

import copy

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cohorts.models import TherapyGroup

from .models import ContactMethod, Lead

# Stored as the two-letter code; the name is shown in the page's language (Nueva York,
# Carolina del Norte). California first: online groups and video calls are for people there.
US_STATES = [
    ("CA", _("California")),
    ("AL", _("Alabama")), ("AK", _("Alaska")), ("AZ", _("Arizona")), ("AR", _("Arkansas")),
    ("CO", _("Colorado")), ("CT", _("Connecticut")), ("DE", _("Delaware")),
    ("DC", _("District of Columbia")), ("FL", _("Florida")), ("GA", _("Georgia")),
    ("HI", _("Hawaii")), ("ID", _("Idaho")), ("IL", _("Illinois")), ("IN", _("Indiana")),
    ("IA", _("Iowa")), ("KS", _("Kansas")), ("KY", _("Kentucky")), ("LA", _("Louisiana")),
    ("ME", _("Maine")), ("MD", _("Maryland")), ("MA", _("Massachusetts")),
    ("MI", _("Michigan")), ("MN", _("Minnesota")), ("MS", _("Mississippi")),
    ("MO", _("Missouri")), ("MT", _("Montana")), ("NE", _("Nebraska")), ("NV", _("Nevada")),
    ("NH", _("New Hampshire")), ("NJ", _("New Jersey")), ("NM", _("New Mexico")),
    ("NY", _("New York")), ("NC", _("North Carolina")), ("ND", _("North Dakota")),
    ("OH", _("Ohio")), ("OK", _("Oklahoma")), ("OR", _("Oregon")), ("PA", _("Pennsylvania")),
    ("RI", _("Rhode Island")), ("SC", _("South Carolina")), ("SD", _("South Dakota")),
    ("TN", _("Tennessee")), ("TX", _("Texas")), ("UT", _("Utah")), ("VT", _("Vermont")),
    ("VA", _("Virginia")), ("WA", _("Washington")), ("WV", _("West Virginia")),
    ("WI", _("Wisconsin")), ("WY", _("Wyoming")),
    ("XX", _("Outside the United States")),
]  # fmt: skip

# A limit is said next to the field, and going over it is a clear error: the browser is not
# told the limit (maxlength), because it would silently cut a longer name or pasted text.
LENGTH_HINT = _("Up to %(limit)d characters.")
TOO_LONG = _("Please shorten this to %(limit_value)d characters or fewer (it has %(show_value)d).")
CRISIS_REQUIRED = _("Please choose yes or no. Either answer is fine, and we treat it with care.")


def announce_length_limits(form: forms.Form) -> None:
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit or isinstance(field, forms.EmailField) or field.widget.is_hidden:
            continue
        if "tel" in (getattr(field.widget, "input_type", ""), field.widget.attrs.get("type")):
            continue  # a phone number is checked for its digits instead
        field.widget.attrs.pop("maxlength", None)
        field.error_messages["max_length"] = TOO_LONG
        if str(limit) not in str(field.help_text or ""):
            hint = LENGTH_HINT % {"limit": limit}
            field.help_text = f"{field.help_text} {hint}" if field.help_text else hint


CRISIS_LABEL = _(
    "In the past two weeks, have you had thoughts of harming yourself or someone else?"
)
# The model's labels stay English for staff; a client reads these, in their language.
CONTACT_CHOICES = [
    (ContactMethod.EMAIL, _("Email")),
    (ContactMethod.PHONE, _("Phone call")),
    (ContactMethod.TEXT, _("Text message")),
]
INTEREST_CHOICES = [
    (Lead.Interest.GROUP, _("A therapy group")),
    (Lead.Interest.COUPLES, _("Couples counseling")),
    (Lead.Interest.INDIVIDUAL, _("Individual therapy")),
    (Lead.Interest.NOT_SURE, _("Not sure yet")),
]


class StateField(forms.ChoiceField):
    """The state list: every form's copy of the field (and of its select) shares the one
    list of 52 choices. Django copies each field for each form it builds, checking every
    choice again on the way, and that was most of a form's cost; no form changes this list
    (only the label and the help text, which stay per copy)."""

    def __deepcopy__(self, memo):
        widget = copy.copy(self.widget)
        widget.attrs = self.widget.attrs.copy()
        memo[id(self.widget)] = widget
        return forms.Field.__deepcopy__(self, memo)


class ClientDetailsForm(forms.Form):
    """Contact details and where the person lives: the minimum to reach them."""

    first_name = forms.CharField(
        max_length=60,
        label=_("First name"),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        max_length=60,
        label=_("Last name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        max_length=30,
        label=_("Phone"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        choices=CONTACT_CHOICES, label=_("How should we contact you?"), initial="email"
    )
    state = StateField(choices=US_STATES, label=_("State you live in"), initial="CA")
    city = forms.CharField(
        max_length=60,
        label=_("City"),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        announce_length_limits(self)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and not 10 <= len(digits) <= 15:
            raise forms.ValidationError(gettext("Please enter a phone number with its area code."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") in ("phone", "text") and not cleaned.get("phone"):
            self.add_error(
                "phone", gettext("Please add a phone number so we can reach you that way.")
            )
        return cleaned

    def is_in_california(self) -> bool:
        return self.cleaned_data.get("state") == "CA"


class CrisisQuestionMixin(forms.Form):
    """The one safety question. A "yes" is never just queued: the view shows crisis
    resources at once (templates/clients/_crisis_resources.html) and flags the lead urgent."""

    crisis = forms.TypedChoiceField(
        label=CRISIS_LABEL,
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": CRISIS_REQUIRED},
    )


HEARD_ABOUT_CHOICES = [
    ("", _("Choose one (optional)")),
    ("search", _("An internet search")),
    ("therapist_doctor", _("A therapist or doctor")),
    ("friend_family", _("A friend or family member")),
    ("social", _("Social media")),
    ("directory", _("A therapist directory or my insurance")),
    ("event", _("A talk or community event")),
    ("other", _("Somewhere else")),
]
INTAKE_MESSAGE_MAX = 500


def heard_about_label(code: str) -> str:
    """The answer as the coordinator reads it on the lead: in English, whatever the page's
    language ("" for no answer)."""
    label = dict(HEARD_ABOUT_CHOICES).get(code) if code else None
    if label is None:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


class GetStartedForm(ClientDetailsForm, CrisisQuestionMixin):
    """The "get started" intake request: who to call back, about what, and the safety question."""

    preferred_times = forms.CharField(
        label=_("Best days and times to reach you (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: weekday evenings after 6, or Saturday mornings."),
    )
    interest = forms.ChoiceField(
        label=_("What are you interested in?"),
        choices=INTEREST_CHOICES,
        initial=Lead.Interest.NOT_SURE,
        widget=forms.RadioSelect,
    )
    interested_group = forms.ModelChoiceField(
        label=_("A particular group? (optional)"),
        queryset=TherapyGroup.objects.filter(is_listed=True),
        required=False,
        empty_label=_("No particular group"),
    )
    message = forms.CharField(
        label=_("Anything you'd like us to know (optional)"),
        max_length=INTAKE_MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": INTAKE_MESSAGE_MAX}),
        help_text=format_lazy(
            _(
                "Up to {max} characters. A few words is plenty; there's no need to share "
                "anything you'd rather tell us in person."
            ),
            max=INTAKE_MESSAGE_MAX,
        ),
    )
    heard_about = forms.ChoiceField(
        label=_("How did you hear about us? (optional)"),
        choices=HEARD_ABOUT_CHOICES,
        required=False,
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_contact",
        "preferred_times",
        "state",
        "city",
        "interest",
        "interested_group",
        "message",
        "heard_about",
        "crisis",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The state settles the licensing question; the city is only a courtesy here.
        self.fields["city"].required = False
        self.fields["city"].label = _("City (optional)")
        self.fields["state"].help_text = _(
            "Online sessions are for people in California; our offices are in Riverside "
            "and Murrieta."
        )
