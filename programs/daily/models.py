"""What the patient records about their daily plan: a done tick per exercise and slot, their
own weekdays for an exercise, and a due day moved to another day.

Exercises are named by their position in the program's current revision (the snapshot's
`position`), as the session log's `exercises_done` does.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from clinic.models import User

from ..models import Program, ProgramRevision


class _PatientOwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return self
        if user.role == User.Role.PATIENT:
            return self.filter(program__patient__user=user)
        return self.none()


class DoneTick(models.Model):
    """One exercise done in one slot of one day (set by the follow-along timer or by hand)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="done_ticks")
    revision = models.ForeignKey(ProgramRevision, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(default=timezone.localdate)
    position = models.PositiveSmallIntegerField()
    slot = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = _PatientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["date", "position", "slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "date", "position", "slot"], name="donetick_once_per_slot"
            ),
            models.CheckConstraint(name="donetick_slot_max_11", condition=Q(slot__lte=11)),
        ]

    def __str__(self):
        return f"Exercise {self.position} done ({self.date}, slot {self.slot})"


class PlanDays(models.Model):
    """The weekdays the patient chose for one exercise (bit n = weekday n, Monday = 0)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="plan_days")
    position = models.PositiveSmallIntegerField()
    weekdays = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = _PatientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["program", "position"]
        constraints = [
            models.UniqueConstraint(fields=["program", "position"], name="plandays_one_per_item"),
            models.CheckConstraint(
                name="plandays_weekdays_1_127",
                condition=Q(weekdays__gte=1) & Q(weekdays__lte=127),
            ),
        ]

    def __str__(self):
        return f"Own days for exercise {self.position}"

    @property
    def weekday_list(self) -> list[int]:
        return [day for day in range(7) if self.weekdays & (1 << day)]


class PlanMove(models.Model):
    """A due day of one exercise done on another day instead ("do it today instead")."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="plan_moves")
    position = models.PositiveSmallIntegerField()
    from_date = models.DateField()
    to_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = _PatientOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["to_date", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "position", "from_date"], name="planmove_once_per_day"
            ),
        ]

    def __str__(self):
        return f"Exercise {self.position}: {self.from_date} moved to {self.to_date}"
