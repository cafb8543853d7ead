"""A patient's programs, creating one, the program page with its history, preview, revisions."""

import pytest
from django.urls import reverse

from clinic.models import ClinicProfile
from programs import services
from programs.models import Program
from tests.factories import (
    ExerciseFactory,
    PatientFactory,
    ProgramFactory,
    ProgramItemFactory,
    ProtocolTemplateFactory,
    TemplateItemFactory,
    published_program,
    screened,
)
from tests.programs.builder_helpers import hidden_exercise, hip_patient_tags, program_with_items


def _list_url(patient):
    return reverse("programs:program-list", kwargs={"uuid": patient.uuid})


def _create_url(patient):
    return reverse("programs:program-create", kwargs={"uuid": patient.uuid})


def _url(name, obj):
    return reverse(f"programs:{name}", kwargs={"uuid": obj.uuid})


# --- access -----------------------------------------------------------------------------------


def test_staff_pages_per_role(client, admin, therapist, patient, patient_record):
    program = published_program(patient=patient_record, items=1)
    pages = [
        _list_url(patient_record),
        _url("program-detail", program),
        _url("program-preview", program),
    ]
    for address in pages:
        client.logout()
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        client.force_login(patient)
        assert client.get(address).status_code == 403, address
        client.force_login(admin)
        assert client.get(address).status_code == 200, address
        client.force_login(therapist)
        assert client.get(address).status_code == 200, address


def test_only_therapists_create_programs(client, admin, patient, therapist, patient_record):
    client.force_login(patient)
    assert client.get(_create_url(patient_record)).status_code == 403
    client.force_login(admin)
    assert client.get(_create_url(patient_record)).status_code == 403
    client.force_login(therapist)
    assert client.get(_create_url(patient_record)).status_code == 200


def test_unknown_patient_is_404(therapist_client):
    missing = PatientFactory.build()
    assert therapist_client.get(_list_url(missing)).status_code == 404
    assert therapist_client.get(_create_url(missing)).status_code == 404


def test_revision_page_per_role(client, therapist, patient, other_patient, patient_record):
    program = published_program(patient=patient_record, items=1)
    first = program.current_revision
    ProgramItemFactory(program=program)
    second = services.publish_program(program=program, by=therapist)
    client.logout()
    assert client.get(_url("revision-detail", second)).status_code == 302
    client.force_login(patient)
    assert client.get(_url("revision-detail", second)).status_code == 200
    # Older revisions are not shown to the patient.
    assert client.get(_url("revision-detail", first)).status_code == 404
    client.force_login(other_patient)
    assert client.get(_url("revision-detail", second)).status_code == 404
    client.force_login(therapist)
    assert client.get(_url("revision-detail", first)).status_code == 200


def test_patient_sees_their_revision_without_staff_notes(client, patient, patient_record):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = Program.objects.create(
        patient=screened(patient_record), therapist=patient_record.therapist, title="Hips"
    )
    ProgramItemFactory(
        program=program, exercise=hidden_exercise(), override_reason="Surgeon cleared it."
    )
    revision = services.publish_program(program=program, by=program.therapist)
    client.force_login(patient)
    content = client.get(_url("revision-detail", revision)).content.decode()
    assert "AIS knee toward the opposite shoulder" in content
    assert "Within comfort" in content
    assert "Surgeon cleared it." not in content
    assert "Version 1" not in content  # the staff banner


# --- list and create --------------------------------------------------------------------------


def test_program_list_shows_status_and_the_patients_version(therapist_client, patient_record):
    published_program(patient=patient_record, items=2, title="Starter")
    program_with_items(1, patient=patient_record, title="Next phase")
    content = therapist_client.get(_list_url(patient_record)).content.decode()
    assert "Starter" in content and "Next phase" in content
    assert "Version 1" in content
    assert "Nothing yet" in content


