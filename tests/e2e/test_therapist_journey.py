"""A therapist's whole first visit on a tablet, through the UI only: register a patient, take
the full intake (body chart included), meet an urgent red flag that blocks publishing, record the
clinician's decision, build a program from a template, reorder it by dragging, publish it and
download the patient's handout.
"""

import re
from datetime import timedelta
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic.models import ImagingReport, Intake
from demo.program_data import seed_templates
from programs.library import load_library
from programs.models import Program
from tests.e2e.conftest import SIZES, TABLET
from tests.e2e.helpers import answer, answer_all, pdf_text, save_and_continue
from tests.factories import PASSWORD, blank_pdf

pytestmark = pytest.mark.django_db(transaction=True)

TEMPLATE = "Sciatica starter: AIS and stabilisation"
FEVER_QUESTION = "Along with your back pain, have you had a fever"
SADDLE_QUESTION = "Do you have numbness or pins and needles between your legs"


@pytest.fixture
def clinic_library(therapist):
    load_library()
    seed_templates(staff={"maya@restore.example": therapist})


def register_patient(page, assert_accessible, shoot) -> None:
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)  # the dashboard, where a therapist lands
    page.get_by_role("link", name="Patients").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="New patient").click()
    assert_accessible(page)
    page.get_by_label("Legal first name").fill("Lena")
    page.get_by_label("Legal last name").fill("Marchetti")
    page.get_by_label("Date of birth").fill("1986-05-09")
    page.get_by_label("Sex at birth").select_option(label="Female")
    page.get_by_label("Phone", exact=True).fill("(617) 555-0142")
    page.get_by_label("Email", exact=True).fill("lena.marchetti@patient.example")
    page.get_by_label("Emergency contact's name").fill("Paolo Marchetti")
    page.get_by_label("Emergency contact's phone").fill("(617) 555-0143")
    page.get_by_label("Occupation").fill("Bus driver")
    page.get_by_role("button", name="Register patient").click()
    expect(page.get_by_role("heading", level=1, name="Lena Marchetti")).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-patient-new", SIZES)


