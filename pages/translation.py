"""The FAQ and the guide page are written in English and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import FaqEntry, FaqSection, GuideRow, GuideSection


@register(FaqSection)
class FaqSectionTranslation(TranslationOptions):
    fields = ("title",)


@register(FaqEntry)
class FaqEntryTranslation(TranslationOptions):
    fields = ("question", "answer")


@register(GuideSection)
class GuideSectionTranslation(TranslationOptions):
    fields = ("heading", "body")


@register(GuideRow)
class GuideRowTranslation(TranslationOptions):
    fields = ("aspect", "support_group", "therapy_group")
