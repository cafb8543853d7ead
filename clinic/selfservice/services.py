"""Writes of the patient's pre-visit intake: save a step, raise red flags at once, sign.

The patient has no account here (they came by link), so the audit rows name them as the
actor "patient (by link)". Red flags are worked out by the therapist's own rules
(`clinic.intake.facts.screening` on an unsaved intake holding the patient's answers), so a
positive answer raises the same code, tier and reason as it would in the clinic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy

from clinic import audit
from clinic import services as clinic_services
from clinic.alerts import GOING, StaffAlert, alert_staff
from clinic.intake import facts as intake_facts
from clinic.intake.fields import parse_date
from clinic.intake.sections import NPRS_COLUMNS, SECTION_BY_SLUG
from clinic.models import Intake, OutboxMessage, RedFlag

from .access import ACTOR
from .links import complete_links
from .models import SelfIntake
from .steps import RED_FLAGS, STEPS, Step

# Therapist sections whose answers the patient gives as they are (same slug, same fields).
COPIED_SECTIONS = (
    "complaint",
    "onset",
    "factors",
    "daily-pattern",
    "neuro",
    "history",
    "medical",
    "medications",
    "imaging",
    "goals",
    "psychosocial",
)
OPEN_STATUSES = (SelfIntake.Status.SENT, SelfIntake.Status.STARTED)

SIGNED_STATEMENT = (
    gettext_lazy("I filled in this form myself, or someone filled it in for me as I told them."),
    gettext_lazy("My answers are true and complete, as far as I know."),
    gettext_lazy(
        "I understand that my therapist will go over my answers with me, and that this form "
        "does not replace a visit."
    ),
    gettext_lazy(
        "If I have a warning sign of an emergency, I will call 911 or go to the emergency "
        "department, and not wait for my visit."
    ),
)


@dataclass(frozen=True)
class StepSaved:
    flags: list[RedFlag] = field(default_factory=list)  # raised by this save
    staff_alert: StaffAlert = StaffAlert()

    @property
    def advice_tier(self) -> str | None:
        """The most serious tier the patient must be told about now: "E", "U" or None."""
        tiers = {f.tier for f in self.flags if f.tier in RedFlag.CLEARANCE_TIERS}
        return min(tiers) if tiers else None  # "E" sorts before "U"


def _context(request_meta: dict | None) -> audit.RequestContext | None:
    if not request_meta:
        return None
    return audit.RequestContext(
        ip=request_meta.get("ip"),
        request_id=request_meta.get("request_id", ""),
        user_agent=(request_meta.get("user_agent") or "")[:200],
    )


def _check_open(self_intake: SelfIntake) -> None:
    if self_intake.status not in OPEN_STATUSES:
        raise ValidationError(gettext("This form has been sent already and can't be changed."))


@transaction.atomic
def save_step(
    *, self_intake: SelfIntake, step: Step, data: dict[str, Any], request_meta: dict | None
) -> StepSaved:
    """Save one step's answers (every Next saves). The first save starts the form. A red flag
    the answers now raise goes on the patient's record at once, and staff are alerted."""
    self_intake = (
        SelfIntake.objects.select_for_update().select_related("patient").get(pk=self_intake.pk)
    )
    _check_open(self_intake)
    now = timezone.now()
    answers = dict(self_intake.answers or {})
    fields = ["answers", "completed_steps", "updated_at"]
    if step.slug == RED_FLAGS:
        self_intake.red_flag_answers = dict(data)
        fields.append("red_flag_answers")
    elif step.slug == "body-chart":
        answers["body_chart"] = {"regions": list(data.get("regions") or [])}
        answers["body-chart"] = {"chart_notes": data.get("chart_notes", "")}
    elif step.slug == "onset":
        values = dict(data)
        answers["pain"] = {**(answers.get("pain") or {}), "onset_date": values.pop("onset_date")}
        answers["onset"] = {**(answers.get("onset") or {}), **values}
    else:
        # Steps sharing a key (goals; work and activity) each own their fields of it.
        answers[step.key] = {**(answers.get(step.key) or {}), **data}
    self_intake.answers = answers
    if step.slug not in self_intake.completed_steps:
        self_intake.completed_steps = [*self_intake.completed_steps, step.slug]
    if self_intake.status == SelfIntake.Status.SENT:
        self_intake.status = SelfIntake.Status.STARTED
        self_intake.started_at = now
        fields += ["status", "started_at"]
    self_intake.save(update_fields=fields)
    context = _context(request_meta)
    audit.record(
        action=audit.Action.UPDATE,
        actor=ACTOR,
        patient=self_intake.patient,
        obj=self_intake,
        detail=f"pre-visit intake step {step.slug} saved",
        context=context,
    )
    # As in the therapist's intake, every save runs the red-flag rules on all the answers so
    # far: a new emergency sign in the nerve questions, a fever in the history or a "yes" to a
    # safety question raises its flag at once.
    return raise_red_flags(self_intake=self_intake, context=context)


