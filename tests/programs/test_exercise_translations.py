"""Exercise translations: shipped with the library, edited and reviewed in the library editor,
frozen into published revisions."""

import copy
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.exercise_translations import TEXT_FIELDS, ExerciseTranslation
from programs.library import load_library, mark_translation_reviewed, save_translation
from programs.library_data import EXERCISES
from programs.library_data.translations import TRANSLATIONS
from programs.models import Exercise
from programs.services import publish_program, summarise_changes
from programs.services.changes import changes_for_patient
from programs.translations import exercise_text
from tests.factories import ContraindicationFactory, ExerciseFactory, published_program

pytestmark = pytest.mark.django_db

SLUG = "glute-bridge"


def text(**overrides) -> dict:
    base = {
        "name": "Puente",
        "summary": "Fortalece las nalgas.",
        "start_position": "Acuéstese boca arriba.",
        "steps": ["Suba las caderas.", "Baje despacio."],
        "cues": ["Saque el aire al subir."],
        "stop_rules": [],
        "precaution_notes": "",
        "contraindication_notes": {},
    }
    return {**base, **overrides}


# --- the shipped translations -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es", "pt-br"])
def test_every_library_exercise_is_translated_field_by_field(language):
    texts = TRANSLATIONS[language]
    assert set(texts) == {e["slug"] for e in EXERCISES}
    for english in EXERCISES:
        translated = texts[english["slug"]]
        assert set(translated) == set(TEXT_FIELDS), english["slug"]
        # Same number of steps, tips and stop rules, in the same order as the English: a tip
        # left out of a published program is left out of its translation by position.
        for name in ("steps", "cues", "stop_rules"):
            assert len(translated[name]) == len(english[name]), (english["slug"], name)
        tags = {c["tag"] for c in english["contraindications"] if c.get("note")}
        assert set(translated["contraindication_notes"]) == tags, english["slug"]
        assert translated["name"] != english["name"]
        assert translated["summary"] != english["summary"]
        assert bool(translated["precaution_notes"]) == bool(english["precaution_notes"])
    assert json.loads(json.dumps(texts)) == texts  # stored in JSON: plain data only


@pytest.mark.parametrize("language", ["es", "pt-br"])
def test_translations_never_show_a_patient_a_library_number(language):
    for english in EXERCISES:
        translated = TRANSLATIONS[language][english["slug"]]
        cautions = [c["tag"] for c in english["contraindications"] if c["action"] == "caution"]
        patient_text = [
            translated["name"],
            translated["summary"],
            translated["start_position"],
            *translated["steps"],
            *translated["cues"],
            *translated["stop_rules"],
            *(translated["contraindication_notes"].get(tag, "") for tag in cautions),
        ]
        for line in patient_text:
            assert not re.search(r"(#|n\.º ?)\d", line), (english["slug"], line)


def test_spanish_says_usted_and_portuguese_says_voce():
    spanish = " ".join(" ".join(t["steps"] + t["cues"]) for t in TRANSLATIONS["es"].values())
    portuguese = " ".join(" ".join(t["steps"] + t["cues"]) for t in TRANSLATIONS["pt-br"].values())
    assert not re.search(r"\b(tú|tu espalda|haz|mantén)\b", spanish, re.I)
    assert re.search(r"\bsu terapeuta\b", spanish)
    assert re.search(r"\bseu terapeuta\b", portuguese)
    assert not re.search(r"\b(tu|teu|tua)\b", portuguese, re.I)


# --- loading ------------------------------------------------------------------------------------


def test_the_library_installs_its_translations_not_yet_reviewed_and_idempotently():
    first = load_library()
    assert len(first.translations_created) == 72
    assert ExerciseTranslation.objects.count() == 72
    assert not ExerciseTranslation.objects.filter(reviewed_on__isnull=False).exists()
    row = ExerciseTranslation.objects.get(exercise__slug=SLUG, language="es")
    assert row.name == TRANSLATIONS["es"][SLUG]["name"]
    assert row.library_hash == row.text_hash()

    second = load_library()
    assert second.translations_created == second.translations_updated == []
    assert second.translations_skipped == []
    assert "Translations: 0 created, 0 updated, 0 kept as the clinic edited them." in str(second)
    assert ExerciseTranslation.objects.count() == 72


