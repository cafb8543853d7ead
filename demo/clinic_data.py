"""Demo data for the clinic side: the clinic, its staff and fictional patients.

Every function is idempotent (looks rows up by a natural key before creating them), so
`manage.py seed_demo` can run on every `make run` without duplicating anything.
All people here are fictional; emails use the reserved .example domain.
"""

import json
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from clinic import imaging_reports, redflags, services
from clinic.intake.fields import parse_date
from clinic.intake.sections import SECTION_BY_SLUG, ImagingSection
from clinic.models import (
    ClinicProfile,
    ImagingReport,
    Intake,
    IntakeAmendment,
    OutcomeMeasure,
    Patient,
    RedFlag,
    User,
)

DEMO_PASSWORD = "restore-demo-2026"  # noqa: S105 (fictional demo accounts, printed by make run)

STAFF = [
    ("admin@restore.example", "Dana", "Whitfield", User.Role.ADMIN, "Clinic manager"),
    ("maya@restore.example", "Maya", "Okafor", User.Role.THERAPIST, "LMT, NMT"),
    ("sam@restore.example", "Sam", "Reyes", User.Role.THERAPIST, "LMT"),
]

# (email or None for no portal account, first, last, preferred, dob, therapist email, story)
PATIENTS = [
    (
        "jordan@patient.example",
        "Jordan",
        "Rivera",
        "",
        date(1986, 4, 12),
        "maya@restore.example",
        "typical sciatica",
    ),
    (
        "priya@patient.example",
        "Priya",
        "Natarajan",
        "",
        date(1974, 9, 3),
        "maya@restore.example",
        "chronic low-back pain with measures over three months",
    ),
    (
        None,
        "Walter",
        "Brooks",
        "Walt",
        date(1958, 1, 27),
        "maya@restore.example",
        "suspected cauda equina: sent to the emergency department, awaiting the outcome",
    ),
    (
        # She logs her hip program from her phone (demo/step_back_data.py): a portal patient.
        "helen@patient.example",
        "Helen",
        "Cho",
        "",
        date(1969, 6, 18),
        "sam@restore.example",
        "cancer history at 57: urgent combination cleared by her physician",
    ),
    (
        "frank@patient.example",
        "Francisco",
        "Delgado",
        "Frank",
        date(1952, 11, 30),
        "sam@restore.example",
        "posterior hip replacement precautions",
    ),
]


def seed_clinic() -> ClinicProfile:
    profile = ClinicProfile.load()
    if not profile.address:
        profile.name = "Harborview Neuromuscular Therapy"
        profile.address = "210 Harbor Street, Suite 4\nBoston, MA 02110"
        profile.phone = "(617) 555-0142"
        profile.email = "frontdesk@restore.example"
        profile.website = "https://harborview.example"
        profile.handout_footer = "Questions about your program? Call us on (617) 555-0142."
        profile.save()
    return profile


def _user(email, first, last, role, title="") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            role=role,
            title=title,
        )
    return user


def seed_staff() -> dict[str, User]:
    return {
        email: _user(email, first, last, role, title) for email, first, last, role, title in STAFF
    }


