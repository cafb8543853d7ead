"""Which of our languages a patient reads, from what their record says and what they chose."""

import pytest
from django.conf import settings

from clinic.languages import SUPPORTED, language_code, patient_language
from clinic.models import Patient
from tests.factories import PatientFactory, PatientUserFactory


def test_our_languages_are_the_settings_languages():
    assert tuple(code for code, _name in settings.LANGUAGES) == SUPPORTED


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("English", "en"),
        ("Spanish", "es"),
        ("Español", "es"),
        ("espanol", "es"),
        (" spanish ", "es"),
        ("Spanish (Mexico)", "es"),
        ("es-MX", "es"),
        ("ES", "es"),
        ("Portuguese", "pt-br"),
        ("Portuguese (Brazil)", "pt-br"),
        ("Brazilian Portuguese", "pt-br"),
        ("Português", "pt-br"),
        ("português (Brasil)", "pt-br"),
        ("pt_BR", "pt-br"),
        ("pt-BR", "pt-br"),
        ("pt", "pt-br"),
        ("", "en"),
        ("Klingon", "en"),
        ("Vietnamese", "en"),  # not translated yet: English
    ],
)
def test_what_the_record_says_becomes_one_of_our_codes(said, code):
    assert language_code(said) == code
    assert patient_language(Patient(language=said)) == code


def test_no_patient_reads_english():
    assert patient_language(None) == "en"


@pytest.mark.django_db
def test_the_patients_portal_choice_wins_over_the_record():
    patient = PatientFactory(language="Spanish", user=PatientUserFactory())
    assert patient_language(patient) == "es"
    patient.user.language = "pt-br"
    assert patient_language(patient) == "pt-br"
    patient.user.language = ""  # no choice made: the record decides
    assert patient_language(patient) == "es"


@pytest.mark.django_db
def test_a_patient_loaded_without_the_login_costs_one_query(django_assert_num_queries):
    patient = PatientFactory(language="Português", user=PatientUserFactory(language="es"))
    lean = Patient.objects.only("id", "user_id").get(pk=patient.pk)
    with django_assert_num_queries(1):
        assert patient_language(lean) == "es"
    loaded = Patient.objects.select_related("user").get(pk=patient.pk)
    with django_assert_num_queries(0):
        assert patient_language(loaded) == "es"
    loaded.user.language = ""
    assert patient_language(loaded) == "pt-br"
