"""A Spanish-speaking patient's link pages (the pre-visit intake, every step, and a
questionnaire) carry none of our English interface sentences, whatever the browser asks for."""

import html
import re

import pytest
from django.urls import reverse

from clinic.selfservice import links
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.steps import STEPS
from tests.clinic.questionnaires.test_views import link_to, make_request
from tests.i18n import catalogue

pytestmark = pytest.mark.django_db


def _english_sentences(language: str) -> set[str]:
    """Our English msgids of some length whose translation differs (short words such as "No"
    or "Latex" can be the same word in both languages)."""
    known = catalogue.catalogue(language, "django")
    found = set()
    for entry in catalogue.template_msgids() + catalogue.python_msgids():
        translated = known.get(entry.key)
        if "%" in entry.msgid or "{" in entry.msgid or len(entry.msgid) < 14:
            continue
        if translated is not None and translated.msgstr != [entry.msgid]:
            found.add(entry.msgid)
    return found


def _visible_text(page: str) -> str:
    """What a reader sees: no scripts, no markup, no element marked as English on purpose."""
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    page = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", page, flags=re.S)
    page = re.sub(r"<option[^>]*>.*?</option>", " ", page, flags=re.S)  # language names
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def spanish_patient(patient_record):
    patient_record.language = "Español"
    patient_record.save(update_fields=["language"])
    return patient_record


@pytest.mark.parametrize(("language", "po"), [("es", "es"), ("pt-br", "pt_BR")])
def test_every_step_of_the_intake_is_in_the_patients_language(
    client, patient_record, therapist, language, po
):
    intake = SelfIntake.objects.create(
        patient=patient_record, requested_by=therapist, language=language
    )
    _, token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=intake.uuid,
        by=therapist,
    )
    english = _english_sentences(po)
    client.cookies["django_language"] = "en"
    for step in STEPS:
        url = reverse("clinic:self-intake-step", kwargs={"token": token, "step": step.slug})
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US")
        page = response.content.decode()
        assert f'lang="{language}"' in page, step.slug
        text = _visible_text(page)
        found = sorted(sentence for sentence in english if sentence in text)
        assert not found, (step.slug, found)


def test_a_spanish_questionnaire_page_is_spanish_around_the_english_items(
    client, spanish_patient, therapist
):
    url, _link = link_to(make_request(spanish_patient, therapist))
    text = _visible_text(client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode())
    found = sorted(sentence for sentence in _english_sentences("es") if sentence in text)
    assert not found
    assert "Este cuestionario está en inglés" in text


def test_the_drawn_body_chart_speaks_the_patients_language():
    from django.utils import translation

    from clinic import bodychart
    from clinic.selfservice.forms import BodyChartForm, body_chart_widget

    with translation.override("pt-br"):
        svg = str(body_chart_widget(BodyChartForm(), [])["svg"])
    assert "COSTAS" in svg
    assert "Seu lado esquerdo" in svg
    assert "sem marcar" in svg
    for english in ("BACK", "FRONT", "not marked", "seen from behind", "Key<", "Worst area"):
        assert english not in svg
    # Staff's chart keeps its English words, whatever language is active.
    with translation.override("pt-br"):
        staff = str(bodychart.widget_context()["svg"])
    assert "BACK" in staff
    assert "not marked" in staff


def test_the_answers_read_back_before_signing_are_spanish(client, patient_record, therapist):
    from tests.clinic.selfservice.test_self_intake import answer_all

    intake = SelfIntake.objects.create(
        patient=patient_record, requested_by=therapist, language="es"
    )
    _, token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=intake.uuid,
        by=therapist,
    )
    answer_all(client, token)
    page = client.get(reverse("clinic:self-intake-sign", kwargs={"token": token})).content
    text = _visible_text(page.decode())
    assert "Parte baja de la espalda, en el centro" in text  # the body chart, in their words
    assert "Dolor" in text
    assert "Trabajo, con todas mis tareas" in text  # a choice read back
    found = sorted(sentence for sentence in _english_sentences("es") if sentence in text)
    assert not found
    for english in ("Low back", "Yes", "Working, full duties", "Other safety questions"):
        assert english not in text