def take_intake(page, assert_accessible, shoot) -> None:
    page.get_by_role("link", name="New intake").click()

    # Reason for the visit.
    page.get_by_label("What brings you in today?").fill(
        "Aching in the right buttock for three weeks, now down the back of the leg when I drive."
    )
    answer(page, "Where is the main problem?", "Buttock")
    answer(page, "Which bothers you more", "Leg pain")
    answer(page, "Does pain or tingling go below your knee?", "Yes")
    page.get_by_role("checkbox", name="Work").check()
    assert_accessible(page)
    save_and_continue(page, "Safety questions")

    # Safety questions. An emergency answer shows its instruction at once, before saving,
    # right under that answer (not at the top of the section).
    emergency = page.locator('[data-notice-for="ces_saddle"]')
    expect(emergency).to_be_hidden()
    answer(page, SADDLE_QUESTION, "Yes, but it has been like this a long time and is not changing")
    expect(emergency).to_be_hidden()  # long-standing: for review, not an emergency
    answer(page, SADDLE_QUESTION, "Yes, and it is new or getting worse")
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("call 911")
    saddle_box = page.get_by_role("group", name=re.compile("^" + SADDLE_QUESTION)).bounding_box()
    notice_box = emergency.bounding_box()
    assert 0 <= notice_box["y"] - (saddle_box["y"] + saddle_box["height"]) < 40
    expect(page.locator("[data-notice-for]:visible")).to_have_count(1)
    # All no after all (the therapist misheard), except a fever: urgent, tier U.
    answer_all(page, "no")
    expect(emergency).to_be_hidden()
    urgent = page.locator('[data-notice-for="infection_fever"]')
    expect(urgent).to_be_hidden()
    answer(page, FEVER_QUESTION, "Yes")
    expect(urgent).to_be_visible()
    expect(urgent).to_contain_text("see a doctor today")
    assert_accessible(page)
    shoot(page, "therapist-safety-questions", SIZES)
    save_and_continue(page)

    # The urgent instruction is shown before anything else.
    expect(page.get_by_role("heading", level=1, name="Please see a doctor today.")).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-urgent-instruction", SIZES)
    page.get_by_role("link", name="Staff: back to the intake").click()
    assert_accessible(page)
    page.get_by_role("link", name="Fill in where it hurts").click()

    # Body chart: tap two areas on the drawing; the calf is the worst, with pins and needles.
    expect(page.get_by_role("heading", level=1, name="Where it hurts")).to_be_visible()
    chart = page.get_by_role("group", name="Body chart")
    chart.get_by_role("button", name="Right buttock (deep), not marked").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Done").click()
    chart.get_by_role("button", name=re.compile("^Right calf")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("checkbox", name="Pins and needles").check()
    dialog.get_by_role("checkbox", name="Worst area").check()
    dialog.get_by_role("button", name="Done").click()
    expect(dialog).to_be_hidden()
    page.get_by_label("Anything about where it hurts").fill("Worse on the outside of the calf.")
    assert_accessible(page)
    shoot(page, "therapist-body-chart", SIZES)
    save_and_continue(page, "Pain scores")

    # Pain scores: rows of 0-10 buttons.
    for question, score in (
        ("Back pain right now", 2),
        ("Back pain at its least", 1),
        ("Back pain at its worst", 4),
        ("Leg pain right now", 5),
        ("Leg pain at its least", 3),
        ("Leg pain at its worst", 7),
    ):
        answer(page, question, str(score))
    page.get_by_role("checkbox", name="Aching").check()
    assert_accessible(page)
    save_and_continue(page, "When it started")

    onset = timezone.localdate() - timedelta(weeks=3)
    page.get_by_label("When did this episode start?").fill(onset.isoformat())
    answer(page, "Did it start suddenly or gradually?", "Gradually")
    answer(page, "What set it off?", "Sitting for a long time")
    answer(page, "Since it started, is it getting better or worse?", "About the same")
    answer(page, "Is it there all the time?", "Comes and goes")
    assert_accessible(page)
    save_and_continue(page, "What makes it worse or better")

    answer(page, "Sitting", "Worse")
    answer(page, "Driving", "Worse")
    answer(page, "Walking", "Better")
    page.get_by_label("Minutes of sitting before the pain starts").fill("20")
    assert_accessible(page)
    save_and_continue(page, "Through the day and night")

    answer(page, "Is your back stiff when you get up in the morning?", "No")
    answer(page, "How does it change during the day?", "Worse in the evening")
    answer(page, "Does the pain wake you at night?", "Never")
    assert_accessible(page)
    save_and_continue(page, "Nerve symptoms")

    answer_all(page, "no")
    answer(page, "Pins and needles", "Yes, long-standing and unchanged")
    assert_accessible(page)
    save_and_continue(page, "Earlier episodes and treatment")

    page.get_by_label("How many times have you had an episode like this before?").fill("1")
    answer(page, "Massage or neuromuscular therapy", "Helped")
    assert_accessible(page)
    save_and_continue(page, "Medical history")

    page.get_by_role("checkbox", name="High blood pressure").check()
    assert_accessible(page)
    save_and_continue(page, "Medicines and allergies")

    page.get_by_role("textbox", name="Medicine").first.fill("Ibuprofen")
    page.get_by_role("textbox", name="Dose").first.fill("400 mg")
    page.get_by_role("textbox", name="How often").first.fill("When needed")
    page.get_by_role("checkbox", name="No known allergies").check()
    assert_accessible(page)
    save_and_continue(page, "Scans and tests")

    page.get_by_role("combobox", name="Test").first.select_option(label="MRI")
    page.get_by_role("textbox", name="Date").first.fill("2026-10-02")
    page.get_by_role("textbox", name="Where").first.fill("Harbor Imaging")
    page.get_by_role("textbox", name="What it showed").first.fill("Small L5-S1 disc bulge")
    assert_accessible(page)
    save_and_continue(page, "Goals, work and activity")

    page.get_by_label("What would you like to be able to do again?").fill(
        "Drive a full shift without leg pain."
    )
    answer(page, "Work", "Working, full duties")
    answer(page, "Can you swim?", "Yes")
    assert_accessible(page)
    save_and_continue(page, "How it is affecting you")

    answer(page, "Do you feel that if it hurts, you are doing damage?", "A little")
    answer(page, "What do you expect will happen?", "Slowly, over months")
    assert_accessible(page)
    save_and_continue(page)

    # Consent and signature.
    page.get_by_role("checkbox", name="I agree to assessment").check()
    page.get_by_role("checkbox", name="privacy notice").check()
    page.get_by_role("checkbox", name="I agree to follow a home exercise program").check()
    page.get_by_label("Type your full name to sign").fill("Lena Marchetti")
    assert_accessible(page)
    page.get_by_role("button", name="Sign and lock the intake").click()
    expect(page.get_by_text("Signed and locked")).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-intake-signed", SIZES)

    intake = Intake.objects.get(patient__last_name="Marchetti")
    assert intake.is_signed and intake.consent_home_program
    assert len(intake.body_chart) == 2
    assert {
        "region": "calf",
        "side": "right",
        "symptoms": ["pain", "pins_and_needles"],
        "worst": True,
    } in intake.body_chart
    assert (intake.back_pain_now, intake.leg_pain_now, intake.leg_pain_worst) == (2, 5, 7)
    assert intake.derived["below_knee"] is True
    assert intake.patient.precaution_tags() == intake.precaution_tags
    attach_report(page, assert_accessible, shoot)


def attach_report(page, assert_accessible, shoot) -> None:
    """The MRI report arrives after the visit: attach it to the signed intake's test."""
    scans = page.get_by_role("region", name=re.compile("^Scans and tests"))
    expect(scans).to_contain_text("No report attached.")
    scans.get_by_role("link", name=re.compile("^Attach report to MRI, 2 Oct 2026")).click()
    expect(
        page.get_by_role("heading", level=1, name="Attach a scan or test report")
    ).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("This intake is signed")
    expect(page.get_by_label("Scan or test")).to_have_value(re.compile(r"^[0-9a-f]{32}$"))
    # A photo instead of the PDF: refused next to the field, the note is kept.
    page.get_by_label("Note (optional)").fill("Sent by her physician.")
    page.get_by_label("Report file (PDF)").set_input_files(
        {"name": "mri.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"0" * 64}
    )
    page.get_by_role("button", name="Attach report").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was attached")
    expect(page.get_by_label("Note (optional)")).to_have_value("Sent by her physician.")
    assert_accessible(page)
    page.get_by_label("Report file (PDF)").set_input_files(
        {"name": "MRI lumbar spine.pdf", "mimeType": "application/pdf", "buffer": blank_pdf(2)}
    )
    page.get_by_role("button", name="Attach report").click()
    reports = scans.get_by_role("list", name=re.compile("^Reports of MRI"))
    report = reports.get_by_role("listitem").filter(has_text="MRI lumbar spine.pdf")
    expect(report).to_contain_text("2 pages")
    expect(report).to_contain_text("after signing")
    expect(report).to_contain_text("Sent by her physician.")
    assert_accessible(page)
    shoot(page, "therapist-report-attached", SIZES)
    link = report.get_by_role("link", name=re.compile("^MRI lumbar spine.pdf"))
    download = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body() == ImagingReport.objects.get().file.read()


def item_names(page) -> list[str]:
    return page.locator("#builder-items > .builder-item").evaluate_all(
        "items => items.map(i => i.dataset.name)"
    )


def drag(page, source, target) -> None:
    """Drag with the mouse in small steps, as SortableJS's pointer fallback expects. The target
    is scrolled near the top first so that both ends are on the tablet's screen."""
    target.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 150)")
    start, end = source.bounding_box(), target.bounding_box()
    x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 10, steps=3)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2 - 5, steps=15)
    page.mouse.up()


