"""Writes about people and the clinic: staff accounts, patients, intakes, red flags, measures.

Every function here is the one way its change happens; views and `seed_demo` both call them.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import audit, events, measures, precautions, redflags, scoring
from .flag_states import services as flag_states
from .intake import facts as intake_facts
from .intake.base import SectionData
from .intake.fields import to_json
from .intake.sections import SECTION_BY_SLUG, SECTIONS
from .models import (
    ClinicProfile,
    Intake,
    IntakeAmendment,
    OutboxMessage,
    OutcomeMeasure,
    Patient,
    PSFSActivity,
    RedFlag,
    User,
)
from .outbox.at_send import Withdrawn
from .outbox.services import enqueue_message


def password_setup_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def create_staff_member(
    *, first_name: str, last_name: str, email: str, role: str, title: str = "", by: User
) -> User:
    """Create a staff account with no usable password and email a link to choose one."""
    if role not in (User.Role.ADMIN, User.Role.THERAPIST):
        raise ValidationError("Staff accounts are therapists or clinic admins.")
    user = User.objects.create_user(
        email=email, first_name=first_name, last_name=last_name, role=role, title=title
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit.record(
        action=audit.Action.CREATE,
        user=by,
        obj=user,
        detail=f"staff account {user.email} ({user.get_role_display()})",
    )
    # Through the outbox, written when it is sent: the one-time link is never stored.
    enqueue_message(
        kind=OutboxMessage.Kind.STAFF_WELCOME,
        key=f"staff_welcome:{user.pk}",
        recipient=user,
        obj=user,
        by=by,
    )
    return user


def staff_welcome_email_context(message: OutboxMessage) -> dict:
    """What the welcome email needs when the worker sends it (clinic/outbox/at_send.py): a
    link to choose a password, made now. Withdrawn once the account has a password or is off."""
    user = User.objects.get(pk=message.recipient_id)
    if user.has_usable_password():
        raise Withdrawn("the account already has a password")
    if not user.is_active:
        raise Withdrawn("the account is switched off")
    return {"link": password_setup_link(user), "email": user.email}


@transaction.atomic
def update_staff_member(*, user: User, by: User, **fields) -> User:
    """Edit a staff account; a change of role is recorded in the audit log."""
    if user == by and fields.get("role") != User.Role.ADMIN:
        raise ValidationError("You cannot remove your own clinic-admin role.")
    old_role = user.role
    changed = [
        str(User._meta.get_field(name).verbose_name)
        for name, value in fields.items()
        if name != "role" and getattr(user, name) != value
    ]
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(fields))
    if "role" in fields and fields["role"] != old_role:
        audit.record(
            action=audit.Action.ROLE_CHANGE,
            user=by,
            obj=user,
            detail=f"{user.email}: {old_role} → {user.role}",
        )
    if changed:
        audit.record(
            action=audit.Action.ACCOUNT_CHANGE,
            user=by,
            obj=user,
            detail=f"{user.email}: changed {', '.join(changed)}",
        )
    return user


@transaction.atomic
def set_staff_active(*, user: User, active: bool, by: User) -> User:
    """Deactivate or reactivate a staff account. Accounts are never deleted (audit history)."""
    if user == by and not active:
        raise ValidationError("You cannot deactivate your own account.")
    if user.role == User.Role.PATIENT:
        raise ValidationError("Patient accounts are managed from the patient's page.")
    if user.is_active == active:
        return user
    user.is_active = active
    if not active:
        user.session_version += 1  # ends their open sessions; reactivating won't revive them
    user.save(update_fields=["is_active", "session_version"])
    audit.record(
        action=audit.Action.ACCOUNT_CHANGE,
        user=by,
        obj=user,
        detail=f"{user.email}: {'reactivated' if active else 'deactivated'}",
    )
    return user


@transaction.atomic
def save_clinic_profile(*, profile: ClinicProfile, changed: list[str], by: User) -> ClinicProfile:
    """Save the clinic's details as the form set them; `changed` names the details changed
    (the two-factor rule among them), for the audit log."""
    profile.save()
    if changed:
        audit.record(
            action=audit.Action.UPDATE,
            user=by,
            obj=profile,
            detail=f"clinic details: {', '.join(changed)}",
        )
        # Handouts print the clinic's details: programs renders the stored ones again.
        events.announce_on_commit(events.clinic_details_changed)
    return profile


# --- patients ---------------------------------------------------------------------------------


@transaction.atomic
def register_patient(*, patient: Patient, by: User) -> Patient:
    """Save a new patient's record (filled in by the registration form, not yet saved)."""
    patient.created_by = by
    patient.save()
    audit.record(action=audit.Action.CREATE, user=by, patient=patient)
    return patient


