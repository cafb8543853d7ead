"""The patient's check-ins: a session log per home session, the short safety re-screen.

At every home-program check-in the patient answers the emergency and urgent red-flag questions
again; a "yes" opens a flag before the day's log is saved. The program's check-in summary (what
the dashboard reads) is refreshed in the same transaction as every write that changes it.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from clinic import audit, redflags
from clinic.alerts import StaffAlert, alert_staff
from clinic.models import RedFlag, User

from ..adherence import PainPoint, checkin_summary, is_worrying_change
from ..models import Program, ProgramRevision, SessionLog


@dataclass(frozen=True)
class CheckInResult:
    log: SessionLog | None  # None when only the safety answers could be recorded
    created: bool
    screening: redflags.Screening
    flags: list[RedFlag]  # every open flag behind a "yes" today (new or already open)
    staff_alert: StaffAlert = StaffAlert()  # who was emailed about it at once, if anyone

    @property
    def is_emergency(self) -> bool:
        return self.screening.is_emergency


@transaction.atomic
def record_check_in(
    *,
    program: Program,
    by: User,
    safety_answers: dict[str, bool],
    log: dict | None,
    day: date | None = None,
    client_uuid: uuid.UUID | None = None,
) -> CheckInResult:
    """Open a check-in flag for every "yes", then save the session's log as a new entry (a
    second session on one day is its own log). A log for an earlier day than today is late.

    `client_uuid`, when given, names the log: sending it again (an offline queue replayed)
    answers with the log already saved, never a second row.

    `log` holds exercises_done, back_pain, leg_pain, leg_symptoms and comment; it is None when
    the rest of the form was incomplete, so a "yes" is never lost to a missing pain score.
    A "yes" to a flag that is already open for the patient does not open a second one.
    An emergency or urgent "yes", or a worrying log, emails the patient's therapist and the
    clinic's alert address at once (`result.staff_alert` says who).
    """
    patient = program.patient
    day = day or timezone.localdate()
    unknown = set(safety_answers) - set(redflags.SHORT_FORM_CODES)
    if unknown:
        raise ValueError(f"Not check-in questions: {sorted(unknown)}")
    screening = redflags.evaluate(safety_answers, age=None, sex=None, derived={})
    flags = []
    if screening.positives:
        already_open = {
            flag.code: flag
            for flag in RedFlag.objects.select_for_update().filter(
                patient=patient, status=RedFlag.Status.OPEN, code__in=screening.codes
            )
        }
        now = timezone.now()
        for hit in screening.positives:
            flag = already_open.get(hit.code)
            if flag is None:
                flag = RedFlag.objects.create(
                    patient=patient,
                    code=hit.code,
                    tier=hit.tier,
                    source=RedFlag.Source.CHECK_IN,
                    reason=f"Home-program check-in on {day:%-d %b %Y}. {hit.reason}.",
                    raised_by=by,
                    instruction_shown_at=now,
                )
                audit.record(
                    action=audit.Action.CREATE,
                    user=by,
                    patient=patient,
                    obj=flag,
                    detail=f"Check-in red flag {hit.code} (tier {hit.tier})",
                )
            flags.append(flag)

    session_log, created = None, False
    if log is not None and client_uuid is not None:
        session_log = SessionLog.objects.filter(patient=patient, client_uuid=client_uuid).first()
    if log is not None and session_log is None:
        revision = program.current_revision
        positions = {item["position"] for item in revision.items}
        done = sorted({int(p) for p in log["exercises_done"]})
        if not set(done) <= positions:
            raise ValidationError("That exercise is not in the current program.")
        late = day < timezone.localdate()
        try:
            with transaction.atomic():  # a savepoint: the same log sent twice at once
                session_log = SessionLog.objects.create(
                    program=program,
                    date=day,
                    patient=patient,
                    revision=revision,
                    exercises_done=done,
                    back_pain=log["back_pain"],
                    leg_pain=log["leg_pain"],
                    leg_symptoms=log["leg_symptoms"],
                    comment=log.get("comment", "").strip(),
                    late=late,
                    client_uuid=client_uuid,
                )
            created = True
        except IntegrityError:
            if client_uuid is None:
                raise
            session_log = SessionLog.objects.get(patient=patient, client_uuid=client_uuid)
    if created:
        refresh_checkin_summary(program=program)
        audit.record(
            action=audit.Action.CREATE,
            user=by,
            patient=patient,
            obj=session_log,
            detail=f"Session log for {day:%-d %b %Y}" + (" (logged late)" if late else ""),
        )
        after_log(program=program, log=session_log, day=day, by=by)  # ease-off, step back
    return CheckInResult(
        log=session_log,
        created=created,
        screening=screening,
        flags=flags,
        staff_alert=_alert_staff(program=program, flags=flags, log=session_log, day=day, by=by),
    )


def after_log(**kwargs):
    from .step_backs import after_log as step_back_after_log  # it imports this module

    return step_back_after_log(**kwargs)


def _alert_staff(
    *, program: Program, flags: list[RedFlag], log: SessionLog | None, day: date, by: User
) -> StaffAlert:
    """Email the therapist and the clinic's alert address at once (in this transaction) when
    the check-in raised an emergency or urgent flag, or the log is a worrying change. One
    alert per event and day: saving the check-in again the same day sends nothing new."""
    patient = program.patient
    if any(flag.tier in RedFlag.CLEARANCE_TIERS for flag in flags):
        event = f"red_flag:{patient.uuid}:{day.isoformat()}"
    elif log is not None and is_worrying_change(
        pain_rise=program.pain_rise, last_spread_on=program.last_spread_on, today=day
    ):
        event = f"check_in:{program.uuid}:{day.isoformat()}"
    else:
        return StaffAlert()
    return alert_staff(patient=patient, event=event, therapist=program.therapist, by=by)


def _log_value(program_logs, order: str, field: str):
    # Several logs may share a day: the latest made is the last of its day.
    tie = "-id" if order.startswith("-") else "id"
    return Subquery(program_logs.order_by(order, tie).values(field)[:1])


@transaction.atomic
def refresh_checkin_summary(*, program: Program) -> None:
    """Recompute the program's check-in summary (see Program) from its logs and revisions.

    Call it in the transaction of every write that changes what the summary reads: a session
    log created, changed or moved, the first revision published, the start date changed.
    Three queries: lock the program row, read the first and last logs, the latest spread and
    the first publication by index seeks, write the columns. The lock comes first so that, on
    PostgreSQL, the read sees every log committed by a concurrent refresh of the same program.
    """
    start_date = (
        Program.objects.select_for_update()
        .filter(pk=program.pk)
        .values_list("start_date", flat=True)
        .get()
    )
    logs = SessionLog.objects.filter(program=OuterRef("pk"))
    found = (
        Program.objects.filter(pk=program.pk)
        .values(
            first_published=Subquery(
                ProgramRevision.objects.filter(program=OuterRef("pk"))
                .order_by("number")
                .values("published_at")[:1]
            ),
            first_on=_log_value(logs, "date", "date"),
            first_back=_log_value(logs, "date", "back_pain"),
            first_leg=_log_value(logs, "date", "leg_pain"),
            last_on=_log_value(logs, "-date", "date"),
            last_back=_log_value(logs, "-date", "back_pain"),
            last_leg=_log_value(logs, "-date", "leg_pain"),
            last_spread=_log_value(
                logs.filter(leg_symptoms=SessionLog.LegSymptoms.FURTHER_DOWN), "-date", "date"
            ),
        )
        .get()
    )
    first = last = None
    if found["first_on"] is not None:
        first = PainPoint(found["first_on"], found["first_back"], found["first_leg"])
        last = PainPoint(found["last_on"], found["last_back"], found["last_leg"])
    summary = checkin_summary(
        start_date=start_date,
        first_published=found["first_published"],
        first=first,
        last=last,
        last_spread=found["last_spread"],
    )
    Program.objects.filter(pk=program.pk).update(**summary)  # leaves updated_at alone
    for name, value in summary.items():
        setattr(program, name, value)
