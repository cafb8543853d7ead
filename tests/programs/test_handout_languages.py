"""The handout in the patient's language: the cache key, the translated-text note, bilingual
cards, and text direction. HTML only (no PDF layout); the PDFs are in test_handout_scripts.py."""

import pytest
from django.urls import reverse
from django.utils import translation

from clinic.models import ClinicProfile
from programs.handouts.content import UNREVIEWED_NOTE
from programs.handouts.keys import handout_key
from programs.handouts.render import render_handout_html
from programs.templatetags.handout_tags import bilingual_label, text_dir
from programs.text_direction import text_direction
from programs.views.handouts import HandoutOptionsForm, handout_filename
from tests.programs.handout_samples import sample_program

pytestmark = pytest.mark.django_db

SPANISH_NAME = "Estiramiento de isquiotibiales"


def translate(revision, *, reviewed: bool) -> None:
    """Give the first exercise of the revision's snapshot (in memory) a Spanish translation."""
    exercise = revision.snapshot["items"][0]["exercise"]
    exercise["translations"] = {
        "es": {
            "name": SPANISH_NAME,
            "summary": "Alarga la parte de atrás del muslo.",
            "steps": ["Levante la pierna recta.", "Bájela despacio."],
            "reviewed": reviewed,
            "reviewed_by": "Tess Therapist" if reviewed else "",
            "reviewed_on": "2026-12-01" if reviewed else "",
        }
    }


@pytest.fixture
def program(patient_record, therapist):
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    return sample_program(patient=patient_record, items=2, review_date=None)


def key(program, **options):
    patient = program.patient
    defaults = {
        "revision": program.current_revision,
        "patient": patient,
        "clinic": ClinicProfile.load(),
        "paper": "letter",
        "large_print": False,
        "precaution_tags": [],
    }
    return handout_key(**defaults | options)


def test_cache_key_differs_per_language_and_bilingual(program):
    keys = {
        key(program, language="en"),
        key(program, language="es"),
        key(program, language="pt-br"),
        key(program, language="es", bilingual=True),
        key(program, language="pt-br", bilingual=True),
    }
    assert len(keys) == 5
    assert key(program, language="es") == key(program, language="es")


def html(program, **options):
    page, _fetcher = render_handout_html(
        revision=program.current_revision,
        patient=program.patient,
        clinic=ClinicProfile.load(),
        **options,
    )
    return page


def test_handout_is_in_the_patients_language(program):
    translate(program.current_revision, reviewed=True)
    page = html(program)
    assert '<html lang="es">' in page
    assert SPANISH_NAME in page
    assert "Levante la pierna recta." in page
    # Reviewed translation: no note.
    with translation.override("es"):
        assert str(UNREVIEWED_NOTE) not in page
    # The language in force afterwards is untouched.
    assert translation.get_language() == "en-us" or translation.get_language().startswith("en")


def test_unreviewed_translation_prints_the_note_once(program):
    translate(program.current_revision, reviewed=False)
    page = html(program, language="es")
    with translation.override("es"):
        note = str(UNREVIEWED_NOTE)
    assert page.count(note) == 1


def test_untranslated_exercise_in_spanish_handout_needs_no_note(program):
    page = html(program, language="es")
    assert "unreviewed-note" not in page


def test_bilingual_handout_has_english_under_each_translated_card(program):
    translate(program.current_revision, reviewed=True)
    page = html(program, language="es", bilingual=True)
    assert SPANISH_NAME in page
    assert "In English: AIS straight-leg hamstring stretch" in page
    assert "Tighten the front of your thigh" in page  # the English steps
    # The second exercise has no translation: it is in English already, printed once.
    assert page.count("In English:") == 1
    assert page.count('class="boxes boxes-english" lang="en"') == 1  # both boxes in English
    assert "Go to the nearest emergency department now or call 911." in page
    plain = html(program, language="es")
    assert "In English" not in plain


def test_english_handout_ignores_bilingual(program):
    page = html(program, language="en", bilingual=True)
    assert "In English" not in page
    assert '<html lang="en">' in page


