"""Downloading a handout: who may, what comes back, and serving the stored file."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from clinic.models import ClinicProfile
from programs.handouts import render as handout_render
from programs.handouts.keys import handout_key
from programs.models import HandoutFile, ProgramItem
from programs.services import publish_program
from tests.factories import ProgramFactory, ProgramItemFactory, screened
from tests.programs.handout_samples import pdf_pages, sample_program

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders PDFs


@pytest.fixture
def program(patient_record):
    return sample_program(patient=patient_record, items=2)


@pytest.fixture
def other_program(other_patient_record):
    return sample_program(patient=other_patient_record, items=1)


@pytest.fixture
def render_calls(monkeypatch):
    calls = []
    real = handout_render.render_handout_pdf

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(handout_render, "render_handout_pdf", counting)
    return calls


def url(program, **query):
    base = reverse("programs:handout-pdf", kwargs={"uuid": program.uuid})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def revision_url(revision):
    return reverse("programs:revision-handout-pdf", kwargs={"uuid": revision.uuid})


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_anonymous_is_sent_to_login(client, program):
    response = client.get(url(program))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_patient_downloads_their_own_handout(patient_client, program):
    response = patient_client.get(url(program))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rivera-home-program-v1.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    stored = HandoutFile.objects.get()
    assert response["ETag"] == f'"{stored.key}"'
    pages = pdf_pages(body(response))
    assert "Pat Rivera" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_other_patients_handout_is_404(patient_client, other_program):
    assert patient_client.get(url(other_program)).status_code == 404
    revision = other_program.current_revision
    assert patient_client.get(revision_url(revision)).status_code == 404
    assert not HandoutFile.objects.exists()


@pytest.mark.parametrize("who", ["therapist_client", "admin_client_"])
def test_staff_download_any_patients_handout(request, who, program, other_program):
    client = request.getfixturevalue(who)
    assert client.get(url(program)).status_code == 200
    assert client.get(url(other_program)).status_code == 200


def test_colleague_downloads_too(client, colleague, program):
    client.force_login(colleague)
    assert client.get(url(program)).status_code == 200


def test_unpublished_program_has_no_handout(therapist_client, patient_client, patient_record):
    draft = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=draft)
    assert therapist_client.get(url(draft)).status_code == 404
    assert patient_client.get(url(draft)).status_code == 404


def test_unknown_program_is_404(therapist_client):
    missing = reverse(
        "programs:handout-pdf", kwargs={"uuid": "00000000-0000-0000-0000-000000000000"}
    )
    assert therapist_client.get(missing).status_code == 404


def test_post_is_not_allowed(patient_client, program):
    assert patient_client.post(url(program)).status_code == 405


def test_a4_and_large_print_options(patient_client, program):
    a4 = patient_client.get(url(program, paper="a4"))
    assert a4.status_code == 200
    assert a4["Content-Disposition"].endswith('filename="rivera-home-program-v1-a4.pdf"')
    box = PdfReader(io.BytesIO(body(a4))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)

    large = patient_client.get(url(program, large=1))
    assert large["Content-Disposition"].endswith(
        'filename="rivera-home-program-v1-large-print.pdf"'
    )
    assert patient_client.get(url(program, large=0))["Content-Disposition"].endswith(
        'filename="rivera-home-program-v1.pdf"'
    )


@pytest.mark.parametrize("query", [{"paper": "legal"}, {"large": "yes"}])
def test_unknown_option_is_a_400_not_a_500(patient_client, program, query):
    response = patient_client.get(url(program, **query))
    assert response.status_code == 400
    assert not HandoutFile.objects.exists()


def test_second_download_is_served_from_storage(patient_client, program, render_calls):
    first = body(patient_client.get(url(program)))
    second = patient_client.get(url(program))
    assert second.status_code == 200
    assert body(second) == first
    assert len(render_calls) == 1


def test_matching_etag_gets_304_without_a_body(patient_client, program, render_calls):
    etag = patient_client.get(url(program))["ETag"]
    response = patient_client.get(url(program), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "private, no-store"
    assert patient_client.get(url(program), HTTP_IF_NONE_MATCH='"stale"').status_code == 200
    assert len(render_calls) == 1


def test_new_revision_changes_the_etag_and_the_version(
    patient_client, program, therapist, render_calls
):
    old_etag = patient_client.get(url(program))["ETag"]
    ProgramItem.objects.filter(program=program).update(reps=12)
    publish_program(program=program, by=therapist)
    response = patient_client.get(url(program), HTTP_IF_NONE_MATCH=old_etag)
    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert response["Content-Disposition"].endswith('filename="rivera-home-program-v2.pdf"')
    assert "Version 2, published" in pdf_pages(body(response))[0]


def test_staff_download_an_old_revision(therapist_client, program, therapist):
    first = program.current_revision
    ProgramItem.objects.filter(program=program).update(reps=12)
    publish_program(program=program, by=therapist)
    response = therapist_client.get(revision_url(first))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="rivera-home-program-v1.pdf"')
    assert "Version 1, published" in pdf_pages(body(response))[0]


def test_patient_reaches_only_their_current_revision(patient_client, program, therapist):
    first = program.current_revision
    assert patient_client.get(revision_url(first)).status_code == 200
    ProgramItem.objects.filter(program=program).update(reps=12)
    second = publish_program(program=program, by=therapist)
    assert patient_client.get(revision_url(first)).status_code == 404
    assert patient_client.get(revision_url(second)).status_code == 200


def _small_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stored_handout(revision, *, paper=HandoutFile.Paper.LETTER, large_print=False):
    """A stored handout under the key the download will ask for, without rendering one."""
    patient = revision.program.patient
    key = handout_key(
        revision=revision,
        patient=patient,
        clinic=ClinicProfile.load(),
        paper=paper,
        large_print=large_print,
        precaution_tags=patient.precaution_tags(),
    )
    pdf = _small_pdf()
    handout = HandoutFile(
        revision=revision, key=key, paper=paper, large_print=large_print, size=len(pdf), pages=1
    )
    handout.file.save(f"{key}.pdf", ContentFile(pdf))
    return handout


@pytest.mark.parametrize("items", [1, 12, 50])
def test_cached_download_query_count_is_constant(
    patient_client, patient_record, items, django_assert_num_queries, render_calls
):
    program = sample_program(patient=patient_record, items=items, title=f"Program {items}")
    stored = stored_handout(program.current_revision)
    # session + user, program with revision, clinic profile, the patient's precautions (for
    # the cautions in the key), the exercises with a clinic video (for the key), stored
    # handout, and the audit event (one insert)
    with django_assert_num_queries(8):
        response = patient_client.get(url(program))
    assert response.status_code == 200
    assert response["ETag"] == f'"{stored.key}"'
    with stored.file.open("rb") as handle:
        assert body(response) == handle.read()
    assert render_calls == []  # the stored file was served: nothing was rendered


def test_each_download_is_in_the_audit_log(patient_client, program, patient):
    from clinic.models import AuditEvent

    patient_client.get(url(program, paper="a4"))
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert event.user == patient
    assert event.patient == program.patient
    assert event.object_id == str(program.current_revision.uuid)
    assert event.detail == "PDF handout, A4"
    etag = patient_client.get(url(program))["ETag"]
    patient_client.get(url(program), HTTP_IF_NONE_MATCH=etag)  # 304: nothing sent, not logged
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD).count() == 2


def test_staff_pages_link_each_versions_handout(therapist_client, program, therapist):
    first = program.current_revision
    ProgramItem.objects.filter(program=program).update(reps=12)
    second = publish_program(program=program, by=therapist)
    detail = therapist_client.get(program.get_absolute_url()).content.decode()
    for revision in (first, second):
        assert f'href="{revision_url(revision)}"' in detail
    page = therapist_client.get(first.get_absolute_url()).content.decode()
    assert f'href="{revision_url(first)}?paper=a4"' in page
    assert f'href="{revision_url(first)}?large=1"' in page
