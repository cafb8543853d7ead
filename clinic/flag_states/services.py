"""Writes on an open red flag before the decision: referral, declined referral, outcome, tasks.

Emergency referral is not a decision (IFOMPT red-flag framework, Finucane et al. 2020): a
patient sent to the emergency department stays flagged, "awaiting outcome", until the outcome
is recorded and a clinician decides; a patient who declines referral stays flagged, with the
advice given documented, and their exercises stay paused. Every write here is a clinician's
(therapist's) act, adds an append-only ``RedFlagEvent`` and is written to the audit log.

One visit often raises several emergency flags (saddle numbness, bladder, both legs: one
suspected cauda equina). ``also`` records the same step on the patient's other open flags, each
with its own history row; the follow-up task goes on the first flag only.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import audit
from ..models import RedFlag, User
from .models import FlagFollowUp, RedFlagEvent

Referral = RedFlag.Referral
Kind = RedFlagEvent.Kind

# Which step may follow which (the flag must also be open and need clearance).
ALLOWED_FROM = {
    Kind.REFERRED: (Referral.NONE, Referral.DECLINED),
    Kind.DECLINED: (Referral.NONE, Referral.AWAITING, Referral.DECLINED),
    Kind.OUTCOME: (Referral.AWAITING, Referral.DECLINED),
}
STATE_AFTER = {
    Kind.REFERRED: Referral.AWAITING,
    Kind.DECLINED: Referral.DECLINED,
    Kind.OUTCOME: Referral.OUTCOME,
}
# A declined referral no longer closes an emergency or urgent flag: it is a step, not a decision.
DECLINED_REASON = "declined_referral"

OUTCOME_TASK = gettext_lazy("Call the patient to find out the emergency department outcome")
DECLINED_TASK = gettext_lazy("Call the patient: ask about their symptoms and repeat the advice")


NEXT_STEP_TEXT = {
    (RedFlag.Tier.EMERGENCY, Referral.NONE): gettext_lazy(
        "Record where the patient went: referred to the emergency department, or declined"
    ),
    (RedFlag.Tier.URGENT, Referral.NONE): gettext_lazy(
        "Record the decision (most end with a physician's clearance), or a referral"
    ),
    Referral.AWAITING: gettext_lazy("Record the outcome once the patient has been seen"),
    Referral.DECLINED: gettext_lazy("Record the outcome once the patient has been seen"),
    Referral.OUTCOME: gettext_lazy("Record the decision: the outcome is in"),
}


def next_step(flag: RedFlag) -> str:
    """What a clinician does next on an open emergency or urgent flag; "" for any other flag.

    Shown beside the flag where no follow-up task is pending, so an open flag always has a
    to-do: a flag raised at a home check-in or a pre-visit intake has none until someone acts.
    """
    if not flag.blocks_program:
        return ""
    text = NEXT_STEP_TEXT.get((flag.tier, flag.referral_state)) or NEXT_STEP_TEXT.get(
        flag.referral_state, ""
    )
    return str(text)


def can_step(flag: RedFlag, kind: str) -> bool:
    """Whether ``kind`` may be recorded on ``flag`` now (open, needs clearance, right state)."""
    return flag.blocks_program and flag.referral_state in ALLOWED_FROM[kind]


def decision_refusal(flag: RedFlag, reason: str) -> str:
    """Why a decision with ``reason`` can't be recorded on ``flag`` now; "" when it can."""
    if flag.tier not in RedFlag.CLEARANCE_TIERS:
        return ""
    if reason == DECLINED_REASON:
        return _(
            "A declined referral keeps the flag open: record it with “Patient declined "
            "referral”, and record the outcome once the patient has been seen."
        )
    if flag.referral_state in (Referral.AWAITING, Referral.DECLINED):
        return _(
            "The patient was referred (or declined referral): record the outcome of the "
            "referral before the decision."
        )
    return ""


