"""Handouts ready before anyone asks: the worker stores the current revision's PDF after a
publish, and again after the clinic's details or the patient's precautions change, so the
download serves the stored file."""

import pytest
from django.urls import reverse

from clinic.models import ClinicProfile
from programs.handouts import render as handout_render
from programs.handouts.ready import render_current_handouts
from programs.models import HandoutFile, Program
from programs.services import archive_program, publish_program
from tests.clinic import intake_data
from tests.factories import ContraindicationFactory, ProgramFactory, ProgramItemFactory, screened
from tests.programs.handout_samples import sample_exercise, sample_program

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders PDFs


@pytest.fixture
def huey_immediate():
    """Tasks run in the test's thread as they are queued."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    HUEY.storage.flush_all()
    yield HUEY
    HUEY.storage.flush_all()
    HUEY.immediate = was


@pytest.fixture
def render_calls(monkeypatch):
    calls = []
    real = handout_render.render_handout_pdf

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(handout_render, "render_handout_pdf", counting)
    return calls


def published(patient, capture, **fields):
    with capture(execute=True):
        return sample_program(patient=patient, items=2, **fields)


def download(client, program):
    response = client.get(reverse("programs:handout-pdf", kwargs={"uuid": program.uuid}))
    assert response.status_code == 200
    return response


@pytest.mark.usefixtures("huey_immediate")
def test_publishing_stores_the_handout_without_any_download(
    patient_client, patient_record, render_calls, django_capture_on_commit_callbacks
):
    program = published(patient_record, django_capture_on_commit_callbacks)

    [stored] = HandoutFile.objects.filter(revision=program.current_revision)
    assert (stored.paper, stored.large_print) == (HandoutFile.Paper.LETTER, False)
    assert stored.file.storage.exists(stored.file.name)
    assert len(render_calls) == 1

    response = download(patient_client, program)
    assert response["ETag"] == f'"{stored.key}"'
    assert len(render_calls) == 1  # the download served the stored file


@pytest.mark.usefixtures("huey_immediate")
def test_a_new_version_has_its_handout_stored_too(
    patient_record, render_calls, django_capture_on_commit_callbacks
):
    program = published(patient_record, django_capture_on_commit_callbacks)
    ProgramItemFactory(program=program, exercise=sample_exercise(3), order=9)
    with django_capture_on_commit_callbacks(execute=True):
        revision = publish_program(program=program, by=program.therapist)
    assert HandoutFile.objects.filter(revision=revision).count() == 1
    assert len(render_calls) == 2


def test_nothing_is_queued_until_the_publish_commits(patient_record, monkeypatch):
    queued = []
    monkeypatch.setattr("programs.tasks.render_current_handouts", queued.append)
    sample_program(patient=patient_record, items=1)  # the test's transaction never commits
    assert queued == []
    assert not HandoutFile.objects.exists()


def test_the_publish_queues_one_render_for_its_program(
    patient_record, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("programs.tasks.render_current_handouts", queued.append)
    program = published(patient_record, django_capture_on_commit_callbacks)
    assert queued == [program.pk]


def test_an_archived_program_gets_no_handout(patient_record, render_calls):
    program = sample_program(patient=patient_record, items=1)
    archive_program(program=program, by=program.therapist, expected_version=program.version)
    assert render_current_handouts(Program.objects.get(pk=program.pk)) == []
    assert render_calls == []


def test_rendering_again_with_nothing_changed_renders_nothing(patient_record, render_calls):
    program = sample_program(patient=patient_record, items=1)
    [first] = render_current_handouts(program)
    [again] = render_current_handouts(program)
    assert again.pk == first.pk
    assert len(render_calls) == 1


# --- after a change printed on the handout ------------------------------------------------------


@pytest.mark.usefixtures("huey_immediate")
def test_changing_the_clinics_details_renders_the_handouts_again(
    admin_client_, patient_record, render_calls, django_capture_on_commit_callbacks
):
    program = published(patient_record, django_capture_on_commit_callbacks)
    before = HandoutFile.objects.get(revision=program.current_revision)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            reverse("clinic:clinic-profile"),
            {"name": "Harbor Clinic", "phone": "(617) 555-0199", "nudge_after_days": 4},
        )
    assert response.status_code == 302
    [after] = HandoutFile.objects.filter(revision=program.current_revision)
    assert after.key != before.key  # rendered again; the old file was superseded and pruned
    assert len(render_calls) == 2
    response = download(admin_client_, program)
    assert response["ETag"] == f'"{after.key}"'
    assert len(render_calls) == 2  # the download served it


@pytest.mark.usefixtures("huey_immediate")
def test_saving_the_clinics_details_unchanged_renders_nothing(
    admin_client_, patient_record, render_calls, django_capture_on_commit_callbacks
):
    published(patient_record, django_capture_on_commit_callbacks)
    form = {"name": ClinicProfile.load().name, "nudge_after_days": 4}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        admin_client_.post(reverse("clinic:clinic-profile"), form)
    assert callbacks == []
    assert len(render_calls) == 1


@pytest.mark.usefixtures("huey_immediate")
def test_a_change_to_the_patients_precautions_renders_their_handouts_again(
    patient_record, therapist, render_calls, django_capture_on_commit_callbacks
):
    exercise = sample_exercise(1)
    ContraindicationFactory(
        exercise=exercise, tag="osteoporosis", action="caution", note="Lift your hips gently."
    )
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=exercise, order=0)
    with django_capture_on_commit_callbacks(execute=True):
        publish_program(program=program, by=therapist)
    before = HandoutFile.objects.get()

    intake = intake_data.start(patient_record, therapist)
    with django_capture_on_commit_callbacks(execute=True):
        intake_data.save(intake, "medical", {"osteoporosis": "on"}, therapist)
    assert "osteoporosis" in patient_record.precaution_tags()
    assert len(render_calls) == 2  # its caution is printed now
    [after] = HandoutFile.objects.all()
    assert after.key != before.key
    assert "osteoporosis" in render_calls[-1]["precaution_tags"]


def test_a_section_saved_without_a_change_of_precautions_queues_nothing(
    patient_record, therapist, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("programs.tasks.render_patients_handouts", queued.append)
    intake = intake_data.start(patient_record, therapist)
    with django_capture_on_commit_callbacks(execute=True):
        intake_data.save(intake, "pain", intake_data.pain(), therapist)
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        intake_data.save(intake, "medical", {"osteoporosis": "on"}, therapist)
    assert queued == [patient_record.pk]
