"""The side-by-side review page of a patient-reported intake, its confirm and correct actions,
the sign page's refusal until every section is reviewed, and the dashboard's list."""

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEvent, Intake
from clinic.selfservice import review
from clinic.selfservice.models import SelfIntake, SelfIntakeReview
from tests.clinic import intake_data
from tests.factories import SelfIntakeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def self_intake(patient_record):
    return SelfIntakeFactory(patient=patient_record, red_flags={"night_pain": "yes"})


def review_url(self_intake):
    return reverse("clinic:self-intake-review", kwargs={"uuid": self_intake.uuid})


def confirm_url(self_intake, slug):
    return reverse("clinic:self-intake-confirm", kwargs={"uuid": self_intake.uuid, "slug": slug})


def correct_url(self_intake, slug):
    return reverse("clinic:self-intake-correct", kwargs={"uuid": self_intake.uuid, "slug": slug})


def sign_url(intake):
    return reverse("clinic:intake-sign", kwargs={"uuid": intake.uuid})


SIGN_POST = {
    "consent_treatment": "on",
    "consent_privacy": "on",
    "signer": "patient",
    "signature_name": "Pat Rivera",
}


def test_review_page_shows_the_patients_words_beside_the_intake(therapist_client, self_intake):
    response = therapist_client.get(review_url(self_intake))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The patient said" in page and "In the intake" in page
    assert "Pain from my left buttock down to my foot." in page
    # The e-signature: name, time and IP address.
    assert self_intake.signature_name in page
    assert "203.0.113.24" in page
    assert "0 of 5 sections reviewed" in page
    # The flag the patient's answers raised, linked to its decision page.
    flag = self_intake.intake.red_flags.get()
    assert flag.code == "night_pain"
    assert reverse("clinic:flag-detail", kwargs={"uuid": flag.uuid}) in page
    assert confirm_url(self_intake, "pain") in page
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, patient=self_intake.patient, detail="patient-reported"
    ).exists()


def test_the_clinic_admin_reads_the_review_without_the_buttons(admin_client_, self_intake):
    response = admin_client_.get(review_url(self_intake))
    assert response.status_code == 200
    assert confirm_url(self_intake, "pain") not in response.content.decode()


def test_a_patient_cannot_open_their_own_review(patient_client, self_intake):
    assert patient_client.get(review_url(self_intake)).status_code == 403


def test_a_self_intake_not_yet_sent_has_no_review(therapist_client, patient_record):
    unsent = SelfIntakeFactory(
        patient=patient_record,
        status=SelfIntake.Status.STARTED,
        signed_at=None,
        signature_name="",
        signed_text="",
    )
    assert unsent.intake is None
    assert therapist_client.get(review_url(unsent)).status_code == 404


def test_confirm_records_the_decision(therapist_client, therapist, self_intake):
    response = therapist_client.post(confirm_url(self_intake, "pain"))
    assert response.status_code == 302
    assert response["Location"].endswith("#s-pain")
    row = SelfIntakeReview.objects.get(self_intake=self_intake)
    assert (row.section, row.decision, row.by) == ("pain", "confirmed", therapist)
    page = therapist_client.get(review_url(self_intake)).content.decode()
    assert "Confirmed by Tess Therapist" in page
    assert "1 of 5 sections reviewed" in page


def test_confirm_of_a_section_the_patient_did_not_answer_is_404(therapist_client, self_intake):
    assert therapist_client.post(confirm_url(self_intake, "neuro")).status_code == 404
    assert therapist_client.post(confirm_url(self_intake, "nonsense")).status_code == 404


def test_correct_changes_the_intake_and_keeps_the_patients_answer(
    therapist_client, therapist, self_intake
):
    page = therapist_client.get(correct_url(self_intake, "pain")).content.decode()
    assert "The patient said" in page
    post = {**intake_data.pain(leg_pain_now="5"), "note": "Checked with the patient."}
    response = therapist_client.post(correct_url(self_intake, "pain"), post)
    assert response.status_code == 302
    draft = Intake.objects.get(pk=self_intake.intake_id)
    assert draft.leg_pain_now == 5
    self_intake.refresh_from_db()
    assert self_intake.answers["pain"]["leg_pain_now"] == 7
    row = SelfIntakeReview.objects.get(self_intake=self_intake)
    assert row.decision == "corrected" and row.by == therapist
    assert row.corrections[0]["patient_said"] == "7"
    assert row.corrections[0]["corrected_to"] == "5"
    page = therapist_client.get(review_url(self_intake)).content.decode()
    assert "Corrected by Tess Therapist" in page
    assert "Checked with the patient." in page
    assert '<td class="patient-original">7</td>' in page


def test_an_invalid_correction_keeps_what_was_typed_and_says_what_to_fix(
    therapist_client, self_intake
):
    post = {
        **intake_data.pain(leg_pain_best="8", leg_pain_worst="6", leg_pain_now="7"),
        "note": "Asked again at the desk.",
    }
    response = therapist_client.post(correct_url(self_intake, "pain"), post)
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page
    assert "The least leg pain (8) is higher than the worst (6)" in page
    assert "Asked again at the desk." in page
    form = response.context["form"]
    assert form["leg_pain_best"].value() == "8"
    assert not SelfIntakeReview.objects.exists()
    assert Intake.objects.get(pk=self_intake.intake_id).leg_pain_worst == 9


