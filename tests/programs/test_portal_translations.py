"""The portal shows each exercise in the patient's language, from the published snapshot."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.library import mark_translation_reviewed, save_translation
from programs.services import PatientCautions, publish_program
from programs.templatetags.exercise_text_tags import exercise_cautions
from programs.translations import exercise_text
from tests.programs.portal_helpers import program_with

pytestmark = pytest.mark.django_db

SPANISH = {
    "name": "Puente de glúteos",
    "summary": "Fortalece las nalgas.",
    "start_position": "Acuéstese boca arriba con las rodillas dobladas.",
    "steps": ["Apriete el estómago.", "Suba las caderas.", "Baje despacio."],
    "cues": [],
    "stop_rules": ["Pare si le duele la espalda."],
    "precaution_notes": "",
    "contraindication_notes": {},
}


@pytest.fixture(autouse=True)
def _fresh_cards():
    cache.clear()  # the portal caches the exercise cards between requests
    yield
    cache.clear()


def speaks_spanish(patient_record):
    """The record says Spanish; the portal chose it when they signed in (a session's language
    is settled at sign-in), so the login carries it too."""
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    patient_record.user.language = "es"
    patient_record.user.save(update_fields=["language"])


def spanish_program(patient_record, therapist, *, items=1, reviewed=False):
    """A published program whose exercises have a Spanish translation (frozen in it)."""
    speaks_spanish(patient_record)
    program = program_with(patient_record, items=items)
    for item in program.items.select_related("exercise"):
        item.exercise.stop_rules = ["Stop if your back hurts."]
        item.exercise.save(update_fields=["stop_rules"])
        row = save_translation(
            exercise=item.exercise,
            language="es",
            text={**SPANISH, "name": f"{SPANISH['name']} {item.order}"},
            by=therapist,
        )
        if reviewed:
            mark_translation_reviewed(translation=row, by=therapist)
    program.refresh_from_db()
    publish_program(program=program, by=therapist)
    program.refresh_from_db()
    return program


def program_page(client, program) -> str:
    url = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_spanish_patient_reads_the_exercise_card_in_spanish(
    patient_client, patient_record, therapist
):
    program = spanish_program(patient_record, therapist)
    body = program_page(patient_client, program)
    assert '<h3 class="h4 exercise-name" lang="es">Puente de glúteos 0</h3>' in body
    assert '<span lang="es">Acuéstese boca arriba con las rodillas dobladas.</span>' in body
    assert (
        '<ol class="exercise-steps" lang="es"><li>Apriete el estómago.</li>'
        "<li>Suba las caderas.</li><li>Baje despacio.</li></ol>"
    ) in body
    assert '<ul class="mb-0" lang="es"><li>Pare si le duele la espalda.</li></ul>' in body
    assert "Tighten your stomach gently." not in body  # the English steps
    # Not reviewed yet: the one-line note.
    assert body.count("translation-note") == 1


def test_a_reviewed_translation_carries_no_note(patient_client, patient_record, therapist):
    program = spanish_program(patient_record, therapist, reviewed=True)
    body = program_page(patient_client, program)
    assert 'lang="es">Puente de glúteos 0</h3>' in body
    assert "translation-note" not in body


def test_an_english_patient_reads_english(patient_client, patient_record, therapist):
    program = spanish_program(patient_record, therapist)
    patient_record.user.language = "en"
    patient_record.user.save(update_fields=["language"])
    exercise = program.items.get().exercise
    body = program_page(patient_client, program)
    assert f'<h3 class="h4 exercise-name" lang="en">{exercise.name}</h3>' in body
    assert "Puente" not in body
    assert "translation-note" not in body


def test_without_a_translation_a_spanish_patient_reads_english_marked_as_english(
    patient_client, patient_record
):
    speaks_spanish(patient_record)
    program = program_with(patient_record, items=1)
    exercise = program.items.get().exercise
    body = program_page(patient_client, program)
    assert f'<h3 class="h4 exercise-name" lang="en">{exercise.name}</h3>' in body
    assert "translation-note" not in body


def test_the_cached_cards_follow_the_language(patient_client, patient_record, therapist, patient):
    program = spanish_program(patient_record, therapist)
    patient.language = "en"
    patient.save(update_fields=["language"])
    assert 'lang="es">Puente' not in program_page(patient_client, program)
    patient.language = "es"
    patient.save(update_fields=["language"])
    assert 'lang="es">Puente de glúteos 0</h3>' in program_page(patient_client, program)


def test_the_follow_along_page_is_in_spanish(patient_client, patient_record, therapist):
    program = spanish_program(patient_record, therapist)
    url = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1})
    body = patient_client.get(url).content.decode()
    assert '<h1 class="h3 mb-1" lang="es">Puente de glúteos 0</h1>' in body
    assert '<ol class="exercise-steps" lang="es"><li>Apriete el estómago.</li>' in body
    assert "translation-note" in body


def test_translations_add_no_query_per_exercise(patient_client, patient_record, therapist):
    """The translations travel inside the snapshot: no query reads them on the portal."""
    counts = []
    for items in (1, 8):
        program = spanish_program(patient_record, therapist, items=items)
        url = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
        patient_client.get(url)  # the snapshot is decoded and kept once per process
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert patient_client.get(url).status_code == 200
        assert not any("exercisetranslation" in q["sql"] for q in queries.captured_queries)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_cautions_take_the_translated_note_of_the_same_rule():
    english = {
        "contraindications": [
            {"tag": "osteoporosis", "action": "caution", "note": "Use a small range."},
            {"tag": "pregnancy", "action": "caution", "note": "Keep time on your back short."},
        ],
        "stop_rules": ["Stop if it hurts."],
        "translations": {
            "es": {
                "name": "Gato",
                "stop_rules": ["Pare si le duele."],
                "contraindication_notes": {"osteoporosis": "Haga un movimiento pequeño."},
            }
        },
    }
    cautions = PatientCautions(
        notes=("Use a small range.", "Keep time on your back short."),
        stop_rules=("Stop if it hurts.",),
    )
    spanish = exercise_cautions(cautions, english, exercise_text(english, "es"))
    # A rule without a translated note keeps its English note rather than disappearing.
    assert spanish.notes == ("Haga un movimiento pequeño.", "Keep time on your back short.")
    assert spanish.stop_rules == ("Pare si le duele.",)
    assert exercise_cautions(cautions, english, exercise_text(english, "en")) is cautions


def test_the_plan_the_log_form_and_the_timer_name_the_exercise_in_spanish(
    patient_client, patient_record, therapist
):
    program = spanish_program(patient_record, therapist)
    body = program_page(patient_client, program)
    assert '<span class="exercise-number">1</span> Puente de glúteos 0</a>' in body  # the plan
    log = patient_client.get(reverse("programs:portal-log", kwargs={"uuid": program.uuid}))
    assert "Puente de glúteos 0" in log.content.decode()
    follow = patient_client.get(
        reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1})
    )
    assert follow.context["plan"]["name"] == "Puente de glúteos 0"
