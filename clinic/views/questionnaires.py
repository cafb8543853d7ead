"""Home questionnaires: staff schedule and send them from the patient's page; the patient answers
by link (`f/<token>/questionnaire/`), saves and finishes later, then sees a thank-you page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import audit
from ..languages import patient_language
from ..models import AuditEvent, Patient
from ..outbox.rendering import own_link
from ..permissions import therapist_required
from ..qr import qr_svg
from ..questionnaires import instruments, services
from ..questionnaires.forms import AnswerForm, ScheduleForm, SendNowForm
from ..questionnaires.models import MeasureSchedule, QuestionnaireRequest
from ..selfservice.access import link_view
from ..selfservice.links import link_path
from ..selfservice.models import PatientLink

Action = AuditEvent.Action


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _english_items_language(patient) -> str:
    """The name of the patient's language when some measures reach them with English items."""
    code = patient_language(patient)
    return "" if code == "en" else dict(settings.LANGUAGES)[code]


@therapist_required
@require_http_methods(["GET", "POST"])
def schedule_create(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    form = ScheduleForm(request.POST or None, initial={"cadence": "every", "every_weeks": 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_measure(patient=patient, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Questionnaire scheduled."))
            return redirect(patient.get_absolute_url() + "#questionnaires")
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, detail="schedule questionnaire")
    return render(
        request,
        "clinic/questionnaires/schedule_form.html",
        {
            "patient": patient,
            "form": form,
            "title": _("Schedule a questionnaire"),
            "english_items_language": _english_items_language(patient),
        },
    )


@therapist_required
@require_POST
def schedule_end(request, uuid):
    schedule = get_object_or_404(
        MeasureSchedule.objects.for_user(request.user).select_related("patient"), uuid=uuid
    )
    services.end_schedule(schedule=schedule, by=request.user)
    messages.success(request, _("Schedule ended. Answers already given are kept."))
    return redirect(schedule.patient.get_absolute_url() + "#questionnaires")


@therapist_required
@require_http_methods(["GET", "POST"])
def send_now(request, uuid):
    """Make a request now and email its link, or show a QR code to scan here."""
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    form = SendNowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        channel = form.cleaned_data["channel"]
        try:
            questionnaire, link, token = services.send_now(
                patient=patient,
                instrument=form.cleaned_data["instrument"],
                channel=channel,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if channel == PatientLink.Channel.EMAIL:
                messages.success(request, _("The link is on its way to the patient by email."))
                return redirect(patient.get_absolute_url() + "#questionnaires")
            url = own_link(link_path(token))
            audit.log_event(request, Action.VIEW, patient=patient, obj=link, detail="QR shown")
            return render(
                request,
                "clinic/questionnaires/qr.html",
                {
                    "patient": patient,
                    "questionnaire": questionnaire,
                    "link": link,
                    # Reviewed: the qrcode library emits path data only; no user text enters it.
                    "qr_svg": mark_safe(qr_svg(url, sized_by_css=True)),  # noqa: S308  # nosec
                },
            )
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, detail="send questionnaire")
    return render(
        request,
        "clinic/questionnaires/send_form.html",
        {
            "patient": patient,
            "form": form,
            "may_email": services.may_email(patient),
            "title": _("Send a questionnaire now"),
            "english_items_language": _english_items_language(patient),
        },
    )


@therapist_required
@require_POST
def request_cancel(request, uuid):
    questionnaire = get_object_or_404(
        QuestionnaireRequest.objects.for_user(request.user).select_related("patient"), uuid=uuid
    )
    try:
        services.cancel_request(request=questionnaire, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The questionnaire is withdrawn: its links no longer open it."))
    return redirect(questionnaire.patient.get_absolute_url() + "#questionnaires")


# --- the patient, by link -----------------------------------------------------------------------


# The link pages send `Referrer-Policy: no-referrer`, so the browser posts with `Origin: null`,
# which Django's CSRF check refuses. The check is not needed here: the link's secret token is in
# the address posted to, and another site cannot post to an address it cannot know.
@csrf_exempt
@link_view(PatientLink.Purpose.QUESTIONNAIRE)
@require_http_methods(["GET", "POST"])
def questionnaire_answer(request, token):
    """The patient's answering page, in the patient's language."""
    with translation.override(patient_language(request.patient_link.patient)):
        return _answer_page(request, request.patient_link)


def _answer_page(request, link):
    questionnaire = get_object_or_404(
        QuestionnaireRequest.objects.select_related("patient"),
        uuid=link.target_uuid,
        patient=link.patient,
        status__in=services.OPEN,
    )
    instrument = questionnaire.instrument
    if not instruments.licence_confirmed(instrument):
        # The clinic's licence was withdrawn after the request was made: nothing to show.
        return render(request, "clinic/questionnaires/unavailable.html", status=404)
    activities = services.activities_for(questionnaire)
    form = AnswerForm(
        request.POST or None,
        instrument=instrument,
        activities=activities,
        initial=questionnaire.answers,
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        user = request.user if request.user.is_authenticated else None
        finishing = "finish" in request.POST
        questionnaire = services.save_answers(request=questionnaire, data=form.answers())
        if finishing and form.require_all():
            try:
                services.submit_questionnaire(request=questionnaire, by=user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(
                    request,
                    "clinic/questionnaires/thanks.html",
                    {"questionnaire": questionnaire, "patient": questionnaire.patient},
                )
        saved = not finishing
    answered = sum(
        1 for q in form.questions if (questionnaire.answers or {}).get(q.key) is not None
    )
    return render(
        request,
        "clinic/questionnaires/answer.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "patient": questionnaire.patient,
            "title": instruments.PLAIN_TITLE.get(instrument, ""),
            "instructions": instruments.INSTRUCTIONS.get(instrument, ""),
            "items_in_english": instruments.items_in_english(
                instrument, translation.get_language()
            ),
            "attribution": instruments.ATTRIBUTION.get(instrument, ""),
            "answered": answered,
            "total": len(form.questions),
            "saved": saved,
            "link": link,
        },
        status=200,
    )
