"""Safety that stays in sight, and the automatic step back after a flare-up.

- `EaseOffNotice`: the ease-off advice a worrying log raised (symptoms further down the leg, or
  pain up by PAIN_RISE_ALERT or more since the first log: `adherence.is_worrying_change`). It
  stays on the patient's program page until a later log that is not worrying closes it, or a
  therapist acknowledges it on the patient's page.
- `ItemRegression`: an easier exercise the therapist approved in advance for one item of the
  working draft (one of the exercise's library regressions, or any exercise), with an optional
  dose; copied into every published snapshot as the item's "regression".
- `StepBack`: what happened when a worrying log met an item with a pre-approved regression. The
  patient's next session shows the regression in place of the item (with one line of why) while
  the step back is pending; the therapist accepts it (published as the next revision), rejects
  it (the patient is back on the original item) or, once accepted, reverts it (the original is
  published again). Never deleted.

The writes are in `programs/services/step_backs.py`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clinic.models import Patient, within

from .models import Exercise, Program, ProgramItem, ProgramRevision, SessionLog
from .translations import exercise_name


class EaseOffNoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        return within(self, "program", Program.objects.for_user(user))

    def open(self):
        return self.filter(closed_at__isnull=True)


class EaseOffNotice(models.Model):
    """The ease-off advice after a worrying log, kept in sight until it is closed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="ease_off_notices")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(SessionLog, on_delete=models.PROTECT, related_name="+")
    advice = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        SessionLog, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = EaseOffNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program"],
                condition=Q(closed_at__isnull=True),
                name="easeoff_one_open_per_program",
            ),
            models.CheckConstraint(
                name="easeoff_closed_by_log_or_staff",
                condition=Q(closed_at__isnull=True)
                | Q(cleared_by__isnull=False)
                | Q(acknowledged_by__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Ease-off notice for {self.patient} ({self.created_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ItemRegression(models.Model):
    """The easier exercise a therapist pre-approved for one draft item, and its dose.

    Empty dose fields mean the item's own dose."""

    item = models.OneToOneField(ProgramItem, on_delete=models.CASCADE, related_name="regression")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    sets = models.PositiveSmallIntegerField(null=True, blank=True)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_s = models.PositiveSmallIntegerField("hold (seconds)", null=True, blank=True)
    duration_min = models.PositiveSmallIntegerField("duration (minutes)", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="itemregression_sets_1_20",
                condition=Q(sets__isnull=True) | Q(sets__gte=1, sets__lte=20),
            ),
            models.CheckConstraint(
                name="itemregression_reps_1_100",
                condition=Q(reps__isnull=True) | Q(reps__gte=1, reps__lte=100),
            ),
        ]

    def __str__(self):
        return f"{self.exercise} instead of {self.item.exercise}"


class StepBackQuerySet(models.QuerySet):
    def for_user(self, user):
        return within(self, "program", Program.objects.for_user(user))

    def pending(self):
        return self.filter(status=StepBack.Status.PENDING)


class StepBack(models.Model):
    """A flare-up met a pre-approved regression: the patient steps back until the therapist
    decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the therapist")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        REVERTED = "reverted", _("Put back on the original")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="step_backs")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="+")
    # The revision the log was made on, the item's position in it and its draft item.
    revision = models.ForeignKey(ProgramRevision, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    item = models.ForeignKey(
        ProgramItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    to_exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    # The original item and the regression as the snapshot held them (the patient's view).
    original = models.JSONField()
    regression = models.JSONField()
    # The proposed next revision: the published snapshot with the regression swapped in.
    proposed_snapshot = models.JSONField()
    triggered_by = models.ForeignKey(SessionLog, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    published_revision = models.ForeignKey(
        ProgramRevision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reverted_at = models.DateTimeField(null=True, blank=True)
    reverted_revision = models.ForeignKey(
        ProgramRevision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = StepBackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "position"],
                condition=Q(status="pending"),
                name="stepback_one_pending_per_item",
            ),
            models.CheckConstraint(
                name="stepback_status_valid",
                condition=Q(status__in=["pending", "accepted", "rejected", "reverted"]),
            ),
        ]

    def __str__(self):
        return f"Step back to {self.to_exercise} for {self.patient}"

    def get_absolute_url(self):
        return reverse("programs:step-back-detail", kwargs={"uuid": self.uuid})

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


def patient_items(program: Program, items: list[dict]) -> list[dict]:
    """The revision's items as the patient follows them now: a pending step back shows its
    regression in place of the item, with the line of why (`step_back_why`)."""
    pending = {
        sb.position: sb
        for sb in StepBack.objects.filter(
            program=program, status=StepBack.Status.PENDING, revision=program.current_revision_id
        )
    }
    if not pending:
        return items
    return [
        swapped_item(item, pending[item["position"]]) if item["position"] in pending else item
        for item in items
    ]


def swapped_item(item: dict, step_back: StepBack) -> dict:
    return {
        **item,
        **step_back.regression,
        "position": item["position"],
        "step_back_why": step_back_why(step_back),
        "step_back_from": item["exercise"]["name"],
    }


def step_back_why(step_back: StepBack) -> str:
    """One line in the reader's language, the exercises by the names their cards show."""
    language = get_language()
    return _(
        "Your therapist chose an easier version for after a flare-up: %(name)s instead of "
        "%(original)s, until they have looked at your log."
    ) % {
        "name": exercise_name(step_back.regression["exercise"], language),
        "original": exercise_name(step_back.original["exercise"], language),
    }