def decision_reasons(flag: RedFlag, reasons: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The decision choices to offer for ``flag``: "declined" is not a decision for E or U."""
    if flag.tier not in RedFlag.CLEARANCE_TIERS:
        return list(reasons)
    return [choice for choice in reasons if choice[0] != DECLINED_REASON]


def record_decision_event(*, flag: RedFlag, label: str, by: User) -> RedFlagEvent:
    """The decision as a row of the flag's history (the flag's own fields hold it too)."""
    return RedFlagEvent.objects.create(
        flag=flag,
        kind=Kind.DECISION,
        occurred_at=flag.decided_at,
        details=f"{label}. {flag.decision_note}".strip(),
        recorded_by=by,
    )


def _locked(flag: RedFlag, also: Sequence[RedFlag]) -> list[RedFlag]:
    ids = [flag.pk, *(other.pk for other in also if other.pk != flag.pk)]
    rows = {f.pk: f for f in RedFlag.objects.select_for_update().filter(pk__in=ids)}
    flags = [rows[pk] for pk in ids if pk in rows]
    if any(other.patient_id != flags[0].patient_id for other in flags):
        raise ValidationError(_("Each flag must be the same patient's."))
    return flags


def _check(flags: list[RedFlag], kind: str, by: User) -> None:
    if not by.is_therapist:
        raise ValidationError(_("Only a clinician can record this on a red flag."))
    for flag in flags:
        if not can_step(flag, kind):
            raise ValidationError(
                _("“%(flag)s” is no longer in a state where this can be recorded.")
                % {"flag": flag.summary}
            )


def _when(moment: datetime | None, *, field: str) -> datetime:
    moment = moment or timezone.now()
    if moment > timezone.now() + timedelta(minutes=5):
        raise ValidationError({field: _("This time is in the future.")})
    return moment


def _due(due_on: date | None) -> date:
    today = timezone.localdate()
    due_on = due_on or today + timedelta(days=1)
    if due_on < today:
        raise ValidationError({"follow_up_due": _("The follow-up date is in the past.")})
    return due_on


def _step(flags: list[RedFlag], kind: str, by: User, **fields) -> list[RedFlagEvent]:
    events = []
    for flag in flags:
        event = RedFlagEvent.objects.create(flag=flag, kind=kind, recorded_by=by, **fields)
        flag.referral_state = STATE_AFTER[kind]
        flag.save(update_fields=["referral_state", "updated_at"])
        audit.record(
            action=audit.Action.UPDATE,
            user=by,
            patient=flag.patient,
            obj=flag,
            detail=f"red flag: {kind}",
        )
        events.append(event)
    return events


def _task(flag: RedFlag, task: str, due_on: date, by: User) -> FlagFollowUp:
    follow_up = FlagFollowUp.objects.create(flag=flag, task=task, due_on=due_on, created_by=by)
    audit.record(
        action=audit.Action.CREATE,
        user=by,
        patient=flag.patient,
        obj=follow_up,
        detail=f"follow-up due {due_on.isoformat()}",
    )
    return follow_up


@transaction.atomic
def refer_to_emergency(
    *,
    flag: RedFlag,
    advised_by: str,
    travel: str,
    called: str,
    advised_at: datetime | None = None,
    note: str = "",
    follow_up_due: date | None = None,
    also: Sequence[RedFlag] = (),
    by: User,
) -> list[RedFlagEvent]:
    """The patient was sent to the emergency department: the flag waits for the outcome.

    Records who advised, when, how the patient travelled and who was called, and creates the
    task "call the patient to find out the outcome" (due tomorrow unless given). The flag stays
    open and keeps blocking a home program.
    """
    flags = _locked(flag, also)
    _check(flags, Kind.REFERRED, by)
    errors = {}
    if not advised_by.strip():
        errors["advised_by"] = _("Who advised the patient to go?")
    if travel not in RedFlagEvent.Travel.values:
        errors["travel"] = _("Choose how the patient travelled.")
    if not called.strip():
        errors["called"] = _("Who was called? Write “No one” if no one was.")
    if errors:
        raise ValidationError(errors)
    moment = _when(advised_at, field="advised_at")
    due_on = _due(follow_up_due)
    events = _step(
        flags,
        Kind.REFERRED,
        by,
        occurred_at=moment,
        advised_by=advised_by.strip(),
        travel=travel,
        called=called.strip(),
        details=note.strip(),
    )
    _task(flags[0], str(OUTCOME_TASK), due_on, by)
    return events


@transaction.atomic
def record_declined(
    *,
    flag: RedFlag,
    advised_by: str,
    advice: str,
    advised_at: datetime | None = None,
    follow_up_due: date | None = None,
    also: Sequence[RedFlag] = (),
    by: User,
) -> list[RedFlagEvent]:
    """The patient declined the referral: the advice is documented and the flag stays open.

    The exercises stay paused and publishing stays blocked; a follow-up call is scheduled.
    """
    flags = _locked(flag, also)
    _check(flags, Kind.DECLINED, by)
    errors = {}
    if not advised_by.strip():
        errors["advised_by"] = _("Who gave the advice?")
    if not advice.strip():
        errors["advice"] = _("Write the advice given and what the patient said.")
    if errors:
        raise ValidationError(errors)
    moment = _when(advised_at, field="advised_at")
    due_on = _due(follow_up_due)
    events = _step(
        flags,
        Kind.DECLINED,
        by,
        occurred_at=moment,
        advised_by=advised_by.strip(),
        details=advice.strip(),
    )
    _task(flags[0], str(DECLINED_TASK), due_on, by)
    return events


@transaction.atomic
def record_outcome(
    *,
    flag: RedFlag,
    outcome: str,
    details: str,
    seen_at: datetime | None = None,
    also: Sequence[RedFlag] = (),
    by: User,
) -> list[RedFlagEvent]:
    """The referral's outcome (seen in the emergency department: cleared, admitted, referred on).

    The flag then waits for the clinician's decision, which is what closes it. The flags'
    pending follow-up tasks are marked done by the same clinician.
    """
    flags = _locked(flag, also)
    _check(flags, Kind.OUTCOME, by)
    errors = {}
    if outcome not in RedFlagEvent.Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if not details.strip():
        errors["details"] = _("Write what the patient was told or what the letter says.")
    if errors:
        raise ValidationError(errors)
    moment = _when(seen_at, field="seen_at")
    events = _step(
        flags, Kind.OUTCOME, by, occurred_at=moment, outcome=outcome, details=details.strip()
    )
    for follow_up in FlagFollowUp.objects.filter(flag__in=flags).pending():
        _done(follow_up, note=_("Outcome recorded."), by=by)
    return events


@transaction.atomic
def add_follow_up(*, flag: RedFlag, task: str, due_on: date, by: User) -> FlagFollowUp:
    """A task on an open flag, e.g. "call the patient", with its due date."""
    if not by.is_therapist:
        raise ValidationError(_("Only a clinician can add a follow-up to a red flag."))
    if not flag.is_open:
        raise ValidationError(_("The flag is closed: it needs no follow-up."))
    if not task.strip():
        raise ValidationError({"task": _("Write what needs doing.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date is in the past.")})
    return _task(flag, task.strip(), due_on, by)


def _done(follow_up: FlagFollowUp, *, note: str, by: User) -> FlagFollowUp:
    follow_up.done_at = timezone.now()
    follow_up.done_by = by
    follow_up.done_note = note.strip()
    follow_up.save(update_fields=["done_at", "done_by", "done_note"])
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=follow_up.flag.patient,
        obj=follow_up,
        detail="follow-up done",
    )
    return follow_up


@transaction.atomic
def complete_follow_up(*, follow_up: FlagFollowUp, note: str = "", by: User) -> FlagFollowUp:
    """Mark a follow-up task done, with who, when and an optional note."""
    if not by.is_therapist:
        raise ValidationError(_("Only a clinician can complete a red-flag follow-up."))
    follow_up = (
        FlagFollowUp.objects.select_for_update()
        .select_related("flag__patient")
        .get(pk=follow_up.pk)
    )
    if follow_up.is_done:
        raise ValidationError(_("This follow-up is already done."))
    return _done(follow_up, note=note, by=by)
