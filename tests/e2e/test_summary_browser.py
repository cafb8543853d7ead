"""A therapist downloads a patient's progress summary and a discharge summary from the patient
page's button and its menu."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from clinic.models import AuditEvent
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import pdf_text
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_progress_and_discharge_summary_from_the_patient_page(
    page, live_server, therapist, patient_record, login, assert_accessible, shoot
):
    login(page, therapist.email, PASSWORD)
    page.set_viewport_size(DESKTOP)
    url = reverse("pages:patient-detail", kwargs={"uuid": patient_record.uuid})
    page.goto(f"{live_server.url}{url}")

    with page.expect_download(timeout=60_000) as progress:  # the first render imports WeasyPrint
        page.get_by_role("link", name="Progress summary (PDF)").click()
    assert progress.value.suggested_filename.startswith("rivera-progress-summary-")
    text = pdf_text(progress.value, keep_as="summary-progress.pdf")
    assert "Progress summary" in text
    assert patient_record.full_name in text

    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Discharge summary").click()
    form = page.locator("form.summary-discharge-form")
    expect(form).to_be_visible()
    assert_accessible(page)
    shoot(page, "summary-discharge-menu-phone")
    form.get_by_label("Outcome").select_option("referred")
    with page.expect_download(timeout=60_000) as discharge:
        form.get_by_role("button", name="Download").click()
    assert discharge.value.suggested_filename.startswith("rivera-discharge-summary-")
    text = pdf_text(discharge.value, keep_as="summary-discharge.pdf")
    assert "Discharge summary" in text
    assert "Referred on for further assessment or care" in text

    downloads = AuditEvent.objects.filter(
        action=AuditEvent.Action.DOWNLOAD, patient=patient_record
    ).values_list("detail", flat=True)
    assert sorted(downloads) == ["Discharge summary PDF, referred", "Progress summary PDF"]
