"""The tempo ("Ritmo") in the patient's language: the library's own English tempo of an
exercise reads in Spanish or Portuguese; a tempo the therapist typed stays as typed, marked as
English. On the handout (plain and bilingual), the portal card and the follow-along page."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from clinic.models import ClinicProfile
from programs.handouts.render import render_handout_html
from programs.library_data import EXERCISES
from programs.library_data.translations import TEMPOS
from programs.models import ProgramRevision
from programs.timer_plan import parse_tempo
from programs.translations import tempo_text
from tests.programs.handout_samples import sample_program
from tests.programs.portal_helpers import program_with

BRIDGE = next(e for e in EXERCISES if e["slug"] == "glute-bridge")
SPANISH_BRIDGE = "Suba la cadera en unos 2 segundos, sostenga y bájela en unos 3 segundos"
TYPED = "Slowly, breathe out as you lift"
STOPWATCH = '<i class="bi bi-stopwatch" aria-hidden="true"></i>'


def test_every_library_tempo_has_a_spanish_and_a_portuguese_translation():
    with_tempo = {e["slug"] for e in EXERCISES if e.get("tempo")}
    assert with_tempo
    for language in ("es", "pt-br"):
        assert set(TEMPOS[language]) == with_tempo, language
        for slug, text in TEMPOS[language].items():
            assert text.strip() and "  " not in text, (language, slug)
            english = next(e["tempo"] for e in EXERCISES if e["slug"] == slug)
            assert text != english
            # The same seconds as the English (the timer counts those): no number lost or added.
            digits = {c for c in text if c.isdigit()}
            assert digits == {c for c in english if c.isdigit()}, (language, slug)


def test_the_librarys_own_tempo_reads_in_the_patients_language():
    exercise = {"slug": "glute-bridge"}
    assert tempo_text(BRIDGE["tempo"], exercise, "es") == (SPANISH_BRIDGE, "es")
    assert tempo_text(BRIDGE["tempo"], exercise, "pt_BR") == (
        "Suba o quadril em cerca de 2 segundos, segure e desça em cerca de 3 segundos",
        "pt-br",
    )
    assert tempo_text(f"  {BRIDGE['tempo']} ", exercise, "es") == (SPANISH_BRIDGE, "es")
    assert tempo_text(BRIDGE["tempo"], exercise, "en") == (BRIDGE["tempo"], "en")


def test_a_typed_tempo_stays_as_typed_in_english():
    assert tempo_text(TYPED, {"slug": "glute-bridge"}, "es") == (TYPED, "en")
    # Another exercise's library tempo is not this exercise's: shown as typed.
    sit = next(e for e in EXERCISES if e["slug"] == "sit-to-stand")
    assert tempo_text(sit["tempo"], {"slug": "glute-bridge"}, "es") == (sit["tempo"], "en")
    # A clinic's own exercise has no library tempo.
    assert tempo_text(BRIDGE["tempo"], {"slug": "our-own"}, "es") == (BRIDGE["tempo"], "en")
    assert tempo_text("", {"slug": "glute-bridge"}, "es") == ("", "en")


def test_the_timer_still_reads_the_english_tempo():
    assert parse_tempo(BRIDGE["tempo"]).out_s == 2


def with_tempos(program) -> None:
    """The first item keeps the glute bridge's library tempo, the second one typed."""
    revision = program.current_revision
    snapshot = revision.snapshot
    snapshot["items"][0]["exercise"]["slug"] = "glute-bridge"
    snapshot["items"][0]["tempo"] = BRIDGE["tempo"]
    snapshot["items"][1]["exercise"]["slug"] = "glute-bridge"
    snapshot["items"][1]["tempo"] = TYPED
    for item in snapshot["items"]:  # translated cards: the page's language is theirs
        item["exercise"]["translations"] = {
            "es": {"name": "Puente de glúteos", "reviewed": True},
            "pt-br": {"name": "Ponte de glúteos", "reviewed": True},
        }
    ProgramRevision.objects.filter(pk=revision.pk).update(snapshot=snapshot)
    program.refresh_from_db()


@pytest.mark.django_db
@pytest.mark.parametrize("bilingual", [False, True])
def test_handout_prints_the_translated_tempo_and_marks_a_typed_one(
    patient_record, therapist, bilingual
):
    program = sample_program(patient=patient_record, items=2, review_date=None)
    with_tempos(program)
    page, _fetcher = render_handout_html(
        revision=program.current_revision,
        patient=program.patient,
        clinic=ClinicProfile.load(),
        language="es",
        bilingual=bilingual,
    )
    assert "<dt>Ritmo</dt>" in page
    assert f'<dd dir="auto">{SPANISH_BRIDGE}</dd>' in page
    assert f'<dd dir="auto" lang="en">{TYPED}</dd>' in page
    assert BRIDGE["tempo"] not in page


@pytest.mark.django_db
def test_portal_card_and_follow_along_page_show_the_tempo_in_portuguese(
    patient_client, patient_record
):
    patient_record.language = "Portuguese"
    patient_record.save(update_fields=["language"])
    patient_record.user.language = "pt-br"
    patient_record.user.save(update_fields=["language"])
    program = program_with(patient_record, items=2)
    with_tempos(program)
    portuguese = TEMPOS["pt-br"]["glute-bridge"]
    cache.clear()
    try:
        page = patient_client.get(
            reverse("programs:portal-program", kwargs={"uuid": program.uuid})
        ).content.decode()
        assert f"</i> {portuguese}</p>" in page
        assert f'<p class="small mb-2" lang="en">{STOPWATCH} {TYPED}</p>' in page
        assert BRIDGE["tempo"] not in page
        follow = [
            patient_client.get(
                reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": n})
            ).content.decode()
            for n in (1, 2)
        ]
        assert f'<p class="small">{STOPWATCH} {portuguese}</p>' in follow[0]
        assert f'<p class="small" lang="en">{STOPWATCH} {TYPED}</p>' in follow[1]
    finally:
        cache.clear()