def seed_patients(staff: dict[str, User]) -> dict[str, Patient]:
    patients = {}
    for email, first, last, preferred, dob, therapist_email, _story in PATIENTS:
        patient = Patient.objects.filter(
            first_name=first, last_name=last, date_of_birth=dob
        ).first()
        if patient is None:
            patient = Patient.objects.create(
                first_name=first,
                last_name=last,
                preferred_name=preferred,
                date_of_birth=dob,
                email=email or f"{first.lower()}.{last.lower()}@patient.example",
                phone="(617) 555-01" + str(10 + len(patients)),
                preferred_contact=Patient.ContactMethod.EMAIL,
                consent_email=True,
                therapist=staff[therapist_email],
                created_by=staff[therapist_email],
                occupation="",
            )
        if email and patient.user_id is None:
            patient.user = _user(email, first, last, User.Role.PATIENT)
            # A demo seeded before this patient had a login wrote the generated address:
            # the clinic writes to the address she signs in with.
            patient.email = email
            patient.save(update_fields=["user", "email"])
        patients[last.lower()] = patient
    return patients


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, email, password) for the logins `make run` prints."""
    rows = [(User.Role(role).label, email, DEMO_PASSWORD) for email, _, _, role, _ in STAFF]
    rows += [("Patient", email, DEMO_PASSWORD) for email, *_ in PATIENTS if email is not None]
    from demo import language_data  # it builds on this module's helpers

    return rows + language_data.demo_logins()


# --- intakes, flags and measures --------------------------------------------------------------


def _days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _red_flags(**positive) -> dict:
    answers = {q.code: "no" for q in redflags.RED_FLAG_QUESTIONS}
    answers.update(positive)
    return answers


def _neuro(**positive) -> dict:
    answers = dict.fromkeys(redflags.NEURO_ITEMS, "no")
    answers.update(positive)
    return answers


def _chart(*marks) -> dict:
    return {
        "body_chart": json.dumps(
            [
                {"region": r, "side": s, "symptoms": list(sym), "worst": worst}
                for r, s, sym, worst in marks
            ]
        )
    }


def _save(intake, slug: str, data: dict, therapist: User) -> None:
    """Save a section through its form, exactly as the page would."""
    form = SECTION_BY_SLUG[slug](data=data, intake=intake)
    if not form.is_valid():
        raise ValueError(f"Demo {slug} answers are invalid: {form.errors.as_json()}")
    services.save_intake_section(intake=intake, section=slug, data=form.storage(), by=therapist)


def _intake(patient: Patient, therapist: User, visit: date, sections: dict) -> Intake:
    complaint = {"visit_date": visit.isoformat(), **sections.pop("complaint")}
    form = SECTION_BY_SLUG["complaint"](data=complaint, patient=patient)
    if not form.is_valid():
        raise ValueError(f"Demo complaint is invalid: {form.errors.as_json()}")
    intake = services.create_intake(patient=patient, therapist=therapist, data=form.storage())
    for slug, data in sections.items():
        _save(intake, slug, data, therapist)
    Intake.objects.filter(pk=intake.pk).update(created_at=_at(visit, 9))
    return intake


def _sign(intake: Intake, therapist: User, *, share_pcp: bool = True) -> None:
    patient = intake.patient
    services.sign_intake(
        intake=intake,
        consents={
            "consent_treatment": True,
            "consent_privacy": True,
            "consent_communications": True,
            "consent_share_pcp": share_pcp,
            "consent_photo": False,
            "consent_home_program": True,
        },
        signature_name=patient.full_name,
        by=therapist,
    )
    Intake.objects.filter(pk=intake.pk).update(signed_at=_at(intake.visit_date, 11))


def _measure(patient, therapist, instrument, answers, days, **extra):
    measure = services.record_measure(
        patient=patient,
        instrument=instrument,
        answers=answers,
        by=therapist,
        taken_on=_days_ago(days),
        **extra,
    )
    OutcomeMeasure.objects.filter(pk=measure.pk).update(created_at=_at(_days_ago(days), 10))
    return measure


def seed_rivera(patient: Patient, therapist: User) -> None:
    """Typical sciatica: leg worse than back, below the knee, three weeks in."""
    visit = _days_ago(4)
    intake = _intake(
        patient,
        therapist,
        visit,
        {
            "complaint": {
                "own_words": "Shooting pain from my left buttock down the back of my leg into "
                "my foot. Sitting at work is the worst.",
                "main_area": "leg",
                "pain_more": "leg",
                "below_knee": "yes",
                "related_to": ["none"],
            },
            "red-flags": _red_flags(),
            "body-chart": _chart(
                ("buttock_deep", "left", ["pain"], True),
                ("thigh_posterior", "left", ["pain"], False),
                ("calf", "left", ["pain", "pins_and_needles"], False),
                ("foot_dorsum", "left", ["pins_and_needles"], False),
                ("lumbar_paraspinal", "left", ["pain"], False),
            ),
            "pain": {
                "back_pain_now": "3",
                "back_pain_best": "2",
                "back_pain_worst": "5",
                "back_pain_week": "4",
                "leg_pain_now": "7",
                "leg_pain_best": "4",
                "leg_pain_worst": "9",
                "leg_pain_week": "7",
                "qualities": ["shooting_electric", "tingling", "aching"],
            },
            "onset": {
                "onset_date": (visit - timedelta(days=23)).isoformat(),
                "onset_type": "sudden",
                "trigger": "lifting",
                "course": "unchanged",
                "constancy": "intermittent",
            },
            "factors": {
                "factor_sitting": "worse",
                "factor_driving": "worse",
                "factor_bending_forward": "worse",
                "factor_socks_shoes": "worse",
                "factor_cough_sneeze_strain": "worse",
                "factor_walking": "better",
                "factor_standing": "no_effect",
                "sitting_minutes": "15",
                "walking_minutes": "40",
                "easing": ["walking", "lying_knees_bent", "heat"],
            },
            "daily-pattern": {
                "morning_stiffness": "no",
                "day_pattern": "varies_activity",
                "night_waking": "sometimes",
                "back_to_sleep": "yes",
                "night_unrelieved": "no",
            },
            "neuro": _neuro(),
            "history": {
                "previous_episodes": "1",
                "last_episode_date": (visit - timedelta(days=3 * 365)).isoformat(),
                "last_episode_resolution": "Settled in a few weeks with walking",
                "treatment_massage_nmt": "helped",
            },
            "medical": {},
            "medications": {
                "medications-TOTAL_FORMS": "3",
                "medications-INITIAL_FORMS": "0",
                "medications-0-name": "Ibuprofen",
                "medications-0-dose": "400 mg",
                "medications-0-frequency": "up to 3 times a day",
                "medications-0-reason": "leg pain",
                "long_term_steroids": "no",
                "allergies": ["none"],
            },
            "imaging": {"imaging-TOTAL_FORMS": "3", "imaging-INITIAL_FORMS": "0"},
            "goals": {
                "goals": "Sit through a full workday and get back to weekend hikes.",
                "work_status": "modified",
                "sitting_hours": "7",
                "job_demands": ["sitting"],
                "can_swim": "yes",
                "pool_access": "yes",
                "sleep_position": "side",
            },
            "psychosocial": {
                "hurt_means_harm": "a_little",
                "avoids_activity": "a_little",
                "low_mood": "no",
                "stress": "a_little",
                "support": "good",
                "expected_recovery": "soon",
            },
        },
    )
    _sign(intake, therapist)
    _measure(
        patient,
        therapist,
        "rmdq",
        {"ticked": [2, 3, 6, 9, 11, 12, 16, 18, 20, 21], "none_apply": False},
        4,
        intake=intake,
    )
    _measure(patient, therapist, "sbi", {"items": [5, 4, 2, 6]}, 4, intake=intake)
    _measure(patient, therapist, "start_back", {"items": [1, 0, 0, 1, 1, 0, 0, 0, 2]}, 4)
    measure = services.record_psfs(
        patient=patient,
        ratings=[3, 4, 5],
        new_activities=["Sit through a 1-hour meeting", "Put on socks", "Walk the dog 30 min"],
        by=therapist,
        taken_on=_days_ago(4),
    )
    OutcomeMeasure.objects.filter(pk=measure.pk).update(created_at=_at(_days_ago(4), 10))


def seed_natarajan(patient: Patient, therapist: User) -> None:
    """Chronic low-back pain, with measures at baseline, six weeks and three months."""
    visit = _days_ago(84)
    intake = _intake(
        patient,
        therapist,
        visit,
        {
            "complaint": {
                "own_words": "A deep ache across my low back that has been there most days "
                "for two years. Worse after standing at the lab bench.",
                "main_area": "low_back",
                "pain_more": "back",
                "below_knee": "no",
                "related_to": ["work"],
            },
            "red-flags": _red_flags(),
            "body-chart": _chart(
                ("lumbar_central", "central", ["pain"], True),
                ("lumbar_paraspinal", "both", ["pain"], False),
                ("sij_psis", "right", ["pain"], False),
                ("buttock_upper", "right", ["pain"], False),
            ),
            "pain": {
                "back_pain_now": "6",
                "back_pain_best": "3",
                "back_pain_worst": "8",
                "back_pain_week": "6",
                "leg_pain_now": "1",
                "leg_pain_best": "0",
                "leg_pain_worst": "2",
                "leg_pain_week": "1",
                "qualities": ["aching", "deep", "stiff", "tight_pulling"],
            },
            "onset": {
                "onset_date": (visit - timedelta(days=730)).isoformat(),
                "onset_approximate": "on",
                "onset_type": "gradual",
                "trigger": "no_clear_cause",
                "course": "fluctuating",
                "constancy": "constant",
                "problem_three_months": "yes",
                "half_the_days": "yes",
            },
            "factors": {
                "factor_standing": "worse",
                "factor_walking": "no_effect",
                "factor_bending_backward": "worse",
                "factor_sitting": "better",
                "factor_lying_back": "better",
                "standing_minutes": "20",
                "easing": ["sitting_bending", "heat", "stretching", "swimming"],
            },
            "daily-pattern": {
                "morning_stiffness": "yes",
                "morning_stiffness_minutes": "15",
                "day_pattern": "worse_evening",
                "night_waking": "never",
                "night_unrelieved": "no",
                "asas_onset_before_40": "no",
                "asas_insidious_onset": "yes",
                "asas_improves_with_exercise": "yes",
                "asas_no_improvement_with_rest": "no",
                "asas_night_pain_improves_on_rising": "no",
            },
            "neuro": _neuro(),
            "history": {
                "previous_episodes": "4",
                "treatment_physical_therapy": "helped",
                "treatment_chiropractic": "no_change",
                "treatment_medications": "no_change",
            },
            "medical": {"high_blood_pressure": "on"},
            "medications": {
                "medications-TOTAL_FORMS": "3",
                "medications-INITIAL_FORMS": "0",
                "medications-0-name": "Lisinopril",
                "medications-0-dose": "10 mg",
                "medications-0-frequency": "daily",
                "medications-0-reason": "blood pressure",
                "medications-1-name": "Naproxen",
                "medications-1-dose": "220 mg",
                "medications-1-frequency": "as needed",
                "medications-1-reason": "back pain",
                "long_term_steroids": "no",
                "allergies": ["latex"],
            },
            "imaging": {
                "imaging-TOTAL_FORMS": "3",
                "imaging-INITIAL_FORMS": "0",
                "imaging-0-kind": "xray",
                "imaging-0-date": (visit - timedelta(days=400)).isoformat(),
                "imaging-0-facility": "Harbor Imaging",
                "imaging-0-summary": "Mild degenerative change L4–S1; no fracture",
            },
            "goals": {
                "goals": "Stand through a full lab shift and garden on weekends.",
                "work_status": "full",
                "job_demands": ["standing", "lifting"],
                "can_swim": "yes",
                "pool_access": "yes",
                "sleep_position": "back",
            },
            "psychosocial": {
                "hurt_means_harm": "yes",
                "avoids_activity": "yes",
                "low_mood": "a_little",
                "stress": "yes",
                "support": "some",
                "expected_recovery": "slowly",
            },
        },
    )
    _sign(intake, therapist)
    # A correction after signing: the naproxen dose was misheard.
    form = SECTION_BY_SLUG["medications"](
        data={
            "medications-TOTAL_FORMS": "3",
            "medications-INITIAL_FORMS": "0",
            "medications-0-name": "Lisinopril",
            "medications-0-dose": "10 mg",
            "medications-0-frequency": "daily",
            "medications-0-reason": "blood pressure",
            "medications-1-name": "Naproxen",
            "medications-1-dose": "440 mg",
            "medications-1-frequency": "twice a day when flaring",
            "medications-1-reason": "back pain",
            "long_term_steroids": "no",
            "allergies": ["latex"],
        },
        intake=intake,
    )
    if form.is_valid():
        services.amend_intake(
            intake=intake,
            section="medications",
            data=form.storage(),
            reason="Patient checked the box at home: the naproxen dose and frequency were wrong.",
            by=therapist,
        )
        IntakeAmendment.objects.filter(intake=intake).update(created_at=_at(visit + timedelta(1)))
    for days, rmdq in ((84, 15), (49, 11), (7, 7)):
        _measure(
            patient,
            therapist,
            "rmdq",
            {"ticked": list(range(1, rmdq + 1)), "none_apply": False},
            days,
        )
    for days, sections in (
        (84, [3, 1, 2, 2, 2, 3, 1, 2, 2, 2]),
        (49, [2, 1, 2, 1, 1, 2, 1, None, 2, 2]),
        (7, [2, 0, 1, 1, 1, 1, 1, None, 1, 1]),
    ):
        _measure(patient, therapist, "odi", {"sections": sections}, days, version="2.1a")
    for days, back, leg in ((49, 4, 1), (7, 3, 0)):
        _measure(patient, therapist, "nprs", {"back_now": back, "leg_now": leg}, days)
    for days, items in ((84, [0, 1, 0, 1, 1, 1, 0, 1, 2]), (7, [0, 0, 0, 0, 1, 0, 0, 0, 1])):
        _measure(patient, therapist, "start_back", {"items": items}, days)
    names = [
        "Stand at the lab bench for 2 hours",
        "Kneel to weed the garden",
        "Lift a laundry basket",
    ]
    for index, (days, ratings) in enumerate(((84, [3, 2, 5]), (49, [5, 4, 6]), (7, [7, 6, 8]))):
        measure = services.record_psfs(
            patient=patient,
            ratings=ratings,
            new_activities=names if index == 0 else None,
            by=therapist,
            taken_on=_days_ago(days),
        )
        OutcomeMeasure.objects.filter(pk=measure.pk).update(created_at=_at(_days_ago(days), 10))


def seed_brooks(patient: Patient, therapist: User) -> None:
    """An emergency flag (possible cauda equina) raised today, awaiting a clinician's decision."""
    _intake(
        patient,
        therapist,
        timezone.localdate(),
        {
            "complaint": {
                "own_words": "Back pain for a week, and since yesterday both legs feel heavy "
                "and numb between my legs.",
                "main_area": "low_back",
                "pain_more": "equal",
                "below_knee": "yes",
                "related_to": ["none"],
            },
            "red-flags": _red_flags(
                ces_saddle="yes_new", ces_bladder="yes_new", ces_bilateral="yes_new"
            ),
        },
    )


