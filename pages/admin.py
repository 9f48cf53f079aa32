"""The coordinator edits the FAQ and the therapy-vs-support-groups page here, in English and
Spanish side by side. A Spanish field left empty shows the English text on the Spanish site."""

from django.contrib import admin
from django.db.models import Count
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .models import FaqEntry, FaqSection, GuideRow, GuideSection


class FaqEntryInline(TranslationStackedInline):
    model = FaqEntry
    fields = ["order", "question", "answer"]
    extra = 0


@admin.register(FaqSection)
class FaqSectionAdmin(TranslationAdmin):
    list_display = ["title", "order", "questions"]
    list_editable = ["order"]
    fields = ["title", "order"]
    inlines = [FaqEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description="Questions", ordering="entry_count")
    def questions(self, section: FaqSection) -> int:
        return section.entry_count


class GuideRowInline(TranslationTabularInline):
    model = GuideRow
    fields = ["order", "aspect", "support_group", "therapy_group"]
    extra = 0
    verbose_name_plural = "Table rows (shown under this section's text, if any)"


@admin.register(GuideSection)
class GuideSectionAdmin(TranslationAdmin):
    list_display = ["heading", "order"]
    list_editable = ["order"]
    fields = ["heading", "order", "body"]
    inlines = [GuideRowInline]
