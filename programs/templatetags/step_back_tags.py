"""The patient page's safety lines: open ease-off notices and step backs waiting for review."""

from django import template

from ..step_back import EaseOffNotice, StepBack

register = template.Library()


@register.simple_tag
def patient_safety(patient) -> dict:
    """Two queries whatever the number of programs: the open notices, the recent step backs."""
    if patient is None:
        return {"notices": [], "step_backs": []}
    notices = list(
        EaseOffNotice.objects.open()
        .filter(patient=patient)
        .select_related("program", "raised_by")
        .order_by("created_at")
    )
    step_backs = list(
        StepBack.objects.filter(
            patient=patient, status__in=[StepBack.Status.PENDING, StepBack.Status.ACCEPTED]
        )
        .select_related("from_exercise", "to_exercise", "triggered_by")
        .order_by("-created_at")[:10]
    )
    return {"notices": notices, "step_backs": step_backs}
