"""The Indonesian catalogue is complete, not fuzzy, and compiled from the current .po file."""

from pathlib import Path

import polib
import pytest

import kinerja

LOCALE = Path(kinerja.__file__).resolve().parent / "locale" / "id" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(LOCALE / "django.po"))


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert po.metadata["Language"] == "id"


def test_translations_keep_their_placeholders(po):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")

    def same(source: str, translation: str) -> bool:
        return sorted(placeholder.findall(source)) == sorted(placeholder.findall(translation))

    wrong = [
        e.msgid
        for e in po.translated_entries()
        if (
            not all(same(e.msgid_plural, form) for form in e.msgstr_plural.values())
            if e.msgid_plural
            else not same(e.msgid, e.msgstr)
        )
    ]
    assert wrong == []


def test_mo_is_compiled_from_the_current_po(po):
    mo = polib.mofile(str(LOCALE / "django.mo"))

    def entries(catalogue):
        return {
            (e.msgctxt, e.msgid): e.msgstr
            for e in catalogue
            if not e.obsolete and "fuzzy" not in e.flags and e.msgid
        }

    assert entries(mo) == entries(po)
