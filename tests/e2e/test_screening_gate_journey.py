"""A program for a patient with no screen: the builder says why it can't be published and what
to do, the therapist overrides with a written reason, and the program shows who, when and why.
"""

import re

import pytest
from playwright.sync_api import expect

from clinic.models import AuditEvent
from programs.models import ProgramRevision
from tests.e2e.conftest import SIZES, TABLET
from tests.factories import PASSWORD, PatientFactory, ProgramFactory, ProgramItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Screened her in person today: no red flags; the intake is typed up tomorrow."


def test_therapist_sees_why_publishing_waits_and_overrides_with_a_reason(
    page, live_server, therapist, login, assert_accessible, shoot
):
    nora = PatientFactory(first_name="Nora", last_name="Noscreen", therapist=therapist)
    program = ProgramFactory(patient=nora, title="First-visit draft")
    ProgramItemFactory(program=program, order=0)
    page.set_viewport_size(TABLET)
    login(page, therapist.email, PASSWORD)

    # The patient page says what is missing instead of "a program can be published".
    page.goto(f"{live_server.url}{nora.get_absolute_url()}")
    expect(page.get_by_text("Not screened for a home program yet.")).to_be_visible()
    expect(page.get_by_text("a home program can be published")).to_have_count(0)
    assert_accessible(page)

    # The builder: Publish is disabled, with the reason and a link to start the intake.
    page.goto(f"{live_server.url}/programs/{program.uuid}/builder/")
    expect(
        page.get_by_role("heading", name=re.compile("Not screened for a home program"))
    ).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Publish"))).to_be_disabled()
    expect(page.locator("#publish-blocked")).to_contain_text("no red-flag screen")
    expect(page.get_by_role("link", name="Start the intake").first).to_have_attribute(
        "href", f"/patients/{nora.uuid}/intakes/new/"
    )
    assert_accessible(page)
    shoot(page, "therapist-builder-not-screened", SIZES)

    # Too short a reason: refused next to the field, the text kept.
    page.get_by_text("Override with a reason").click()
    page.get_by_label("Why publish without it?").fill("Seen today")
    page.get_by_role("button", name="Override and publish").click()
    expect(page.get_by_text(re.compile("^Write at least 20 characters: why"))).to_be_visible()
    expect(page.get_by_label("Why publish without it?")).to_have_value("Seen today")
    assert not ProgramRevision.objects.exists()

    # A real reason publishes; the program page shows who, when and why.
    page.get_by_label("Why publish without it?").fill(REASON)
    page.get_by_role("button", name="Override and publish").click()
    expect(page.get_by_text("Version 1 was published on an override")).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-program-override", SIZES)
    revision = ProgramRevision.objects.get(program=program)
    assert revision.screening_override_reason == REASON
    assert AuditEvent.objects.filter(action="publish", detail__contains=REASON).exists()