def test_therapist_takes_intake_clears_flag_builds_and_publishes_a_program(
    page, live_server, therapist, clinic_library, login, assert_accessible, shoot
):
    page.set_viewport_size(TABLET)
    login(page, therapist.email, PASSWORD)
    register_patient(page, assert_accessible, shoot)
    take_intake(page, assert_accessible, shoot)

    # The patient's page says a program can't be published yet.
    page.get_by_role("link", name="Lena Marchetti").first.click()
    expect(page.get_by_text("Needs clearance.")).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-patient-flagged", SIZES)

    # Build from a template: the draft can be prepared, but publishing is blocked.
    page.get_by_role("link", name="All programs").click()
    assert_accessible(page)
    page.get_by_role("link", name="New program").click()
    page.get_by_label("Start from").select_option(label=TEMPLATE)
    assert_accessible(page)
    page.get_by_role("button", name="Create and open the builder").click()
    expect(page.get_by_role("heading", name=re.compile("needs clearance"))).to_be_visible()
    publish = page.get_by_role("button", name=re.compile("^Publish"))
    expect(publish).to_be_disabled()
    expect(page.locator("#publish-blocked")).to_contain_text("Publishing is blocked")
    assert_accessible(page)
    shoot(page, "therapist-builder-blocked", SIZES)

    # Follow the link to the flag and record the clinician's decision.
    page.get_by_role("alert").get_by_role("link", name=re.compile("^Urgent")).click()
    expect(page.get_by_role("heading", name="Record a decision")).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-flag", SIZES)
    page.get_by_role("radio", name=re.compile("^Physician clearance received")).check()
    page.get_by_label("Physician who cleared the patient").fill("Dr. Imani Shah")
    page.get_by_label("Date of clearance").fill(timezone.localdate().isoformat())
    page.get_by_label("Note").fill("Seen by her GP today: no infection. Cleared for exercise.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    expect(page.get_by_text("No emergency or urgent flag is open")).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-flag-decided", SIZES)

    # Back to the draft from the patient's page: the block is gone.
    page.get_by_role("link", name=TEMPLATE, exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Edit in the builder").click()
    # On the builder before reading it: the heading's absence alone holds on the page being left.
    page.wait_for_url(re.compile(r"/builder/$"))
    expect(page.locator("#builder-items > .builder-item").nth(2)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("needs clearance"))).to_have_count(0)

    # Drag the third exercise above the second (neighbours, so both handles are on the tablet's
    # screen below the sticky status bar); the new order is saved on the server.
    before = item_names(page)
    items = page.locator("#builder-items > .builder-item")
    # Wait for the save itself: "networkidle" was reached long before the drag, so it would not
    # wait, and a reload while the save is still running can render the old version.
    with page.expect_response(
        lambda r: r.url.endswith("/items/reorder/") and r.request.method == "POST"
    ) as saved:
        drag(page, items.nth(2).locator(".drag-handle"), items.nth(1).locator(".drag-handle"))
    assert saved.value.ok
    expected = [before[0], before[2], before[1], *before[3:]]
    expect(page.locator("#builder-announcer")).to_contain_text(f"{before[2]} moved to position 2")
    assert item_names(page) == expected
    page.reload()
    assert item_names(page) == expected
    program = Program.objects.get(patient__last_name="Marchetti")
    assert [i.exercise.name for i in program.items.order_by("order")] == expected
    shoot(page, "therapist-builder", SIZES)

    # Publish.
    publish = page.get_by_role("button", name=re.compile("^Publish"))
    expect(publish).to_be_enabled()
    publish.click()
    expect(page.get_by_text(re.compile("Version 1", re.I)).first).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-program-published", SIZES)
    program.refresh_from_db()
    assert program.current_revision is not None
    snapshot = program.current_revision.snapshot["items"]
    assert [i["exercise"]["name"] for i in snapshot] == expected

    # The printable handout of the version just published.
    # The first download of a version renders it (WeasyPrint): allow for a busy CI machine.
    with page.expect_download(timeout=60_000) as handout:
        page.get_by_role("link", name="PDF handout of version 1").click(timeout=60_000)
    assert handout.value.suggested_filename == "marchetti-home-program-v1.pdf"
    text = pdf_text(handout.value, keep_as="therapist-journey.pdf")
    assert "Lena Marchetti" in text
    assert expected[0] in text
