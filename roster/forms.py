from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from enrollment.models import Enrollment

from .models import Attendance
from .rules import NOTHING_MARKED


def member_field_name(enrollment: Enrollment) -> str:
    return f"member-{enrollment.pk}"


def california_field_name(enrollment: Enrollment) -> str:
    return f"california-{enrollment.pk}"


class AttendanceForm(forms.Form):
    """One radio group per expected member; a member left blank keeps their current mark.

    Online groups add a tick per member: the member said they were in California for this
    meeting (a California licence covers only people in the state at the time).
    """

    def __init__(
        self,
        *args,
        members: list[Enrollment],
        marks: dict[int, Attendance],
        online: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.members = members
        self.online = online
        for enrollment in members:
            client = enrollment.client
            name = f"{client.greeting_name} {client.last_name}".strip()
            current = marks.get(enrollment.pk)
            self.fields[member_field_name(enrollment)] = forms.ChoiceField(
                label=name,
                choices=Attendance.Mark.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=current.status if current else None,
            )
            if online:
                self.fields[california_field_name(enrollment)] = forms.BooleanField(
                    label=f"{name} said they were in California today",
                    required=False,
                    initial=bool(current and current.in_california),
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's own <form> carries the token

    def clean(self):
        cleaned = super().clean()
        names = [member_field_name(e) for e in self.members]
        if names and not any(cleaned.get(name) for name in names):
            raise forms.ValidationError(NOTHING_MARKED)
        return cleaned

    def marks(self) -> dict[int, str]:
        return {
            enrollment.pk: self.cleaned_data[member_field_name(enrollment)]
            for enrollment in self.members
            if self.cleaned_data.get(member_field_name(enrollment))
        }

    def in_california(self) -> dict[int, bool]:
        if not self.online:
            return {}
        marked = self.marks()
        return {
            enrollment.pk: bool(self.cleaned_data.get(california_field_name(enrollment)))
            for enrollment in self.members
            if enrollment.pk in marked
        }
