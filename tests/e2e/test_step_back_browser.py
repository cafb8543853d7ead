"""A step back on a phone (390 × 844): a bad log, the easier version with its line of why and
the ease-off advice that stays, the therapist's proposed version accepted and published."""

from playwright.sync_api import expect

from programs.models import StepBack
from tests.e2e.conftest import PHONE, SIZES
from tests.factories import PASSWORD
from tests.programs.portal_helpers import program_with
from tests.programs.step_back_helpers import with_regression


def test_a_step_back_from_a_bad_log_to_an_accepted_revision(
    browser, live_server, patient_record, therapist, login, assert_accessible, shoot
):
    program = with_regression(program_with(patient_record, items=2))
    original = program.current_revision.items[0]["exercise"]["name"]

    # The patient logs a bad session on their phone.
    patient = browser.new_context(viewport=PHONE).new_page()
    login(patient, patient_record.user.email, PASSWORD)
    patient.goto(f"{live_server.url}/portal/programs/{program.uuid}/log/")
    patient.locator('input[name="exercises_done"][value="1"]').check()
    patient.locator('label[for="id_back_pain_3"]').click()
    patient.locator('label[for="id_leg_pain_5"]').click()
    patient.locator('input[name="leg_symptoms"][value="further_down"]').check()
    patient.locator("input[data-none]").check()
    patient.locator("form.log-form button[type=submit]").click()
    patient.wait_for_load_state("networkidle")

    # The next session: the easier version with why, and the ease-off advice, after a reload.
    patient.goto(f"{live_server.url}/portal/programs/{program.uuid}/")
    patient.reload()
    expect(patient.locator("[data-ease-off]")).to_contain_text("Ease off for now")
    why = patient.locator("[data-step-back]").first
    expect(why).to_contain_text("Your therapist chose an easier version for after a flare-up")
    expect(why).to_contain_text(f"Easier bridge instead of {original}")
    assert_accessible(patient)
    shoot(patient, "step-back-portal", SIZES)
    patient.locator(".btn-follow").first.click()
    expect(patient.get_by_role("heading", level=1, name="Easier bridge")).to_be_visible()
    expect(patient.locator("[data-step-back]")).to_be_visible()
    shoot(patient, "step-back-follow-phone")

    # The therapist reviews the proposed version from the patient's page and accepts it.
    staff = browser.new_context(viewport=PHONE).new_page()
    login(staff, therapist.email, PASSWORD)
    staff.goto(f"{live_server.url}{patient_record.get_absolute_url()}")
    row = staff.locator("[data-step-back-row]")
    expect(row).to_contain_text("Proposed by Restore")
    row.get_by_role("link", name="Review").click()
    expect(staff.get_by_text("Proposed by Restore after the log of")).to_be_visible()
    assert_accessible(staff)
    shoot(staff, "step-back-review", SIZES)
    staff.get_by_role("button", name="Accept and publish").click()
    staff.wait_for_load_state("networkidle")
    expect(staff.locator("[data-status]")).to_contain_text("Accepted")
    step_back = StepBack.objects.get()
    assert step_back.status == StepBack.Status.ACCEPTED
    assert step_back.published_revision.number == 3

    # The patient's program is now the new version, with the easier exercise in it.
    patient.goto(f"{live_server.url}/portal/programs/{program.uuid}/")
    expect(patient.locator(".exercise-name").first).to_have_text("Easier bridge")
    expect(patient.locator("[data-step-back]")).to_have_count(0)


def test_a_pause_replaces_every_start_button_and_the_timer(
    browser, live_server, patient_record, therapist, login, assert_accessible, shoot
):
    from tests.factories import RedFlagFactory

    program = with_regression(program_with(patient_record, items=2))
    RedFlagFactory(patient=patient_record, tier="U")
    patient = browser.new_context(viewport=PHONE).new_page()
    login(patient, patient_record.user.email, PASSWORD)
    patient.goto(f"{live_server.url}/portal/programs/{program.uuid}/")
    expect(patient.get_by_role("link", name="Follow along")).to_have_count(0)
    expect(patient.locator("[data-paused]")).to_have_count(3)
    assert_accessible(patient)
    shoot(patient, "paused-program-phone")
    # Typing the follow-along address shows the pause notice, and no timer to start.
    patient.goto(f"{live_server.url}/portal/programs/{program.uuid}/exercises/1/follow/")
    expect(patient.get_by_role("heading", name="Please pause your exercises")).to_be_visible()
    expect(patient.get_by_role("button", name="Start")).to_have_count(0)
    shoot(patient, "paused-follow-phone")

    # The therapist's chooser for the easier version, on a desktop.
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(staff, therapist.email, PASSWORD)
    item = program.items.order_by("order").first()
    staff.goto(f"{live_server.url}/programs/{program.uuid}/items/{item.pk}/regression/")
    expect(staff.get_by_label("Easier exercise")).to_have_value(item.regression.exercise.slug)
    assert_accessible(staff)
    shoot(staff, "regression-chooser-desktop")
