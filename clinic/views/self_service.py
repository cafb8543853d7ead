"""Self-service links: the address a patient follows, the care team's card on the patient's
page, and the portal's "Forms to fill in" buttons."""

from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from clinic.selfservice.access import ANY_PURPOSE, link_view
from clinic.selfservice.links import record_open
from clinic.selfservice.models import PatientLink

# The page each kind of link opens (the wizard's and the questionnaire's own views).
FORM_PAGES = {
    PatientLink.Purpose.INTAKE: "clinic:self-intake",
    PatientLink.Purpose.QUESTIONNAIRE: "clinic:questionnaire-answer",
}


@require_GET
@link_view(ANY_PURPOSE)
def link_open(request, token):
    """The address in the email or QR code: count the opening, then go to the link's form."""
    link = record_open(link=request.patient_link)
    return redirect(FORM_PAGES[link.purpose], token=token)