@transaction.atomic
def save_patient_details(*, patient: Patient, by: User) -> Patient:
    """Save the demographics, contacts and insurance the edit form wrote onto `patient`."""
    patient.save()
    audit.record(action=audit.Action.UPDATE, user=by, patient=patient, detail="demographics")
    return patient


@transaction.atomic
def archive_patient(*, patient: Patient, by: User) -> Patient:
    """Archive instead of delete: the record and its history stay, the patient leaves lists."""
    if patient.is_archived:
        raise ValidationError(f"{patient} is already archived.")
    patient.archived_at = timezone.now()
    patient.archived_by = by
    patient.save(update_fields=["archived_at", "archived_by", "updated_at"])
    audit.record(action=audit.Action.ARCHIVE, user=by, patient=patient)
    return patient


@transaction.atomic
def restore_patient(*, patient: Patient, by: User) -> Patient:
    if not patient.is_archived:
        raise ValidationError(f"{patient} is not archived.")
    patient.archived_at = None
    patient.archived_by = None
    patient.save(update_fields=["archived_at", "archived_by", "updated_at"])
    audit.record(
        action=audit.Action.UPDATE, user=by, patient=patient, detail="restored from archive"
    )
    return patient


# --- intake -----------------------------------------------------------------------------------


def _check_editable(intake: Intake) -> None:
    if intake.is_signed:
        raise ValidationError("This intake is signed and locked. Record an amendment instead.")
    if intake.patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before changing the intake.")


def _apply_section(intake: Intake, section: str, data: SectionData) -> list[str]:
    """Write a section's answers onto the intake (unsaved). Returns the changed columns."""
    for name, value in data.columns.items():
        setattr(intake, name, value)
    fields = list(data.columns)
    if data.answers:
        intake.answers = {**(intake.answers or {}), section: data.answers}
        fields.append("answers")
    if section not in intake.completed_sections:
        intake.completed_sections = [*intake.completed_sections, section]
        fields.append("completed_sections")
    return fields


def _raise_flags(intake: Intake, hits, by: User) -> list[RedFlag]:
    """Open a flag for each positive answer not already flagged. Flags never close here."""
    already = {flag.code: flag for flag in intake.red_flags.all()}
    open_elsewhere = set(
        intake.patient.red_flags.open_flags().exclude(intake=intake).values_list("code", flat=True)
    )
    now = timezone.now()
    raised = []
    for hit in hits:
        flag = already.get(hit.code)
        if flag is not None:
            if flag.is_open and flag.reason != hit.reason:
                flag.reason = hit.reason
                flag.save(update_fields=["reason", "updated_at"])
            continue
        if hit.code in open_elsewhere:
            continue
        raised.append(
            RedFlag.objects.create(
                patient=intake.patient,
                intake=intake,
                code=hit.code,
                tier=hit.tier,
                source=RedFlag.Source.INTAKE,
                reason=hit.reason,
                raised_by=by,
                # The view shows the instruction straight after this save.
                instruction_shown_at=now if hit.tier in RedFlag.CLEARANCE_TIERS else None,
            )
        )
    return raised


def refresh_intake(
    *, intake: Intake, by: User, tags_before: list[str] | None = None
) -> list[RedFlag]:
    """Recompute derived values, precaution tags and red flags from the stored answers.

    Returns the flags newly raised by this refresh (the caller shows their instruction).
    `tags_before` is the patient's precaution tags before the change: when they differ
    afterwards, that is announced (handouts print cautions for them; clinic/events.py).
    """
    result = intake_facts.screening(intake)
    hits = precautions.derive_precautions(intake_facts.precaution_facts(intake))
    intake.derived = {
        **intake_facts.derived_values(intake),
        "screening": {
            "highest_tier": result.highest_tier,
            "instruction": result.instruction,
            "unanswered": list(result.unanswered),
            "codes": list(result.codes),
        },
        "precautions": [{"tag": h.tag, "label": h.label, "reason": h.reason} for h in hits],
    }
    intake.precaution_tags = [h.tag for h in hits]
    intake.save(update_fields=["derived", "precaution_tags", "updated_at"])
    if tags_before is not None and set(intake.patient.precaution_tags()) != set(tags_before):
        events.announce_on_commit(events.precautions_changed, patient_id=intake.patient_id)
    return _raise_flags(intake, result.positives, by)