def seed_cho(patient: Patient, therapist: User) -> None:
    """History of cancer at 57: the urgent "suspected malignancy" combination (cancer with age 50
    or over), cleared by her physician, and the "soon" cancer flag acknowledged."""
    visit = _days_ago(20)
    intake = _intake(
        patient,
        therapist,
        visit,
        {
            "complaint": {
                "own_words": "Right buttock and hip ache after gardening, on and off for "
                "two months.",
                "main_area": "buttock",
                "pain_more": "back",
                "below_knee": "no",
                "related_to": ["none"],
            },
            "red-flags": _red_flags(cancer_history="yes"),
            "body-chart": _chart(
                ("buttock_upper", "right", ["pain"], True),
                ("hip_lateral", "right", ["pain"], False),
            ),
            "pain": {"back_pain_now": "4", "leg_pain_now": "1", "qualities": ["aching", "dull"]},
            "onset": {
                "onset_date": (visit - timedelta(days=60)).isoformat(),
                "onset_type": "gradual",
                "trigger": "sport",
                "course": "improving",
            },
            "neuro": _neuro(),
            "medical": {"cancer": "on", "cancer_details": "Breast cancer 2015, in remission"},
        },
    )
    _sign(intake, therapist)
    combined = intake.red_flags.get(code="malignancy_suspected")
    cleared_on = visit + timedelta(days=1)
    services.record_flag_decision(
        flag=combined,
        reason="physician_clearance",
        note=f"Cleared by Dr. Anita Shah (PCP) on {cleared_on:%d %b %Y}. Breast cancer 2015, "
        "discharged by oncology in 2021; examined, no night pain, weight steady, no signs of "
        "recurrence. Fine to start hands-on treatment and a home program.",
        by=therapist,
    )
    flag = intake.red_flags.get(code="cancer_history")
    services.record_flag_decision(
        flag=flag,
        reason="acknowledged_soon",
        note="Breast cancer 2015, discharged by oncology in 2021. Pain is mechanical and "
        "improving. Letter sent to her PCP; review in 4 weeks or sooner if night pain starts.",
        by=therapist,
    )
    RedFlag.objects.filter(pk=flag.pk).update(created_at=_at(visit, 9), decided_at=_at(visit, 11))
    RedFlag.objects.filter(pk=combined.pk).update(
        created_at=_at(visit, 9), instruction_shown_at=_at(visit, 9), decided_at=_at(cleared_on, 15)
    )


