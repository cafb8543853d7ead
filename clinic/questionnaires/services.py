"""Writes for home questionnaires: schedules, due requests, the patient's answers, reminders.

The rules:

- A schedule asks once now, every N weeks (1-26), or once shortly before the review date
  (`BEFORE_REVIEW_DAYS` ahead). ODI and STarT Back only where the clinic's licence is
  confirmed (`instruments.licence_confirmed`); PSFS only once the patient has named activities.
- `make_due_requests` makes one request per schedule per due date, however often it runs
  (a request already made for that date is found again), then moves the schedule on.
- Answers are kept as the patient gives them; submitting scores them with the clinic's scoring
  code into an `OutcomeMeasure` marked patient-reported, and ends every link to the request.
- A reminder is an email with a fresh link and no health information, at most once per request
  every `REMINDER_EVERY`, and only to a patient who agreed to email.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic import audit, measures
from clinic.models import OutcomeMeasure, Patient, User
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink

from . import instruments
from .models import MeasureSchedule, QuestionnaireRequest

Cadence = MeasureSchedule.Cadence
Status = QuestionnaireRequest.Status
BEFORE_REVIEW_DAYS = 3
MAX_EVERY_WEEKS = 26
REMINDER_EVERY = timedelta(days=3)
OPEN = (Status.DUE, Status.STARTED)


# --- schedules --------------------------------------------------------------------------------


@transaction.atomic
def schedule_measure(
    *,
    patient: Patient,
    instrument: str,
    cadence: str,
    every_weeks: int | None = None,
    review_date: date | None = None,
    by: User,
) -> MeasureSchedule:
    """Ask the patient to answer a measure at home: once now, every N weeks, or before review."""
    today = timezone.localdate()
    if patient.is_archived:
        raise ValidationError(_("This patient is archived. Restore them first."))
    if instrument not in instruments.HOME_INSTRUMENTS:
        raise ValidationError(_("This measure cannot be answered at home."))
    if not instruments.licence_confirmed(instrument):
        raise ValidationError(
            _(
                "The clinic has not confirmed its licence for this questionnaire, so it cannot "
                "be sent to patients."
            )
        )
    if instrument == "psfs" and not patient.psfs_activities.current().exists():
        raise ValidationError(
            _("Name the patient's PSFS activities first (record a PSFS with new activities).")
        )
    if cadence == Cadence.ONCE:
        every_weeks, review_date, first_due = None, None, today
    elif cadence == Cadence.EVERY:
        if not every_weeks or not 1 <= every_weeks <= MAX_EVERY_WEEKS:
            raise ValidationError(
                {"every_weeks": _("Choose every 1 to %(max)d weeks.") % {"max": MAX_EVERY_WEEKS}}
            )
        review_date, first_due = None, today
    elif cadence == Cadence.BEFORE_REVIEW:
        if review_date is None or review_date <= today:
            raise ValidationError({"review_date": _("Choose a review date after today.")})
        every_weeks = None
        first_due = max(today, review_date - timedelta(days=BEFORE_REVIEW_DAYS))
    else:
        raise ValidationError({"cadence": _("Choose when to ask.")})
    schedule = MeasureSchedule.objects.create(
        patient=patient,
        instrument=instrument,
        cadence=cadence,
        every_weeks=every_weeks,
        review_date=review_date,
        starts_on=today,
        next_due_on=first_due,
        created_by=by,
    )
    audit.record(action=audit.Action.CREATE, user=by, patient=patient, obj=schedule)
    return schedule


@transaction.atomic
def end_schedule(*, schedule: MeasureSchedule, by: User) -> MeasureSchedule:
    """Stop asking. Requests already made stay (answered ones are clinical history); the ones
    still waiting are cancelled, and their links end."""
    schedule = MeasureSchedule.objects.select_for_update().get(pk=schedule.pk)
    if schedule.ended_at is not None:
        return schedule
    schedule.ended_at = timezone.now()
    schedule.ended_by = by
    schedule.next_due_on = None
    schedule.save(update_fields=["ended_at", "ended_by", "next_due_on", "updated_at"])
    for request in schedule.requests.filter(status__in=OPEN):
        _cancel(request)
    audit.record(
        action=audit.Action.ARCHIVE, user=by, patient=schedule.patient, obj=schedule, detail="ended"
    )
    return schedule


def _cancel(request: QuestionnaireRequest) -> None:
    request.status = Status.CANCELLED
    request.save(update_fields=["status", "updated_at"])
    links.complete_links(target_uuid=request.uuid)


def _next_due(schedule: MeasureSchedule, due: date) -> date | None:
    if schedule.cadence == Cadence.EVERY and schedule.every_weeks:
        return due + timedelta(weeks=schedule.every_weeks)
    return None


# --- requests ---------------------------------------------------------------------------------


def _request_for(schedule: MeasureSchedule, due: date) -> QuestionnaireRequest:
    existing = schedule.requests.filter(due_on=due).first()
    if existing is not None:
        return existing
    return QuestionnaireRequest.objects.create(
        patient=schedule.patient,
        schedule=schedule,
        instrument=schedule.instrument,
        due_on=due,
        requested_by=schedule.created_by,
    )


def make_due_requests(*, today: date) -> list[QuestionnaireRequest]:
    """One request per schedule per due date up to ``today``; moves each schedule on.

    Runs any number of times a day: a request already made for a due date is not made again.
    A schedule that fell behind (the worker was down for weeks) asks once, for the latest date,
    rather than once per missed date. An open request of the same schedule is cancelled when a
    newer one is made: the patient answers the current one, not a pile.
    """
    made = []
    due_ids = MeasureSchedule.objects.filter(
        ended_at__isnull=True, next_due_on__lte=today, patient__archived_at__isnull=True
    ).values_list("pk", flat=True)
    for schedule_id in list(due_ids):
        with transaction.atomic():
            schedule = (
                MeasureSchedule.objects.select_for_update()
                .select_related("patient", "created_by")
                .get(pk=schedule_id)
            )
            due = schedule.next_due_on
            if schedule.ended_at is not None or due is None or due > today:
                continue  # another run got here first
            following = _next_due(schedule, due)
            while following is not None and following <= today:
                due, following = following, _next_due(schedule, following)
            for older in schedule.requests.filter(status__in=OPEN, due_on__lt=due):
                _cancel(older)
            request = _request_for(schedule, due)
            schedule.next_due_on = following
            schedule.save(update_fields=["next_due_on", "updated_at"])
            made.append(request)
    return made


@transaction.atomic
def request_now(*, patient: Patient, instrument: str, by: User) -> QuestionnaireRequest:
    """Staff's "send now": a request due today, outside any schedule."""
    if patient.is_archived:
        raise ValidationError(_("This patient is archived. Restore them first."))
    if instrument not in instruments.HOME_INSTRUMENTS or not instruments.licence_confirmed(
        instrument
    ):
        raise ValidationError(_("This questionnaire cannot be sent to patients."))
    if instrument == "psfs" and not patient.psfs_activities.current().exists():
        raise ValidationError(
            _("Name the patient's PSFS activities first (record a PSFS with new activities).")
        )
    request = QuestionnaireRequest.objects.create(
        patient=patient, instrument=instrument, due_on=timezone.localdate(), requested_by=by
    )
    audit.record(action=audit.Action.CREATE, user=by, patient=patient, obj=request)
    return request