@transaction.atomic
def create_intake(*, patient: Patient, therapist: User, data: SectionData) -> Intake:
    """Start a new episode's intake with its first section (the reason for the visit)."""
    if patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before starting an intake.")
    tags_before = patient.precaution_tags()
    intake = Intake(patient=patient, therapist=therapist)
    _apply_section(intake, "complaint", data)
    intake.save()
    refresh_intake(intake=intake, by=therapist, tags_before=tags_before)
    audit.record(action=audit.Action.CREATE, user=therapist, patient=patient, obj=intake)
    return intake


@transaction.atomic
def save_intake_section(
    *, intake: Intake, section: str, data: SectionData, by: User
) -> list[RedFlag]:
    """Save one section of a draft intake and re-run the rules. Returns newly raised flags."""
    intake = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
    _check_editable(intake)
    tags_before = intake.patient.precaution_tags()
    fields = _apply_section(intake, section, data)
    intake.save(update_fields=[*fields, "updated_at"])
    raised = refresh_intake(intake=intake, by=by, tags_before=tags_before)
    audit.record(
        action=audit.Action.UPDATE, user=by, patient=intake.patient, obj=intake, detail=section
    )
    return raised


def _flat(section_class, *, intake: Intake | None = None, data: SectionData | None = None):
    """A section's answers as one flat {field: JSON value} mapping, for comparing versions."""
    if data is None:
        values = section_class.stored_values(intake)
        data = SectionData(
            columns={k: values.get(k) for k in section_class.columns},
            answers={k: v for k, v in values.items() if k not in section_class.columns},
        )
    flat = {k: to_json(v) for k, v in data.answers.items()}
    for name, value in data.columns.items():
        if isinstance(value, dict):
            flat.update(value)
        else:
            flat[name] = to_json(value)
    return flat


@transaction.atomic
def amend_intake(
    *, intake: Intake, section: str, data: SectionData, reason: str, by: User
) -> tuple[IntakeAmendment, list[RedFlag]]:
    """Correct a signed intake. The amendment keeps each answer as it was before the change."""
    intake = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
    if not intake.is_signed:
        raise ValidationError("Only a signed intake is amended; edit the draft instead.")
    if intake.patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before amending.")
    if not reason.strip():
        raise ValidationError("Say why the intake is being corrected.")
    section_class = SECTION_BY_SLUG[section]
    before = _flat(section_class, intake=intake)
    after = _flat(section_class, data=data)
    changes = []
    for name in after:
        if (before.get(name) in (None, "", [])) and (after[name] in (None, "", [])):
            continue
        if before.get(name) != after[name]:
            label, old = section_class.describe(name, before.get(name))
            _, new = section_class.describe(name, after[name])
            changes.append({"field": name, "label": label, "before": old, "after": new})
    if not changes:
        raise ValidationError("Nothing was changed, so there is nothing to amend.")
    tags_before = intake.patient.precaution_tags()
    fields = _apply_section(intake, section, data)
    intake.save(update_fields=[*fields, "updated_at"])
    amendment = IntakeAmendment.objects.create(
        intake=intake, section=section, changes=changes, reason=reason.strip(), amended_by=by
    )
    raised = refresh_intake(intake=intake, by=by, tags_before=tags_before)
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=intake.patient,
        obj=intake,
        detail=f"amendment to {section}",
    )
    return amendment, raised


@transaction.atomic
def sign_intake(
    *, intake: Intake, consents: dict[str, bool], signature_name: str, by: User
) -> Intake:
    """Record consent with the typed full name, the time and who took it; lock the intake."""
    intake = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
    _check_editable(intake)
    missing = [
        s.title
        for s in SECTIONS
        if s.required_for_signing and s.slug not in intake.completed_sections
    ]
    if missing:
        raise ValidationError(f"Complete these sections before signing: {', '.join(missing)}.")
    # A patient-reported intake is signed only once the therapist has confirmed or corrected
    # every section the patient answered. (Imported here: that module imports this one.)
    from .selfservice import review as self_review

    unreviewed = self_review.unreviewed_sections(intake)
    if unreviewed:
        raise ValidationError(
            "Review what the patient answered before signing: "
            f"{', '.join(s.title.lower() for s in unreviewed)}."
        )
    if not consents.get("consent_treatment") or not consents.get("consent_privacy"):
        raise ValidationError("Treatment consent and the privacy notice are both needed to sign.")
    if not signature_name.strip():
        raise ValidationError("Type the full name to sign.")
    for name in Intake.CONSENT_FIELDS:
        setattr(intake, name, bool(consents.get(name)))
    intake.signature_name = signature_name.strip()
    intake.signed_at = timezone.now()
    intake.signed_by_staff = by
    intake.status = Intake.Status.SIGNED
    if "consent" not in intake.completed_sections:
        intake.completed_sections = [*intake.completed_sections, "consent"]
    intake.save(
        update_fields=[
            *Intake.CONSENT_FIELDS,
            "signature_name",
            "signed_at",
            "signed_by_staff",
            "status",
            "completed_sections",
            "updated_at",
        ]
    )
    if intake.source == Intake.Source.PATIENT:
        self_review.mark_reviewed(intake=intake, by=by)
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=intake.patient,
        obj=intake,
        detail="consent signed",
    )
    return intake


