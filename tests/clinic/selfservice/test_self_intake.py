"""The patient's pre-visit intake by link: steps save and resume, red flags at once, signing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic import redflags
from clinic.models import AuditEvent, ClinicProfile, Intake, OutboxMessage, RedFlag
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.steps import STEPS

pytestmark = pytest.mark.django_db

NO_FLAGS = {q.code: "no" for q in redflags.RED_FLAG_QUESTIONS}


def rows(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "3",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }


VALID = {
    "contact": {"phone": "555-0101", "email": "pat@test.example", "address": "1 Elm St"},
    "complaint": {
        "own_words": "My low back hurts when I sit.",
        "main_area": "low_back",
        "pain_more": "back",
        "below_knee": "no",
        "related_to": "none",
    },
    "body-chart": {"bc-lumbar_central-side": "central", "bc-lumbar_central-symptoms": "pain"},
    "pain": {"back_pain_now": "6", "back_pain_worst": "8", "leg_pain_now": "1"},
    "onset": {"onset_date": "2026-11-02", "course": "improving", "onset_type": "gradual"},
    "factors": {},
    "daily-pattern": {},
    "neuro": dict.fromkeys(redflags.NEURO_ITEMS, "no"),
    "history": {},
    "medical": {},
    "medications": {
        **rows("medications"),
        "medications-0-name": "Ibuprofen",
        "allergies": "none",
    },
    "imaging": rows("imaging"),
    "goals": {"goals": "Walk the dog for 30 minutes."},
    "work": {"work_status": "full"},
    "psychosocial": {"support": "good"},
    "red-flags": NO_FLAGS,
}


@pytest.fixture
def self_intake(patient_record, therapist):
    return SelfIntake.objects.create(patient=patient_record, requested_by=therapist)


@pytest.fixture
def token(self_intake, therapist):
    _, raw = links.issue_link(
        patient=self_intake.patient,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=self_intake.uuid,
        by=therapist,
    )
    return raw


def step_url(token, step):
    return reverse("clinic:self-intake-step", kwargs={"token": token, "step": step})


def answer(client, token, step, data=None, then="next"):
    return client.post(step_url(token, step), {**VALID[step], **(data or {}), "then": then})


def answer_all(client, token, red_flags=None):
    for step in STEPS:
        extra = red_flags if step.slug == "red-flags" else None
        response = answer(client, token, step.slug, extra)
        assert response.status_code == 302, (step.slug, response.content[:2000])
    return response


def test_every_step_page_opens_in_plain_words(client, token):
    for number, step in enumerate(STEPS, 1):
        response = client.get(step_url(token, step.slug))
        assert response.status_code == 200, step.slug
        assert f"Step {number} of {len(STEPS)}" in response.content.decode()
        assert "You can close this and come back with the same link" in response.content.decode()
        assert (
            response["Cache-Control"].startswith("max-age=0")
            or "no-store" in response["Cache-Control"]
        )


def test_each_step_saves_and_the_link_resumes_at_the_first_unanswered(client, token, self_intake):
    start = reverse("clinic:self-intake", kwargs={"token": token})
    assert client.get(start)["Location"] == step_url(token, "contact")
    response = answer(client, token, "contact")
    assert response["Location"] == step_url(token, "complaint")
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.STARTED
    assert self_intake.started_at is not None
    assert self_intake.completed_steps == ["contact"]
    assert self_intake.answers["contact"]["phone"] == "555-0101"
    answer(client, token, "complaint")
    answer(client, token, "body-chart")
    answer(client, token, "pain")
    answer(client, token, "onset")
    # Closing the phone and opening the link again: straight to the next step.
    assert client.get(start)["Location"] == step_url(token, "factors")
    self_intake.refresh_from_db()
    assert self_intake.answers["complaint"]["own_words"] == "My low back hurts when I sit."
    assert self_intake.answers["body_chart"]["regions"] == [
        {"region": "lumbar_central", "side": "central", "symptoms": ["pain"], "worst": True}
    ]
    assert self_intake.answers["pain"]["back_pain_now"] == 6
    assert self_intake.answers["pain"]["onset_date"] == "2026-11-02"
    assert self_intake.answers["onset"]["course"] == "improving"
    # A saved step shows its answers again.
    page = client.get(step_url(token, "complaint")).content.decode()
    assert "My low back hurts when I sit." in page


def test_contact_changes_are_kept_as_the_patients_answer_not_written_to_the_record(
    client, token, self_intake, patient_record
):
    page = client.get(step_url(token, "contact")).content.decode()
    assert patient_record.email in page
    answer(client, token, "contact", {"phone": "555-9999"})
    patient_record.refresh_from_db()
    assert patient_record.phone != "555-9999"
    self_intake.refresh_from_db()
    assert self_intake.answers["contact"]["phone"] == "555-9999"
    assert "phone" in self_intake.answers["contact"]["changed"]


def test_a_step_with_an_error_keeps_everything_typed_and_says_what_to_fix(
    client, token, self_intake
):
    response = client.post(
        step_url(token, "pain"),
        {"back_pain_now": "3", "back_pain_best": "7", "back_pain_worst": "5", "leg_pain_now": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "higher than the worst" in page
    assert 'value="7" id="id_back_pain_best_7" checked' in page
    self_intake.refresh_from_db()
    assert "pain" not in self_intake.completed_steps


def test_back_saves_and_goes_to_the_previous_step(client, token):
    response = answer(client, token, "complaint", then="back")
    assert response["Location"] == step_url(token, "contact")


def test_an_unknown_step_is_the_invalid_link_page(client, token):
    assert client.get(step_url(token, "nope")).status_code == 404


@pytest.mark.parametrize(
    ("code", "answer_value", "tier", "words"),
    [
        ("ces_bladder", "yes_new", "E", "Call 911 or go to the nearest emergency department now"),
        ("infection_fever", "yes", "U", "Please contact your doctor today"),
    ],
)
def test_an_emergency_or_urgent_answer_raises_the_flag_alerts_staff_and_shows_advice_at_once(
    client, token, self_intake, patient_record, code, answer_value, tier, words
):
    ClinicProfile.objects.update_or_create(id=1, defaults={"alert_email": "desk@test.example"})
    response = answer(client, token, "red-flags", {code: answer_value})
    assert response["Location"] == reverse("clinic:self-intake-advice", kwargs={"token": token})
    flag = RedFlag.objects.get(patient=patient_record, code=code)
    assert flag.tier == tier
    assert flag.intake is None
    assert flag.source == RedFlag.Source.INTAKE
    assert flag.reason.startswith("Answered yes")
    assert flag.instruction_shown_at is not None
    alerts = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.STAFF_ALERT)
    assert alerts.filter(recipient=patient_record.therapist).exists()
    assert alerts.filter(address="desk@test.example").exists()
    advice = client.get(response["Location"]).content.decode()
    assert words in advice
    assert f'data-advice="{tier}" role="alert"' in advice  # shown
    other = "U" if tier == "E" else "E"
    assert f'data-advice="{other}" hidden' in advice
    # The patient can still finish: the form goes on.
    assert reverse("clinic:self-intake", kwargs={"token": token}) in advice


def test_the_safety_step_holds_the_advice_for_the_page_to_show_before_sending(client, token):
    page = client.get(step_url(token, "red-flags")).content.decode()
    assert 'data-advice="E"' in page and 'data-advice="U"' in page
    assert 'data-tier="E"' in page
    assert "js/self-intake.js" in page


def test_a_soon_answer_raises_its_flag_without_the_advice_page(client, token, patient_record):
    # (A history of cancer would do, but with age 50 or over it is urgent: any age here.)
    response = answer(client, token, "red-flags", {"structural_deformity": "yes"})
    assert response["Location"] == reverse("clinic:self-intake-sign", kwargs={"token": token})
    assert RedFlag.objects.get(patient=patient_record, code="structural_deformity").tier == "S"
    assert not OutboxMessage.objects.filter(kind=OutboxMessage.Kind.STAFF_ALERT).exists()


def test_signing_stores_the_signature_makes_the_draft_intake_and_ends_the_link(
    client, token, self_intake, patient_record, therapist
):
    answer_all(client, token, red_flags={"ces_saddle": "yes_new"})
    sign = reverse("clinic:self-intake-sign", kwargs={"token": token})
    page = client.get(sign).content.decode()
    assert "My low back hurts when I sit." in page
    assert "Ibuprofen" in page
    response = client.post(
        sign,
        {"esign_consent": "on", "intent": "on", "signature_name": "  Pat   Rivera "},
        HTTP_USER_AGENT="PhoneBrowser/1.0",
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 200
    assert "Your form is sent" in response.content.decode()
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.SUBMITTED
    assert self_intake.signature_name == "Pat Rivera"
    assert self_intake.esign_consent and self_intake.signature_intent
    assert "My answers are true and complete" in self_intake.signed_text
    assert patient_record.full_name in self_intake.signed_text
    assert self_intake.signed_at is not None
    assert self_intake.signed_ip == "198.51.100.7"
    assert self_intake.signed_user_agent == "PhoneBrowser/1.0"
    intake = self_intake.intake
    assert intake.source == Intake.Source.PATIENT
    assert intake.therapist == therapist
    assert not intake.is_signed
    assert intake.back_pain_now == 6
    assert intake.onset_date.isoformat() == "2026-11-02"
    assert intake.body_chart[0]["region"] == "lumbar_central"
    assert intake.answers["complaint"]["own_words"] == "My low back hurts when I sit."
    assert intake.answers["medications"]["medications"][0]["name"] == "Ibuprofen"
    assert intake.answers["goals"]["work_status"] == "full"
    assert intake.red_flag_answers["ces_saddle"] == "yes_new"
    # The flag raised while answering now belongs to the draft intake.
    flag = RedFlag.objects.get(patient=patient_record, code="ces_saddle")
    assert flag.intake == intake
    # The link has ended: opening it again shows the invalid page.
    assert PatientLink.objects.get(target_uuid=self_intake.uuid).completed_at is not None
    assert client.get(reverse("clinic:self-intake", kwargs={"token": token})).status_code == 404
    submit = AuditEvent.objects.filter(
        object_id=str(self_intake.uuid), detail="pre-visit intake signed and sent"
    ).get()
    assert submit.actor == "patient (by link)"
    assert submit.ip == "198.51.100.7"


@pytest.mark.parametrize("missing", ["esign_consent", "intent", "signature_name"])
def test_signing_is_refused_without_consent_intent_or_name(client, token, self_intake, missing):
    answer_all(client, token)
    data = {"esign_consent": "on", "intent": "on", "signature_name": "Pat Rivera"}
    data.pop(missing)
    response = client.post(reverse("clinic:self-intake-sign", kwargs={"token": token}), data)
    assert response.status_code == 200
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.STARTED
    assert self_intake.intake is None
    assert not self_intake.signed_text


def test_signing_waits_until_every_step_is_answered(client, token, self_intake):
    answer(client, token, "contact")
    response = client.post(
        reverse("clinic:self-intake-sign", kwargs={"token": token}),
        {"esign_consent": "on", "intent": "on", "signature_name": "Pat Rivera"},
    )
    assert response.status_code == 200
    assert "Some steps are not answered yet" in response.content.decode()
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.STARTED


def test_a_wrong_or_expired_link_gets_the_invalid_page(client, token, self_intake):
    assert client.get(step_url("not-a-real-token", "contact")).status_code == 404
    PatientLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(step_url(token, "contact"))
    assert response.status_code == 404
    assert "This link doesn't work any more" in response.content.decode()


def test_a_questionnaire_link_does_not_open_the_intake(client, self_intake, therapist):
    _, raw = links.issue_link(
        patient=self_intake.patient,
        purpose=PatientLink.Purpose.QUESTIONNAIRE,
        target_uuid=self_intake.uuid,
        by=therapist,
    )
    assert client.get(step_url(raw, "contact")).status_code == 404


def test_opening_a_step_is_audited(client, token, self_intake):
    client.get(step_url(token, "contact"))
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, patient=self_intake.patient
    ).exists()


def test_a_step_is_shown_in_the_forms_language(client, token, self_intake):
    SelfIntake.objects.filter(pk=self_intake.pk).update(language="es")
    response = client.get(step_url(token, "contact"))
    assert '<html lang="es"' in response.content.decode()


def test_the_advice_page_says_staff_were_told_only_when_they_were(
    client, token, self_intake, patient_record
):
    ClinicProfile.objects.update_or_create(id=1, defaults={"phone": "(617) 555-0142"})
    patient_record.therapist.email = ""
    patient_record.therapist.save(update_fields=["email"])
    answer(client, token, "red-flags", {"dvt_pe": "yes"})
    page = client.get(reverse("clinic:self-intake-advice", kwargs={"token": token})).content
    assert b"Please also call the clinic on (617) 555-0142" in page
    assert b"We have emailed your therapist" not in page


def test_the_advice_page_without_an_open_flag_goes_back_to_the_form(client, token):
    response = client.get(reverse("clinic:self-intake-advice", kwargs={"token": token}))
    assert response["Location"] == reverse("clinic:self-intake", kwargs={"token": token})


def test_a_red_flag_already_open_is_not_raised_twice(client, token, patient_record):
    answer(client, token, "red-flags", {"aaa": "yes"})
    answer(client, token, "red-flags", {"aaa": "yes"})
    assert RedFlag.objects.filter(patient=patient_record, code="aaa").count() == 1


def test_a_sent_form_cannot_be_changed_by_an_old_page(client, token, self_intake):
    answer_all(client, token)
    client.post(
        reverse("clinic:self-intake-sign", kwargs={"token": token}),
        {"esign_consent": "on", "intent": "on", "signature_name": "Pat Rivera"},
    )
    response = answer(client, token, "contact", {"phone": "555-0000"})
    assert response.status_code == 404
    self_intake.refresh_from_db()
    assert self_intake.answers["contact"]["phone"] == "555-0101"


def test_a_history_changed_after_the_safety_questions_raises_its_flag_at_once(
    client, token, patient_record
):
    answer_all(client, token)
    assert not RedFlag.objects.filter(patient=patient_record).exists()
    response = answer(client, token, "medical", {"fever_chills_sweats": "on"})
    assert response["Location"] == reverse("clinic:self-intake-advice", kwargs={"token": token})
    assert RedFlag.objects.get(patient=patient_record).code == "infection_fever"


def test_the_done_page_repeats_the_advice_when_an_urgent_flag_is_open(client, token):
    answer_all(client, token, red_flags={"thoracic_pain": "yes"})
    response = client.post(
        reverse("clinic:self-intake-sign", kwargs={"token": token}),
        {"esign_consent": "on", "intent": "on", "signature_name": "Pat Rivera"},
    )
    page = response.content.decode()
    assert "Your form is sent" in page
    assert 'data-advice="U" role="alert"' in page
    assert 'data-advice="E" hidden' in page


def test_the_draft_intake_holds_every_answer_as_the_review_reads_it(client, token, self_intake):
    """The therapist's review compares the patient's answers with the draft, section by
    section: straight after signing, nothing differs."""
    from clinic.selfservice import review

    answer_all(client, token, red_flags={"structural_deformity": "yes"})
    client.post(
        reverse("clinic:self-intake-sign", kwargs={"token": token}),
        {"esign_consent": "on", "intent": "on", "signature_name": "Pat Rivera"},
    )
    self_intake.refresh_from_db()
    said = review.patient_intake(self_intake)
    sections = review.review_sections(self_intake)
    assert {s.slug for s in sections} >= {"complaint", "red-flags", "body-chart", "pain", "goals"}
    for section in sections:
        assert review.differences(section, said=said, draft=self_intake.intake) == [], section.slug


def test_a_new_emergency_nerve_symptom_raises_its_flag_and_shows_the_advice_at_once(
    client, token, patient_record
):
    page = client.get(step_url(token, "neuro")).content.decode()
    assert 'data-advice="E" hidden' in page
    assert 'name="saddle_numbness" value="yes_new" id="id_saddle_numbness_2" data-tier="E"' in page
    response = answer(client, token, "neuro", {"saddle_numbness": "yes_new"})
    assert response["Location"] == reverse("clinic:self-intake-advice", kwargs={"token": token})
    flag = RedFlag.objects.get(patient=patient_record)
    assert (flag.code, flag.tier) == ("ces_saddle", "E")
    assert flag.reason == "New or worsening: numbness between the legs (saddle area)"
