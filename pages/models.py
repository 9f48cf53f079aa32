"""The words of the FAQ and of the therapy-vs-support-groups guide, written in admin.

Plain text only: a blank line starts a new paragraph. Each text field has an English and a
Spanish column (pages/translation.py); an empty Spanish column shows the English text.
"""

from django.db import models


class FaqSection(models.Model):
    title = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0, help_text="Smaller numbers come first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ section"

    def __str__(self) -> str:
        return self.title


class FaqEntry(models.Model):
    section = models.ForeignKey(FaqSection, on_delete=models.CASCADE, related_name="entries")
    question = models.CharField(max_length=200)
    answer = models.TextField(help_text="Plain text; a blank line starts a new paragraph.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Smaller numbers come first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "question"

    def __str__(self) -> str:
        return self.question


class GuideSection(models.Model):
    """A part of the "Therapy groups and support groups" page."""

    heading = models.CharField(max_length=120)
    body = models.TextField(
        blank=True, help_text="Plain text; a blank line starts a new paragraph."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Smaller numbers come first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "therapy vs support groups: section"
        verbose_name_plural = "therapy vs support groups: sections"

    def __str__(self) -> str:
        return self.heading


class GuideRow(models.Model):
    """A row of the support-group / therapy-group table, shown under its section's text."""

    section = models.ForeignKey(GuideSection, on_delete=models.CASCADE, related_name="rows")
    aspect = models.CharField(max_length=80)
    support_group = models.CharField(max_length=200)
    therapy_group = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "table row"

    def __str__(self) -> str:
        return self.aspect