def test_an_admin_cannot_confirm_or_correct(admin_client_, self_intake):
    assert admin_client_.post(confirm_url(self_intake, "pain")).status_code == 403
    assert admin_client_.get(correct_url(self_intake, "pain")).status_code == 403


def test_sign_is_refused_until_every_section_is_reviewed(therapist_client, therapist, self_intake):
    intake = self_intake.intake
    page = therapist_client.get(sign_url(intake)).content.decode()
    assert "confirm or correct what they said" in page
    assert review_url(self_intake) in page
    response = therapist_client.post(sign_url(intake), SIGN_POST)
    assert response.status_code == 200
    assert "Review what the patient answered before signing" in response.content.decode()
    intake.refresh_from_db()
    assert not intake.is_signed


def test_sign_after_review_marks_the_self_intake_reviewed(therapist_client, therapist, self_intake):
    for section in review.review_sections(self_intake):
        therapist_client.post(confirm_url(self_intake, section.slug))
    page = therapist_client.get(sign_url(self_intake.intake)).content.decode()
    assert "confirm or correct what they said" not in page
    response = therapist_client.post(sign_url(self_intake.intake), SIGN_POST)
    assert response.status_code == 302
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.REVIEWED
    assert self_intake.reviewed_by == therapist
    page = therapist_client.get(review_url(self_intake)).content.decode()
    assert "Reviewed and signed by Tess Therapist" in page
    assert confirm_url(self_intake, "pain") not in page
    assert therapist_client.get(correct_url(self_intake, "pain")).status_code == 302


def test_intake_page_marks_a_patient_reported_intake(therapist_client, self_intake):
    url = reverse("clinic:intake-detail", kwargs={"uuid": self_intake.intake.uuid})
    page = therapist_client.get(url).content.decode()
    assert "Patient-reported" in page
    assert review_url(self_intake) in page


def test_intake_taken_in_the_clinic_has_no_patient_reported_badge(
    therapist_client, therapist, patient_record
):
    intake = intake_data.start(patient_record, therapist)
    url = reverse("clinic:intake-detail", kwargs={"uuid": intake.uuid})
    assert "Patient-reported" not in therapist_client.get(url).content.decode()


def test_dashboard_lists_intakes_waiting_for_review_oldest_first(
    therapist_client, therapist, patient_record, colleague
):
    now = timezone.now()
    newer = SelfIntakeFactory(patient=patient_record, submitted_at=now)
    older = SelfIntakeFactory(
        patient__therapist=therapist,
        submitted_at=now - timezone.timedelta(days=2),
        red_flags={"night_pain": "yes", "weight_loss": "yes"},
    )
    SelfIntakeFactory(patient__therapist=colleague)  # a colleague's patient
    reviewed = SelfIntakeFactory(patient__therapist=therapist)
    SelfIntake.objects.filter(pk=reviewed.pk).update(status=SelfIntake.Status.REVIEWED)
    response = therapist_client.get(reverse("pages:dashboard"))
    rows = list(response.context["waiting_for_review"])
    assert rows == [older, newer]
    assert [r.flag_count for r in rows] == [2, 0]
    page = response.content.decode()
    assert "Waiting for review" in page
    assert "2 red flags" in page
    assert review_url(older) in page


def test_dashboard_without_intakes_to_review_has_no_list(therapist_client):
    response = therapist_client.get(reverse("pages:dashboard"))
    assert "Waiting for review" not in response.content.decode()


def test_correcting_the_body_chart_shows_the_chart_and_records_the_change(
    therapist_client, self_intake
):
    page = therapist_client.get(correct_url(self_intake, "body-chart")).content.decode()
    assert "bodychart.css" in page
    post = intake_data.body_chart(("calf", "left", ["pain"], True))
    response = therapist_client.post(correct_url(self_intake, "body-chart"), post)
    assert response.status_code == 302
    row = SelfIntakeReview.objects.get(self_intake=self_intake, section="body-chart")
    assert row.decision == "corrected"
    assert row.corrections[0]["field"] == "body_chart"
    assert "numbness" in row.corrections[0]["patient_said"]
    self_intake.refresh_from_db()
    assert self_intake.answers["body_chart"]["regions"][0]["symptoms"] == ["pain", "numbness"]


def test_a_correction_to_an_emergency_answer_shows_the_safety_instruction(
    therapist_client, self_intake
):
    post = intake_data.red_flags(night_pain="yes", ces_bladder="yes_new")
    response = therapist_client.post(correct_url(self_intake, "red-flags"), post)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "clinic:intake-instruction", kwargs={"uuid": self_intake.intake.uuid}
    )
    assert self_intake.intake.red_flags.filter(code="ces_bladder", tier="E").exists()
    row = SelfIntakeReview.objects.get(self_intake=self_intake, section="red-flags")
    assert [c["field"] for c in row.corrections] == ["ces_bladder"]


@pytest.mark.parametrize("reviewed", [0, 5])
def test_review_page_query_count_does_not_grow_with_decisions(
    therapist_client, therapist, self_intake, django_assert_num_queries, reviewed
):
    for section in review.review_sections(self_intake)[:reviewed]:
        review.confirm_section(self_intake=self_intake, section=section.slug, by=therapist)
    # session, user, the self-intake with its patient, draft and therapist, its decisions with
    # who made them, the draft's flags, the clinic's details; the audit row (one insert)
    with django_assert_num_queries(7):
        response = therapist_client.get(review_url(self_intake))
    assert response.status_code == 200
