"""What the coordinator writes in English and Spanish (django-modeltranslation).

Each field listed here gets an `_en` and an `_es` column; reading the plain field gives the
active language's text, or the English text when the Spanish column is empty.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Cohort, Office, Therapist, TherapyGroup


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "serves", "directions", "hours", "parking", "transit")


@register(Therapist)
class TherapistTranslation(TranslationOptions):
    fields = ("pronouns", "bio", "photo_alt")


@register(TherapyGroup)
class TherapyGroupTranslation(TranslationOptions):
    fields = ("name", "topic", "summary", "who_it_is_for", "what_to_expect", "fee_text")


@register(Cohort)
class CohortTranslation(TranslationOptions):
    fields = ("fee_text",)
