from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from enrollment.models import Enrollment

from .models import Attendance
from .rules import NOTHING_MARKED

STAFF_ONLY = (
    "This sign-in is for the practice's staff. If you signed up for a group, the link in "
    "your email takes you to your place."
)


class StaffAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, closed to anyone who is not staff (as admin's is)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That username and password don't match. Please try again.",
        "not_staff": STAFF_ONLY,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's own <form> carries the token

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise forms.ValidationError(self.error_messages["not_staff"], code="not_staff")


def member_field_name(enrollment: Enrollment) -> str:
    return f"member-{enrollment.pk}"


class AttendanceForm(forms.Form):
    """One radio group per expected member; a member left blank keeps their current mark."""

    def __init__(self, *args, members: list[Enrollment], marks: dict[int, Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for enrollment in members:
            client = enrollment.client
            current = marks.get(enrollment.pk)
            self.fields[member_field_name(enrollment)] = forms.ChoiceField(
                label=f"{client.greeting_name} {client.last_name}".strip(),
                choices=Attendance.Mark.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=current.status if current else None,
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's own <form> carries the token

    def clean(self):
        cleaned = super().clean()
        if self.fields and not any(cleaned.get(name) for name in self.fields):
            raise forms.ValidationError(NOTHING_MARKED)
        return cleaned

    def marks(self) -> dict[int, str]:
        return {
            enrollment.pk: self.cleaned_data[member_field_name(enrollment)]
            for enrollment in self.members
            if self.cleaned_data.get(member_field_name(enrollment))
        }