@transaction.atomic
def cancel_request(*, request: QuestionnaireRequest, by: User) -> QuestionnaireRequest:
    request = QuestionnaireRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in OPEN:
        raise ValidationError(_("Only a questionnaire still waiting can be cancelled."))
    _cancel(request)
    audit.record(
        action=audit.Action.ARCHIVE, user=by, patient=request.patient, obj=request, detail="cancel"
    )
    return request


def activities_for(request: QuestionnaireRequest) -> list:
    """The PSFS activities the patient rates (their current set); empty for other measures."""
    if request.instrument != "psfs":
        return []
    return list(request.patient.psfs_activities.current())


def _clean(request: QuestionnaireRequest, data: dict) -> dict:
    """Only known questions, only offered values; anything else is dropped."""
    kept = {}
    for question in instruments.questions(request.instrument, activities=activities_for(request)):
        value = data.get(question.key)
        if value in (None, ""):
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            continue
        if value in {v for v, _label in question.choices}:
            kept[question.key] = value
    return kept


@transaction.atomic
def save_answers(*, request: QuestionnaireRequest, data: dict) -> QuestionnaireRequest:
    """Keep what the patient has answered so far (they finish later). Answers given before and
    not in ``data`` stay."""
    request = QuestionnaireRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in OPEN:
        raise ValidationError(_("This questionnaire is already finished."))
    request.answers = {**request.answers, **_clean(request, data)}
    request.status = Status.STARTED
    request.save(update_fields=["answers", "status", "updated_at"])
    return request


