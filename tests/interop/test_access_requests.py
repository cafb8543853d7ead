import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinic.models import AuditEvent
from interop import services
from interop.models import AccessRequest
from tests.interop import records
from tests.interop.fhir_checks import problems, resources


def _open_zip(response) -> zipfile.ZipFile:
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def released(patient_record, patient, admin):
    access_request = services.request_record_access(patient=patient_record, by=patient)
    return services.fulfil_access_request(access_request=access_request, by=admin)


# --- the patient ------------------------------------------------------------------------------


def test_patient_asks_for_a_copy_in_the_portal(patient_client, patient, patient_record):
    page = patient_client.get(reverse("interop:portal-record"))
    assert page.status_code == 200
    assert "Ask for a copy of my record" in page.text
    response = patient_client.post(reverse("interop:portal-record-request"))
    assert response.status_code == 302
    access_request = AccessRequest.objects.get()
    assert access_request.patient == patient_record
    assert access_request.requested_by == patient
    assert access_request.channel == AccessRequest.Channel.PORTAL
    assert access_request.due_on == timezone.localdate() + timedelta(days=30)
    assert access_request.is_open
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE)
    assert event.patient == patient_record and event.user == patient
    page = patient_client.get(reverse("interop:portal-record"))
    assert "Your request is with the clinic." in page.text
    assert "Ask for a copy of my record" not in page.text


def test_a_second_request_while_one_is_open_is_refused(patient_client, patient_record):
    patient_client.post(reverse("interop:portal-record-request"))
    response = patient_client.post(reverse("interop:portal-record-request"), follow=True)
    assert "already open" in response.text
    assert AccessRequest.objects.count() == 1


def test_the_database_allows_one_open_request_per_patient(patient_record, patient):
    services.request_record_access(patient=patient_record, by=patient)
    with pytest.raises(IntegrityError):
        AccessRequest.objects.create(
            patient=patient_record, requested_by=patient, due_on=timezone.localdate()
        )


def test_no_download_before_the_clinic_releases_it(patient_client, patient, patient_record):
    access_request = services.request_record_access(patient=patient_record, by=patient)
    url = reverse("interop:portal-record-download", args=[access_request.uuid])
    assert patient_client.get(url).status_code == 404


def test_the_released_record_downloads_as_one_zip(
    patient_client, patient_record, therapist, released
):
    records.full_record(patient_record, therapist)
    page = patient_client.get(reverse("interop:portal-record"))
    assert "Download my record (zip)" in page.text
    response = patient_client.get(reverse("interop:portal-record-download", args=[released.uuid]))
    assert response.status_code == 200
    assert "Rivera" not in response["Content-Disposition"]
    archive = _open_zip(response)
    names = set(archive.namelist())
    assert {"README.txt", "summary.pdf", "record.fhir.json"} <= names
    documents = sorted(name for name in names if name.startswith("documents/"))
    assert len(documents) == 2
    assert archive.read(next(n for n in documents if "handouts/" in n)) == records.HANDOUT_PDF
    bundle = json.loads(archive.read("record.fhir.json"))
    assert problems(bundle) == []
    urls = {
        r["content"][0]["attachment"]["url"]
        for r in resources(bundle)
        if r["resourceType"] == "DocumentReference"
    }
    assert urls == set(documents)
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert event.patient == patient_record
    assert "2 files" in event.detail


def test_the_summary_pdf_reads_like_the_record(patient_client, patient_record, therapist, released):
    records.full_record(patient_record, therapist)
    response = patient_client.get(reverse("interop:portal-record-download", args=[released.uuid]))
    text = _pdf_text(_open_zip(response).read("summary.pdf"))
    for expected in (
        "Pat Rivera",
        "Visits",
        "Pain from my left buttock down to my foot.",
        "Unexplained weight loss",
        "Roland-Morris Disability Questionnaire",
        "15/24",
        "Sciatica starter, version 2 (current)",
        "Last winter, version 1 (archived)",
        "hold 20 s",
        "Easier today.",
        "Page 1 of",
    ):
        assert expected in text, expected


def test_another_patients_copy_is_404(client, other_patient, released):
    client.force_login(other_patient)
    url = reverse("interop:portal-record-download", args=[released.uuid])
    assert client.get(url).status_code == 404


def test_the_download_ends_30_days_after_release(patient_client, released):
    AccessRequest.objects.filter(pk=released.pk).update(
        fulfilled_at=timezone.now() - timedelta(days=31)
    )
    url = reverse("interop:portal-record-download", args=[released.uuid])
    assert patient_client.get(url).status_code == 404
    assert "the download has ended" in patient_client.get(reverse("interop:portal-record")).text


