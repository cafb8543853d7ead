"""The "Questionnaires at home" card on the patient's page (templates/clinic/questionnaires/)."""

from django import template

from clinic.questionnaires import instruments
from clinic.questionnaires.models import MeasureSchedule, QuestionnaireRequest

register = template.Library()
RECENT_REQUESTS = 8


@register.simple_tag
def questionnaire_panel(patient, user) -> dict:
    """The patient's schedules and latest requests, as the user may see them (two queries)."""
    schedules = list(
        MeasureSchedule.objects.for_user(user).filter(patient=patient).order_by("-created_at")
    )
    requests = list(
        QuestionnaireRequest.objects.for_user(user)
        .filter(patient=patient)
        .select_related("measure")
        .order_by("-due_on", "-id")[:RECENT_REQUESTS]
    )
    return {
        "schedules": [s for s in schedules if s.ended_at is None],
        "ended": [s for s in schedules if s.ended_at is not None],
        "requests": requests,
        "can_send": bool(instruments.home_choices()),
    }
