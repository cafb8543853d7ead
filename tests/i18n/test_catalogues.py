"""Our translations compile, and every word a patient reads has a Spanish and a Portuguese one."""

import shutil
import subprocess

import pytest

from tests.i18n import catalogue

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")


@pytest.mark.parametrize("po", catalogue.po_files(), ids=lambda path: "/".join(path.parts[-3:]))
def test_every_po_file_compiles_cleanly(po, tmp_path):
    argv = ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po)]
    result = subprocess.run(  # noqa: S603, S607 - gettext on our own files
        argv,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_there_is_a_catalogue_per_language_and_domain():
    for language in catalogue.LANGUAGES:
        for domain in ("django", "djangojs"):
            assert (catalogue.LOCALE / language / "LC_MESSAGES" / f"{domain}.po").exists()


def _untranslated(entries, language, domain) -> list[str]:
    known = catalogue.catalogue(language, domain)
    missing = []
    for entry in entries:
        found = known.get(entry.key)
        if found is None:
            missing.append(f"{entry.msgid!r} (not in {domain}.po: run makemessages)")
        elif not found.translated:
            missing.append(f"{entry.msgid!r} ({'fuzzy' if found.fuzzy else 'no msgstr'})")
    return missing


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_every_patient_facing_string_is_translated(language):
    entries = catalogue.template_msgids() + catalogue.python_msgids()
    assert len(entries) > 300  # the extraction itself works
    missing = _untranslated(entries, language, "django")
    assert not missing, f"{len(missing)} untranslated in {language}:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_every_patient_facing_script_string_is_translated(language):
    entries = catalogue.script_msgids()
    assert entries  # session.js and the others do call gettext()
    missing = _untranslated(entries, language, "djangojs")
    assert not missing, f"{len(missing)} untranslated in {language}:\n" + "\n".join(missing)


def test_the_check_finds_an_untranslated_string(tmp_path, monkeypatch):
    """A new template string without a translation is caught."""
    (tmp_path / "new.html").write_text(
        '{% load i18n %}<p>{% translate "A sentence nobody has translated yet" %}</p>'
    )
    monkeypatch.setattr(catalogue, "ROOT", tmp_path)
    monkeypatch.setattr(catalogue, "PATIENT_FACING_TEMPLATES", ("new.html",))
    missing = _untranslated(catalogue.template_msgids(), "es", "django")
    assert missing == [
        "'A sentence nobody has translated yet' (not in django.po: run makemessages)"
    ]


def test_a_fuzzy_translation_does_not_count():
    [entry] = catalogue.parse_po('#, fuzzy\nmsgid "Hello"\nmsgstr "Hola"\n')
    assert not entry.translated
    [entry] = catalogue.parse_po('msgid "Hello"\nmsgstr "Hola"\n')
    assert entry.translated