def seed_delgado(patient: Patient, therapist: User) -> None:
    """Precautions: right hip replaced from the back four months ago, on a blood thinner."""
    visit = _days_ago(10)
    intake = _intake(
        patient,
        therapist,
        visit,
        {
            "complaint": {
                "own_words": "Low back and left buttock pain since I started walking more "
                "after my hip operation.",
                "main_area": "low_back",
                "pain_more": "back",
                "below_knee": "no",
                "related_to": ["none"],
            },
            "red-flags": _red_flags(),
            "body-chart": _chart(
                ("lumbar_paraspinal", "both", ["pain"], True),
                ("buttock_upper", "left", ["pain"], False),
            ),
            "pain": {"back_pain_now": "5", "leg_pain_now": "2", "qualities": ["aching", "stiff"]},
            "onset": {
                "onset_date": (visit - timedelta(days=70)).isoformat(),
                "onset_type": "gradual",
                "trigger": "no_clear_cause",
                "course": "unchanged",
            },
            "neuro": _neuro(),
            "medical": {
                "hip_right": "on",
                "hip_right_approach": "posterior",
                "hip_right_date": (visit - timedelta(days=120)).isoformat(),
                "high_blood_pressure": "on",
            },
            "medications": {
                "medications-TOTAL_FORMS": "3",
                "medications-INITIAL_FORMS": "0",
                "medications-0-name": "Eliquis",
                "medications-0-dose": "2.5 mg",
                "medications-0-frequency": "twice a day",
                "medications-0-reason": "after hip surgery",
                "long_term_steroids": "no",
                "allergies": ["none"],
            },
            "goals": {
                "goals": "Walk to the harbour and back without stopping.",
                "work_status": "retired",
                "can_swim": "no",
                "pool_access": "yes",
            },
        },
    )
    _sign(intake, therapist)
    _measure(patient, therapist, "rmdq", {"ticked": [3, 5, 10, 17, 23], "none_apply": False}, 10)


