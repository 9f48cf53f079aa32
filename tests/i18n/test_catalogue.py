"""The Spanish catalogue is complete, has no guesses left in it, and matches the code."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(settings.BASE_DIR)
SPANISH = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
NOT_SOURCES = (".git", ".venv", "node_modules", "staticfiles", "var", "locale", "tests", "bench")


def entries(po: Path) -> dict[tuple[str, str], dict]:
    """{(msgctxt, msgid): {"flags": set, "msgstr": [str, ...]}} of a .po file, header left out."""
    found: dict[tuple[str, str], dict] = {}
    entry: dict = {"flags": set(), "msgstr": []}
    field = None

    def finish():
        nonlocal entry
        if entry.get("msgid"):
            found[(entry.get("msgctxt", ""), entry["msgid"])] = entry
        entry = {"flags": set(), "msgstr": []}

    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            finish()
            field = None
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue  # comments and obsolete (#~) entries
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if field == "msgstr":
                entry["msgstr"][-1] += text
            else:
                entry[field] = entry.get(field, "") + text
        else:
            keyword, _, value = line.partition(" ")
            text = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                field = "msgstr"
                entry["msgstr"].append(text)
            else:
                field = keyword
                entry[field] = text
    return found


def test_every_spanish_entry_is_translated_and_none_is_fuzzy():
    catalogue = entries(SPANISH)

    untranslated = [msgid for (_, msgid), e in catalogue.items() if not all(e["msgstr"])]
    fuzzy = [msgid for (_, msgid), e in catalogue.items() if "fuzzy" in e["flags"]]

    assert catalogue, "the Spanish catalogue is empty"
    assert untranslated == [], f"{len(untranslated)} untranslated Spanish entries"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy Spanish entries (check them, then drop the flag)"


def test_translations_keep_the_placeholders_of_the_english():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")
    for (_, msgid), entry in entries(SPANISH).items():
        wanted = sorted(placeholder.findall(msgid + entry.get("msgid_plural", "")))
        for msgstr in entry["msgstr"]:
            assert set(placeholder.findall(msgstr)) <= set(wanted), (msgid, msgstr)


def _gettext_missing() -> str | None:
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return None
    return "gettext is not installed (apt-get install gettext)"


@pytest.mark.skipif(
    bool(_gettext_missing()) and not os.environ.get("CI"), reason=str(_gettext_missing())
)
def test_the_catalogue_holds_exactly_the_words_the_code_uses(tmp_path, monkeypatch):
    # makemessages writes next to the sources it scans, so it runs on a copy of them.
    copy = tmp_path / "site"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCES, "*.pyc"))
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["es"], verbosity=0)
    fresh = set(entries(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = set(entries(SPANISH))

    assert sorted(fresh - committed) == [], "new words: run `make messages`, then translate"
    assert sorted(committed - fresh) == [], "words no longer used: run `make messages`"
