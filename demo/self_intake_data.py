"""A pre-visit intake a new patient answered on her phone, waiting for her therapist's review.

Ana Souza (fictional) is new to the clinic. Her therapist sent her the pre-visit intake by
email; she answered every step and signed. One safety answer is soon-tier (a cancer treated
years ago), so a flag waits on her record with the draft patient-reported intake. Made through
the wizard's own forms and services, as her phone would. Idempotent: a patient who already has
a sent pre-visit intake is left as she is.
"""

from datetime import date, timedelta

from django.http import QueryDict
from django.utils import timezone

from clinic import redflags
from clinic.models import Intake, Patient, RedFlag, User
from clinic.selfservice import services
from clinic.selfservice.links import issue_link
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.steps import STEP_BY_SLUG

SOUZA = {"first_name": "Ana", "last_name": "Souza", "date_of_birth": date(1981, 8, 21)}
THERAPIST = "maya@restore.example"


def _rows(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(max(len(rows), 1)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _answers(today: date) -> dict[str, dict]:
    """What Ana typed and tapped, step by step, as her phone sent it."""
    return {
        "contact": {
            "phone": "(617) 555-0188",
            "email": "ana.souza@patient.example",
            "address": "48 Wharf Lane\nBoston, MA 02109",
            "emergency_contact_name": "Rafael Souza",
            "emergency_contact_relationship": "Husband",
            "emergency_contact_phone": "(617) 555-0189",
        },
        "complaint": {
            "own_words": "Pain in my low back and right buttock since I moved house. Sitting "
            "at my desk makes it worse.",
            "main_area": "low_back",
            "pain_more": "back",
            "below_knee": "no",
            "related_to": ["none"],
        },
        "body-chart": {
            "bc-lumbar_paraspinal-side": "right",
            "bc-lumbar_paraspinal-symptoms": ["pain"],
            "bc-buttock_upper-side": "right",
            "bc-buttock_upper-symptoms": ["pain"],
            "bc-worst": "lumbar_paraspinal",
        },
        "pain": {
            "back_pain_now": "5",
            "back_pain_best": "3",
            "back_pain_worst": "7",
            "back_pain_week": "5",
            "leg_pain_now": "1",
            "leg_pain_best": "0",
            "leg_pain_worst": "2",
            "leg_pain_week": "1",
            "qualities": ["aching"],
        },
        "onset": {
            "onset_date": (today - timedelta(days=24)).isoformat(),
            "onset_type": "gradual",
            "trigger": "lifting",
            "course": "improving",
            "constancy": "intermittent",
            "problem_three_months": "no",
        },
        "factors": {"factor_sitting": "worse", "factor_walking": "better", "sitting_minutes": "30"},
        "daily-pattern": {
            "morning_stiffness": "yes",
            "morning_stiffness_minutes": "15",
            "day_pattern": "worse_evening",
            "night_waking": "sometimes",
            "back_to_sleep": "yes",
            "night_unrelieved": "no",
        },
        "neuro": dict.fromkeys(redflags.NEURO_ITEMS, "no"),
        "history": {"previous_episodes": "1", "treatment_massage_nmt": "helped"},
        "medical": {"cancer": "on", "cancer_details": "Thyroid cancer, treated in 2015"},
        "medications": {
            **_rows("medications", [{"name": "Levothyroxine", "dose": "75 mcg"}]),
            "long_term_steroids": "no",
            "allergies": ["none"],
        },
        "imaging": _rows("imaging", []),
        "goals": {
            "goals": "Sit through a workday and carry the groceries up the stairs.",
            "smart_activity": "Sit at my desk",
            "smart_target": "2 hours without a break",
        },
        "work": {
            "work_status": "full",
            "sitting_hours": "7",
            "job_demands": ["sitting"],
            "sleep_position": "side",
        },
        "psychosocial": {
            "hurt_means_harm": "a_little",
            "avoids_activity": "no",
            "low_mood": "no",
            "stress": "a_little",
            "support": "good",
            "expected_recovery": "soon",
        },
        "red-flags": {
            **{q.code: "no" for q in redflags.RED_FLAG_QUESTIONS},
            "cancer_history": "yes",
        },
    }


def _post(values: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def seed(*, staff: dict[str, User], patients: dict[str, Patient]) -> None:
    therapist = staff.get(THERAPIST)
    if therapist is None:
        return
    patient = Patient.objects.filter(**SOUZA).first()
    if patient is None:
        patient = Patient.objects.create(
            **SOUZA,
            email="ana.souza@patient.example",
            phone="(617) 555-0188",
            preferred_contact=Patient.ContactMethod.EMAIL,
            consent_email=True,
            therapist=therapist,
            created_by=therapist,
            occupation="Accountant",
        )
    patients["souza"] = patient
    if SelfIntake.objects.filter(patient=patient).exists():
        return
    self_intake = SelfIntake.objects.create(patient=patient, requested_by=therapist)
    issue_link(
        patient=patient,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=self_intake.uuid,
        by=therapist,
        channel=PatientLink.Channel.EMAIL,
    )
    phone = {"ip": "203.0.113.58", "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1)"}
    for slug, values in _answers(timezone.localdate()).items():
        step = STEP_BY_SLUG[slug]
        form = step.form(_post(values), initial={}, patient=patient)
        if not form.is_valid():
            raise ValueError(f"Demo answers for {slug} do not validate: {form.errors}")
        services.save_step(
            self_intake=self_intake, step=step, data=form.answers(), request_meta=phone
        )
    services.submit_self_intake(
        self_intake=self_intake,
        signature_name="Ana Souza",
        esign_consent=True,
        intent=True,
        ip=phone["ip"],
        user_agent=phone["user_agent"],
    )
    _answered_yesterday_evening(self_intake)


def _answered_yesterday_evening(self_intake: SelfIntake) -> None:
    """Ana answered the evening before: the demo's dates say so (the dashboard's "Waiting for
    review" and "Recent intakes" read in the order things happened, after today's work)."""
    evening = timezone.localtime().replace(hour=19, minute=40, second=0, microsecond=0)
    evening -= timedelta(days=1)
    started = evening - timedelta(minutes=18)
    SelfIntake.objects.filter(pk=self_intake.pk).update(
        created_at=started - timedelta(days=1),
        started_at=started,
        submitted_at=evening,
        signed_at=evening,
    )
    Intake.objects.filter(self_intake__pk=self_intake.pk).update(
        visit_date=evening.date(), created_at=evening
    )
    # The safety answer raised its flag as she gave it, a few minutes before signing.
    RedFlag.objects.filter(patient=self_intake.patient).update(
        created_at=evening - timedelta(minutes=4)
    )
