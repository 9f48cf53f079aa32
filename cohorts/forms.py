"""Input cleaning for the coordinator's screens in admin: schedule changes, therapist photos."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django import forms
from django.utils import timezone

from groups_site.timezones import PACIFIC

from .models import Cohort, Session, Therapist
from .photos import PhotoError, photo_open
from .services import ScheduleError, cohort_schedule_check

SCHEDULE_FIELDS = {
    "group",
    "first_session_date",
    "weekday",
    "start_time",
    "session_count",
    "entry_interval_weeks",
}


class CohortAdminForm(forms.ModelForm):
    """Refuses a schedule change that regenerating the sessions would refuse, as a form
    error, before anything is saved."""

    class Meta:
        model = Cohort
        fields = [
            "group",
            "lead_therapist",
            "co_therapist",
            "first_session_date",
            "weekday",
            "start_time",
            "session_count",
            "entry_interval_weeks",
            "capacity",
            "min_to_run",
            "enrollment_deadline",
            "fee_text",
            "video_link",
        ]
        field_classes = {"video_link": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "weekday" in self.fields:
            self.fields["weekday"].required = False
            self.fields["weekday"].help_text = "Empty: the weekday of the first session."

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("first_session_date")
        if first is not None and cleaned.get("weekday") in (None, ""):
            cleaned["weekday"] = first.weekday()
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not (
            self.instance.pk is None or SCHEDULE_FIELDS & set(self.changed_data)
        ):
            return
        try:
            cohort_schedule_check(cohort=self.instance, now=timezone.now())
        except ScheduleError as error:
            self.add_error(None, str(error))


class SkipWeekForm(forms.Form):
    day = forms.DateField(
        label="Week of",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Any day in the week with no meeting (a holiday). A week is added at the end.",
    )


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Session) -> str:
        return obj.starts_at.astimezone(PACIFIC).strftime("%a, %b %-d, %Y at %-I:%M %p Pacific")


class MoveSessionForm(forms.Form):
    session = SessionChoiceField(queryset=Session.objects.none(), label="Meeting to move")
    new_date = forms.DateField(label="New date", widget=forms.DateInput(attrs={"type": "date"}))
    new_time = forms.TimeField(
        label="New start time (Pacific)", widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, cohort: Cohort, now: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = cohort.sessions.upcoming(now).filter(starts_at__gt=now)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_date") and cleaned.get("new_time"):
            cleaned["new_start"] = datetime.combine(
                cleaned["new_date"], cleaned["new_time"], tzinfo=PACIFIC
            )
        return cleaned


class TherapistAdminForm(forms.ModelForm):
    """A new photo is checked here (a file that is not a usable image is a form error); the
    admin stores its renditions after the therapist is saved (cohorts.photos)."""

    photo = forms.FileField(
        label="New photo",
        required=False,
        help_text="JPEG, PNG or WebP, at least 160 pixels wide and high. It is cropped square "
        "and resized; the file itself is not kept.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label="Remove the current photo", required=False)

    class Meta:
        model = Therapist
        fields = [
            "user",
            "display_name",
            "slug",
            "pronouns",
            "credentials",
            "license_number",
            "bio",
            "is_listed",
            "photo_alt",
        ]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        self.photo_image = None
        if upload:
            try:
                self.photo_image = photo_open(upload)
            except PhotoError as error:
                raise forms.ValidationError(str(error)) from None
        return upload
