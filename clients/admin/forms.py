"""Small forms on the coordinator's lead and client pages: input cleaning only."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from ..forms import GetStartedForm

DATE = forms.DateInput(attrs={"type": "date"})


class PhoneLeadForm(GetStartedForm):
    """A request the coordinator types in during a call: same fields, and they judge urgency."""

    crisis = None
    is_urgent = forms.BooleanField(
        label="Priority: needs a same-day call back",
        required=False,
        help_text="For example, the caller mentioned thoughts of harming themselves or others.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].required = False


class MoveForm(forms.Form):
    to_status = forms.CharField()
    note = forms.CharField(
        label="Note for the timeline (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CallForm(forms.Form):
    note = forms.CharField(
        label="What happened on the call",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_on = forms.DateField(
        label="Next follow-up",
        required=False,
        widget=DATE,
        help_text="Leave empty if nothing more is planned.",
    )


def _staff_choices():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("first_name")


class PlanForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="Owner", queryset=_staff_choices(), required=False, empty_label="Nobody yet"
    )
    follow_up_on = forms.DateField(label="Next follow-up", required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _staff_choices()
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username


class FollowUpActionForm(forms.Form):
    follow_up_on = forms.DateField(label="Next follow-up", widget=DATE)


class ReferOutForm(forms.Form):
    note = forms.CharField(
        label="Referred to (service or clinician, and why)",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