CLINICAL_STORIES = {
    "rivera": seed_rivera,
    "natarajan": seed_natarajan,
    "brooks": seed_brooks,
    "cho": seed_cho,
    "delgado": seed_delgado,
}


def seed_clinical(patients: dict[str, Patient]) -> None:
    """Each demo patient's intake, flags and measures; skipped once the patient has an intake."""
    for key, story in CLINICAL_STORIES.items():
        patient = patients.get(key)
        if patient is None or patient.intakes.exists():
            continue
        story(patient, patient.therapist)


# --- imaging and test report files ------------------------------------------------------------

DEMO_REPORT_CSS = """
@page { size: letter; margin: 18mm 20mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #1d2b36; }
.banner { border: 2pt solid #b02a37; color: #b02a37; font-weight: bold; text-align: center;
  padding: 4pt; letter-spacing: .05em; }
.banner-foot { margin-top: 18pt; }
.facility { font-size: 15pt; font-weight: bold; margin: 10pt 0 0; }
.facility-line { color: #4a5867; margin: 0 0 8pt; }
h1 { font-size: 14pt; border-bottom: 1pt solid #1d2b36; padding-bottom: 3pt; }
h2 { font-size: 11pt; margin: 12pt 0 3pt; }
.facts { width: 100%; border-collapse: collapse; }
.facts th { text-align: left; color: #4a5867; font-weight: normal; padding: 2pt 6pt 2pt 0; }
.facts td { padding: 2pt 12pt 2pt 0; font-weight: bold; }
.impression { font-weight: bold; }
.signed { margin-top: 14pt; color: #4a5867; }
"""