def newer(language: str, slug: str, **changes) -> dict:
    translations = copy.deepcopy(TRANSLATIONS)
    translations[language][slug].update(changes)
    return translations


def test_a_newer_library_updates_an_untouched_translation_and_its_review_no_longer_applies(
    therapist,
):
    load_library()
    row = ExerciseTranslation.objects.get(exercise__slug=SLUG, language="es")
    mark_translation_reviewed(translation=row, by=therapist)

    report = load_library(translations=newer("es", SLUG, summary="Texto nuevo."))
    assert report.translations_updated == [f"{SLUG} (es)"]
    row.refresh_from_db()
    assert row.summary == "Texto nuevo."
    assert not row.reviewed and row.reviewed_by_name == ""


def test_a_clinic_edit_of_a_translation_is_kept_and_reported(therapist):
    load_library()
    exercise = Exercise.objects.get(slug=SLUG)
    edited = {**TRANSLATIONS["pt-br"][SLUG], "name": "Ponte (versão da clínica)"}
    save_translation(exercise=exercise, language="pt-br", text=edited, by=therapist)

    report = load_library(translations=newer("pt-br", SLUG, name="Ponte nova"))
    assert report.translations_skipped == [f"{SLUG} (pt-br)"]
    assert ExerciseTranslation.objects.get(exercise=exercise, language="pt-br").name == (
        "Ponte (versão da clínica)"
    )


def test_clinic_exercises_get_no_shipped_translation():
    ExerciseFactory(slug=SLUG, source=Exercise.Source.CLINIC)
    load_library()
    assert not ExerciseTranslation.objects.filter(exercise__slug=SLUG).exists()


# --- the services -------------------------------------------------------------------------------


def test_editing_the_words_after_review_clears_the_review(therapist):
    exercise = ExerciseFactory()
    row = save_translation(exercise=exercise, language="es", text=text(), by=therapist)
    row = mark_translation_reviewed(translation=row, by=therapist)
    assert (row.reviewed, row.reviewed_by_name, row.reviewed_on) == (
        True,
        "Tess Therapist",
        timezone.localdate(),
    )

    same = save_translation(exercise=exercise, language="es", text=text(), by=therapist)
    assert same.reviewed  # saving the same words keeps the review

    changed = save_translation(
        exercise=exercise, language="es", text=text(steps=["Suba.", "Baje."]), by=therapist
    )
    assert not changed.reviewed
    assert changed.reviewed_by is None and changed.reviewed_on is None


def test_only_a_clinician_marks_a_translation_reviewed(therapist, admin):
    from django.core.exceptions import ValidationError

    row = save_translation(exercise=ExerciseFactory(), language="es", text=text(), by=admin)
    with pytest.raises(ValidationError):
        mark_translation_reviewed(translation=row, by=admin)
    row.refresh_from_db()
    assert not row.reviewed


def test_one_translation_per_language():
    from django.db import IntegrityError, transaction

    exercise = ExerciseFactory()
    ExerciseTranslation.objects.create(exercise=exercise, language="es", name="Uno")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseTranslation.objects.create(exercise=exercise, language="es", name="Dos")


# --- the library editor -------------------------------------------------------------------------


def form_data(**overrides) -> dict:
    data = text(**overrides)
    post = {
        name: "\n".join(value) if isinstance(value, list) else value
        for name, value in data.items()
        if name != "contraindication_notes"
    }
    return post


def test_exercise_page_lists_each_language_with_its_status(therapist_client, therapist):
    exercise = ExerciseFactory(name="Bridge")
    row = save_translation(exercise=exercise, language="es", text=text(), by=therapist)
    body = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert 'id="translations"' in body
    assert "Español" in body and "Português (Brasil)" in body
    assert '<span class="d-block" lang="es">Puente</span>' in body
    assert "Not yet reviewed" in body
    assert "Not translated yet" in body  # Portuguese
    assert reverse("programs:exercise-translation-review", args=[exercise.slug, "es"]) in body

    mark_translation_reviewed(translation=row, by=therapist)
    body = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert f"Reviewed by Tess Therapist, {timezone.localdate():%-d %b %Y}" in body
    assert reverse("programs:exercise-translation-review", args=[exercise.slug, "es"]) not in body


