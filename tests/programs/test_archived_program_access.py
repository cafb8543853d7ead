"""An archived program is gone for the patient everywhere, with the same 404 as any page they
may not open; staff still see every page, version and handout of it."""

import pytest
from django.urls import reverse

from programs.models import Program
from tests.programs.portal_helpers import program_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(therapist_client, patient_record):
    """Patient A's published program (with pictures), archived by their therapist."""
    program = program_with(patient_record, items=1)
    response = therapist_client.post(
        reverse("programs:program-archive", kwargs={"uuid": program.uuid}),
        {"version": program.version},
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == Program.Status.ARCHIVED
    return program


def _revision(program):
    return {"uuid": program.current_revision.uuid}


def _program(program):
    return {"uuid": program.uuid}


def _item(program):
    return {"uuid": program.uuid, "position": 1}


def _figure(program):
    return {"uuid": program.current_revision.uuid, "position": 1, "which": "animated"}


PATIENT_PAGES = [
    ("programs:portal-program", _program),
    ("programs:portal-follow", _item),
    ("programs:portal-log", _program),
    ("programs:portal-figure", _figure),
    ("programs:revision-detail", _revision),
    ("programs:handout-pdf", _program),
    ("programs:revision-handout-pdf", _revision),
]
STAFF_PAGES = [
    ("programs:program-detail", _program),
    ("programs:portal-figure", _figure),
    ("programs:revision-detail", _revision),
    ("programs:handout-pdf", _program),
    ("programs:revision-handout-pdf", _revision),
]


@pytest.mark.parametrize(("name", "kw"), PATIENT_PAGES, ids=[n for n, _ in PATIENT_PAGES])
def test_the_patient_gets_a_404_for_every_page_of_an_archived_program(
    archived, client, patient, name, kw
):
    client.force_login(patient)
    assert client.get(reverse(name, kwargs=kw(archived))).status_code == 404


def test_the_patient_cannot_log_a_session_against_an_archived_program(archived, client, patient):
    client.force_login(patient)
    response = client.post(reverse("programs:portal-log", kwargs=_program(archived)), {})
    assert response.status_code == 404
    assert not archived.session_logs.exists()


@pytest.mark.parametrize(("name", "kw"), STAFF_PAGES, ids=[n for n, _ in STAFF_PAGES])
def test_staff_still_open_every_page_of_an_archived_program(archived, client, admin, name, kw):
    client.force_login(admin)
    assert client.get(reverse(name, kwargs=kw(archived))).status_code == 200


def test_restoring_the_program_gives_it_back_to_the_patient(
    archived, therapist_client, client, patient
):
    therapist_client.post(
        reverse("programs:program-restore", kwargs=_program(archived)),
        {"version": Program.objects.get(pk=archived.pk).version},
    )
    client.force_login(patient)
    assert (
        client.get(reverse("programs:revision-detail", kwargs=_revision(archived))).status_code
        == 200
    )