DEMO_MRI = {
    "kind": "mri",
    "facility": "Harbor Imaging",
    "summary": "Small L4–5 disc bulge, no nerve compression",
}
DEMO_REPORTS = {
    "xray": {
        "name": "Harbor Imaging - lumbar X-ray report.pdf",
        "title": "X-ray lumbar spine, 2 views",
        "history": "Low-back pain on and off for two years. No trauma.",
        "technique": "Frontal and lateral radiographs of the lumbar spine.",
        "findings": [
            "Five lumbar-type vertebrae; alignment is normal.",
            "Mild loss of disc height at L4–5 and L5–S1 with small anterior osteophytes.",
            "No fracture, no spondylolisthesis, no destructive bone lesion.",
            "Sacroiliac joints are unremarkable.",
        ],
        "impression": "Mild degenerative change L4–S1, common at this age. No fracture.",
    },
    "mri": {
        "name": "Harbor Imaging - MRI lumbar spine.pdf",
        "title": "MRI lumbar spine without contrast",
        "history": "Chronic low-back pain, worse with standing. No leg symptoms.",
        "technique": "Sagittal T1, T2 and STIR; axial T2 from L2 to S1. No contrast.",
        "findings": [
            "L1–L3: normal discs and facet joints.",
            "L4–5: small broad-based disc bulge. The spinal canal and exit foramina are not "
            "narrowed; no nerve root is touched.",
            "L5–S1: mild disc dehydration without a bulge or herniation.",
            "Mild facet joint arthropathy at L4–5 and L5–S1.",
            "Normal conus; no marrow oedema; no mass.",
        ],
        "impression": "Age-typical degenerative changes with a small L4–5 disc bulge. No nerve "
        "root compression and no features of serious pathology.",
    },
}


def _demo_report_pdf(patient: Patient, exam_date: date, facility: str, **content) -> bytes:
    """A clearly fictional report PDF, rendered from a template with WeasyPrint at seed time."""
    from weasyprint import CSS, HTML

    from programs.handouts.fetcher import HandoutURLFetcher

    html = render_to_string(
        "demo/imaging_report.html",
        {"patient": patient, "exam_date": exam_date, "facility": facility, **content},
    )
    # The report asks for nothing; the handouts' fetcher refuses anything it might.
    return HTML(string=html, url_fetcher=HandoutURLFetcher()).write_pdf(
        stylesheets=[CSS(string=DEMO_REPORT_CSS)]
    )


def _attach_demo_report(intake, row, *, by, on: datetime, note: str = "") -> ImagingReport:
    """Attach through the same checks and service as the upload page, then date it."""
    content = DEMO_REPORTS[row["kind"]]
    pdf = _demo_report_pdf(
        intake.patient,
        exam_date=parse_date(row["date"]),
        facility=row["facility"],
        **{k: v for k, v in content.items() if k != "name"},
    )
    upload = SimpleUploadedFile(content["name"], pdf, content_type="application/pdf")
    report = imaging_reports.attach_imaging_report(
        intake=intake,
        entry=row["ref"],
        report=imaging_reports.check_report_pdf(upload),
        by=by,
        note=note,
    )
    ImagingReport.objects.filter(pk=report.pk).update(uploaded_at=on, created_at=on)
    report.refresh_from_db()
    return report


def _add_demo_mri(intake: Intake, by: User, on: date) -> None:
    """The MRI arrives at the six-week review: added to the signed intake by amendment."""
    rows = ImagingSection.entries(intake)
    post = {"imaging-TOTAL_FORMS": str(len(rows) + 1), "imaging-INITIAL_FORMS": str(len(rows))}
    mri = {**DEMO_MRI, "date": (intake.visit_date - timedelta(days=240)).isoformat()}
    for index, row in enumerate([*rows, mri]):
        for key, value in row.items():
            if value not in (None, ""):
                post[f"imaging-{index}-{key}"] = str(value)
    form = SECTION_BY_SLUG["imaging"](data=post, intake=intake)
    if not form.is_valid():
        raise ValueError(f"Demo imaging answers are invalid: {form.errors.as_json()}")
    if not intake.is_signed:
        services.save_intake_section(intake=intake, section="imaging", data=form.storage(), by=by)
        return
    amendment, _ = services.amend_intake(
        intake=intake,
        section="imaging",
        data=form.storage(),
        reason="Patient brought the MRI report from her physician to the six-week review.",
        by=by,
    )
    IntakeAmendment.objects.filter(pk=amendment.pk).update(created_at=_at(on, 10))


