"""Outcome questionnaires at home.

A `MeasureSchedule` says which measure a patient is asked to answer and when (once at intake,
every N weeks, or before the review date). Each time one falls due a `QuestionnaireRequest` is
made: the patient answers it in the portal or through a link, can stop and finish later
(`answers` holds what they have given so far), and on submit the clinic's scoring code turns it
into an `OutcomeMeasure` marked patient-reported.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import OutcomeMeasure, Patient, TimeStampedModel, User, within


class PatientScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return within(self, "patient", Patient.objects.for_user(user))
        if user.role == User.Role.PATIENT:
            return self.filter(patient__user=user)
        return self.none()


class MeasureSchedule(TimeStampedModel):
    class Cadence(models.TextChoices):
        ONCE = "once", _("Once, now")
        EVERY = "every", _("Every few weeks")
        BEFORE_REVIEW = "before_review", _("Before the review date")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="measure_schedules")
    instrument = models.CharField(max_length=16, choices=OutcomeMeasure.Instrument.choices)
    cadence = models.CharField(max_length=16, choices=Cadence.choices)
    every_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    starts_on = models.DateField()
    next_due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PatientScopedQuerySet.as_manager()

    class Meta:
        ordering = ["next_due_on", "id"]
        indexes = [models.Index(fields=["next_due_on"], name="schedule_due_idx")]

    def __str__(self):
        return f"{self.get_instrument_display()} for {self.patient} ({self.get_cadence_display()})"


class QuestionnaireRequest(TimeStampedModel):
    class Status(models.TextChoices):
        DUE = "due", _("Waiting for the patient")
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="questionnaires")
    schedule = models.ForeignKey(
        MeasureSchedule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    instrument = models.CharField(max_length=16, choices=OutcomeMeasure.Instrument.choices)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DUE)
    # What the patient has answered so far: an unfinished questionnaire is finished later.
    answers = models.JSONField(default=dict, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    measure = models.OneToOneField(
        OutcomeMeasure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questionnaire_request",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PatientScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["patient", "status", "due_on"], name="questionnaire_patient_idx"),
            models.Index(fields=["status", "due_on"], name="questionnaire_due_idx"),
        ]

    def __str__(self):
        return f"{self.get_instrument_display()} for {self.patient}, due {self.due_on:%d %b %Y}"
