"""Self-service links and the patient's own pre-visit intake.

A `PatientLink` opens one form for one patient and nothing else. The raw token is shown once
(in the email, or as a QR code) and never stored: the row keeps its SHA-256. A link ends when
it expires (7 days by default), when staff revoke it, or when its form is submitted.

A `SelfIntake` keeps the patient's answers exactly as given. Submitting it makes a draft
`Intake` marked patient-reported; the therapist reviews it section by section
(`SelfIntakeReview`), and a correction is recorded there and on the draft intake, never over
the patient's own answer.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Intake, Patient, TimeStampedModel, User, within


class PatientLinkQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))

    def live(self, *, now=None):
        """Links that still open their form: not expired, revoked or completed."""
        now = now or timezone.now()
        return self.filter(expires_at__gt=now, revoked_at__isnull=True, completed_at__isnull=True)


class PatientLink(TimeStampedModel):
    class Purpose(models.TextChoices):
        INTAKE = "intake", _("Pre-visit intake")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        QR = "qr", _("QR code in the clinic")
        PORTAL = "portal", _("Patient portal")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="links")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    # The uuid of the SelfIntake or QuestionnaireRequest this link opens.
    target_uuid = models.UUIDField(db_index=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    first_opened_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)

    objects = PatientLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "-created_at"], name="link_patient_idx")]

    def __str__(self):
        return f"{self.get_purpose_display()} link for {self.patient}"

    @property
    def is_live(self) -> bool:
        return (
            self.revoked_at is None
            and self.completed_at is None
            and self.expires_at > timezone.now()
        )


class SelfIntakeQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return within(self, "patient", Patient.objects.for_user(user))
        if user.role == User.Role.PATIENT:
            return self.filter(patient__user=user)
        return self.none()

    def waiting_for_review(self):
        return self.filter(status=SelfIntake.Status.SUBMITTED)


class SelfIntake(TimeStampedModel):
    """A pre-visit intake in the patient's own words, saved step by step as they answer."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent, not started")
        STARTED = "started", _("Started")
        SUBMITTED = "submitted", _("Waiting for review")
        REVIEWED = "reviewed", _("Reviewed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="self_intakes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    # {step_slug: {field: value}}: exactly what the patient answered; frozen once submitted.
    answers = models.JSONField(default=dict, blank=True)
    # Red-flag answers as in Intake.red_flag_answers: {code: "no" | "yes_old" | "yes_new"}.
    red_flag_answers = models.JSONField(default=dict, blank=True)
    completed_steps = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=8, default="en")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The electronic signature (ESIGN/UETA): consent to sign electronically, intent to sign,
    # the exact text signed, the typed name, when and from where.
    esign_consent = models.BooleanField(default=False)
    signature_intent = models.BooleanField(default=False)
    signed_text = models.TextField(blank=True)
    signature_name = models.CharField(max_length=160, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_ip = models.GenericIPAddressField(null=True, blank=True)
    signed_user_agent = models.CharField(max_length=200, blank=True)
    # The draft intake made from it on submit; the therapist reviews and signs that one.
    intake = models.OneToOneField(
        Intake, on_delete=models.PROTECT, null=True, blank=True, related_name="self_intake"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = SelfIntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["patient", "-created_at"], name="selfintake_patient_idx"),
            models.Index(fields=["status", "submitted_at"], name="selfintake_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="selfintake_submitted_is_signed",
                condition=Q(status__in=["sent", "started", "withdrawn"])
                | (Q(signed_at__isnull=False) & ~Q(signature_name="") & ~Q(signed_text="")),
            ),
        ]

    def __str__(self):
        return f"Pre-visit intake for {self.patient}"

    def step_answers(self, step: str) -> dict:
        return dict(self.answers.get(step) or {})


class SelfIntakeReview(models.Model):
    """The therapist's decision on one section of a patient-reported intake.

    `corrections` lists {"field", "patient_said", "corrected_to"}: the patient's answer stays in
    SelfIntake.answers as it was, and this row says who changed what on the draft intake, when.
    """

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed as the patient said")
        CORRECTED = "corrected", _("Corrected")

    self_intake = models.ForeignKey(SelfIntake, on_delete=models.PROTECT, related_name="reviews")
    section = models.CharField(max_length=32)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    corrections = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["self_intake", "section"], name="selfreview_section_idx")]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.section}"