@pytest.mark.parametrize("n", [1, 12, 50])
def test_program_list_query_count_is_constant(
    n, therapist_client, patient_record, django_assert_num_queries
):
    ClinicProfile.load()
    for _ in range(n):
        program_with_items(2, patient=patient_record)
    with django_assert_num_queries(7):  # 6 + 1 for the audit line
        response = therapist_client.get(_list_url(patient_record))
    assert response.status_code == 200


def test_create_blank_program_opens_the_builder(therapist_client, therapist, patient_record):
    response = therapist_client.post(
        _create_url(patient_record),
        {"title": "Hip and back", "goals": "", "start_date": "2026-11-24", "review_date": ""},
    )
    program = Program.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("programs:program-builder", kwargs={"uuid": program.uuid})
    assert program.therapist == therapist
    assert program.patient == patient_record


def test_create_from_template_copies_it_and_reports_what_was_left_out(
    therapist_client, patient_record
):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    template = ProtocolTemplateFactory(name="Sciatica starter")
    TemplateItemFactory(template=template, exercise=ExerciseFactory(name="Glute bridge"))
    TemplateItemFactory(template=template, exercise=hidden_exercise())
    response = therapist_client.post(
        _create_url(patient_record),
        {"template": template.pk, "title": "", "start_date": "2026-11-24"},
        follow=True,
    )
    program = Program.objects.get()
    assert program.title == "Sciatica starter"
    assert [i.exercise.name for i in program.items.all()] == ["Glute bridge"]
    content = response.content.decode()
    assert "AIS knee toward the opposite shoulder was left out" in content


