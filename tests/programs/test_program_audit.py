"""Every program page and write leaves one line in the audit log: who, which patient, what."""

import pytest
from django.urls import reverse

from clinic import audit
from clinic.models import AuditEvent
from programs.models import Program, ProtocolTemplate
from tests.factories import (
    ExerciseFactory,
    ProgramItemFactory,
    ProtocolTemplateFactory,
    TemplateItemFactory,
    published_program,
)
from tests.programs.builder_helpers import (
    HTMX,
    hidden_exercise,
    hip_patient_tags,
    program_with_items,
    url,
)


def only_event(**filters) -> AuditEvent:
    """The single program event written since the test began (logins are not counted)."""
    events = AuditEvent.objects.exclude(action__in=["login", "logout"]).filter(**filters)
    assert events.count() == 1, list(events.values_list("action", "object_type", "detail"))
    return events.get()


def assert_event(event, *, user, patient, action, obj):
    assert event.user == user
    assert event.actor == user.email
    assert event.role == user.role
    assert event.patient == patient
    assert event.action == action
    assert event.object_type == obj._meta.label_lower
    assert event.object_id == str(obj.uuid)


@pytest.fixture
def program(patient_record):
    return program_with_items(2, patient=patient_record)


# --- views --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["program-detail", "program-preview", "program-builder"])
def test_opening_a_program_page_is_logged_as_a_view(
    page, therapist_client, therapist, patient_record, program
):
    assert therapist_client.get(url(page, program)).status_code == 200
    event = only_event()
    assert_event(event, user=therapist, patient=patient_record, action="view", obj=program)


def test_opening_a_revision_is_logged_as_a_view_of_that_version(
    therapist_client, therapist, patient_record
):
    program = published_program(patient=patient_record, items=1)
    therapist_client.get(url("revision-detail", program.current_revision))
    event = only_event(action="view")  # publishing it was recorded too, as a publish
    assert_event(
        event,
        user=therapist,
        patient=patient_record,
        action="view",
        obj=program.current_revision,
    )


def test_a_patient_reading_their_program_is_logged_too(client, patient, patient_record):
    program = published_program(patient=patient_record, items=1)
    client.force_login(patient)
    client.get(url("revision-detail", program.current_revision))
    event = only_event(action="view")
    assert_event(
        event, user=patient, patient=patient_record, action="view", obj=program.current_revision
    )


def test_pages_that_are_refused_log_nothing(patient_client, program):
    assert patient_client.get(url("program-builder", program)).status_code == 403
    assert not AuditEvent.objects.filter(action="view").exists()


def test_the_log_stays_a_valid_chain(therapist_client, program):
    therapist_client.get(url("program-detail", program))
    therapist_client.get(url("program-builder", program))
    assert audit.verify_chain() == []


# --- create -------------------------------------------------------------------------------------


def test_creating_a_program_is_logged(therapist_client, therapist, patient_record):
    therapist_client.post(
        reverse("programs:program-create", kwargs={"uuid": patient_record.uuid}),
        {"title": "Hip and back", "goals": "", "start_date": "2026-11-24", "review_date": ""},
    )
    program = Program.objects.get()
    event = only_event(action="create")
    assert_event(event, user=therapist, patient=patient_record, action="create", obj=program)


def test_starting_a_program_from_a_template_is_logged(therapist_client, therapist, patient_record):
    template = ProtocolTemplateFactory(name="Sacroiliac stabilisation")
    TemplateItemFactory(template=template, exercise=ExerciseFactory(name="Clamshell"))
    therapist_client.post(
        reverse("programs:template-start", kwargs={"uuid": template.uuid}),
        {"patient": patient_record.pk, "title": "", "start_date": "2026-11-24"},
    )
    program = Program.objects.get()
    event = only_event(action="create")
    assert_event(event, user=therapist, patient=patient_record, action="create", obj=program)
    assert "Sacroiliac stabilisation" in event.detail


def test_saving_a_program_as_a_template_is_logged_against_the_patient(
    therapist_client, therapist, patient_record, program
):
    therapist_client.post(
        url("program-save-template", program), {"version": 1, "name": "Bridge focus"}
    )
    template = ProtocolTemplate.objects.get(name="Bridge focus")
    event = only_event(action="create")
    assert_event(event, user=therapist, patient=patient_record, action="create", obj=template)


def test_a_refused_create_logs_nothing(therapist_client, patient_record):
    therapist_client.post(
        reverse("programs:program-create", kwargs={"uuid": patient_record.uuid}),
        {"title": "", "start_date": "2026-11-24"},
    )
    assert not AuditEvent.objects.filter(action="create").exists()


