"""The objective exam on a phone: a therapist records weakness on both sides, is asked the cauda
equina questions again, records a "yes", and lands on the emergency instruction; the intake
then shows the exam.
"""

import re

import pytest
from playwright.sync_api import expect

from clinic.exam.models import ObjectiveExam
from clinic.models import RedFlag
from tests.e2e.conftest import PHONE, SIZES
from tests.factories import PASSWORD, IntakeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_bilateral_signs_ask_the_emergency_questions_again(
    page, live_server, login, therapist, patient_record, assert_accessible, shoot
):
    intake = IntakeFactory(patient=patient_record, therapist=therapist)
    page.set_viewport_size(PHONE)
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}{intake.get_absolute_url()}")
    page.get_by_role("link", name="Record the objective exam").click()
    expect(page.get_by_role("heading", level=1, name="Objective exam")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Left SLR: angle at onset (°)").fill("40")
    page.get_by_label("Left SLR: reproduced").select_option(label="Below the knee")
    page.get_by_label("L5 great-toe extension, left").select_option(
        label="4 against some resistance"
    )
    page.get_by_label("S1 ankle plantarflexion / eversion (heel raises), right").select_option(
        label="4 against some resistance"
    )
    page.get_by_label("Heel (S1), right").select_option(label="Reduced")
    page.get_by_role("button", name="Save exam").click()

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("ask the cauda equina questions again")
    assert_accessible(page)
    shoot(page, "exam-ces-asked-again", SIZES)
    assert not ObjectiveExam.objects.exists()

    questions = page.locator("#ces fieldset")
    expect(questions).to_have_count(5)
    for index in range(5):
        questions.nth(index).get_by_label("No", exact=True).check()
    questions.first.get_by_label("Yes, new or getting worse").check()  # bladder
    page.get_by_role("button", name="Save exam").click()

    expect(page.get_by_role("heading", name=re.compile("emergency department"))).to_be_visible()
    flag = RedFlag.objects.get(code="ces_bladder")
    assert flag.source == RedFlag.Source.EXAM
    page.goto(f"{live_server.url}{intake.get_absolute_url()}")
    exam = page.locator("#objective-exam")
    expect(exam).to_contain_text("40°, below the knee (positive)")
    expect(exam).to_contain_text("Neurological signs on both sides")
    assert_accessible(page)


# Words in the findings table that the browser split across two lines: a word whose range has
# more than one line box.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('.exam-table td, .exam-table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


def test_exam_findings_on_a_phone_break_between_words(
    page, live_server, login, therapist, patient_record
):
    from clinic.exam.services import record_exam

    exam, _flags = record_exam(
        patient=patient_record,
        by=therapist,
        data={
            "slr_left_angle": 80,
            "slr_left_reproduced": "none",
            "slr_right_angle": 50,
            "slr_right_reproduced": "below_knee",
            "slump_left": "negative",
            "slump_right": "positive",
            "myotome_s1_left": 5,
            "myotome_s1_right": 5,
        },
    )
    page.set_viewport_size(PHONE)
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}{exam.get_absolute_url()}")
    expect(page.locator(".exam-table")).to_contain_text("symptoms not reproduced")
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
