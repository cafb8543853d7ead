"""The large-print handout is offered to the patient in the portal, not only to staff: the
program page links it, and the patient downloads their own (and nobody else's)."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from clinic.models import AuditEvent
from tests.programs.handout_samples import sample_program

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders PDFs


@pytest.fixture
def program(patient_record):
    return sample_program(patient=patient_record, items=2)


def large_print_url(program) -> str:
    return reverse("programs:handout-pdf", kwargs={"uuid": program.uuid}) + "?large=1"


def test_the_portal_program_page_offers_the_large_print_handout(patient_client, program):
    page = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    html = page.content.decode()
    assert f'href="{large_print_url(program)}"' in html
    assert "Large print handout (PDF)" in html
    # The ordinary handout is still offered beside it.
    plain = reverse("programs:handout-pdf", kwargs={"uuid": program.uuid})
    assert f'href="{plain}"' in html


def test_the_patient_downloads_their_own_large_print_handout(patient_client, program, patient):
    response = patient_client.get(large_print_url(program))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    revision = program.current_revision
    assert f"-home-program-v{revision.number}-large-print.pdf" in response["Content-Disposition"]
    pdf = PdfReader(BytesIO(b"".join(response.streaming_content)))
    assert len(pdf.pages) >= 1
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert (event.user, event.patient) == (patient, program.patient)
    assert event.detail == "PDF handout, US Letter, large print"


@pytest.mark.parametrize(
    ("who", "status"),
    [("anon", 302), ("patient_a", 200), ("patient_b", 404), ("therapist", 200), ("admin", 200)],
)
def test_who_may_download_the_large_print_handout(
    client, program, patient, other_patient, therapist, admin, who, status
):
    users = {"patient_a": patient, "patient_b": other_patient, "therapist": therapist}
    users["admin"] = admin
    if who in users:
        client.force_login(users[who])
    response = client.get(large_print_url(program))
    assert response.status_code == status
    if who == "anon":
        assert response.url.startswith(reverse("login"))
