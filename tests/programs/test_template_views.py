"""Protocol templates: list, detail, start a program, save a program as one, archive."""

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile
from programs.models import Program, ProtocolTemplate
from tests.factories import (
    ExerciseFactory,
    ProgramItemFactory,
    ProtocolTemplateFactory,
    TemplateItemFactory,
)
from tests.programs.builder_helpers import hidden_exercise, hip_patient_tags, program_with_items


def _url(name, obj=None):
    return reverse(f"programs:{name}", kwargs={"uuid": obj.uuid} if obj else None)


@pytest.fixture
def template():
    template = ProtocolTemplateFactory(name="Sacroiliac stabilisation", description="SI joint")
    TemplateItemFactory(template=template, exercise=ExerciseFactory(name="Clamshell"), reps=12)
    TemplateItemFactory(template=template, exercise=ExerciseFactory(name="Bird dog"))
    return template


# --- access -----------------------------------------------------------------------------------


def test_reading_templates_per_role(client, admin, therapist, patient, template):
    for address in (_url("template-list"), _url("template-detail", template)):
        client.logout()
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        client.force_login(patient)
        assert client.get(address).status_code == 403
        client.force_login(admin)
        assert client.get(address).status_code == 200
        client.force_login(therapist)
        assert client.get(address).status_code == 200


def test_template_writes_per_role(client, admin, therapist, patient, template, patient_record):
    program = program_with_items(1, patient=patient_record)
    writes = [
        _url("template-start", template),
        _url("template-archive", template),
        _url("template-restore", template),
        _url("program-save-template", program),
    ]
    for address in writes:
        client.logout()
        assert client.post(address).status_code == 302
        client.force_login(patient)
        assert client.post(address).status_code == 403
        client.force_login(admin)
        assert client.post(address).status_code == 403
    client.force_login(therapist)
    for address in writes[:3]:
        assert client.get(address).status_code == 405


def test_unknown_template_is_404(therapist_client):
    missing = ProtocolTemplateFactory.build()
    assert therapist_client.get(_url("template-detail", missing)).status_code == 404


# --- pages ------------------------------------------------------------------------------------


def test_list_shows_templates_in_use_and_archived_separately(therapist_client, template):
    ProtocolTemplateFactory(name="Retired protocol", archived=True)
    content = therapist_client.get(_url("template-list")).content.decode()
    assert "Sacroiliac stabilisation" in content and "Clamshell" in content
    assert "Retired protocol" not in content
    archived = therapist_client.get(_url("template-list"), {"archived": "1"}).content.decode()
    assert "Retired protocol" in archived
    assert "Sacroiliac stabilisation" not in archived


@pytest.mark.parametrize("n", [1, 12, 50])
def test_list_query_count_is_constant(n, therapist_client, django_assert_num_queries):
    ClinicProfile.load()
    for _ in range(n):
        TemplateItemFactory(template=ProtocolTemplateFactory())
    with django_assert_num_queries(5):
        response = therapist_client.get(_url("template-list"))
    assert response.status_code == 200


def test_detail_shows_dose_and_precaution_rules(therapist_client, template):
    TemplateItemFactory(template=template, exercise=hidden_exercise())
    content = therapist_client.get(_url("template-detail", template)).content.decode()
    assert "1 set of 12" in content
    assert "Hidden for hip replacement (posterior or unknown approach)" in content
    assert "Start a program from this template" in content


# --- start a program --------------------------------------------------------------------------


def test_start_creates_a_draft_for_the_chosen_patient(therapist_client, template, patient_record):
    response = therapist_client.post(
        _url("template-start", template),
        {"patient": patient_record.pk, "title": "", "start_date": "2026-11-24"},
    )
    program = Program.objects.get()
    assert response.status_code == 302
    assert response.url == _url("program-builder", program)
    assert program.patient == patient_record
    assert program.title == "Sacroiliac stabilisation"
    assert [i.exercise.name for i in program.items.all()] == ["Clamshell", "Bird dog"]


def test_start_leaves_out_hidden_exercises_and_says_so(therapist_client, template, patient_record):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    TemplateItemFactory(template=template, exercise=hidden_exercise())
    response = therapist_client.post(
        _url("template-start", template),
        {"patient": patient_record.pk, "start_date": "2026-11-24"},
        follow=True,
    )
    assert "AIS knee toward the opposite shoulder was left out" in response.content.decode()
    assert Program.objects.get().items.count() == 2


def test_start_without_a_patient_shows_the_error_and_creates_nothing(therapist_client, template):
    response = therapist_client.post(
        _url("template-start", template), {"title": "Mine", "start_date": "2026-11-24"}
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "This field is required." in content
    assert 'value="Mine"' in content
    assert not Program.objects.exists()


def test_archived_patients_are_not_offered(therapist_client, template, patient_record):
    patient_record.archived_at = timezone.now()
    patient_record.save()
    response = therapist_client.post(
        _url("template-start", template),
        {"patient": patient_record.pk, "start_date": "2026-11-24"},
    )
    assert response.status_code == 422
    assert not Program.objects.exists()


# --- save as template, archive ----------------------------------------------------------------


def test_save_a_program_as_a_template(therapist_client, therapist, patient_record):
    program = program_with_items(0, patient=patient_record)
    ProgramItemFactory(program=program, exercise=ExerciseFactory(name="Glute bridge"), reps=14)
    response = therapist_client.post(
        _url("program-save-template", program),
        {"version": 1, "name": "Bridge focus", "description": "After a flare"},
    )
    template = ProtocolTemplate.objects.get(name="Bridge focus")
    assert response.status_code == 302
    assert response.url == template.get_absolute_url()
    assert template.created_by == therapist
    assert template.items.get().reps == 14


def test_save_as_template_with_a_taken_name_keeps_the_typing(therapist_client, patient_record):
    ProtocolTemplateFactory(name="Bridge focus")
    program = program_with_items(1, patient=patient_record)
    response = therapist_client.post(
        _url("program-save-template", program),
        {"version": 1, "name": "bridge FOCUS", "description": "Keep me"},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "A template with this name already exists." in content
    assert "Keep me" in content
    assert ProtocolTemplate.objects.count() == 1


def test_save_as_template_from_a_stale_page_is_refused(therapist_client, colleague, patient_record):
    program = program_with_items(1, patient=patient_record)
    Program.objects.filter(pk=program.pk).update(version=3, updated_by=colleague)
    response = therapist_client.post(
        _url("program-save-template", program), {"version": 1, "name": "Late copy"}
    )
    assert response.status_code == 422
    assert "Cole Colleague changed this program" in response.content.decode()
    assert not ProtocolTemplate.objects.filter(name="Late copy").exists()


def test_archive_and_restore_a_template(therapist_client, template, patient_record):
    program = Program.objects.create(
        patient=patient_record, therapist=patient_record.therapist, title="X", template=template
    )
    therapist_client.post(_url("template-archive", template))
    template.refresh_from_db()
    assert template.archived
    program.refresh_from_db()
    assert program.template == template  # programs started from it keep the link
    therapist_client.post(_url("template-restore", template))
    template.refresh_from_db()
    assert not template.archived


def test_detail_words_the_dose_as_the_published_program_will(therapist_client, template):
    TemplateItemFactory(
        template=template, sets=1, reps=10, hold_s=2, side="both", times_per_day=2, days_per_week=3
    )
    content = therapist_client.get(_url("template-detail", template)).content.decode()
    assert "1 set of 10, hold 2 s, each side · twice a day, 3 days a week" in content
    assert "× a day" not in content
