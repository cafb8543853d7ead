"""Imaging and test report files: upload checks, access, audit, filing in error."""

import hashlib
import io
import os
import re
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter

from clinic import imaging_reports
from clinic.admin import ImagingReportAdmin
from clinic.intake.sections import ImagingSection
from clinic.models import AuditEvent, ImagingReport, Intake, IntakeAmendment
from tests.clinic import intake_data as data
from tests.factories import REPORT_PDF, blank_pdf

MRI = {"kind": "mri", "date": "2026-01-05", "facility": "Harbor Imaging", "summary": "L4-5 bulge"}
XRAY = {"kind": "xray", "facility": "Bay Radiology"}


def add_url(intake):
    return reverse("clinic:imaging-report-add", kwargs={"uuid": intake.uuid})


def download_url(report):
    return reverse("clinic:imaging-report-download", kwargs={"uuid": report.uuid})


def error_url(report):
    return reverse("clinic:imaging-report-filed-in-error", kwargs={"uuid": report.uuid})


def section_url(intake, slug="imaging"):
    return reverse("clinic:intake-section", kwargs={"uuid": intake.uuid, "slug": slug})


@pytest.fixture
def intake(patient_record, therapist):
    """A draft intake listing an MRI and an X-ray."""
    intake = data.start(patient_record, therapist)
    data.save(intake, "imaging", data.rows("imaging", MRI, XRAY), therapist)
    return intake


def refs(intake) -> list[str]:
    intake.refresh_from_db()
    return [row["ref"] for row in ImagingSection.entries(intake)]