def seed_imaging_reports(patients: dict[str, Patient]) -> None:
    """Natarajan's X-ray and MRI reports (FICTIONAL DEMO REPORT PDFs), one of them first
    attached to the wrong test and filed in error. Skipped once her intake has reports."""
    patient = patients.get("natarajan")
    intake = patient.intakes.order_by("visit_date", "id").first() if patient else None
    if intake is None or intake.imaging_reports.exists():
        return
    therapist = intake.therapist
    visit = intake.visit_date
    if not any(row.get("kind") == "mri" for row in ImagingSection.entries(intake)):
        _add_demo_mri(intake, therapist, visit + timedelta(days=42))
        intake.refresh_from_db()  # the amendment saved the answers on a fresh copy
    rows = {row["kind"]: row for row in ImagingSection.entries(intake)}
    xray, mri = rows.get("xray"), rows.get("mri")
    if xray is None or mri is None:
        return
    # The X-ray report comes in two days after the visit and lands on the MRI by mistake...
    mistake = _attach_demo_report(
        intake, {**xray, "ref": mri["ref"]}, by=therapist, on=_at(visit + timedelta(days=2), 9)
    )
    imaging_reports.mark_report_filed_in_error(
        report=mistake,
        reason="Wrong test: this is the X-ray report. Attached to the X-ray instead.",
        by=therapist,
    )
    ImagingReport.objects.filter(pk=mistake.pk).update(
        filed_in_error_at=_at(visit + timedelta(days=2), 9) + timedelta(minutes=4)
    )
    _attach_demo_report(
        intake,
        xray,
        by=therapist,
        on=_at(visit + timedelta(days=2), 9) + timedelta(minutes=5),
        note="Faxed by Harbor Imaging.",
    )
    # ...and the MRI report at the six-week review.
    _attach_demo_report(
        intake, mri, by=therapist, on=_at(visit + timedelta(days=42), 10) + timedelta(minutes=5)
    )


def settle_intake_times(*, seeded_since: datetime) -> None:
    """Date each demo intake's last change to its last event (the visit, signing or the latest
    amendment), as if the demo had happened over months, so the dashboard's "Recent intakes"
    reads in the order a therapist would have worked on them, not in the order seeded.

    Only intakes this run of seed_demo wrote are dated: a change someone made while trying the
    demo keeps its time when the demo is seeded again."""
    now = timezone.now()
    intakes = Intake.objects.filter(updated_at__gte=seeded_since).annotate(
        amended_at=Max("amendments__created_at")
    )
    for intake in intakes:
        events = [_at(intake.visit_date, 11), intake.signed_at, intake.amended_at]
        last = min(max(event for event in events if event is not None), now)
        Intake.objects.filter(pk=intake.pk).update(updated_at=last)


DEMO_AUDIT_REQUEST = "demo-seed-audit"


def seed_audit(staff: dict[str, User], patients: dict[str, Patient]) -> None:
    """A short, plausible access history so the audit log page has something to show.

    Written through the real audit service, so the demo chain verifies like any other.
    """
    from clinic import audit
    from clinic.models import AuditEvent

    if AuditEvent.objects.filter(request_id__startswith=DEMO_AUDIT_REQUEST).exists():
        return
    maya = staff["maya@restore.example"]
    dana = staff["admin@restore.example"]
    Action = AuditEvent.Action
    history = [
        (Action.LOGIN, maya, None, "", "198.51.100.24"),
        (Action.VIEW, maya, patients["rivera"], "patient page", "198.51.100.24"),
        (Action.VIEW, maya, patients["natarajan"], "patient page", "198.51.100.24"),
        (Action.LOGIN_FAILED, None, None, "", "203.0.113.77"),
        (Action.LOGIN, dana, None, "", "198.51.100.31"),
        (
            Action.EXPORT,
            dana,
            patients["natarajan"],
            "whole record (request of access)",
            "198.51.100.31",
        ),
        (Action.VIEW, maya, patients["brooks"], "patient page", "198.51.100.24"),
    ]
    for n, (action, user, patient, detail, ip) in enumerate(history):
        audit.record(
            action=action,
            user=user,
            actor="" if user else "jordan@patient.example",
            patient=patient,
            obj=patient,
            detail=detail,
            context=audit.RequestContext(
                ip=ip,
                request_id=f"{DEMO_AUDIT_REQUEST}-{n}",
                user_agent="Mozilla/5.0 (demo)",
            ),
        )


# --- messages (the outbox) --------------------------------------------------------------------