# --- red flags --------------------------------------------------------------------------------


@transaction.atomic
def record_flag_decision(*, flag: RedFlag, reason: str, note: str, by: User) -> RedFlag:
    """A clinician's documented decision on a flag. The only way a flag leaves "open"."""
    flag = RedFlag.objects.select_for_update().get(pk=flag.pk)
    if not flag.is_open:
        raise ValidationError("A decision on this flag is already recorded.")
    if not by.is_therapist:
        raise ValidationError("Only a clinician can record a decision on a red flag.")
    allowed = dict(redflags.allowed_override_reasons(flag.tier))
    if reason not in allowed:
        raise ValidationError("Choose one of the listed reasons.")
    if refusal := flag_states.decision_refusal(flag, reason):
        raise ValidationError(refusal)
    if not note.strip():
        raise ValidationError("Add a note explaining the decision.")
    flag.status = RedFlag.Status.DECIDED
    flag.decision_reason = reason
    flag.decision_note = note.strip()
    flag.decided_by = by
    flag.decided_at = timezone.now()
    flag.save(
        update_fields=[
            "status",
            "decision_reason",
            "decision_note",
            "decided_by",
            "decided_at",
            "updated_at",
        ]
    )
    flag_states.record_decision_event(flag=flag, label=allowed[reason], by=by)
    audit.record(
        action=audit.Action.FLAG_DECISION, user=by, patient=flag.patient, obj=flag, detail=reason
    )
    return flag


# --- outcome measures -------------------------------------------------------------------------


@transaction.atomic
def record_psfs(
    *,
    patient: Patient,
    ratings: list[int],
    new_activities: list[str] | None,
    by: User,
    taken_on=None,
    note: str = "",
) -> OutcomeMeasure:
    """Rate the patient's PSFS activities; with ``new_activities``, name a new set first."""
    if new_activities is not None:
        activities = set_psfs_activities(patient=patient, names=new_activities, by=by)
    else:
        activities = list(patient.psfs_activities.current())
    if len(ratings) != len(activities):
        raise ValidationError("Rate every activity.")
    answers = {
        "activities": [
            {"id": a.pk, "name": a.name, "rating": r}
            for a, r in zip(activities, ratings, strict=True)
        ]
    }
    return record_measure(
        patient=patient, instrument="psfs", answers=answers, by=by, taken_on=taken_on, note=note
    )


@transaction.atomic
def set_psfs_activities(*, patient: Patient, names: list[str], by: User) -> list[PSFSActivity]:
    """Name a new set of 3–5 PSFS activities; the previous set is retired, never deleted."""
    cleaned = [name.strip() for name in names if name and name.strip()]
    if not scoring.PSFS_MIN_ACTIVITIES <= len(cleaned) <= scoring.PSFS_MAX_ACTIVITIES:
        raise ValidationError("Name 3 to 5 activities.")
    patient.psfs_activities.current().update(retired_at=timezone.now())
    return [PSFSActivity.objects.create(patient=patient, name=n, created_by=by) for n in cleaned]


@transaction.atomic
def record_measure(
    *,
    patient: Patient,
    instrument: str,
    answers: dict,
    by: User,
    taken_on=None,
    version: str = "",
    note: str = "",
    intake: Intake | None = None,
) -> OutcomeMeasure:
    """Score and store one outcome measure. Raises ValidationError on bad input."""
    if patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before adding measures.")
    try:
        result = measures.score(instrument, answers, version=version)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    measure = OutcomeMeasure.objects.create(
        patient=patient,
        intake=intake,
        instrument=instrument,
        taken_on=taken_on or timezone.localdate(),
        version=version,
        answers=answers,
        score=result.score,
        band=result.band,
        details=result.details,
        note=note,
        recorded_by=by,
    )
    audit.record(action=audit.Action.CREATE, user=by, patient=patient, obj=measure)
    return measure
