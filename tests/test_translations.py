"""Bahasa Indonesia is complete: every user-facing message has its translation.

To update after changing messages (needs GNU gettext):
    DEBUG=1 .venv/bin/python manage.py makemessages -l id --no-obsolete
    (translate the new entries in marketplace/locale/id/LC_MESSAGES/django.po)
    DEBUG=1 .venv/bin/python manage.py compilemessages -l id
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

from tests.helpers import ROOT

LOCALE_DIR = ROOT / "marketplace" / "locale"
PO_FILE = LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
SOURCE_PACKAGES = ["marketplace", "storefront_api", "coop_reporting", "web"]

EXTRACT = """
import django
from django.conf import settings
from django.core.management import call_command
settings.configure(LOCALE_PATHS=[{locale!r}], USE_I18N=True)
django.setup()
call_command("makemessages", locale=["id"], no_obsolete=True, verbosity=0)
"""


def committed_entries() -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) not installed")
def test_every_message_in_the_code_is_in_the_catalogue(tmp_path: Path):
    # given a copy of the sources, extract their messages as makemessages would
    for package in SOURCE_PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    locale = tmp_path / "marketplace" / "locale"
    subprocess.run(
        [sys.executable, "-c", EXTRACT.format(locale=str(locale))],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(locale / "id" / "LC_MESSAGES" / "django.po"))

    missing = sorted({e.msgid for e in extracted} - set(committed_entries()))

    assert missing == [], "not in django.po: run makemessages and translate"


def test_every_catalogue_entry_is_translated():
    untranslated = [
        entry.msgid
        for entry in committed_entries().values()
        if not entry.translated() or "fuzzy" in entry.flags
    ]

    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(MO_FILE)) if entry.msgid}
    expected = {
        msgid: entry.msgstr
        for msgid, entry in committed_entries().items()
        if msgid and not entry.msgid_plural
    }

    assert {k: v for k, v in compiled.items() if k in expected} == expected, "run compilemessages"


def test_indonesian_is_the_default_and_english_is_available():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    with translation.override("id"):
        assert translation.gettext("Indonesia") == "Indonesia"
        assert translation.gettext("English") == "Inggris"
    with translation.override("en"):
        assert translation.gettext("English") == "English"