def test_staff_translate_an_exercise_with_the_english_beside_each_field(
    therapist_client, therapist
):
    exercise = ExerciseFactory(name="Bridge", steps=["Lift your hips.", "Lower slowly."])
    ContraindicationFactory(
        exercise=exercise, tag="osteoporosis", action="caution", note="Keep it small."
    )
    url = reverse("programs:exercise-translation", args=[exercise.slug, "pt-br"])
    page = therapist_client.get(url).content.decode()
    assert "Lift your hips." in page and "Keep it small." in page
    assert 'lang="pt-br"' in page

    response = therapist_client.post(
        url,
        {
            **form_data(name="Ponte", steps=["Suba o quadril.", "Desça devagar."]),
            "note_osteoporosis": "Faça pequeno.",
        },
    )
    assert response.status_code == 302
    row = ExerciseTranslation.objects.get(exercise=exercise, language="pt-br")
    assert row.name == "Ponte"
    assert row.steps == ["Suba o quadril.", "Desça devagar."]
    assert row.contraindication_notes == {"osteoporosis": "Faça pequeno."}
    assert not row.reviewed


def test_a_translation_without_steps_is_refused_and_the_typing_kept(therapist_client):
    exercise = ExerciseFactory()
    url = reverse("programs:exercise-translation", args=[exercise.slug, "es"])
    response = therapist_client.post(url, form_data(name="Mi puente", steps=[]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "a patient cannot follow an empty list" in body
    assert 'value="Mi puente"' in body
    assert not ExerciseTranslation.objects.exists()


def test_editing_a_reviewed_translation_in_the_editor_says_it_needs_review_again(
    therapist_client, therapist
):
    exercise = ExerciseFactory()
    row = save_translation(exercise=exercise, language="es", text=text(), by=therapist)
    mark_translation_reviewed(translation=row, by=therapist)
    url = reverse("programs:exercise-translation", args=[exercise.slug, "es"])
    response = therapist_client.post(url, form_data(summary="Otro resumen."), follow=True)
    assert "not reviewed any more" in response.content.decode()
    row.refresh_from_db()
    assert not row.reviewed


def test_marking_reviewed_in_the_editor(therapist_client, therapist):
    exercise = ExerciseFactory()
    save_translation(exercise=exercise, language="es", text=text(), by=therapist)
    url = reverse("programs:exercise-translation-review", args=[exercise.slug, "es"])
    response = therapist_client.post(url)
    assert response.status_code == 302
    row = ExerciseTranslation.objects.get(exercise=exercise, language="es")
    assert row.reviewed and row.reviewed_by == therapist


def test_unknown_language_or_missing_translation_is_a_404(therapist_client):
    exercise = ExerciseFactory()
    assert (
        therapist_client.get(
            reverse("programs:exercise-translation", args=[exercise.slug, "fr"])
        ).status_code
        == 404
    )
    review = reverse("programs:exercise-translation-review", args=[exercise.slug, "es"])
    assert therapist_client.post(review).status_code == 404


# --- published revisions ------------------------------------------------------------------------


def test_a_published_revision_freezes_the_translations(therapist):
    program = published_program(items=1)
    item = program.items.get()
    save_translation(exercise=item.exercise, language="es", text=text(), by=therapist)
    program = publish_again(program, therapist)
    frozen = program.current_revision.items[0]["exercise"]["translations"]
    assert frozen["es"]["name"] == "Puente"
    assert frozen["es"]["reviewed"] is False
    assert (frozen["es"]["reviewed_by"], frozen["es"]["reviewed_on"]) == ("", "")

    # A later edit in the library does not change what was published.
    save_translation(
        exercise=item.exercise, language="es", text=text(name="Otro nombre"), by=therapist
    )
    program.current_revision.refresh_from_db()
    snapshot_exercise = program.current_revision.items[0]["exercise"]
    assert exercise_text(snapshot_exercise, "es")["name"] == "Puente"
    assert exercise_text(snapshot_exercise, "en")["name"] == item.exercise.name


def publish_again(program, by):
    program.refresh_from_db()
    publish_program(program=program, by=by)
    program.refresh_from_db()
    return program


def test_a_changed_translation_is_worth_publishing_and_a_staff_only_change(therapist):
    program = published_program(items=1)
    exercise = program.items.get().exercise
    row = save_translation(exercise=exercise, language="es", text=text(), by=therapist)
    program = publish_again(program, therapist)
    mark_translation_reviewed(translation=row, by=therapist)
    program = publish_again(program, therapist)  # the review alone is a new revision

    revision = program.current_revision
    assert revision.number == 3
    frozen = revision.items[0]["exercise"]["translations"]["es"]
    assert frozen["reviewed"] is True
    assert frozen["reviewed_by"] == "Tess Therapist"
    assert frozen["reviewed_on"] == timezone.localdate().isoformat()
    assert [c["kind"] for c in revision.changes] == ["translation"]
    assert changes_for_patient(revision.changes) == []


def test_older_snapshots_without_translations_compare_as_a_translation_change():
    old = {"items": [{"item_id": 1, "exercise": {"slug": "a", "name": "A"}}]}
    new = {"items": [{"item_id": 1, "exercise": {"slug": "a", "name": "A", "translations": {}}}]}
    assert summarise_changes(old, new) == []
    new["items"][0]["exercise"]["translations"] = {"es": {"name": "Á"}}
    assert [c["kind"] for c in summarise_changes(old, new)] == ["translation"]


def test_a_tip_left_out_of_the_published_english_is_left_out_of_its_translation(therapist):
    exercise = ExerciseFactory(cues=["Breathe out as you lift.", "Hold for 30 seconds."])
    program = published_program(items=1)
    item = program.items.get()
    item.exercise, item.hold_s = exercise, 5
    item.save()
    save_translation(
        exercise=exercise,
        language="es",
        text=text(cues=["Saque el aire al subir.", "Sostenga 30 segundos."]),
        by=therapist,
    )
    program = publish_again(program, therapist)
    frozen = program.current_revision.items[0]["exercise"]
    assert frozen["cues"] == ["Breathe out as you lift."]
    assert frozen["translations"]["es"]["cues"] == ["Saque el aire al subir."]


def test_a_review_holds_only_for_the_english_it_was_compared_with(therapist_client, therapist):
    program = published_program(items=1)
    exercise = program.items.get().exercise
    row = save_translation(exercise=exercise, language="es", text=text(), by=therapist)
    mark_translation_reviewed(translation=row, by=therapist)
    program = publish_again(program, therapist)
    assert program.current_revision.items[0]["exercise"]["translations"]["es"]["reviewed"]

    exercise.steps = [*exercise.steps, "Rest for a breath."]
    exercise.save(update_fields=["steps"])
    body = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert "but the English has changed since" in body
    assert reverse("programs:exercise-translation-review", args=[exercise.slug, "es"]) in body

    program = publish_again(program, therapist)
    frozen = program.current_revision.items[0]["exercise"]["translations"]["es"]
    assert (frozen["reviewed"], frozen["reviewed_by"], frozen["reviewed_on"]) == (False, "", "")

    # Reviewed again, against the new English.
    mark_translation_reviewed(translation=row, by=therapist)
    body = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert "but the English has changed since" not in body
    assert "Reviewed by Tess Therapist" in body


def test_a_library_update_of_the_english_lapses_the_review(therapist):
    load_library()
    row = ExerciseTranslation.objects.get(exercise__slug=SLUG, language="es")
    mark_translation_reviewed(translation=row, by=therapist)
    exercises = copy.deepcopy(EXERCISES)
    bridge = next(e for e in exercises if e["slug"] == SLUG)
    bridge["summary"] = "Strengthens your buttocks."
    load_library(exercises=exercises)
    exercise = Exercise.objects.prefetch_related("contraindications").get(slug=SLUG)
    row.refresh_from_db()
    assert row.reviewed  # the record of who reviewed stays...
    from programs.exercise_translations import english_hash

    assert not row.review_holds(english_hash(exercise))  # ...but not for this English
