"""Red flags between raising and the decision, in the demo (fictional people).

- Walter Brooks (suspected cauda equina, raised today): sent to the emergency department, his
  flags awaiting the outcome, with the task "call to find out the outcome" due today.
- Gloria Whitfield (worsening foot drop, three days ago): declined the emergency referral; the
  advice is documented, her flag stays open and the follow-up call is overdue on the dashboard.

Safe to re-run: a patient whose flags already have a history is left as it is.
"""

from datetime import date, timedelta

from django.utils import timezone

from clinic.flag_states import services as flag_states
from clinic.models import FlagFollowUp, Intake, Patient, RedFlag, RedFlagEvent, User

from . import clinic_data

WHITFIELD = {
    "first_name": "Gloria",
    "last_name": "Whitfield",
    "date_of_birth": date(1961, 3, 14),
}


def seed(*, staff: dict[str, User], patients: dict[str, Patient]) -> None:
    brooks = patients.get("brooks")
    if brooks is not None:
        seed_brooks_awaiting_outcome(brooks)
    seed_whitfield_declined(staff["sam@restore.example"])


def _emergency_flags(patient: Patient) -> list[RedFlag]:
    return list(
        patient.red_flags.open_flags().filter(tier=RedFlag.Tier.EMERGENCY).by_severity("created_at")
    )


def _backdate(flags: list[RedFlag], *, raised, step_at, due_on: date) -> None:
    """Move the demo's flags and their history to when the story happened."""
    RedFlag.objects.filter(pk__in=[f.pk for f in flags]).update(created_at=raised)
    RedFlag.objects.filter(pk__in=[f.pk for f in flags], instruction_shown_at__isnull=False).update(
        instruction_shown_at=raised + timedelta(minutes=1)
    )
    RedFlagEvent.objects.filter(flag__in=flags).update(recorded_at=step_at)
    FlagFollowUp.objects.filter(flag__in=flags).update(created_at=step_at, due_on=due_on)


def seed_brooks_awaiting_outcome(patient: Patient) -> None:
    flags = _emergency_flags(patient)
    if not flags or RedFlagEvent.objects.filter(flag__patient=patient).exists():
        return
    raised = timezone.now() - timedelta(hours=3)
    advised = raised + timedelta(minutes=10)
    flag_states.refer_to_emergency(
        flag=flags[0],
        advised_by=str(patient.therapist),
        advised_at=advised,
        travel="driven",
        called="His wife, Linda, who drove him; the Harbor General ED triage nurse was phoned "
        "ahead with the findings.",
        note="Letter with the intake findings sent with him.",
        also=flags[1:],
        by=patient.therapist,
    )
    _backdate(flags, raised=raised, step_at=advised, due_on=timezone.localdate())


def _whitfield(therapist: User) -> Patient:
    patient = Patient.objects.filter(**WHITFIELD).first()
    if patient is None:
        patient = Patient.objects.create(
            **WHITFIELD,
            email="gloria.whitfield@patient.example",
            phone="(617) 555-0188",
            preferred_contact=Patient.ContactMethod.PHONE,
            therapist=therapist,
            created_by=therapist,
            occupation="School librarian",
        )
    return patient


def seed_whitfield_declined(therapist: User) -> None:
    patient = _whitfield(therapist)
    visit = timezone.localdate() - timedelta(days=3)
    if not patient.intakes.exists():
        intake = clinic_data._intake(
            patient,
            therapist,
            visit,
            {
                "complaint": {
                    "own_words": "Pain down my right leg for a month. This week my right foot "
                    "slaps when I walk and I keep catching my toes on the stairs.",
                    "main_area": "leg",
                    "pain_more": "leg",
                    "below_knee": "yes",
                    "related_to": ["none"],
                },
                "red-flags": clinic_data._red_flags(neuro_progressive="yes_new"),
            },
        )
        # Last worked on at that visit (the dashboard's "Recent intakes" reads in that order).
        Intake.objects.filter(pk=intake.pk).update(updated_at=clinic_data._at(visit, 10))
    flags = _emergency_flags(patient)
    if not flags or RedFlagEvent.objects.filter(flag__patient=patient).exists():
        return
    raised = clinic_data._at(visit, 10)
    advised = raised + timedelta(minutes=15)
    flag_states.record_declined(
        flag=flags[0],
        advised_by=str(therapist),
        advised_at=advised,
        advice="Advised to go to the emergency department today: a foot drop that is getting "
        "worse needs a doctor's examination and often an urgent scan. Explained that waiting "
        "can mean the weakness does not recover. Gloria declined: she will see her own doctor "
        "on Thursday. Told her to call 911 at once if both legs, her bladder or bowel, or the "
        "feeling between her legs are affected. Exercises paused.",
        also=flags[1:],
        by=therapist,
    )
    _backdate(flags, raised=raised, step_at=advised, due_on=visit + timedelta(days=1))
