"""The exam pages: record at an intake, change while a draft, amend once signed, read."""

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.exam import services
from clinic.exam.forms import ObjectiveExamForm
from clinic.exam.models import ExamAmendment, ObjectiveExam
from clinic.models import AuditEvent, Intake, RedFlag
from tests.factories import IntakeFactory

pytestmark = pytest.mark.django_db


def exam_post(**overrides) -> dict:
    post = {
        "performed_on": timezone.localdate().isoformat(),
        "slr_left_angle": "45",
        "slr_left_reproduced": "below_knee",
        "slr_right_angle": "80",
        "slr_right_reproduced": "none",
        "crossed_slr": "negative",
        "slump_left": "positive",
        "myotome_l4_left": "5",
        "myotome_l5_left": "4",
        "myotome_s1_left": "5",
        "myotome_l5_right": "5",
        "reflex_achilles_left": "2",
        "reflex_achilles_right": "2",
        "sensation_foot_dorsum_left": "reduced",
        "rom_flexion": "reduced_painful",
        "repeated_extension_lying": "centralises",
        "repeated_flexion_standing": "peripheralises",
        "notes": "Antalgic gait.",
    }
    post.update(overrides)
    return {k: v for k, v in post.items() if v is not None}


@pytest.fixture
def intake(patient_record, therapist):
    return IntakeFactory(patient=patient_record, therapist=therapist)


def exam_url(intake):
    return reverse("clinic:intake-exam", kwargs={"uuid": intake.uuid})


def test_record_the_exam_at_an_intake(therapist_client, intake):
    response = therapist_client.post(exam_url(intake), exam_post())
    exam = ObjectiveExam.objects.get()
    assert response.status_code == 302
    assert response["Location"] == exam.get_absolute_url()
    assert exam.intake == intake
    assert exam.slr_left_angle == 45
    assert exam.myotome_l5_left == 4
    assert exam.myotome_l2_left is None  # not tested
    assert exam.sensation == {"left": {"foot_dorsum": "reduced"}}
    assert exam.repeated_movements == {
        "flexion_standing": "peripheralises",
        "extension_lying": "centralises",
    }
    assert not RedFlag.objects.exists()

    detail = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert "Objective exam" in detail
    assert "45°, below the knee (positive)" in detail
    assert "L5 great-toe extension" in detail

    page = therapist_client.get(exam.get_absolute_url()).content.decode()
    assert "Reduced" in page and "Top of foot (L5)" in page
    assert "Extension in lying (press-ups): centralises" in page


def test_form_page_shows_per_side_grids(therapist_client, intake):
    body = therapist_client.get(exam_url(intake)).content.decode()
    for name in (
        "myotome_s1_right",
        "reflex_patellar_left",
        "sensation_heel_left",
        "ask_ces_bladder",
    ):
        assert f'name="{name}"' in body
    assert "Lateral border of the foot" in body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slr_left_angle", "95", "An angle from 0° to 90°."),
        ("slr_left_angle", "-5", "An angle from 0° to 90°."),
        ("myotome_l5_left", "6", "Choose a grade from 0 to 5."),
        ("reflex_patellar_right", "5", "Choose a grade from 0 to 4."),
        ("slr_left_angle", "", "Record the angle at which the symptoms began."),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(
    therapist_client, intake, field, value, message
):
    response = therapist_client.post(exam_url(intake), exam_post(**{field: value}))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="Antalgic gait.' in body or "Antalgic gait." in body  # typed text kept
    assert not ObjectiveExam.objects.exists()


def test_form_grades_in_range():
    form = ObjectiveExamForm(exam_post(myotome_l3_left="0", reflex_achilles_right="4"))
    assert form.is_valid(), form.errors
    assert form.findings_data()["reflex_achilles_right"] == 4
    assert form.findings_data()["myotome_l3_left"] == 0


def test_bilateral_signs_ask_the_ces_questions_then_raise_the_emergency(therapist_client, intake):
    post = exam_post(myotome_l5_right="4")  # weakness on both sides
    response = therapist_client.post(exam_url(intake), post)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ask the cauda equina questions again" in body
    assert "Ask this again and record the answer." in body
    assert not ObjectiveExam.objects.exists()

    answers = {
        "ask_ces_bladder": "yes",
        "ask_ces_bowel": "no",
        "ask_ces_saddle": "no",
        "ask_ces_sexual": "no",
        "ask_ces_bilateral": "no",
    }
    response = therapist_client.post(exam_url(intake), {**post, **answers})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "clinic:intake-instruction", kwargs={"uuid": intake.uuid}
    )
    flag = RedFlag.objects.get(code="ces_bladder")
    assert flag.tier == RedFlag.Tier.EMERGENCY
    assert flag.source == RedFlag.Source.EXAM
    exam = ObjectiveExam.objects.get()
    assert exam.ces_answers == {
        "ces_bladder": True,
        "ces_bowel": False,
        "ces_saddle": False,
        "ces_sexual": False,
        "ces_bilateral": False,
    }


def test_new_grade_3_goes_to_the_safety_instruction(therapist_client, intake):
    response = therapist_client.post(exam_url(intake), exam_post(myotome_l5_left="3"))
    assert response["Location"] == reverse(
        "clinic:intake-instruction", kwargs={"uuid": intake.uuid}
    )
    assert RedFlag.objects.get().code == "exam_motor_deficit"


def test_draft_exam_is_edited_in_place(therapist_client, therapist, intake):
    therapist_client.post(exam_url(intake), exam_post())
    therapist_client.post(exam_url(intake), exam_post(myotome_l5_left="5"))
    exam = ObjectiveExam.objects.get()
    assert exam.myotome_l5_left == 5
    assert not ExamAmendment.objects.exists()


