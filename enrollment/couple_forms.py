"""The sign-up form of a couples group: the person's own details and answers, plus their
partner's first name and email, so the partner can be sent their own private link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import SignupForm
from .services.couples import PARTNER_SAME_EMAIL

PARTNER_HELP = _(
    "We email your partner their own link. They answer the group agreement, where they are "
    "and the safety question privately; we never show your answers to each other."
)


class CoupleSignupForm(SignupForm):
    """templates/enrollment/signup.html shows "Your partner" after "About you" when the form
    has these fields."""

    partner_first_name = forms.CharField(max_length=60, label=_("Your partner's first name"))
    partner_email = forms.EmailField(label=_("Your partner's email"), help_text=PARTNER_HELP)

    field_order = [*SignupForm.field_order[:7], "partner_first_name", "partner_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crisis"].help_text = _(
            "We ask each partner this, privately. A yes doesn't stop you from joining; it "
            "means our Intake Coordinator will reach out to you first. Your partner will not "
            "see your answer."
        )

    def clean(self):
        cleaned = super().clean()
        own, partner = cleaned.get("email"), cleaned.get("partner_email")
        if own and partner and own.strip().lower() == partner.strip().lower():
            self.add_error("partner_email", PARTNER_SAME_EMAIL)
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "partner_first_name": data["partner_first_name"].strip(),
            "partner_email": data["partner_email"],
        }