@transaction.atomic
def submit_questionnaire(
    *, request: QuestionnaireRequest, by: User | None = None
) -> OutcomeMeasure:
    """Score the finished questionnaire with the clinic's scoring code and store it as a
    patient-reported measure. Raises ValidationError when a required answer is missing."""
    request = (
        QuestionnaireRequest.objects.select_for_update()
        .select_related("patient")
        .get(pk=request.pk)
    )
    if request.status not in OPEN:
        raise ValidationError(_("This questionnaire is already finished."))
    activities = activities_for(request)
    if instruments.missing(request.instrument, request.answers, activities=activities):
        raise ValidationError(_("Some questions are not answered yet."))
    answers, version = instruments.measure_answers(
        request.instrument, request.answers, activities=activities
    )
    try:
        result = measures.score(request.instrument, answers, version=version)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    # The recorder is the patient's own account (signed in to the portal); anyone else who
    # happens to be signed in on the device did not answer it.
    own = by is not None and by.is_authenticated and by.pk == request.patient.user_id
    patient_user = by if own else None
    measure = OutcomeMeasure.objects.create(
        patient=request.patient,
        instrument=request.instrument,
        taken_on=timezone.localdate(),
        version=version,
        answers=answers,
        score=result.score,
        band=result.band,
        details=result.details,
        recorded_by=patient_user,
        source=OutcomeMeasure.Source.PATIENT,
    )
    request.status = Status.COMPLETED
    request.completed_at = timezone.now()
    request.measure = measure
    request.save(update_fields=["status", "completed_at", "measure", "updated_at"])
    links.complete_links(target_uuid=request.uuid)
    audit.record(
        action=audit.Action.CREATE,
        user=patient_user,
        actor="" if patient_user else "patient (form link)",
        patient=request.patient,
        obj=measure,
        detail="answered by the patient",
    )
    return measure


# --- reminders --------------------------------------------------------------------------------


def may_email(patient: Patient) -> bool:
    return bool(patient.consent_email and patient.email)


@transaction.atomic
def send_link(
    *, request: QuestionnaireRequest, by: User | None, channel: str = PatientLink.Channel.EMAIL
) -> tuple[PatientLink, str]:
    """A fresh link to the request; by email (through the outbox) unless ``channel`` is "qr"."""
    if request.status not in OPEN:
        raise ValidationError(_("This questionnaire is already finished."))
    link, token = links.issue_link(
        patient=request.patient,
        purpose=PatientLink.Purpose.QUESTIONNAIRE,
        target_uuid=request.uuid,
        by=by,
        channel=channel,
    )
    if channel == PatientLink.Channel.EMAIL:
        if not may_email(request.patient):
            raise ValidationError(
                _("The patient has not agreed to email, or has no address. Show the QR code.")
            )
        links.email_link(link=link, token=token, by=by)
        request.reminded_at = timezone.now()
        request.reminder_count += 1
        request.save(update_fields=["reminded_at", "reminder_count", "updated_at"])
    return link, token


@transaction.atomic
def send_now(
    *, patient: Patient, instrument: str, channel: str, by: User
) -> tuple[QuestionnaireRequest, PatientLink, str]:
    """Staff's "send now": a request due today and a link to it, emailed or for a QR code.
    Nothing is kept when the link cannot be sent (no email consent)."""
    if channel == PatientLink.Channel.EMAIL and not may_email(patient):
        raise ValidationError(
            _("The patient has not agreed to email, or has no address. Show the QR code.")
        )
    request = request_now(patient=patient, instrument=instrument, by=by)
    link, token = send_link(request=request, by=by, channel=channel)
    return request, link, token


def send_reminders(*, now=None) -> int:
    """Make due requests, then email each open request a fresh link (consent, every 3 days).
    Returns how many reminders were written to the outbox."""
    now = now or timezone.now()
    make_due_requests(today=timezone.localdate(now))
    waiting = (
        QuestionnaireRequest.objects.filter(
            status__in=OPEN,
            due_on__lte=timezone.localdate(now),
            patient__archived_at__isnull=True,
            patient__consent_email=True,
        )
        .exclude(patient__email="")
        .exclude(reminded_at__gt=now - REMINDER_EVERY)
        .values_list("pk", flat=True)
    )
    sent = 0
    for request_id in list(waiting):
        with transaction.atomic():
            request = (
                QuestionnaireRequest.objects.select_for_update()
                .select_related("patient")
                .get(pk=request_id)
            )
            if request.status not in OPEN or (
                request.reminded_at and request.reminded_at > now - REMINDER_EVERY
            ):
                continue
            send_link(request=request, by=None)
            sent += 1
    return sent
