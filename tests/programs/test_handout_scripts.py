"""Handout PDFs in Spanish, bilingual, and with names in many scripts: what pdftotext reads back
and which fonts pdffonts finds embedded. Each PDF is rendered once for the module."""

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse

from clinic.models import ClinicProfile
from programs.handouts.render import render_handout_pdf
from tests.factories import PatientFactory
from tests.programs.handout_samples import sample_program

PDFTOTEXT, PDFFONTS = shutil.which("pdftotext"), shutil.which("pdffonts")
pytestmark = [
    pytest.mark.slow,  # renders PDFs
    pytest.mark.skipif(not (PDFTOTEXT and PDFFONTS), reason="needs poppler-utils"),
]

NAMES = {
    "latin": "Zoë Ñúñez-O'Brien",
    "portuguese": "João Conceição",
    "chinese": "王小明",
    "arabic": "ليلى حداد",
    "vietnamese": "Nguyễn Thị Hồng",
}
ARABIC_SUMMARY = "تقوي عضلات الأرداف"
# A few words of the safety box, in each language.
SPANISH_SAFETY = "Busque ayuda de inmediato"
ENGLISH_SAFETY = "Get help at once"


def _render(patient_fields: dict, *, bilingual=False, notes="", note="", summary="") -> bytes:
    patient = PatientFactory(**patient_fields)
    program = sample_program(patient=patient, items=2, review_date=None, notes=bool(note))
    revision = program.current_revision
    if notes:
        revision.snapshot["notes"] = notes
    if note:
        revision.snapshot["items"][0]["note"] = note
    if summary:  # printed in italics, where a Latin summary is
        revision.snapshot["items"][1]["exercise"]["summary"] = summary
    return render_handout_pdf(
        revision=revision, patient=patient, clinic=ClinicProfile.load(), bilingual=bilingual
    ).pdf


_RENDERED: dict[str, bytes] = {}
HANDOUTS = {
    "spanish": lambda: _render({"first_name": "Ana", "last_name": "Ortiz", "language": "Español"}),
    "bilingual": lambda: _render(
        {"first_name": "Ana", "last_name": "Ortiz", "language": "Spanish"}, bilingual=True
    ),
    "scripts": lambda: _render(
        {"first_name": "Zoë", "last_name": "Ñúñez-O'Brien", "language": "English"},
        notes="\n".join(NAMES.values()),
        note=f"{NAMES['arabic']} {NAMES['chinese']}",
        summary=ARABIC_SUMMARY,
    ),
}


@pytest.fixture
def pdfs(db):
    """The three handouts, each rendered once for the module (the first test that asks renders
    them in its own database transaction; the others only read the bytes)."""
    if not _RENDERED:
        _RENDERED.update({name: make() for name, make in HANDOUTS.items()})
        # To look at them (pdftoppm): HANDOUT_PDF_DIR=/tmp/handouts pytest ...
        if folder := os.environ.get("HANDOUT_PDF_DIR"):
            for name, pdf in _RENDERED.items():
                Path(folder, f"{name}.pdf").write_bytes(pdf)
    return _RENDERED


def pdftotext(pdf: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - fixed argv, the PDF on standard input
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return unicodedata.normalize("NFC", result.stdout.decode())


def squash(text: str) -> str:
    """Without white space (lines wrap anywhere) and the embedding marks pdftotext puts around
    a right-to-left run."""
    return "".join(c for c in text if not c.isspace() and c not in "\u202a\u202b\u202c")


def squash_lines(text: str) -> str:
    """Lines joined with single spaces, so a sentence reads through its line breaks."""
    return " ".join(text.split())


def pdffonts(pdf: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - fixed argv, the PDF on standard input
        [PDFFONTS, "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def test_spanish_handout_has_the_spanish_safety_wording_not_the_english(pdfs):
    text = pdftotext(pdfs["spanish"])
    assert SPANISH_SAFETY in text
    assert ENGLISH_SAFETY not in text
    assert "Preparado para" in text
    assert "Confidencial — preparado para Ana Ortiz" in text  # the page footers too
    assert "Página 1 de" in text
    assert "Stop your exercises" not in text
    assert "Vaya ahora a la sala de emergencias" in squash_lines(text)


def test_bilingual_handout_has_both(pdfs):
    text = pdftotext(pdfs["bilingual"])
    assert SPANISH_SAFETY in text
    assert "Stop your exercises" in text  # the English safety box beside it
    assert "Preparado para" in text


def test_names_in_every_script_round_trip(pdfs):
    text = squash(pdftotext(pdfs["scripts"]))
    for name in [*NAMES.values(), ARABIC_SUMMARY]:
        assert squash(name) in text, name
    # The Arabic comes out in logical (reading) order, not reversed glyph by glyph.
    assert squash(NAMES["arabic"])[::-1] not in text
    # Each name of the program note on its own line, as typed.
    lines = pdftotext(pdfs["scripts"]).splitlines()
    assert "Zoë Ñúñez-O'Brien" in lines and "João Conceição" in lines and "王小明" in lines


def test_noto_fonts_are_embedded_for_every_script_and_no_notdef(pdfs):
    fonts = pdffonts(pdfs["scripts"])
    for family in ("+Noto-Sans ", "+Noto-Sans-CJK-SC ", "+Noto-Naskh-Arabic "):
        assert family in fonts, fonts
    # DejaVu is the last resort: nothing here needs it. (Its oblique face has no Arabic: an
    # italic Arabic summary used to print wrong glyphs from it.) Arabic has no italic face,
    # so none is asked for.
    assert "DejaVu" not in fonts
    assert "Arabic-Italic" not in fonts and "Arabic-Oblique" not in fonts
    for line in fonts.splitlines()[2:]:
        assert " yes " in line, f"not embedded: {line}"  # emb column
    # A glyph missing from every font would print as an empty box (.notdef), which pdftotext
    # reads back as nothing: every character of the names came back above, so none did.
    assert "\ufffd" not in pdftotext(pdfs["scripts"])


def test_bilingual_download_is_stored_beside_the_plain_one(patient_client, patient_record):
    """Each is its own stored file: storing one never prunes the other as superseded."""
    from programs.models import HandoutFile

    patient_record.language = "Portuguese (Brazil)"
    patient_record.save(update_fields=["language"])
    program = sample_program(patient=patient_record, items=1, review_date=None)
    url = reverse("programs:handout-pdf", kwargs={"uuid": program.uuid})
    bilingual = patient_client.get(url, {"bilingual": "1"})
    assert bilingual.status_code == 200
    assert "-bilingual.pdf" in bilingual["Content-Disposition"]
    plain = patient_client.get(url)
    assert plain["ETag"] != bilingual["ETag"]
    stored = HandoutFile.objects.filter(revision=program.current_revision)
    assert sorted(stored.values_list("bilingual", flat=True)) == [False, True]
    text = pdftotext(b"".join(bilingual.streaming_content))
    assert "Procure ajuda imediatamente" in text and "Get help at once" in text