def test_right_to_left_text_is_marked_rtl():
    assert text_direction("ليلى حداد") == "rtl"
    assert text_direction("  «ליאת» כהן") == "rtl"
    assert text_direction("Zoë Ñúñez-O'Brien") == "auto"
    assert text_direction("王小明") == "auto"
    assert text_direction("12 ليلى") == "rtl"  # digits are neutral: the first letter decides
    assert text_direction("") == "auto"
    assert text_dir("ليلى حداد") == "rtl" and text_dir(None) == "auto"


def test_rtl_names_and_notes_carry_dir_rtl(program):
    revision = program.current_revision
    revision.snapshot["notes"] = "ليلى حداد: تمارين كل صباح"
    program.patient.first_name, program.patient.last_name = "ليلى", "حداد"
    page = html(program, language="en")
    assert '<dd class="patient-name" dir="rtl">ليلى حداد</dd>' in page
    assert '<p dir="rtl">ليلى حداد: تمارين كل صباح</p>' in page


def test_download_option_and_file_name():
    form = HandoutOptionsForm({"bilingual": "1"})
    assert form.is_valid()
    assert form.options()["bilingual"] is True
    assert not HandoutOptionsForm({"bilingual": "yes"}).is_valid()
    default = HandoutOptionsForm({})
    assert default.is_valid()
    assert default.options()["bilingual"] is False


def test_bilingual_file_name(program):
    name = handout_filename(
        program.current_revision, paper="letter", large_print=False, bilingual=True
    )
    assert name == "rivera-home-program-v1-bilingual.pdf"


def test_portal_offers_the_bilingual_handout_to_a_spanish_reader(program, patient_client):
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert response.status_code == 200
    pdf_url = reverse("programs:handout-pdf", kwargs={"uuid": program.uuid})
    page = response.content.decode()
    assert f'href="{pdf_url}?bilingual=1"' in page
    with translation.override("es"):
        assert bilingual_label(program.patient) in page


def test_staff_revision_page_offers_it_in_english(program, therapist_client):
    revision = program.current_revision
    response = therapist_client.get(revision.get_absolute_url())
    url = reverse("programs:revision-handout-pdf", kwargs={"uuid": revision.uuid})
    assert f'href="{url}?bilingual=1"' in response.content.decode()
    assert "Print in Español + English" in response.content.decode()


def test_no_bilingual_link_for_an_english_reader(patient_record, therapist, patient_client):
    patient_record.language = "English"
    patient_record.save(update_fields=["language"])
    program = sample_program(patient=patient_record, items=1, review_date=None)
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert response.status_code == 200
    assert "bilingual=1" not in response.content.decode()
    assert bilingual_label(program.patient) == ""
    with translation.override("en"):
        assert bilingual_label() == ""  # the page's language
    with translation.override("pt-br"):
        assert "Português (Brasil)" in bilingual_label()


def test_emergency_instruction_is_the_red_flag_screens_word_for_word():
    from clinic.redflags import EMERGENCY, TIER_INSTRUCTIONS
    from programs.handouts.content import EMERGENCY_INSTRUCTION

    with translation.override("en"):
        assert str(EMERGENCY_INSTRUCTION) == TIER_INSTRUCTIONS[EMERGENCY]


def test_a_corrected_translation_renders_again(program, settings, tmp_path):
    from programs.handouts import keys

    before = key(program, language="es")
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text('msgid "Get help at once"\nmsgstr "Pida ayuda ya"\n')
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]
    keys.catalog_digest.cache_clear()
    try:
        assert key(program, language="es") != before
        assert keys.catalog_digest("en") == ""
    finally:
        settings.LOCALE_PATHS = settings.LOCALE_PATHS[:-1]
        keys.catalog_digest.cache_clear()


def test_summary_marks_a_right_to_left_name(patient_record, therapist):
    from programs.summaries.content import summary_content
    from programs.summaries.render import summary_html

    patient_record.first_name, patient_record.last_name = "ليلى", "حداد"
    patient_record.save(update_fields=["first_name", "last_name"])
    html, _ = summary_html(summary_content(patient=patient_record))
    assert '<td class="patient-name" dir="rtl">ليلى حداد' in html