# --- draft saves --------------------------------------------------------------------------------


def _details(version):
    return {
        "version": version,
        "title": "Week 2",
        "goals": "",
        "notes": "",
        "start_date": "2026-11-01",
        "review_date": "",
    }


def _dose(item, version):
    fields = {
        "sets": 2,
        "reps": 8,
        "hold_s": "",
        "duration_min": "",
        "side": item.side,
        "times_per_day": 1,
        "days_per_week": 7,
        "tempo": "",
        "note": "",
        "version": version,
    }
    return {f"item-{item.pk}-{key}": value for key, value in fields.items()}


WRITES = {
    "details": lambda p, first, second: (url("program-details", p), _details(1)),
    "add": lambda p, first, second: (
        url("program-item-add", p),
        {"version": 1, "exercise": ExerciseFactory(name="Bird dog").pk},
    ),
    "dose": lambda p, first, second: (
        url("program-item-update", p, item_id=first.pk),
        _dose(first, 1),
    ),
    "remove": lambda p, first, second: (
        url("program-item-remove", p, item_id=first.pk),
        {"version": 1},
    ),
    "reorder": lambda p, first, second: (
        url("program-items-reorder", p),
        {"version": 1, "item": [second.pk, first.pk]},
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_each_draft_save_is_logged_as_an_update(
    write, therapist_client, therapist, patient_record, program
):
    first, second = program.items.all()
    address, data = WRITES[write](program, first, second)
    response = therapist_client.post(address, data, **HTMX)
    assert response.status_code == 200
    event = only_event(action="update")
    assert_event(event, user=therapist, patient=patient_record, action="update", obj=program)
    assert event.detail


def test_an_override_reason_is_logged_as_an_update(therapist_client, therapist, patient_record):
    program = program_with_items(0, patient=patient_record)
    item = ProgramItemFactory(program=program, exercise=hidden_exercise())
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    prefix = f"override-{item.pk}"
    therapist_client.post(
        url("program-item-override", program, item_id=item.pk),
        {f"{prefix}-version": 1, f"{prefix}-override_reason": "Cleared by the surgeon today."},
        **HTMX,
    )
    event = only_event(action="update")
    assert_event(event, user=therapist, patient=patient_record, action="update", obj=program)
    assert "override" in event.detail


def test_a_stale_save_logs_nothing(therapist_client, program):
    Program.objects.filter(pk=program.pk).update(version=5)
    response = therapist_client.post(url("program-details", program), _details(1), **HTMX)
    assert response.status_code == 409
    assert not AuditEvent.objects.filter(action="update").exists()


def test_an_invalid_dose_logs_nothing(therapist_client, program):
    item = program.items.first()
    data = _dose(item, 1) | {f"item-{item.pk}-sets": 0}
    response = therapist_client.post(url("program-item-update", program, item_id=item.pk), data)
    assert response.status_code == 422
    assert not AuditEvent.objects.filter(action="update").exists()


def test_a_service_called_without_a_page_records_its_write_too(therapist, patient_record, program):
    """The builder's writes are recorded by the services, so a command is audited like a page."""
    from programs import services

    first = program.items.first()
    services.remove_program_item(item=first, by=therapist, expected_version=1)
    event = only_event(action="update")
    assert_event(event, user=therapist, patient=patient_record, action="update", obj=program)
    assert event.detail == f"removed {first.exercise.name}"
    assert event.ip is None


# --- publish, archive, restore --------------------------------------------------------------------


def test_publishing_is_logged_with_the_new_revision(
    therapist_client, therapist, patient_record, program
):
    therapist_client.post(url("program-publish", program), {"version": 1})
    revision = program.revisions.get()
    event = only_event(action="publish")
    assert_event(event, user=therapist, patient=patient_record, action="publish", obj=revision)


def test_a_refused_publish_logs_nothing(therapist_client, patient_record):
    empty = program_with_items(0, patient=patient_record)
    therapist_client.post(url("program-publish", empty), {"version": 1})
    assert not AuditEvent.objects.filter(action="publish").exists()


def test_archiving_is_logged(therapist_client, therapist, patient_record, program):
    therapist_client.post(url("program-archive", program), {"version": 1})
    event = only_event(action="archive")
    assert_event(event, user=therapist, patient=patient_record, action="archive", obj=program)


def test_restoring_is_logged_as_a_change(therapist_client, therapist, patient_record, program):
    therapist_client.post(url("program-archive", program), {"version": 1})
    program.refresh_from_db()
    therapist_client.post(url("program-restore", program), {"version": program.version})
    event = only_event(action="update")
    assert_event(event, user=therapist, patient=patient_record, action="update", obj=program)
    assert "restored" in event.detail