def pdf_upload(name="mri-report.pdf", content=REPORT_PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def attach(intake, by, *, entry=0, content=REPORT_PDF, name="mri-report.pdf"):
    """Attach through the real checks and service, as the view does."""
    return imaging_reports.attach_imaging_report(
        intake=intake,
        entry=refs(intake)[entry],
        report=imaging_reports.check_report_pdf(pdf_upload(name, content)),
        by=by,
    )


def stored_files(settings) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "imaging-reports"
    return sorted(folder.iterdir()) if folder.exists() else []


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def encrypted_pdf(*, opens_without_password=False, algorithm="RC4-128", pages=1) -> bytes:
    """A PDF with an owner password, and a user password unless it opens without one."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    writer.encrypt(
        user_password="" if opens_without_password else "user-secret",
        owner_password="owner-secret",
        algorithm=algorithm,
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- attaching --------------------------------------------------------------------------------


def test_therapist_attaches_a_report_pdf_to_a_test(therapist_client, therapist, intake, settings):
    mri_ref = refs(intake)[0]
    pdf = blank_pdf(pages=3)
    response = therapist_client.post(
        add_url(intake),
        {"entry": mri_ref, "file": pdf_upload("MRI lumbar spine.pdf", pdf), "note": "By post"},
    )
    assert response.status_code == 302
    assert response["Location"] == intake.get_absolute_url() + "#s-imaging"

    report = ImagingReport.objects.get()
    assert (report.patient, report.intake, report.entry) == (intake.patient, intake, mri_ref)
    assert report.entry_label == "MRI, 5 Jan 2026, Harbor Imaging"
    assert report.original_name == "MRI lumbar spine.pdf"
    assert report.size == len(pdf)
    assert report.sha256 == hashlib.sha256(pdf).hexdigest()
    assert report.pages == 3
    assert report.note == "By post"
    assert report.uploaded_by == therapist
    assert not report.is_filed_in_error
    # A random name in the private folder, nothing from the patient or the upload's name.
    assert re.fullmatch(r"imaging-reports/[0-9a-f]{32}\.pdf", report.file.name)
    assert [p.read_bytes() for p in stored_files(settings)] == [pdf]
    # Readable by the app's account and group only, not by every account on the server.
    stored = Path(settings.MEDIA_ROOT) / report.file.name
    assert stat.S_IMODE(stored.stat().st_mode) == 0o640
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o750

    page = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert "MRI lumbar spine.pdf" in page
    assert download_url(report) in page
    assert "3 pages" in page
    assert "Added by Tess Therapist, " in page


def test_the_test_is_chosen_from_the_page_it_was_opened_from(therapist_client, intake):
    xray_ref = refs(intake)[1]
    response = therapist_client.get(add_url(intake) + f"?entry={xray_ref}")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{xray_ref}" selected>X-ray, Bay Radiology</option>' in body
    assert 'enctype="multipart/form-data"' in body
    assert re.search(r'<label\s+for="id_file"', body)
    # This form, the log-out form and the language switch in the footer.
    assert body.count('name="csrfmiddlewaretoken"') == 3


BAD_FILES = [
    pytest.param(pdf_upload("scan.pdf", png_bytes()), "This file is not a PDF", id="png-named-pdf"),
    pytest.param(
        pdf_upload("report.pdf", b"<html><script>alert(1)</script></html>"),
        "This file is not a PDF",
        id="html-named-pdf",
    ),
    pytest.param(
        pdf_upload("report.pdf", b"MZ\x90\x00" + REPORT_PDF, "application/pdf"),
        "This file is not a PDF",
        id="pdf-after-other-bytes",
    ),
    pytest.param(
        pdf_upload("report.pdf", b"%PDF-1.7\n" + b"x" * 500),
        "This PDF cannot be read",
        id="damaged-pdf",
    ),
    pytest.param(
        pdf_upload("report.pdf", encrypted_pdf()), "password-protected", id="encrypted-pdf"
    ),
    pytest.param(
        pdf_upload("report.pdf", encrypted_pdf(algorithm="AES-256")),
        "password-protected",
        id="encrypted-pdf-aes",
    ),
    pytest.param(pdf_upload("report.pdf", b""), "The file is empty", id="empty"),
    pytest.param(None, "Choose the report PDF to attach", id="no-file"),
]


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_with_only_an_owner_password_is_attached_as_it_is(
    therapist_client, intake, settings, algorithm
):
    """Hospital portals restrict printing with an owner password; the report still opens."""
    pdf = encrypted_pdf(opens_without_password=True, algorithm=algorithm, pages=2)
    response = therapist_client.post(
        add_url(intake), {"entry": refs(intake)[0], "file": pdf_upload("MRI report.pdf", pdf)}
    )
    assert response.status_code == 302
    report = ImagingReport.objects.get()
    assert report.pages == 2
    assert [p.read_bytes() for p in stored_files(settings)] == [pdf]


@pytest.mark.parametrize(("upload", "message"), BAD_FILES)
def test_a_bad_file_is_refused_next_to_the_field_and_nothing_is_saved(
    therapist_client, intake, settings, upload, message
):
    post = {"entry": refs(intake)[0], "note": "Faxed by Dr Lee"}
    if upload is not None:
        post["file"] = upload
    response = therapist_client.post(add_url(intake), post)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors["file"])
    body = response.content.decode()
    assert message in body
    assert 'id="id_file"' in body and "is-invalid" in body
    # Everything else typed is kept.
    assert 'value="Faxed by Dr Lee"' in body
    assert f'value="{refs(intake)[0]}" selected' in body
    assert not ImagingReport.objects.exists()
    assert stored_files(settings) == []
    assert not AuditEvent.objects.filter(object_type="clinic.imagingreport").exists()


def test_an_oversize_upload_is_not_read_past_the_limit(
    therapist_client, intake, settings, monkeypatch
):
    settings.RESTORE_REPORT_MAX_BYTES = 2048
    checked = []
    monkeypatch.setattr(imaging_reports, "check_report_pdf", lambda upload: checked.append(upload))
    big = REPORT_PDF + b"%" * 200_000
    response = therapist_client.post(
        add_url(intake), {"entry": refs(intake)[0], "file": pdf_upload(content=big)}
    )
    assert response.status_code == 200
    assert "The file is larger than 2.0\xa0KB" in " ".join(response.context["form"].errors["file"])
    assert checked == []  # the size-limit handler skipped the file before the form saw it
    assert not ImagingReport.objects.exists()
    assert stored_files(settings) == []


def test_the_size_limit_also_holds_without_the_upload_handler(settings):
    settings.RESTORE_REPORT_MAX_BYTES = 2048
    with pytest.raises(imaging_reports.ValidationError, match="larger than"):
        imaging_reports.check_report_pdf(pdf_upload(content=REPORT_PDF + b"%" * 5000))
    assert imaging_reports.check_report_pdf(pdf_upload()).pages == 1


def _multipart(fields: dict, filename: str, content: bytes) -> tuple[bytes, str]:
    """A request body with the file name exactly as a hostile client would send it."""
    boundary = "restore-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f"--{boundary}\r\nContent-Disposition: form-data; "
        f'name="file"; filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(
    ("filename", "kept_as"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\evil.pdf", "evil.pdf"),
        ("/var/lib/restore/media/x.pdf", "x.pdf"),
        ("report\u202efdp.exe", "reportfdp.exe"),
    ],
)
def test_a_hostile_file_name_is_kept_as_metadata_only(
    therapist_client, intake, settings, filename, kept_as
):
    body, content_type = _multipart({"entry": refs(intake)[0]}, filename, REPORT_PDF)
    response = therapist_client.post(add_url(intake), body, content_type=content_type)
    assert response.status_code == 302
    report = ImagingReport.objects.get()
    assert report.original_name == kept_as
    assert re.fullmatch(r"imaging-reports/[0-9a-f]{32}\.pdf", report.file.name)
    media = Path(settings.MEDIA_ROOT).resolve()
    assert [p.resolve().parent for p in stored_files(settings)] == [media / "imaging-reports"]
    download = therapist_client.get(download_url(report))
    assert download["Content-Disposition"] == (
        f'attachment; filename="{imaging_reports.download_name(report)}"'
    )
    assert re.fullmatch(r"[a-z0-9-]+\.pdf", imaging_reports.download_name(report))


def test_a_hostile_name_on_a_file_that_is_not_a_pdf_is_refused(therapist_client, intake):
    body, content_type = _multipart({"entry": refs(intake)[0]}, "../../etc/passwd", b"root:x:0:0")
    response = therapist_client.post(add_url(intake), body, content_type=content_type)
    assert response.status_code == 200
    assert "This file is not a PDF" in response.content.decode()
    assert not ImagingReport.objects.exists()


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("", "report.pdf"),
        ("..", "report.pdf"),
        ("a/b\\c.pdf", "c.pdf"),
        ("tab\there\x00.pdf", "tabhere.pdf"),
        ("  spaced\u00a0out  .pdf ", "spaced out .pdf"),
        ("x" * 300 + ".pdf", "x" * 200),
    ],
)
def test_original_names_are_cleaned(name, cleaned):
    assert imaging_reports.clean_original_name(name) == cleaned


def test_the_same_file_twice_on_one_test_is_refused(therapist_client, therapist, intake):
    attach(intake, therapist)
    response = therapist_client.post(
        add_url(intake), {"entry": refs(intake)[0], "file": pdf_upload()}
    )
    assert response.status_code == 200
    assert "already attached to this test" in " ".join(response.context["form"].errors["file"])
    assert ImagingReport.objects.count() == 1


def test_a_test_that_is_not_in_the_intake_is_refused(therapist_client, intake, settings):
    response = therapist_client.post(
        add_url(intake), {"entry": uuid.uuid4().hex, "file": pdf_upload()}
    )
    assert response.status_code == 200
    assert "entry" in response.context["form"].errors
    assert not ImagingReport.objects.exists()
    assert stored_files(settings) == []


def test_a_report_is_an_addition_to_a_signed_intake_not_an_amendment(
    therapist_client, therapist, patient_record
):
    intake = data.ready_to_sign(patient_record, therapist)
    data.save(intake, "imaging", data.rows("imaging", MRI), therapist)
    data.sign(intake, therapist)
    answers = Intake.objects.get(pk=intake.pk).answers

    page = therapist_client.get(add_url(intake)).content.decode()
    assert "later addition" in page
    response = therapist_client.post(
        add_url(intake), {"entry": refs(intake)[0], "file": pdf_upload()}
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.is_signed and intake.answers == answers
    assert not IntakeAmendment.objects.exists()
    report = ImagingReport.objects.get()
    assert report.added_after_signing
    assert "after signing" in therapist_client.get(intake.get_absolute_url()).content.decode()


def test_an_archived_patients_intake_takes_no_report(therapist_client, therapist, intake):
    from clinic import services

    services.archive_patient(patient=intake.patient, by=therapist)
    assert therapist_client.get(add_url(intake)).status_code == 302
    response = therapist_client.post(
        add_url(intake), {"entry": refs(intake)[0], "file": pdf_upload()}
    )
    assert response.status_code == 302
    assert not ImagingReport.objects.exists()


def test_an_intake_without_tests_says_to_add_the_test_first(
    therapist_client, therapist, patient_record
):
    intake = data.start(patient_record, therapist)
    response = therapist_client.get(add_url(intake))
    assert response.status_code == 200
    assert "lists no scans or tests yet" in response.content.decode()
    assert section_url(intake) in response.content.decode()


def test_only_a_therapist_attaches(admin_client_, patient_client, intake):
    post = {"entry": refs(intake)[0], "file": pdf_upload()}
    assert admin_client_.post(add_url(intake), post).status_code == 403
    assert not ImagingReport.objects.exists()


def test_another_clinics_patient_or_unknown_intake_is_404(therapist_client):
    url = reverse("clinic:imaging-report-add", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.get(url).status_code == 404


junk = st.one_of(st.text(max_size=40), st.sampled_from(["", "0", "-1", "\x00", "../x", "a" * 300]))


# Each example is a request: at most 25, fewer under the light local profile.
@settings(
    max_examples=min(25, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(post=st.dictionaries(st.sampled_from(["entry", "note", "file"]), junk, max_size=3))
def test_random_values_never_crash_the_upload_or_save_anything(therapist_client, intake, post):
    response = therapist_client.post(add_url(intake), post)
    assert response.status_code == 200
    assert not ImagingReport.objects.exists()


# --- downloading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("patient", 404), ("other_patient", 404), ("therapist", 200), ("colleague", 200)]
    + [("admin", 200)],
)
def test_download_status_for_each_visitor(client, therapist, intake, request, who, status):
    report = attach(intake, therapist)
    client.force_login(request.getfixturevalue(who))
    assert client.get(download_url(report)).status_code == status


def test_anonymous_download_goes_to_login(client, therapist, intake):
    report = attach(intake, therapist)
    response = client.get(download_url(report))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_report_is_downloaded_as_a_private_pdf_attachment(therapist_client, therapist, intake):
    report = attach(intake, therapist, name="MRI lumbar (final).pdf")
    response = therapist_client.get(download_url(report))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == REPORT_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mri-lumbar-final.pdf"'
    assert {part.strip() for part in response["Cache-Control"].split(",")} >= {
        "private",
        "no-store",
    }
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_report_and_a_lost_file_are_404_not_500(therapist_client, therapist, intake):
    url = reverse("clinic:imaging-report-download", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.get(url).status_code == 404
    report = attach(intake, therapist)
    Path(report.file.path).unlink()
    assert therapist_client.get(download_url(report)).status_code == 404


def test_download_is_get_only(therapist_client, therapist, intake):
    report = attach(intake, therapist)
    assert therapist_client.post(download_url(report)).status_code == 405


# --- audit ------------------------------------------------------------------------------------


def test_upload_download_and_filing_in_error_are_audited(therapist_client, therapist, intake):
    therapist_client.post(add_url(intake), {"entry": refs(intake)[0], "file": pdf_upload()})
    report = ImagingReport.objects.get()
    therapist_client.get(download_url(report))
    therapist_client.post(error_url(report), {"reason": "Another patient's report"})
    events = list(
        AuditEvent.objects.filter(object_type="clinic.imagingreport")
        .order_by("pk")
        .values("action", "user", "patient", "object_id", "detail")
    )
    sha = hashlib.sha256(REPORT_PDF).hexdigest()
    common = {"user": therapist.pk, "patient": intake.patient.pk, "object_id": str(report.uuid)}
    assert events == [
        {
            **common,
            "action": "create",
            "detail": f"imaging report attached: {len(REPORT_PDF)} bytes, 1 page, sha256 {sha}",
        },
        {**common, "action": "download", "detail": "imaging report PDF"},
        {**common, "action": "update", "detail": "imaging report marked as filed in error"},
    ]


# --- filed in error ---------------------------------------------------------------------------


def test_filed_in_error_keeps_the_file_and_who_when_why(therapist_client, therapist, intake):
    report = attach(intake, therapist)
    response = therapist_client.post(error_url(report), {"reason": "  Belongs with the X-ray "})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_filed_in_error
    assert report.filed_in_error_by == therapist
    assert report.filed_in_error_reason == "Belongs with the X-ray"
    assert Path(report.file.path).read_bytes() == REPORT_PDF
    assert therapist_client.get(download_url(report)).status_code == 200

    therapist_client.get(intake.get_absolute_url())  # shows (and uses up) the "marked" message
    page = therapist_client.get(intake.get_absolute_url()).content.decode()
    folded = page[page.index('<details class="filed-in-error">') :]
    folded = folded[: folded.index("</details>")]
    assert "1 report filed in error" in folded
    assert "<del" in folded and "mri-report.pdf" in folded
    assert "Why: Belongs with the X-ray" in folded
    assert "Marked as filed in error by Tess Therapist, " in folded
    # Out of the default list: the only visible mention is in the folded section.
    assert page.count("mri-report.pdf") == folded.count("mri-report.pdf")


def test_filing_in_error_needs_a_reason(therapist_client, therapist, intake):
    report = attach(intake, therapist)
    response = therapist_client.post(error_url(report), {"reason": "   "})
    assert response.status_code == 200
    assert "Say why the report was filed in error." in response.content.decode()
    report.refresh_from_db()
    assert not report.is_filed_in_error


def test_a_report_is_filed_in_error_once(therapist_client, therapist, intake):
    report = attach(intake, therapist)
    imaging_reports.mark_report_filed_in_error(report=report, reason="Duplicate", by=therapist)
    response = therapist_client.post(error_url(report), {"reason": "Again"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.filed_in_error_reason == "Duplicate"


def test_reports_cannot_be_deleted_or_edited_in_the_admin(rf, admin, therapist, intake):
    from django.contrib.admin.sites import site

    request = rf.get("/")
    request.user = admin
    model_admin = ImagingReportAdmin(ImagingReport, site)
    report = attach(intake, therapist)
    assert not model_admin.has_delete_permission(request, report)
    assert not model_admin.has_change_permission(request, report)
    assert not model_admin.has_add_permission(request)


# --- the imaging section and its tests --------------------------------------------------------


def _resubmit(intake, *rows) -> dict:
    """The imaging form as the browser sends it back: the stored rows count as initial forms,
    each row with its hidden ref."""
    stored = len(ImagingSection.entries(intake))
    rows = [{k: str(v) for k, v in row.items() if v is not None} for row in rows]
    rows += [{}] * max(0, stored - len(rows))
    post = data.rows("imaging", *rows)
    post["imaging-INITIAL_FORMS"] = str(stored)
    return post


def test_each_test_keeps_its_id_when_the_section_is_saved_again(therapist, intake):
    first = refs(intake)
    assert all(re.fullmatch(r"[0-9a-f]{32}", ref) for ref in first)
    stored = ImagingSection.entries(intake)
    data.save(
        intake,
        "imaging",
        _resubmit(intake, {**MRI, "ref": stored[0]["ref"]}, {**XRAY, "ref": stored[1]["ref"]}),
        therapist,
    )
    assert refs(intake) == first
    # A new row gets a new id; a tampered or repeated id is replaced, never an error.
    data.save(
        intake,
        "imaging",
        _resubmit(
            intake,
            {**MRI, "ref": first[0]},
            {**XRAY, "ref": first[0]},
            {"kind": "ct", "ref": "../../etc"},
        ),
        therapist,
    )
    now = refs(intake)
    assert now[0] == first[0] and len(set(now)) == 3


def test_the_hidden_id_is_never_shown(intake):
    texts = [text for _, text in ImagingSection.summary(intake)]
    assert texts == [
        "MRI, 5 Jan 2026, Harbor Imaging, L4-5 bulge",
        "X-ray, Bay Radiology",
    ]


def test_a_test_with_a_report_cannot_be_taken_off_the_list(therapist_client, therapist, intake):
    report = attach(intake, therapist)
    xray = ImagingSection.entries(intake)[1]
    before = Intake.objects.get(pk=intake.pk).answers
    response = therapist_client.post(section_url(intake), _resubmit(intake, xray))
    assert response.status_code == 200
    assert "has a report attached (mri-report.pdf)" in response.content.decode()
    assert Intake.objects.get(pk=intake.pk).answers == before

    imaging_reports.mark_report_filed_in_error(report=report, reason="Wrong test", by=therapist)
    response = therapist_client.post(section_url(intake), _resubmit(intake, xray))
    assert response.status_code == 302
    assert refs(intake) == [xray["ref"]]
    page = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert "Tests no longer listed" in page
    assert "Test: MRI, 5 Jan 2026, Harbor Imaging" in page


def test_the_section_page_shows_which_tests_have_a_report(therapist_client, therapist, intake):
    report = attach(intake, therapist)
    body = therapist_client.get(section_url(intake)).content.decode()
    assert "Report attached:" in body
    assert download_url(report) in body
    assert f'type="hidden" name="imaging-0-ref" value="{report.entry}"' in body


def test_amending_without_a_change_is_still_nothing_to_amend(
    therapist_client, therapist, patient_record
):
    intake = data.ready_to_sign(patient_record, therapist)
    data.save(intake, "imaging", data.rows("imaging", MRI), therapist)
    data.sign(intake, therapist)
    stored = ImagingSection.entries(intake)[0]
    post = {**_resubmit(intake, stored), "reason": "checking"}
    url = reverse("clinic:intake-amend", kwargs={"uuid": intake.uuid, "slug": "imaging"})
    response = therapist_client.post(url, post)
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()


def test_existing_rows_get_an_id_from_the_migration(therapist, intake, django_db_blocker):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("clinic.migrations.0006_issue3_imaging_reports")
    answers = Intake.objects.get(pk=intake.pk).answers
    for row in answers["imaging"]["imaging"]:
        row.pop("ref")
    Intake.objects.filter(pk=intake.pk).update(answers=answers)
    updated_at = Intake.objects.get(pk=intake.pk).updated_at

    migration.give_imaging_rows_a_ref(apps, None)
    after = Intake.objects.get(pk=intake.pk)
    assert len(set(refs(after))) == 2
    assert after.updated_at == updated_at


# --- the patient page -------------------------------------------------------------------------


def test_the_patient_page_shows_the_current_tests_and_their_reports(
    therapist_client, therapist, intake
):
    report = attach(intake, therapist)
    body = therapist_client.get(intake.patient.get_absolute_url()).content.decode()
    assert "Scans and tests" in body
    assert "mri-report.pdf" in body
    assert download_url(report) in body
    assert f"{add_url(intake)}?entry={refs(intake)[1]}" in body  # attach to the X-ray


def test_the_admin_sees_reports_but_no_attach_buttons(admin_client_, therapist, intake):
    attach(intake, therapist)
    body = admin_client_.get(intake.get_absolute_url()).content.decode()
    assert "mri-report.pdf" in body
    assert add_url(intake) not in body
    assert "Mark as filed in error" not in body


def test_the_upload_still_checks_the_csrf_token(therapist, intake):
    """The view is csrf_exempt only so the size limit can go in first; csrf_protect checks."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(therapist)
    response = client.post(add_url(intake), {"entry": refs(intake)[0], "file": pdf_upload()})
    assert response.status_code == 403
    assert not ImagingReport.objects.exists()

    page = client.get(add_url(intake))
    token = page.cookies["csrftoken"].value
    response = client.post(
        add_url(intake),
        {"entry": refs(intake)[0], "file": pdf_upload(), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert ImagingReport.objects.count() == 1


def test_loading_the_urls_does_not_import_pypdf():
    """pypdf is needed to check an upload, not to serve other pages: every process loads the
    URLs, so the check imports it when it runs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update({"DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"})
    code = (
        "import django; django.setup(); import config.urls; import sys; "
        "print('pypdf' in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603 - fixed argv, our own code
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
