"""The re-assessment visit and its amendments (imported by clinic/models.py)."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Intake, Patient, RedFlag, TimeStampedModel, within


class ReassessmentQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))

    def signed(self):
        """Signed by the therapist, so locked (corrections are amendments)."""
        return self.filter(status=Reassessment.Status.SIGNED)

    def screened(self):
        """The short red-flag screen was answered in full at this visit."""
        return self.filter(screened_at__isnull=False)

    def screened_since(self, day: date):
        """Screened on `day` or later (the visit date): a screen still within a window."""
        return self.screened().filter(visit_date__gte=day)


class Reassessment(TimeStampedModel):
    """A short progress visit that follows an intake.

    `carried` holds the intake answers copied forward, each confirmed or changed:
    [{"key", "label", "before", "before_text", "status": "confirmed" | "changed", "after",
    "after_text"}]. `screen_answers` holds the short red-flag screen, {code: true | false};
    `screened_at` is set when every question was answered, and a "yes" opens a flag
    (`raised_flags`) exactly as the intake does.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")

    class Plan(models.TextChoices):
        PROGRESS = "progress", _("Progress the program")
        REGRESS = "regress", _("Regress the program")
        CONTINUE = "continue", _("Continue as it is")
        DISCHARGE = "discharge", _("Discharge")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="reassessments")
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="reassessments")
    visit_date = models.DateField(default=timezone.localdate)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reassessments_performed"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    carried = models.JSONField(default=list, blank=True)
    screen_answers = models.JSONField(default=dict, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    raised_flags = models.ManyToManyField(RedFlag, blank=True, related_name="reassessments")
    # The objective exam repeated at this visit (clinic/exam/), compared with the one before.
    exam = models.ForeignKey(
        "clinic.ObjectiveExam",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reassessments",
    )
    # The progress note.
    patient_change = models.TextField(_("what changed for the patient"))
    exam_change = models.TextField(_("what changed on examination"), blank=True)
    plan = models.CharField(max_length=12, choices=Plan.choices)
    plan_note = models.TextField(_("plan details"), blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReassessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-id"]
        indexes = [
            models.Index(fields=["patient", "-visit_date"], name="reassessment_patient_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="reassessment_plan_valid",
                condition=Q(plan__in=["progress", "regress", "continue", "discharge"]),
            ),
            models.CheckConstraint(
                name="reassessment_signed_complete",
                condition=Q(status="draft")
                | (
                    Q(status="signed")
                    & Q(signed_at__isnull=False)
                    & Q(signed_by__isnull=False)
                    & Q(screened_at__isnull=False)
                    & ~Q(patient_change="")
                ),
            ),
        ]

    def __str__(self):
        return f"Re-assessment for {self.patient} on {self.visit_date:%d %b %Y}"

    def get_absolute_url(self):
        return reverse(
            "clinic:reassessment-detail",
            kwargs={"uuid": self.patient.uuid, "visit": self.uuid},
        )

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def changed_items(self) -> list[dict]:
        return [item for item in self.carried if item.get("status") == "changed"]

    @property
    def change_summary(self) -> list[str]:
        """Each changed answer in a few words, with its values when they are short."""
        summary = []
        for row in self.changed_items:
            label = row["label"][:1].lower() + row["label"][1:]
            if max(len(row["before_text"]), len(row["after_text"])) <= 24:
                summary.append(f"{label} {row['before_text']} → {row['after_text']}")
            else:
                summary.append(label)
        return summary


class ReassessmentAmendment(TimeStampedModel):
    """A correction to a signed re-assessment: what each field said before, who changed it,
    when and why. The visit keeps the corrected text; the original stays here."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reassessment = models.ForeignKey(
        Reassessment, on_delete=models.PROTECT, related_name="amendments"
    )
    # [{"field", "label", "before", "after"}], display text.
    changes = models.JSONField(default=list)
    reason = models.TextField()
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="reassessment_amendment_has_reason", condition=~Q(reason="")
            ),
        ]

    def __str__(self):
        return f"Amendment to {self.reassessment} by {self.amended_by}"
