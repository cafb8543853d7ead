"""The therapist's intake words and the questionnaires reach a Spanish or Portuguese patient in
their language; staff pages keep the same English; licensed measures keep English items."""

import pytest
from django.urls import reverse
from django.utils import translation

from clinic import precautions, redflags
from clinic.intake import choices, sections
from clinic.selfservice import forms as step_forms
from tests.clinic.questionnaires.test_views import link_to, make_request
from tests.i18n import catalogue

pytestmark = pytest.mark.django_db


def _choice_labels(form, name):
    return [str(label) for _value, label in form.fields[name].choices]


def test_intake_choices_stay_plain_english_for_staff():
    # Plain strings, not lazy ones: staff pages, summaries and ", ".join() read them as before.
    assert choices.MAIN_AREAS[0] == ("low_back", "Low back")
    assert all(type(label) is str for _v, label in choices.TRIGGERS)
    assert type(redflags.QUESTIONS_BY_CODE["ces_bladder"].question) is str
    assert precautions.PAIN_QUALITIES[0] == ("aching", "Aching")
    with translation.override("es"):
        section = sections.ComplaintSection()
        assert _choice_labels(section, "main_area")[0] == "Low back"


@pytest.mark.parametrize(
    ("language", "low_back", "yes", "required"),
    [
        ("es", "Parte baja de la espalda", "Sí", "Por favor, conteste esta pregunta."),
        (
            "pt-br",
            "Lombar (parte de baixo das costas)",
            "Sim",
            "Por favor, responda esta pergunta.",
        ),
    ],
)
def test_the_patients_intake_forms_speak_the_patients_language(language, low_back, yes, required):
    with translation.override(language):
        complaint = step_forms.ComplaintForm()
        assert _choice_labels(complaint, "main_area")[0] == low_back
        assert yes in _choice_labels(complaint, "below_knee")
        red_flags = step_forms.RedFlagForm()
        bladder = red_flags.fields["ces_bladder"]
        assert bladder.label == translation.gettext(
            redflags.QUESTIONS_BY_CODE["ces_bladder"].question
        )
        assert bladder.label != redflags.QUESTIONS_BY_CODE["ces_bladder"].question
        assert bladder.error_messages["required"] == required
        medical = step_forms.MedicalForm()
        assert medical.fields["cancer_details"].label.endswith(("detalles", "detalhes"))
        assert "Cancer" not in medical.fields["cancer_details"].label


PATIENT_STEPS = (
    step_forms.ComplaintForm,
    step_forms.PainForm,
    step_forms.OnsetForm,
    step_forms.FactorsForm,
    step_forms.DailyPatternForm,
    step_forms.NeuroForm,
    step_forms.HistoryForm,
    step_forms.MedicalForm,
    step_forms.MedicationsForm,
    step_forms.GoalsForm,
    step_forms.WorkForm,
    step_forms.PsychosocialForm,
    step_forms.RedFlagForm,
)


def _words(form) -> list[tuple[str, str]]:
    found = []
    for name, field in form.fields.items():
        words = [field.label, field.help_text, field.error_messages.get("required")]
        words += [label for _value, label in getattr(field, "choices", ())]
        found += [(name, str(word)) for word in words if word and not str(word).isdigit()]
    return found


@pytest.mark.parametrize("language", ["es", "pt-br"])
def test_no_intake_step_shows_the_therapists_english(language):
    """Every label, help text, choice and "required" message of every step of the patient's
    intake is in the patient's language: the English the therapist's sections are written in
    appears only where the translation is the same word ("No", "Hernia")."""
    english = set()
    with translation.override("en"):
        for section in {form_class.__mro__[2] for form_class in PATIENT_STEPS}:
            english |= {word for _name, word in _words(section())}
    known = catalogue.catalogue(language.replace("-br", "_BR"), "django")
    with translation.override(language):
        for form_class in PATIENT_STEPS:
            for name, word in _words(form_class()):
                entry = known.get((None, word))
                same_word = entry is not None and entry.translated and entry.msgstr == [word]
                assert word not in english or same_word, f"{form_class.__name__}.{name}: {word!r}"


def _patient_reading(patient_record, language):
    patient_record.language = language
    patient_record.save(update_fields=["language"])
    return patient_record


def test_a_spanish_patient_gets_the_rmdq_items_in_english_with_a_note(
    client, patient_record, therapist
):
    url, _link = link_to(make_request(_patient_reading(patient_record, "Spanish"), therapist))
    html = client.get(url).content.decode()
    assert 'lang="es"' in html
    assert "Este cuestionario está en inglés. Pida a un intérprete" in html
    assert "Su espalda y su vida diaria" in html  # the title and instructions are Spanish
    assert "Para cada frase, elija Sí" in html
    # The validated item wording stays English, marked as English for screen readers.
    assert '<span lang="en">I stay at home most of the time because of my back.</span>' in html
    assert "Send my answers" not in html  # the buttons are Spanish


def test_the_pain_rating_is_in_portuguese_without_a_note(client, patient_record, therapist):
    patient = _patient_reading(patient_record, "Portuguese (Brazil)")
    url, _link = link_to(make_request(patient, therapist, instrument="nprs"))
    html = client.get(url).content.decode()
    assert "Dor nas costas agora" in html
    assert "0 sem dor" in html
    assert "está em inglês" not in html
    assert 'lang="en"' not in html


def test_an_english_patient_sees_no_note(client, patient_record, therapist):
    url, _link = link_to(make_request(patient_record, therapist))
    html = client.get(url).content.decode()
    assert "This questionnaire is in English" not in html
    assert '<span lang="en">' not in html


def test_staff_are_told_which_measures_stay_in_english(therapist_client, patient_record):
    _patient_reading(patient_record, "Español")
    for name in ("clinic:questionnaire-schedule", "clinic:questionnaire-send"):
        html = therapist_client.get(reverse(name, args=[patient_record.uuid])).content.decode()
        assert "validated translation not licensed for embedding" in html


def test_staff_see_no_such_note_for_an_english_patient(therapist_client, patient_record):
    html = therapist_client.get(
        reverse("clinic:questionnaire-send", args=[patient_record.uuid])
    ).content.decode()
    assert "not licensed for embedding" not in html
