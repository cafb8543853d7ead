"""Demo state of home questionnaires: six weeks of weekly answers, and one waiting.

Ms Natarajan (chronic low-back pain) answers a Roland-Morris, a Sciatica Bothersomeness Index
and her pain scores at home every week: six weeks of them, improving, some through the portal
and some by emailed link, all marked patient-reported on her trend charts. This week's
Roland-Morris is due today and not answered yet; its link is in the outbox. Answers go through
the same services the pages use. Idempotent: a second run changes nothing.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from clinic.models import OutcomeMeasure, Patient, User
from clinic.questionnaires import services
from clinic.questionnaires.models import MeasureSchedule, QuestionnaireRequest

WEEKS = 6
# Oldest first, one per week. RMDQ: statement numbers true that week; SBI: four items;
# NPRS: back now, back least, back worst, leg now.
RMDQ = [
    (2, 3, 6, 9, 11, 12, 16, 18, 20, 21, 23),
    (2, 3, 6, 9, 11, 12, 18, 20, 21, 23),
    (2, 3, 9, 11, 12, 18, 20, 21, 23),
    (2, 3, 9, 11, 18, 20, 21, 23),
    (2, 3, 11, 18, 20, 21, 23),
    (2, 11, 18, 20, 21, 23),
]
SBI = [(3, 2, 1, 3), (3, 2, 1, 2), (2, 2, 1, 2), (2, 1, 0, 2), (1, 1, 0, 1), (1, 0, 0, 1)]
NPRS = [(5, 3, 7, 2), (5, 3, 6, 1), (4, 2, 6, 1), (4, 2, 5, 1), (3, 2, 4, 0), (2, 1, 4, 0)]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(19, 30)))


def _answers(instrument: str, week: int) -> dict:
    if instrument == "rmdq":
        return {f"item_{n}": int(n in RMDQ[week]) for n in range(1, 25)}
    if instrument == "sbi":
        return {f"item_{n}": value for n, value in enumerate(SBI[week], 1)}
    back, least, worst, leg = NPRS[week]
    return {"back_now": back, "back_best": least, "back_worst": worst, "leg_now": leg}


def seed(*, staff: dict[str, User], patients: dict[str, Patient]) -> None:
    patient = patients.get("natarajan")
    if patient is None or MeasureSchedule.objects.filter(patient=patient).exists():
        return
    therapist = patient.therapist or next(iter(staff.values()))
    today = timezone.localdate()
    with transaction.atomic():
        # RMDQ a day later in the week than the others, so this week's is due today.
        for instrument, first_ago in (("rmdq", 42), ("sbi", 41), ("nprs", 41)):
            schedule = services.schedule_measure(
                patient=patient, instrument=instrument, cadence="every", every_weeks=1, by=therapist
            )
            start = today - timedelta(days=first_ago)
            MeasureSchedule.objects.filter(pk=schedule.pk).update(
                starts_on=start, next_due_on=start, created_at=_at(start) - timedelta(hours=9)
            )
            for week in range(WEEKS):
                day = start + timedelta(weeks=week)
                made = services.make_due_requests(today=day)
                request = next(r for r in made if r.schedule_id == schedule.pk)
                request = services.save_answers(request=request, data=_answers(instrument, week))
                # Odd weeks through the portal (Ms Natarajan is the recorder), even weeks by
                # the emailed link (no account signed in: no recorder).
                by = patient.user if week % 2 and patient.user else None
                measure = services.submit_questionnaire(request=request, by=by)
                OutcomeMeasure.objects.filter(pk=measure.pk).update(
                    taken_on=day, created_at=_at(day)
                )
                QuestionnaireRequest.objects.filter(pk=request.pk).update(
                    completed_at=_at(day), created_at=_at(day) - timedelta(hours=10)
                )
        for request in services.make_due_requests(today=today):
            if services.may_email(patient):
                services.send_link(request=request, by=None)