def draft_intake(self_intake: SelfIntake) -> Intake:
    """An unsaved Intake holding the patient's answers where the therapist's intake keeps them
    (sections in `answers`, the body chart, pain scores and onset date in their columns)."""
    answers = self_intake.answers or {}
    pain = dict(answers.get("pain") or {})
    intake = Intake(
        patient=self_intake.patient,
        source=Intake.Source.PATIENT,
        body_chart=list((answers.get("body_chart") or {}).get("regions") or []),
        red_flag_answers=dict(self_intake.red_flag_answers or {}),
        onset_date=parse_date(pain.pop("onset_date", None)),
    )
    for column in NPRS_COLUMNS:
        setattr(intake, column, pain.pop(column, None))
    copied = {slug: dict(answers[slug]) for slug in COPIED_SECTIONS if answers.get(slug)}
    if pain:
        copied["pain"] = pain
    if answers.get("body-chart"):
        copied["body-chart"] = dict(answers["body-chart"])
    intake.answers = copied
    done = set(self_intake.completed_steps)
    sections = {s.key for s in STEPS if s.slug in done} | set(copied)
    sections = {"body-chart" if s == "body_chart" else s for s in sections}
    intake.completed_sections = [slug for slug in SECTION_BY_SLUG if slug in sections]
    return intake


def raise_red_flags(
    *, self_intake: SelfIntake, context: audit.RequestContext | None = None
) -> StepSaved:
    """Open a flag for every positive answer not already open for the patient (the same rules,
    codes, tiers and reasons as the therapist's intake), then alert staff of an emergency or
    urgent one. The flags belong to no intake until the form is submitted."""
    patient = self_intake.patient
    screening = intake_facts.screening(draft_intake(self_intake))
    if not screening.positives:
        return StepSaved()
    already = set(
        RedFlag.objects.select_for_update()
        .filter(patient=patient, status=RedFlag.Status.OPEN, code__in=screening.codes)
        .values_list("code", flat=True)
    )
    now = timezone.now()
    raised = []
    for hit in screening.positives:
        if hit.code in already:
            continue
        flag = RedFlag.objects.create(
            patient=patient,
            code=hit.code,
            tier=hit.tier,
            source=RedFlag.Source.INTAKE,
            reason=hit.reason,
            # The advice page is shown to the patient straight after this save.
            instruction_shown_at=now if hit.tier in RedFlag.CLEARANCE_TIERS else None,
        )
        audit.record(
            action=audit.Action.CREATE,
            actor=ACTOR,
            patient=patient,
            obj=flag,
            detail=f"Pre-visit intake red flag {hit.code} (tier {hit.tier})",
            context=context,
        )
        raised.append(flag)
    staff_alert = StaffAlert()
    if any(f.tier in RedFlag.CLEARANCE_TIERS for f in raised):
        staff_alert = alert_staff(
            patient=patient,
            event=f"red_flag:{patient.uuid}:{timezone.localdate().isoformat()}",
            therapist=self_intake.requested_by,
        )
    return StepSaved(flags=raised, staff_alert=staff_alert)


def open_advice_tier(self_intake: SelfIntake) -> str | None:
    """The most serious open E or U flag raised from this form ("E", "U" or None)."""
    tiers = set(
        _own_flags(self_intake)
        .filter(status=RedFlag.Status.OPEN, tier__in=RedFlag.CLEARANCE_TIERS)
        .values_list("tier", flat=True)
    )
    return min(tiers) if tiers else None


def staff_alerted(self_intake: SelfIntake) -> bool:
    """Has an alert about this patient gone (or is going) to staff since the form was started?
    The advice page says "we have told your therapist" only when it is true."""
    since = self_intake.started_at or self_intake.created_at
    return OutboxMessage.objects.filter(
        kind=OutboxMessage.Kind.STAFF_ALERT,
        patient=self_intake.patient,
        created_at__gte=since,
        status__in=GOING,
    ).exists()


