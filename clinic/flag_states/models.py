"""A red flag's history of states and its follow-up tasks (imported by clinic/models.py).

The flag's current state is ``RedFlag.referral_state``; each change of it is one
``RedFlagEvent`` row with who recorded it and when. Events are never edited or deleted.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _for_user(queryset, user):
    from ..models import Patient, within

    if not user.is_authenticated or not user.is_clinic_staff:
        return queryset.none()
    return within(queryset, "flag__patient", Patient.objects.for_user(user))


class RedFlagEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return _for_user(self, user)


class RedFlagEvent(models.Model):
    """One step in a flag's life: referred, declined, outcome, decision. Append-only."""

    class Kind(models.TextChoices):
        REFERRED = "referred", _("Referred to the emergency department")
        DECLINED = "declined", _("Patient declined referral")
        OUTCOME = "outcome", _("Outcome recorded")
        DECISION = "decision", _("Decision recorded")

    class Travel(models.TextChoices):
        AMBULANCE = "ambulance", _("Ambulance")
        DRIVEN = "driven", _("Driven by someone else")
        TAXI = "taxi", _("Taxi or ride-share")
        SELF = "self", _("Made their own way (drove, walked, transit)")
        UNKNOWN = "unknown", _("Not known")

    class Outcome(models.TextChoices):
        CLEARED = "cleared", _("Seen and cleared: sent home")
        ADMITTED = "admitted", _("Admitted")
        REFERRED_ON = "referred_on", _("Referred on (specialist, imaging, surgery)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    flag = models.ForeignKey("clinic.RedFlag", on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField(
        help_text="When the advice was given or the patient was seen."
    )
    advised_by = models.CharField(max_length=120, blank=True)
    travel = models.CharField(max_length=12, choices=Travel.choices, blank=True)
    called = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RedFlagEventQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="flagevent_referral_complete",
                condition=~Q(kind="referred") | (~Q(advised_by="") & ~Q(travel="") & ~Q(called="")),
            ),
            models.CheckConstraint(
                name="flagevent_declined_has_advice",
                condition=~Q(kind="declined") | (~Q(advised_by="") & ~Q(details="")),
            ),
            models.CheckConstraint(
                name="flagevent_outcome_complete",
                condition=~Q(kind="outcome") | (~Q(outcome="") & ~Q(details="")),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.flag.code})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("A flag's history is append-only: record a new event.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A flag's history is part of the record: it is never deleted.")


class FlagFollowUpQuerySet(models.QuerySet):
    def for_user(self, user):
        return _for_user(self, user)

    def pending(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today=None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())


class FlagFollowUp(models.Model):
    """A task while a flag is open, e.g. "Call the patient to find out the ED outcome"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    flag = models.ForeignKey("clinic.RedFlag", on_delete=models.PROTECT, related_name="follow_ups")
    task = models.CharField(max_length=200)
    due_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)

    objects = FlagFollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="flagfollowup_due_idx")]
        constraints = [
            models.CheckConstraint(name="flagfollowup_task_not_blank", condition=~Q(task="")),
            models.CheckConstraint(
                name="flagfollowup_done_complete",
                condition=Q(done_at__isnull=True, done_by__isnull=True)
                | Q(done_at__isnull=False, done_by__isnull=False),
            ),
        ]

    def __str__(self):
        return self.task

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()

    @property
    def days_overdue(self) -> int:
        return max((timezone.localdate() - self.due_on).days, 0) if not self.is_done else 0

    def delete(self, *args, **kwargs):
        raise PermissionError("A follow-up is part of the flag's record: mark it done instead.")