def test_create_needs_a_title_or_a_template_and_keeps_the_typing(therapist_client, patient_record):
    response = therapist_client.post(
        _create_url(patient_record),
        {"title": "", "goals": "Walk further", "start_date": "2026-11-24"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Give the program a title, or start from a template." in content
    assert "Walk further" in content
    assert not Program.objects.exists()


def test_archived_templates_are_not_offered(therapist_client, patient_record):
    ProtocolTemplateFactory(name="Old protocol", archived=True)
    ProtocolTemplateFactory(name="Current protocol")
    content = therapist_client.get(_create_url(patient_record)).content.decode()
    assert "Current protocol" in content
    assert "Old protocol" not in content


# --- program page -----------------------------------------------------------------------------


def test_program_page_lists_every_revision_with_who_when_and_changes(
    therapist_client, therapist, colleague, patient_record
):
    program = published_program(patient=patient_record, items=2, by=therapist)
    item = program.items.first()
    services.update_program_item(
        item=item, by=colleague, expected_version=program.version, dose={"reps": 8}
    )
    services.publish_program(program=program, by=colleague)
    content = therapist_client.get(_url("program-detail", program)).content.decode()
    assert "Version 2" in content and "Version 1" in content
    assert "by Cole Colleague" in content and "by Tess Therapist" in content
    assert f"{item.exercise.name}: reps 10 → 8" in content
    assert "First version, with 2 exercises." in content
    assert "Patient sees this" in content


def test_unpublished_changes_banner_names_the_patients_version(therapist_client, patient_record):
    program = published_program(patient=patient_record, items=1)
    services.add_program_item(
        program=program,
        exercise=ExerciseFactory(),
        by=program.therapist,
        expected_version=program.version,
    )
    content = therapist_client.get(_url("program-detail", program)).content.decode()
    assert "Unpublished changes" in content
    assert "the patient still sees version 1" in content


def test_overridden_exercise_is_shown_on_the_program_page(therapist_client, patient_record):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = program_with_items(0, patient=patient_record)
    services.add_program_item(
        program=program,
        exercise=hidden_exercise(),
        by=program.therapist,
        expected_version=1,
        override_reason="Surgeon cleared it at review.",
    )
    content = therapist_client.get(_url("program-detail", program)).content.decode()
    assert "Hidden for hip replacement (posterior or unknown approach)." in content
    assert "Overridden by Tess Therapist:" in content
    assert "Surgeon cleared it at review." in content


@pytest.mark.parametrize("n", [1, 12, 50])
def test_program_page_query_count_is_constant(
    n, therapist_client, patient_record, django_assert_num_queries
):
    ClinicProfile.load()
    program = published_program(patient=patient_record, items=n)
    ProgramItemFactory(program=program)
    services.publish_program(program=program, by=program.therapist)
    # 9 + 3 for the screening gate (clinic window, intakes, re-assessments) + 1 for the audit line
    with django_assert_num_queries(13):
        response = therapist_client.get(_url("program-detail", program))
    assert response.status_code == 200


def test_preview_shows_the_draft_as_the_patient_will_see_it(therapist_client, patient_record):
    program = published_program(patient=patient_record, items=1)
    services.add_program_item(
        program=program,
        exercise=ExerciseFactory(name="Bird dog", steps=["Reach your arm forward."]),
        by=program.therapist,
        expected_version=program.version,
    )
    content = therapist_client.get(_url("program-preview", program)).content.decode()
    assert "Preview of the draft" in content
    assert "Bird dog" in content
    assert "Reach your arm forward." in content
    assert "today they see version 1" in content


def test_a_published_program_with_no_changes_offers_the_patients_view_not_a_draft(
    therapist_client, patient_record
):
    program = published_program(patient=patient_record, items=1)
    detail = therapist_client.get(_url("program-detail", program)).content.decode()
    assert "Patient's view" in detail and "Preview draft" not in detail
    preview = therapist_client.get(_url("program-preview", program)).content.decode()
    assert "sees today: version 1, with nothing changed since" in preview
    assert "Preview of the draft" not in preview
    # A change makes it a draft again.
    services.add_program_item(
        program=program,
        exercise=ExerciseFactory(name="Bird dog"),
        by=program.therapist,
        expected_version=program.version,
    )
    detail = therapist_client.get(_url("program-detail", program)).content.decode()
    assert "Preview draft" in detail


# --- archive ----------------------------------------------------------------------------------


def test_archive_and_restore_keep_every_revision(therapist_client, patient_record):
    program = published_program(patient=patient_record, items=1)
    response = therapist_client.post(_url("program-archive", program), {"version": 2})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == Program.Status.ARCHIVED
    assert program.revisions.count() == 1
    therapist_client.post(_url("program-restore", program), {"version": program.version})
    program.refresh_from_db()
    assert program.status == Program.Status.PUBLISHED


def test_archive_with_a_stale_version_changes_nothing(therapist_client, patient_record):
    program = program_with_items(1, patient=patient_record)
    response = therapist_client.post(_url("program-archive", program), {"version": 7}, follow=True)
    assert "changed this program" in response.content.decode()
    program.refresh_from_db()
    assert program.status == Program.Status.DRAFT


def test_patient_programs_partial_lists_programs_and_links_to_create(rf, therapist, patient_record):
    from django.template.loader import render_to_string

    published_program(patient=patient_record, items=3, title="Starter")
    request = rf.get("/")
    request.user = therapist
    html = render_to_string(
        "programs/_patient_programs.html",
        {
            "patient": patient_record,
            "programs": Program.objects.filter(patient=patient_record).with_summary(),
            "user": therapist,
        },
        request=request,
    )
    assert "Starter" in html
    assert "3 exercises" in html
    assert "patient sees version 1" in html
    assert _create_url(patient_record) in html


def test_archiving_a_draft_never_published_says_the_patient_never_saw_it(
    therapist_client, patient_record, therapist
):
    program = ProgramFactory(patient=screened(patient_record), therapist=therapist)
    response = therapist_client.post(
        _url("program-archive", program), {"version": program.version}, follow=True
    )
    body = response.content.decode()
    assert "Draft archived. It was never published, so the patient never saw it." in body
    assert "It was never published, so the patient never saw it; the draft is kept." in body
    assert "every published version is kept" not in body