def _own_flags(self_intake: SelfIntake):
    """Flags raised from this form: before it had an intake, those of the patient's intake
    source with no intake, raised since the patient started it; after, its intake's."""
    since = self_intake.started_at or self_intake.created_at
    mine = Q(intake__isnull=True, created_at__gte=since)
    if self_intake.intake_id is not None:
        mine |= Q(intake_id=self_intake.intake_id)
    return RedFlag.objects.filter(mine, patient=self_intake.patient, source=RedFlag.Source.INTAKE)


def signed_text(self_intake: SelfIntake) -> str:
    """The exact words the patient signs, in the form's language (kept as signed).

    The birth date reads as the language writes a date ("14 de marzo de 1958"). What is shown
    on the sign page is what is stored when they sign; a text signed earlier (with the date as
    1958-03-14) is kept, and shown, exactly as it was signed."""
    with translation.override(self_intake.language):
        lines = [
            gettext("Pre-visit intake for %(name)s, born %(dob)s")
            % {
                "name": self_intake.patient.full_name,
                "dob": formats.date_format(self_intake.patient.date_of_birth, "DATE_FORMAT"),
            },
            *[str(line) for line in SIGNED_STATEMENT],
        ]
    return "\n".join(lines)


def missing_steps(self_intake: SelfIntake) -> list[Step]:
    done = set(self_intake.completed_steps)
    return [s for s in STEPS if s.slug not in done]


@transaction.atomic
def submit_self_intake(
    *,
    self_intake: SelfIntake,
    signature_name: str,
    esign_consent: bool,
    intent: bool,
    ip: str | None,
    user_agent: str,
) -> SelfIntake:
    """Sign and send: freeze the answers, keep the exact text signed with the name, time, IP
    and browser; make the draft patient-reported intake with the answers copied; end the links."""
    self_intake = (
        SelfIntake.objects.select_for_update().select_related("patient").get(pk=self_intake.pk)
    )
    _check_open(self_intake)
    if missing_steps(self_intake):
        raise ValidationError(gettext("Please answer every step before you sign."))
    if not esign_consent:
        raise ValidationError(gettext("Please agree to sign electronically."))
    if not intent:
        raise ValidationError(gettext("Please tick the box to show you mean to sign."))
    name = " ".join((signature_name or "").split())
    if not name:
        raise ValidationError(gettext("Please type your full name."))
    patient = self_intake.patient
    therapist = patient.therapist or self_intake.requested_by or patient.created_by
    if therapist is None:
        raise ValidationError(gettext("This form can't be sent yet. Please call the clinic."))

    now = timezone.now()
    context = audit.RequestContext(ip=ip, request_id="", user_agent=(user_agent or "")[:200])
    # Anything the answers raise that was not raised while answering (a step changed after the
    # safety questions) is raised now, and staff alerted, before the intake takes the flags.
    raise_red_flags(self_intake=self_intake, context=context)
    tags_before = patient.precaution_tags()
    intake = draft_intake(self_intake)
    intake.therapist = therapist
    intake.save()
    _own_flags(self_intake).update(intake=intake, updated_at=now)
    clinic_services.refresh_intake(intake=intake, by=None, tags_before=tags_before)
    audit.record(
        action=audit.Action.CREATE,
        actor=ACTOR,
        patient=patient,
        obj=intake,
        detail="draft intake made from the patient's pre-visit answers",
        context=context,
    )

    self_intake.status = SelfIntake.Status.SUBMITTED
    self_intake.submitted_at = now
    self_intake.esign_consent = True
    self_intake.signature_intent = True
    self_intake.signed_text = signed_text(self_intake)
    self_intake.signature_name = name[:160]
    self_intake.signed_at = now
    self_intake.signed_ip = ip
    self_intake.signed_user_agent = (user_agent or "")[:200]
    self_intake.intake = intake
    self_intake.save(
        update_fields=[
            "status",
            "submitted_at",
            "esign_consent",
            "signature_intent",
            "signed_text",
            "signature_name",
            "signed_at",
            "signed_ip",
            "signed_user_agent",
            "intake",
            "updated_at",
        ]
    )
    complete_links(target_uuid=self_intake.uuid)
    audit.record(
        action=audit.Action.UPDATE,
        actor=ACTOR,
        patient=patient,
        obj=self_intake,
        detail="pre-visit intake signed and sent",
        context=context,
    )
    return self_intake
