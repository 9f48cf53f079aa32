"""Loads the FAQ and the guide page as they read when they were templates, in English and
Spanish, so both pages look the same after migrating. Later edits are made in admin."""

from django.db import migrations

from pages.initial_content import load


def load_pages(apps, schema_editor):
    load(
        apps.get_model("pages", "FaqSection"),
        apps.get_model("pages", "FaqEntry"),
        apps.get_model("pages", "GuideSection"),
        apps.get_model("pages", "GuideRow"),
        plain_column=True,
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_faq_and_guide_page")]

    operations = [migrations.RunPython(load_pages, migrations.RunPython.noop)]