# --- the clinic admin -------------------------------------------------------------------------


def test_admin_sees_open_and_overdue_requests(
    admin_client_, patient, patient_record, other_patient, other_patient_record
):
    services.request_record_access(patient=patient_record, by=patient)
    late = services.request_record_access(patient=other_patient_record, by=other_patient)
    AccessRequest.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    response = admin_client_.get(reverse("interop:access-request-list"))
    assert response.status_code == 200
    assert [item.patient for item in response.context["overdue"]] == [other_patient_record]
    assert [item.patient for item in response.context["open_requests"]] == [patient_record]


def test_admin_releases_a_request(admin_client_, admin, patient, patient_record):
    access_request = services.request_record_access(patient=patient_record, by=patient)
    response = admin_client_.post(
        reverse("interop:access-request-fulfil", args=[access_request.uuid])
    )
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.FULFILLED
    assert access_request.fulfilled_by == admin
    assert access_request.can_download


def test_admin_extends_once_with_a_reason(admin_client_, admin, patient, patient_record):
    access_request = services.request_record_access(patient=patient_record, by=patient)
    due = access_request.due_on
    url = reverse("interop:access-request-extend", args=[access_request.uuid])
    assert admin_client_.get(url).status_code == 200
    assert admin_client_.post(url, {"reason": "  "}).status_code == 422
    response = admin_client_.post(url, {"reason": "Waiting for the paper notes from storage."})
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.due_on == due + timedelta(days=30)
    assert access_request.extended_by == admin
    again = admin_client_.post(url, {"reason": "Still waiting."})
    assert again.status_code == 422
    assert "extended once already" in again.text
    access_request.refresh_from_db()
    assert access_request.due_on == due + timedelta(days=30)


def test_the_patient_is_told_why_it_takes_longer(patient_client, admin, patient, patient_record):
    access_request = services.request_record_access(patient=patient_record, by=patient)
    services.extend_access_request(
        access_request=access_request, reason="Waiting for the paper notes.", by=admin
    )
    page = patient_client.get(reverse("interop:portal-record"))
    assert "The clinic needs more time: Waiting for the paper notes." in page.text


# --- staff --------------------------------------------------------------------------------------


def test_staff_record_a_request_made_at_the_front_desk(therapist_client, therapist, patient_record):
    url = reverse("interop:patient-record-request", args=[patient_record.uuid])
    assert therapist_client.post(url, {"note": ""}).status_code == 422
    response = therapist_client.post(url, {"note": "Asked in person for everything, on paper."})
    assert response.status_code == 302
    access_request = AccessRequest.objects.get()
    assert access_request.channel == AccessRequest.Channel.STAFF
    assert access_request.requested_by == therapist
    page = therapist_client.get(
        reverse("interop:patient-record-access", args=[patient_record.uuid])
    )
    assert "Asked in person for everything, on paper." in page.text


def test_staff_download_the_same_zip_beside_the_old_export(
    therapist_client, therapist, patient_record
):
    page = therapist_client.get(reverse("pages:patient-detail", args=[patient_record.uuid]))
    assert reverse("interop:patient-record-access", args=[patient_record.uuid]) in page.text
    assert reverse("clinic:patient-export", args=[patient_record.uuid]) in page.text
    response = therapist_client.post(
        reverse("interop:patient-record-export", args=[patient_record.uuid])
    )
    assert response.status_code == 200
    archive = _open_zip(response)
    assert problems(json.loads(archive.read("record.fhir.json"))) == []
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.user, event.patient) == (therapist, patient_record)


def test_the_portal_progress_page_links_to_the_record(patient_client):
    page = patient_client.get(reverse("programs:portal-progress"))
    assert reverse("interop:portal-record") in page.text


def test_a_colleague_sees_and_exports_any_patients_record_but_not_the_admin_pages(
    client, colleague, patient_record
):
    """The matrix has no colleague column: a second therapist is staff like the first."""
    client.force_login(colleague)
    access = reverse("interop:patient-record-access", args=[patient_record.uuid])
    export = reverse("interop:patient-record-export", args=[patient_record.uuid])
    assert client.get(access).status_code == 200
    assert client.post(export).status_code == 200
    assert client.get(reverse("interop:access-request-list")).status_code == 403
    assert client.get(reverse("interop:token-list")).status_code == 403
