"""Page-shaped reads for the FAQ and the guide page: two queries each, however long."""

from __future__ import annotations

from .models import FaqSection, GuideSection


def faq_sections() -> list[FaqSection]:
    """Sections with at least one question, each with its `entries` already loaded."""
    sections = FaqSection.objects.prefetch_related("entries")
    return [section for section in sections if section.entries.all()]


def guide_sections() -> list[GuideSection]:
    return list(GuideSection.objects.prefetch_related("rows"))