def test_signed_intake_exam_is_amended_with_a_reason(therapist_client, therapist, intake):
    therapist_client.post(exam_url(intake), exam_post())
    Intake.objects.filter(pk=intake.pk).update(
        status="signed", signed_at=timezone.now(), signature_name="Pat"
    )
    exam = ObjectiveExam.objects.get()
    response = therapist_client.get(exam_url(intake))
    assert response["Location"] == reverse("clinic:exam-amend", kwargs={"uuid": exam.uuid})
    amend_url = response["Location"]

    assert 'name="performed_on"' not in therapist_client.get(amend_url).content.decode()
    response = therapist_client.post(amend_url, exam_post(myotome_l5_left="5", reason=""))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()

    # As a browser sends it: the amendment form has no date field.
    response = therapist_client.post(
        amend_url,
        exam_post(myotome_l5_left="5", performed_on=None, reason="Re-tested, full power"),
    )
    assert response.status_code == 302
    amendment = ExamAmendment.objects.get()
    assert amendment.changes[0]["before"] == "4/5"
    assert amendment.changes[0]["after"] == "5/5"
    page = therapist_client.get(exam.get_absolute_url()).content.decode()
    assert "Re-tested, full power" in page


def test_pages_record_one_read(therapist_client, therapist, intake, patient_record):
    exam, _ = services.record_exam(
        patient=patient_record, by=therapist, intake=intake, data={"myotome_l5_left": 4}
    )
    for url in (exam.get_absolute_url(), exam_url(intake)):
        before = AuditEvent.objects.count()
        assert therapist_client.get(url).status_code == 200
        rows = AuditEvent.objects.order_by("-pk")[: AuditEvent.objects.count() - before]
        assert [(r.action, r.patient_id) for r in rows] == [("view", patient_record.pk)]


def test_admin_reads_but_does_not_record(admin_client_, intake, therapist, patient_record):
    exam, _ = services.record_exam(patient=patient_record, by=therapist, data={})
    assert admin_client_.get(exam.get_absolute_url()).status_code == 200
    assert admin_client_.post(exam_url(intake), exam_post()).status_code == 403


def test_patient_page_shows_the_latest_exam_with_its_changes(
    therapist_client, therapist, patient_record
):
    from datetime import date

    services.record_exam(
        patient=patient_record,
        by=therapist,
        data={"myotome_s1_left": 5, "reflex_achilles_left": 2},
        performed_on=date(2026, 10, 1),
    )
    later, _ = services.record_exam(
        patient=patient_record,
        by=therapist,
        data={"myotome_s1_left": 4, "reflex_achilles_left": 1},
        performed_on=date(2026, 11, 1),
    )
    body = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert later.get_absolute_url() in body
    assert "Changes shown against the exam of 1 Oct 2026." in body
    assert "4/5" in body and "(was 5/5)" in body
    assert "1+" in body and "(was 2+)" in body


def test_patient_page_without_an_exam_offers_to_record_it(
    therapist_client, therapist, intake, patient_record
):
    body = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert "No objective exam recorded yet." in body
    assert exam_url(intake) in body


def test_every_problem_is_listed_at_once(therapist_client, intake):
    post = exam_post(myotome_l5_right="4", slr_left_angle="120")
    body = therapist_client.post(exam_url(intake), post).content.decode()
    assert "An angle from 0° to 90°." in body
    assert "ask the cauda equina questions again" in body
    assert "Record the angle at which the symptoms began." not in body


def test_exam_of_a_draft_visit_is_changed_in_place_then_amended_once_signed(
    therapist_client, therapist, intake, patient_record
):
    from clinic.reassessment.models import Reassessment

    Intake.objects.filter(pk=intake.pk).update(
        status="signed", signed_at=timezone.now(), signature_name="Pat"
    )
    exam, _ = services.record_exam(
        patient=patient_record, by=therapist, data={"myotome_l5_left": 4}
    )
    visit = Reassessment.objects.create(
        patient=patient_record, intake=intake, performed_by=therapist, exam=exam, plan="continue"
    )
    url = reverse("clinic:exam-amend", kwargs={"uuid": exam.uuid})
    assert not exam.is_locked
    page = therapist_client.get(exam.get_absolute_url()).content.decode()
    assert url in page  # "Edit"
    form = therapist_client.get(url).content.decode()
    assert 'name="reason"' not in form and 'name="performed_on"' in form
    response = therapist_client.post(url, exam_post(myotome_l5_left="5"))
    assert response.status_code == 302
    exam.refresh_from_db()
    assert exam.myotome_l5_left == 5
    assert not ExamAmendment.objects.exists()

    Reassessment.objects.filter(pk=visit.pk).update(
        status="signed",
        signed_at=timezone.now(),
        signed_by=therapist,
        screened_at=timezone.now(),
        patient_change="Walking further.",
    )
    exam = ObjectiveExam.objects.get(pk=exam.pk)
    assert exam.is_locked
    assert 'name="reason"' in therapist_client.get(url).content.decode()


def test_flag_page_names_the_exam_that_raised_it(therapist_client, therapist, patient_record):
    exam, [flag] = services.record_exam(
        patient=patient_record, by=therapist, data={"reflex_patellar_right": 4}
    )
    body = therapist_client.get(flag.get_absolute_url()).content.decode()
    assert exam.get_absolute_url() in body
    assert "Spinal cord or brain cause (upper motor neuron)" in body
    assert "Brisk reflexes or clonus on exam" in body