def seed_messages(staff: dict[str, User], patients: dict[str, Patient]) -> None:
    """A few delivered emails, one that failed and one waiting for its time, so the delivery
    pages have something to show. Written through the outbox service (the texts are the real
    ones), then dated back; idempotent by idempotency key. The failed and sent rows are never
    picked up by the worker: their delivery task finds them already settled."""
    from django.urls import reverse

    from clinic.models import OutboxMessage
    from clinic.outbox.services import enqueue_message

    Kind, Status = OutboxMessage.Kind, OutboxMessage.Status
    maya = staff["maya@restore.example"]
    rivera, natarajan, brooks = patients["rivera"], patients["natarajan"], patients["brooks"]
    portal = reverse("programs:portal-home")
    now = timezone.now()
    rows = [
        # key, kind, recipient, patient, path, days ago, attempts, outcome
        ("demo:program_ready:rivera", Kind.PROGRAM_READY, rivera.user, rivera, portal, 12, 1, ""),
        ("demo:program_ready:natarajan", Kind.PROGRAM_READY, natarajan.user, natarajan, portal,
         40, 1, ""),
        ("demo:program_updated:natarajan", Kind.PROGRAM_UPDATED, natarajan.user, natarajan,
         portal, 9, 3, "Attempt 2: The mail server refused the message: 451 4.7.1 Greylisted, "
         "please try again later"),
        ("demo:staff_alert:natarajan", Kind.STAFF_ALERT, maya, natarajan,
         natarajan.get_absolute_url(), 2, 1, ""),
        ("demo:secure_message:brooks", Kind.SECURE_MESSAGE, None, brooks, "", 4, 6, "failed"),
    ]  # fmt: skip
    for key, kind, recipient, patient, path, days, attempts, outcome in rows:
        if OutboxMessage.objects.filter(idempotency_key=key).exists():
            continue
        message = enqueue_message(
            kind=kind, key=key, recipient=recipient, patient=patient, path=path, by=maya
        )
        written = now - timedelta(days=days, hours=2)
        settled = written + timedelta(minutes=31 if attempts > 1 else 0, seconds=4)
        fields = {"created_at": written, "attempts": attempts, "last_attempt_at": settled}
        if outcome == "failed":
            fields |= {
                "status": Status.FAILED,
                "next_attempt_at": None,
                "last_error": f"Attempt {attempts}: The mail server refused the address: "
                f"550 5.1.1 <{message.address}>: Recipient address rejected: User unknown",
            }
        else:
            fields |= {
                "status": Status.SENT,
                "sent_at": settled,
                "next_attempt_at": None,
                "last_error": outcome,
            }
        OutboxMessage.objects.filter(pk=message.pk).update(**fields)
    # One waiting for its time: a secure message to Jordan, to go out in three days at 9 am.
    if not OutboxMessage.objects.filter(idempotency_key="demo:secure_message:rivera").exists():
        send_at = timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=3), time(9, 0))
        )
        enqueue_message(
            kind=Kind.SECURE_MESSAGE,
            key="demo:secure_message:rivera",
            recipient=rivera.user,
            patient=rivera,
            send_after=send_at,
            by=maya,
        )


# --- secure messages --------------------------------------------------------------------------

# (days ago, hour, minute, author: "patient" or "therapist", text)
RIVERA_THREAD = [
    (5, 19, 12, "patient", "Hi Maya, the hamstring stretch pulls behind my knee. Should I keep "
     "going or change something?"),
    (4, 8, 40, "therapist", "Thanks for telling me, Jordan. Keep it small: only to where you feel "
     "a light pull, with the knee a little more bent. If the pull turns into tingling, leave that "
     "one out and we will look at it at your next visit."),
    (4, 20, 5, "patient", "That works much better, thank you. Is it all right to walk on the "
     "days I rest from the stretches?"),
    (3, 9, 15, "therapist", "Yes, walking is good every day. Start with 10 minutes at an easy "
     "pace and add a couple of minutes whenever the next morning feels no worse."),
]  # fmt: skip


def seed_secure_messages(staff: dict[str, User], patients: dict[str, Patient]) -> None:
    """Jordan and Maya's thread: four messages over a few days, Maya's last answer not yet
    read (the portal shows the badge). Written through the service, then dated back; the
    emails saying a message was waiting are settled as sent. Seeded once."""
    from clinic.messaging import send_secure_message
    from clinic.models import MessageThread, OutboxMessage, SecureMessage

    rivera, maya = patients["rivera"], staff["maya@restore.example"]
    if rivera.user_id is None or SecureMessage.objects.filter(thread__patient=rivera).exists():
        return
    moments = []
    for days, hour, minute, side, text in RIVERA_THREAD:
        author = rivera.user if side == "patient" else maya
        message = send_secure_message(patient=rivera, body=text, by=author)
        when = _at(_days_ago(days), hour) + timedelta(minutes=minute)
        SecureMessage.objects.filter(pk=message.pk).update(created_at=when)
        OutboxMessage.objects.filter(
            idempotency_key__startswith=f"secure_message:{message.uuid}:"
        ).update(
            created_at=when,
            status=OutboxMessage.Status.SENT,
            attempts=1,
            last_attempt_at=when + timedelta(seconds=4),
            sent_at=when + timedelta(seconds=4),
            next_attempt_at=None,
        )
        moments.append(when)
    MessageThread.objects.filter(patient=rivera).update(
        created_at=moments[0],
        last_message_at=moments[-1],
        staff_read_at=moments[-1],
        patient_read_at=moments[-2],
    )
