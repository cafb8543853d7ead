"""The self-service cards: the care team's on the patient's page, the patient's in the portal.

Inclusion tags, so the pages that show them (owned by others) only include one line."""

from django import template

from clinic.questionnaires.instruments import PLAIN_TITLE
from clinic.questionnaires.models import QuestionnaireRequest
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.sending import (
    OPEN_INTAKE,
    OPEN_QUESTIONNAIRE,
    email_refusal,
    link_status,
)

register = template.Library()
SHOWN_LINKS = 10
SHOWN_INTAKES = 5


@register.inclusion_tag("clinic/selfservice/_patient_links.html", takes_context=True)
def patient_links_card(context, patient):
    """The patient's links, newest first, each with its status; what can be sent."""
    user = context["request"].user
    links = list(
        PatientLink.objects.for_user(user)
        .filter(patient=patient)
        .select_related("created_by", "revoked_by")[:SHOWN_LINKS]
    )
    for link in links:
        link.status = link_status(link)
    intakes = list(
        SelfIntake.objects.for_user(user).filter(patient=patient).order_by("-id")[:SHOWN_INTAKES]
    )
    for intake in intakes:
        intake.is_open = intake.status in OPEN_INTAKE
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "patient": patient,
        "links": links,
        "intakes": intakes,
        "email_refusal": email_refusal(patient),
        "can_send": user.is_clinic_staff and not patient.is_archived,
    }


@register.inclusion_tag("portal/_forms_to_fill.html", takes_context=True)
def forms_to_fill(context):
    """The signed-in patient's forms waiting for answers: pre-visit intakes, questionnaires."""
    user = context["request"].user
    intakes = list(SelfIntake.objects.for_user(user).filter(status__in=OPEN_INTAKE))
    questionnaires = list(
        QuestionnaireRequest.objects.for_user(user).filter(status__in=OPEN_QUESTIONNAIRE)
    )
    forms = [
        {
            "kind": PatientLink.Purpose.INTAKE,
            "uuid": intake.uuid,
            "title": PatientLink.Purpose.INTAKE.label,
            "started": intake.status == SelfIntake.Status.STARTED,
            "due_on": None,
        }
        for intake in intakes
    ] + [
        {
            "kind": PatientLink.Purpose.QUESTIONNAIRE,
            "uuid": request.uuid,
            # The plain title the questionnaire page itself opens with, in the patient's words.
            "title": PLAIN_TITLE.get(request.instrument) or request.get_instrument_display(),
            "started": request.status == QuestionnaireRequest.Status.STARTED,
            "due_on": request.due_on,
        }
        for request in questionnaires
    ]
    return {"forms": forms, "csrf_token": context.get("csrf_token")}
