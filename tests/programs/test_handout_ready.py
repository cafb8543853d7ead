"""Handouts ready before anyone asks: the worker stores the current revision's PDF after a
publish, and again after the clinic's details or the patient's precautions change, so the
download serves the stored file."""

import pytest
from django.urls import reverse

from programs.handouts import render as handout_render
from programs.handouts.ready import render_current_handouts
from programs.models import HandoutFile, Program
from programs.services import archive_program, publish_program
from tests.factories import ProgramItemFactory
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
        revision = publish_program(program=program, published_by=program.therapist)
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
    archive_program(program=program, changed_by=program.therapist, expected_version=program.version)
    assert render_current_handouts(Program.objects.get(pk=program.pk)) == []
    assert render_calls == []


def test_rendering_again_with_nothing_changed_renders_nothing(patient_record, render_calls):
    program = sample_program(patient=patient_record, items=1)
    [first] = render_current_handouts(program)
    [again] = render_current_handouts(program)
    assert again.pk == first.pk
    assert len(render_calls) == 1
