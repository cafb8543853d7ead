"""The demo's Spanish- and Portuguese-speaking patients: everything they read is in their language.

The demo is seeded once for the module (about 3 s of CPU) inside a transaction that is rolled
back afterwards; each test runs in its own savepoint on top of it.
"""

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from clinic.languages import patient_language
from clinic.models import ClinicProfile, OutboxMessage, OutcomeMeasure, Patient
from clinic.outbox import at_send
from clinic.questionnaires.models import QuestionnaireRequest
from demo import clinic_data, language_data
from programs.handouts.content import UNREVIEWED_NOTE
from programs.handouts.render import render_handout_html, render_handout_pdf
from programs.models import Program, SessionLog
from programs.translations import exercise_text
from tests.demo import seed_demo
from tests.programs.handout_samples import pdf_pages, squash

MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"
SPECS = {"es": language_data.ROSA, "pt-br": language_data.JOAO}


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # The tests' fast hasher (tests/conftest.py sets it for each test, after this).
            with override_settings(PASSWORD_HASHERS=[MD5]):
                seed_demo()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_seeded, db):
    return {code: _patient(spec) for code, spec in SPECS.items()}


def _patient(spec) -> Patient:
    return Patient.objects.select_related("user").get(email=spec.email)


def _program(patient) -> Program:
    return Program.objects.select_related("current_revision").get(patient=patient)


def test_two_patients_with_their_language_and_a_printed_login(demo):
    for code, patient in demo.items():
        assert patient_language(patient) == code
        assert not patient.interpreter_needed
        assert patient.user.check_password(clinic_data.DEMO_PASSWORD)
    assert demo["es"].language == "Spanish"
    assert demo["pt-br"].language == "Portuguese (Brazil)"
    assert "Ñúñez" in demo["es"].last_name and demo["pt-br"].full_name == "João Conceição"
    logins = clinic_data.demo_logins()
    assert ("Patient (Español)", "rosa@patient.example", clinic_data.DEMO_PASSWORD) in logins
    assert ("Patient (Português)", "joao@patient.example", clinic_data.DEMO_PASSWORD) in logins


def test_each_has_a_signed_intake_a_program_logs_and_questionnaires(demo):
    today = timezone.localdate()
    for patient in demo.values():
        assert patient.intakes.filter(signed_at__isnull=False).exists()
        program = _program(patient)
        assert program.current_revision is not None
        assert len(program.current_revision.items) >= 5
        logs = SessionLog.objects.filter(patient=patient).order_by("date")
        assert logs.count() >= 12
        assert (logs.last().date - logs.first().date).days >= 14
        assert logs.last().date < today
        assert all(log.back_pain is not None for log in logs)
        requests = QuestionnaireRequest.objects.filter(patient=patient)
        assert requests.filter(status="completed").count() >= 4
        due = requests.filter(status="due")
        assert [(r.instrument, r.due_on) for r in due] == [("nprs", today)]
        assert OutcomeMeasure.objects.filter(patient=patient, source="patient").count() >= 4


@pytest.mark.parametrize("code", ["es", "pt-br"])
def test_portal_pages_are_in_the_patients_language(demo, client, code):
    patient = demo[code]
    program = _program(patient)
    client.force_login(patient.user)
    home = client.get(reverse("programs:portal-home"))
    assert home.status_code == 200
    assert f'lang="{code}"' in home.content.decode()
    page = client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    html = page.content.decode()
    assert page.status_code == 200 and f'lang="{code}"' in html
    first = program.current_revision.items[0]["exercise"]
    translated = exercise_text(first, code)
    assert translated["language"] == code
    assert translated["name"] != first["name"]
    assert translated["name"] in html
    with translation.override(code):
        note = str(UNREVIEWED_NOTE)
    # Rosa's exercises were reviewed by her therapist; João's are not yet.
    assert (note in html) is (code == "pt-br")


def test_their_outbox_emails_are_in_their_language(demo):
    greetings = {"es": "Hola, Rosa", "pt-br": "Olá, João"}
    ready_words = {"es": "está listo", "pt-br": "está pronto"}
    for code, patient in demo.items():
        messages = {m.kind: m for m in OutboxMessage.objects.filter(patient=patient)}
        kinds = {OutboxMessage.Kind.PROGRAM_READY, OutboxMessage.Kind.SELF_SERVICE_LINK}
        assert set(messages) == kinds
        assert {m.language for m in messages.values()} == {code}
        ready = messages[OutboxMessage.Kind.PROGRAM_READY]
        assert greetings[code] in ready.body_text
        assert ready_words[code] in ready.subject
        link = at_send.render_at_send(messages[OutboxMessage.Kind.SELF_SERVICE_LINK])
        assert greetings[code] in link.text


@pytest.mark.parametrize("code", ["es", "pt-br"])
def test_handout_is_in_their_language(demo, code):
    patient = demo[code]
    revision = _program(patient).current_revision
    html, _ = render_handout_html(revision=revision, patient=patient, clinic=ClinicProfile.load())
    for item in revision.items:
        assert exercise_text(item["exercise"], code)["name"] in html
    assert revision.snapshot["title"] == SPECS[code].program["title"]
    with translation.override(code):
        note = str(UNREVIEWED_NOTE)
    with translation.override("en"):
        assert note != str(UNREVIEWED_NOTE)
    assert (note in html) is (code == "pt-br")


def test_seeding_again_changes_nothing(demo):
    patients = dict(demo)
    staff = clinic_data.seed_staff()

    def counts():
        return {
            model.__name__: model.objects.filter(patient__in=demo.values()).count()
            for model in (Program, SessionLog, QuestionnaireRequest, OutboxMessage)
        } | {"patients": Patient.objects.count()}

    before = counts()
    language_data.seed(staff=staff, patients=patients)
    assert counts() == before
    assert patients["nunez"] == demo["es"] and patients["conceicao"] == demo["pt-br"]


@pytest.mark.slow  # renders a PDF
def test_portuguese_handout_pdf_reads_in_portuguese(demo):
    patient = demo["pt-br"]
    revision = _program(patient).current_revision
    text = squash(" ".join(pdf_pages(render_handout_pdf(revision=revision).pdf)))
    with translation.override("pt-br"):
        note, safety = str(UNREVIEWED_NOTE), gettext("Get help at once")
    assert safety != "Get help at once"
    assert squash(note) in text
    assert squash(safety) in text
    assert squash("João Conceição") in text
    for item in revision.items:
        assert squash(exercise_text(item["exercise"], "pt-br")["name"]) in text
    assert squash("Get help at once") not in text
