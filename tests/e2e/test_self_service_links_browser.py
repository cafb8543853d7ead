"""Self-service links in a browser: the therapist shows a pre-visit intake as a QR code and
revokes a link; the patient starts a form from the portal's "Forms to fill in" on a phone; an
old link gets the plain page. axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from clinic.models import ClinicProfile, Patient
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink
from clinic.selfservice.sending import send_intake_link
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _clinic(db):
    ClinicProfile.objects.update_or_create(
        pk=1, defaults={"name": "Harbor Clinic", "phone": "(617) 555-0100"}
    )


def test_the_therapist_shows_a_qr_code_and_revokes_a_link(
    browser, live_server, patient_record, therapist, assert_accessible, shoot, login
):
    Patient.objects.filter(pk=patient_record.pk).update(consent_email=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}/patients/{patient_record.uuid}/")
    card = page.locator("#self-service")
    expect(card.get_by_role("heading", name="Pre-visit intake and questionnaires")).to_be_visible()
    expect(card.get_by_text("No links sent yet.")).to_be_visible()

    card.get_by_role("button", name="Show a QR code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pat's pre-visit form")
    expect(page.get_by_role("img", name="QR code that opens the form")).to_be_visible()
    address = page.locator(".link-address").inner_text()
    assert re.fullmatch(r"https?://[^/]+/f/[A-Za-z0-9_-]{43}/", address)
    assert_accessible(page)
    shoot(page, "self-service-qr", sizes={"desktop": DESKTOP, "phone": PHONE})

    page.get_by_role("link", name="Done: back to the patient's page").click()
    card = page.locator("#self-service")
    expect(card.get_by_text("Sent", exact=True)).to_be_visible()
    assert_accessible(page)
    shoot(page, "self-service-card")
    page.on("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.get_by_text("The link is revoked")).to_be_visible()
    expect(page.locator("#self-service").get_by_text("Revoked", exact=True)).to_be_visible()
    assert PatientLink.objects.get().revoked_by == therapist
    context.close()


def test_the_patient_starts_a_form_from_the_portal_on_a_phone(
    browser, live_server, patient_record, patient, therapist, assert_accessible, shoot, login
):
    send_intake_link(patient=patient_record, by=therapist, channel="qr")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient.email, PASSWORD)
    page.goto(f"{live_server.url}/portal/")
    card = page.locator(".forms-to-fill")
    expect(card.get_by_role("heading", name="Forms to fill in")).to_be_visible()
    assert_accessible(page)
    shoot(page, "self-service-portal-card", sizes={"desktop": DESKTOP, "phone": PHONE})
    button = card.get_by_role("button", name=re.compile(r"^Start\W+Pre-visit form$"))
    assert button.bounding_box()["height"] >= 44
    button.click()
    page.wait_for_load_state("load")
    assert re.search(r"/f/[A-Za-z0-9_-]{43}/intake/", page.url)
    portal = PatientLink.objects.get(channel="portal")
    assert portal.open_count == 1 and portal.created_by == patient
    context.close()


def test_an_old_link_gets_the_plain_page_on_a_phone(
    browser, live_server, patient_record, therapist, assert_accessible, shoot
):
    _intake, link, token = send_intake_link(patient=patient_record, by=therapist, channel="qr")
    links.revoke_link(link=link, by=therapist)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    response = page.goto(f"{live_server.url}{links.link_path(token)}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This link doesn't work any more")
    call = page.get_by_role("link", name="Call (617) 555-0100")
    expect(call).to_be_visible()
    assert call.bounding_box()["height"] >= 44
    expect(page.get_by_text("Rivera")).to_have_count(0)
    assert_accessible(page)
    shoot(page, "self-service-invalid-link", sizes={"desktop": DESKTOP, "phone": PHONE})
    context.close()
