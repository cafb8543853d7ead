"""Who may open which URL: every URL pattern of the project, for every kind of visitor.

`MATRIX` has one row per URL name. Adding a URL without a row fails
`test_every_url_pattern_has_a_row`; a row is one line:

    "clinic:intake-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=intake_a),

The five expectations are for: anonymous, patient A, patient B, therapist, clinic admin.
They are exact: an int is the status code, LOGIN means a 302 to the login page. For a
patient-owned object, build it for patient A (`kw=`) and expect 404 for patient B. Rows with
method POST also check that GET answers 405 for every visitor the POST lets through.
`kw` is a function of the `World` (the named cast) returning the URL kwargs; `setup` may
prepare data first; `data` is the POST body.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from clinic.models import ClinicProfile, Patient, User

LOGIN = "LOGIN"
ROLES = ("anon", "patient_a", "patient_b", "therapist", "admin")


@dataclass
class World:
    admin: User
    therapist: User
    colleague: User
    patient_a: User
    patient_a_record: Patient
    patient_b: User
    patient_b_record: Patient


@dataclass
class R:
    method: str
    anon: int | str
    patient_a: int | str
    patient_b: int | str
    therapist: int | str
    admin: int | str
    kw: Callable[[World], dict] = field(default=lambda w: {})
    setup: Callable[[World], None] | None = None
    data: Callable[[World], dict] = field(default=lambda w: {})

    def expected(self, role: str) -> int | str:
        return getattr(self, role)


# --- kwarg builders (one per kind of object) ----------------------------------------------------


def patient_a(w: World) -> dict:
    return {"uuid": w.patient_a_record.uuid}


def colleague_pk(w: World) -> dict:
    return {"pk": w.colleague.pk}


def password_reset_link(w: World) -> dict:
    return {"uidb64": "MQ", "token": "not-a-valid-token"}


def clinic_logo(w: World) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    profile = ClinicProfile.load()
    from django.core.files.base import ContentFile

    profile.logo.save("logo.png", ContentFile(buffer.getvalue()))


def program_a(w: World) -> dict:
    """Patient A's published program (built once per test through the real publish service)."""
    return {"uuid": _program_a(w).uuid}


def _program_a(w: World):
    from programs.models import Program
    from tests.factories import published_program

    program = Program.objects.filter(patient=w.patient_a_record).first()
    return program or published_program(patient=w.patient_a_record, items=2)


def program_a_item(w: World) -> dict:
    program = _program_a(w)
    return {"uuid": program.uuid, "item_id": program.items.first().pk}


def revision_a(w: World) -> dict:
    return {"uuid": _program_a(w).current_revision.uuid}


def step_back_a(w: World) -> dict:
    """A step back waiting for the therapist after a flare-up in patient A's program."""
    from tests.programs.step_back_helpers import stepped_back

    return {"uuid": stepped_back(_program_a(w)).uuid}


def ease_off_a(w: World) -> dict:
    """Patient A's open ease-off notice (raised by the same flare-up)."""
    from programs.models import EaseOffNotice
    from tests.programs.step_back_helpers import stepped_back

    program = _program_a(w)
    stepped_back(program)
    return {"uuid": EaseOffNotice.objects.get(program=program).uuid}


def portal_item_a(w: World) -> dict:
    return {"uuid": _program_a(w).uuid, "position": 1}


def portal_figure_a(w: World) -> dict:
    """A picture of patient A's current revision (an exercise that has a figure)."""
    from tests.programs.portal_helpers import program_with

    revision = program_with(w.patient_a_record, items=1).current_revision
    return {"uuid": revision.uuid, "position": 1, "which": "animated"}


def template(w: World) -> dict:
    from tests.factories import TemplateItemFactory

    return {"uuid": TemplateItemFactory().template.uuid}


LIBRARY_SLUG = "matrix-bridge"


def library_exercise(w: World) -> dict:
    return {"slug": LIBRARY_SLUG}


def library_picture(w: World) -> dict:
    return {"slug": LIBRARY_SLUG, "which": "end"}


def library_setup(w: World) -> None:
    """A clinic exercise with a pose (for its pictures) and the clinic's own photo."""
    from django.core.files.base import ContentFile

    from programs.models import Exercise

    exercise, _ = Exercise.objects.get_or_create(
        slug=LIBRARY_SLUG,
        defaults={
            "name": "Matrix bridge",
            "category": Exercise.Category.STABILISATION,
            "steps": ["Lift your hips.", "Lower slowly."],
            "reps": 10,
            "figure": {"view": "side", "start": {"trunk": 180}, "end": {"trunk": 180, "r_hip": 40}},
        },
    )
    if not exercise.photo:
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "teal").save(buffer, "JPEG")
        exercise.photo.save("bridge.jpg", ContentFile(buffer.getvalue()))


def library_translation(w: World) -> dict:
    return {"slug": LIBRARY_SLUG, "language": "es"}


def library_translation_setup(w: World) -> None:
    """The clinic exercise with a Spanish translation nobody has reviewed yet."""
    from programs.models import Exercise, ExerciseTranslation

    library_setup(w)
    ExerciseTranslation.objects.get_or_create(
        exercise=Exercise.objects.get(slug=LIBRARY_SLUG),
        language="es",
        defaults={"name": "Puente", "steps": ["Suba las caderas.", "Baje despacio."]},
    )


def exercise_video_a(w: World) -> dict:
    """The clinic's video (with a poster) of an exercise in patient A's published program."""
    from django.core.files.base import ContentFile

    from programs.models import Exercise
    from programs.videos import ExerciseVideo, check_video, upload_exercise_video
    from tests.programs.portal_helpers import program_with
    from tests.programs.test_exercise_videos import png_bytes, upload, webm_bytes

    video = ExerciseVideo.objects.for_user(w.patient_a).first()
    if video is None:
        slug = program_with(w.patient_a_record, items=1).current_revision.items[0]["exercise"]
        video = upload_exercise_video(
            exercise=Exercise.objects.get(slug=slug["slug"]),
            video=check_video(upload("clip.webm", webm_bytes(), "video/webm")),
            poster=ContentFile(png_bytes(), name="poster.png"),
            by=w.therapist,
        )
    return {"uuid": video.uuid}


def _intake_a(w: World):
    from clinic.models import Intake
    from tests.factories import IntakeFactory

    intake = Intake.objects.filter(patient=w.patient_a_record).first()
    return intake or IntakeFactory(patient=w.patient_a_record, therapist=w.therapist)


def intake_a(w: World) -> dict:
    return {"uuid": _intake_a(w).uuid}


def intake_a_section(w: World) -> dict:
    return {"uuid": _intake_a(w).uuid, "slug": "pain"}


def _signed_intake_a(w: World):
    from django.utils import timezone

    from clinic.models import Intake

    intake = _intake_a(w)
    Intake.objects.filter(pk=intake.pk).update(
        status="signed", signed_at=timezone.now(), signature_name="Patient A"
    )
    return intake


def signed_intake_a(w: World) -> dict:
    """Patient A's intake, signed without the home-program consent."""
    return {"uuid": _signed_intake_a(w).uuid}


def patient_a_signed(w: World) -> dict:
    """Patient A with a signed intake: a re-assessment follows one."""
    _signed_intake_a(w)
    return {"uuid": w.patient_a_record.uuid}


def _self_intake_a(w: World):
    """Patient A's pre-visit intake, answered and sent, with its draft intake."""
    from clinic.selfservice.models import SelfIntake
    from tests.factories import SelfIntakeFactory

    found = SelfIntake.objects.filter(patient=w.patient_a_record).first()
    return found or SelfIntakeFactory(patient=w.patient_a_record)


def self_intake_a(w: World) -> dict:
    return {"uuid": _self_intake_a(w).uuid}


def self_intake_a_section(w: World) -> dict:
    return {"uuid": _self_intake_a(w).uuid, "slug": "pain"}


def exam_a(w: World) -> dict:
    """Patient A's objective exam, recorded at a later visit (so it is amended, not edited)."""
    from clinic.exam.models import ObjectiveExam
    from clinic.exam.services import record_exam

    exam = ObjectiveExam.objects.filter(patient=w.patient_a_record).first()
    if exam is None:
        exam, _ = record_exam(
            patient=w.patient_a_record, by=w.therapist, data={"myotome_l5_left": 4}
        )
    return {"uuid": exam.uuid}


def _reassessment_a(w: World):
    """A draft re-assessment of patient A, screened and with a note (ready to sign)."""
    from django.utils import timezone

    from clinic.reassessment.models import Reassessment
    from clinic.redflags import SHORT_FORM_CODES

    visit = Reassessment.objects.filter(patient=w.patient_a_record).first()
    return visit or Reassessment.objects.create(
        patient=w.patient_a_record,
        intake=_signed_intake_a(w),
        performed_by=w.therapist,
        screen_answers=dict.fromkeys(SHORT_FORM_CODES, False),
        screened_at=timezone.now(),
        patient_change="Walking further.",
        plan="continue",
    )


def reassessment_a(w: World) -> dict:
    return {"uuid": w.patient_a_record.uuid, "visit": _reassessment_a(w).uuid}


def signed_reassessment_a(w: World) -> dict:
    """Patient A's re-assessment, signed (amending needs one)."""
    from django.utils import timezone

    from clinic.reassessment.models import Reassessment

    visit = _reassessment_a(w)
    Reassessment.objects.filter(pk=visit.pk).update(
        status="signed", signed_at=timezone.now(), signed_by=w.therapist
    )
    return {"uuid": w.patient_a_record.uuid, "visit": visit.uuid}


def _intake_a_with_test(w: World):
    """Patient A's intake with one test (an MRI) in its imaging section."""
    from clinic.intake.sections import ImagingSection
    from tests.clinic import intake_data

    intake = _intake_a(w)
    if not ImagingSection.entries(intake):
        tests = intake_data.rows("imaging", {"kind": "mri", "facility": "Harbor Imaging"})
        intake_data.save(intake, "imaging", tests, w.therapist)
    return intake


def intake_a_with_test(w: World) -> dict:
    return {"uuid": _intake_a_with_test(w).uuid}


def report_a(w: World) -> dict:
    """A report PDF attached to patient A's MRI, through the real checks and service."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clinic import imaging_reports
    from clinic.intake.sections import ImagingSection
    from clinic.models import ImagingReport
    from tests.factories import REPORT_PDF

    report = ImagingReport.objects.filter(patient=w.patient_a_record).first()
    if report is None:
        intake = _intake_a_with_test(w)
        report = imaging_reports.attach_imaging_report(
            intake=intake,
            entry=ImagingSection.entries(intake)[0]["ref"],
            report=imaging_reports.check_report_pdf(SimpleUploadedFile("mri.pdf", REPORT_PDF)),
            by=w.therapist,
        )
    return {"uuid": report.uuid}


def flag_a(w: World) -> dict:
    from tests.factories import RedFlagFactory

    return {"uuid": RedFlagFactory(patient=w.patient_a_record).uuid}


def referred_flag_a(w: World) -> dict:
    """An emergency flag of patient A sent to the emergency department: awaiting the outcome."""
    from clinic.flag_states import services as flag_states
    from tests.factories import RedFlagFactory

    flag = RedFlagFactory(patient=w.patient_a_record, code="ces_saddle", tier="E")
    flag_states.refer_to_emergency(
        flag=flag, advised_by="Therapist", travel="driven", called="Partner", by=w.therapist
    )
    return {"uuid": flag.uuid}


def flag_follow_up_a(w: World) -> dict:
    from clinic.flag_states import services as flag_states
    from clinic.models import RedFlag

    flag = RedFlag.objects.get(uuid=referred_flag_a(w)["uuid"])
    return {"uuid": flag_states.FlagFollowUp.objects.get(flag=flag).uuid}


def measure_a(w: World) -> dict:
    from clinic.services import record_measure

    measure = record_measure(
        patient=w.patient_a_record,
        instrument="rmdq",
        answers={"ticked": [1, 2], "none_apply": False},
        by=w.therapist,
    )
    return {"uuid": measure.uuid}


def patient_a_rmdq(w: World) -> dict:
    return {"uuid": w.patient_a_record.uuid, "instrument": "rmdq"}


def _access_request_a(w: World, *, released: bool):
    """Patient A's open (or released) request for a copy of the record, made once per test."""
    from interop import services
    from interop.models import AccessRequest

    status = AccessRequest.Status.FULFILLED if released else AccessRequest.Status.OPEN
    found = AccessRequest.objects.filter(patient=w.patient_a_record, status=status).first()
    if found is None:
        found = services.request_record_access(patient=w.patient_a_record, by=w.patient_a)
        if released:
            found = services.fulfil_access_request(access_request=found, by=w.admin)
    return found


def open_request_a(w: World) -> dict:
    return {"uuid": _access_request_a(w, released=False).uuid}


def released_a(w: World) -> dict:
    return {"uuid": _access_request_a(w, released=True).uuid}


def integration_token(w: World) -> dict:
    from interop import services
    from interop.models import IntegrationToken

    token = IntegrationToken.objects.filter(name="Matrix token").first()
    if token is None:
        token, _raw = services.create_integration_token(name="Matrix token", by=w.admin)
    return {"pk": token.pk}


def fhir_patient_a(w: World) -> dict:
    return {"id": str(w.patient_a_record.uuid)}


def _device_of_a(w: World):
    from datetime import timedelta

    from django.utils import timezone

    from clinic.remembered_devices import RememberedDevice

    return RememberedDevice.objects.get_or_create(
        token_hash="matrix" + "0" * 58,
        defaults={
            "user": w.patient_a,
            "binding": "-",
            "user_agent": "Chrome on Android",
            "expires_at": timezone.now() + timedelta(days=30),
        },
    )[0]


def device_a(w: World) -> dict:
    """A device patient A is kept signed in on."""
    return {"pk": _device_of_a(w).pk}


def patient_a_device(w: World) -> dict:
    return {"uuid": w.patient_a_record.uuid, "pk": _device_of_a(w).pk}


def failed_message_a(w: World) -> dict:
    """A message to patient A that failed (resending it is a staff member's act)."""
    from clinic.models import OutboxMessage
    from clinic.outbox.services import enqueue_message

    message = enqueue_message(
        kind=OutboxMessage.Kind.PROGRAM_READY, key="matrix:failed", recipient=w.patient_a
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, next_attempt_at=None, last_error="550 refused"
    )
    return {"uuid": message.uuid}


def a_message(w: World) -> dict:
    return {"body": "Is it fine to do the stretches in the evening?"}


def reminders_a(w: World) -> None:
    """Patient A's exercise reminders (patient B has none)."""
    from programs.models import ReminderPlan

    ReminderPlan.objects.get_or_create(patient=w.patient_a_record)


def reminder_stop_a(w: World) -> dict:
    from programs.models import ReminderPlan
    from programs.reminders import stop_token

    plan, _ = ReminderPlan.objects.get_or_create(patient=w.patient_a_record)
    return {"token": stop_token(plan)}


def pause_a_few_days(w: World) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    return {"until": (timezone.localdate() + timedelta(days=3)).isoformat()}


def reminder_choices(w: World) -> dict:
    return {"weekdays": ["0", "2"], "time_of_day": "09:00", "time_zone": "America/New_York"}


def _questionnaire_a(w: World):
    """Patient A's RMDQ at home, scheduled once and due today (not answered)."""
    from django.utils import timezone

    from clinic.questionnaires import services as questionnaires
    from clinic.questionnaires.models import QuestionnaireRequest

    waiting = QuestionnaireRequest.objects.filter(patient=w.patient_a_record, status="due").first()
    if waiting is not None:
        return waiting
    questionnaires.schedule_measure(
        patient=w.patient_a_record, instrument="rmdq", cadence="once", by=w.therapist
    )
    return questionnaires.make_due_requests(today=timezone.localdate())[0]


def questionnaire_a(w: World) -> dict:
    return {"uuid": _questionnaire_a(w).uuid}


def questionnaire_schedule_a(w: World) -> dict:
    return {"uuid": _questionnaire_a(w).schedule.uuid}


def questionnaire_link_a(w: World) -> dict:
    """A live link to patient A's questionnaire: the token is the key, whoever holds it."""
    from clinic.selfservice.links import issue_link

    request = _questionnaire_a(w)
    _link, token = issue_link(
        patient=w.patient_a_record,
        purpose="questionnaire",
        target_uuid=request.uuid,
        by=w.therapist,
    )
    return {"token": token}


def unscored_measure_a(w: World) -> dict:
    """Patient A's SBI saved with an item missing ("not scored"), to be finished."""
    from clinic.services import record_measure

    measure = record_measure(
        patient=w.patient_a_record,
        instrument="sbi",
        answers={"items": [2, None, 3, 1]},
        by=w.therapist,
    )
    return {"uuid": measure.uuid}


def intake_link_a(w: World) -> dict:
    """A live link to patient A's pre-visit intake: the token is the key, whoever holds it."""
    from clinic.selfservice.links import issue_link
    from clinic.selfservice.models import PatientLink

    _link, token = issue_link(
        patient=w.patient_a_record,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=_open_self_intake_a(w).uuid,
        by=w.therapist,
    )
    return {"token": token}


def _open_self_intake_a(w: World):
    from clinic.selfservice.models import SelfIntake

    return SelfIntake.objects.filter(
        patient=w.patient_a_record, status__in=["sent", "started"]
    ).first() or SelfIntake.objects.create(patient=w.patient_a_record, requested_by=w.therapist)


def intake_emergency_a(w: World) -> None:
    """The advice page shows once a safety answer in the form raised an emergency flag."""
    from django.utils import timezone

    from clinic.models import RedFlag
    from clinic.selfservice.models import SelfIntake

    self_intake = _open_self_intake_a(w)
    SelfIntake.objects.filter(pk=self_intake.pk).update(status="started", started_at=timezone.now())
    RedFlag.objects.create(patient=w.patient_a_record, code="ces_bladder", tier="E")


def intake_link_a_step(w: World) -> dict:
    return {**intake_link_a(w), "step": "contact"}


def _form_link_a(w: World, *, channel: str = "email"):
    """A live link to patient A's pre-visit intake (sent, not answered): the row and token."""
    from clinic.selfservice.links import issue_link
    from clinic.selfservice.models import SelfIntake

    self_intake = SelfIntake.objects.filter(patient=w.patient_a_record, status="sent").first()
    if self_intake is None:
        self_intake = SelfIntake.objects.create(
            patient=w.patient_a_record, requested_by=w.therapist
        )
    return issue_link(
        patient=w.patient_a_record,
        purpose="intake",
        target_uuid=self_intake.uuid,
        by=w.therapist,
        channel=channel,
    )


def form_link_token_a(w: World) -> dict:
    return {"token": _form_link_a(w)[1]}


def form_link_a(w: World) -> dict:
    return {"uuid": _form_link_a(w)[0].uuid}


def open_form_a(w: World) -> dict:
    """Patient A's pre-visit intake waiting in the portal's "Forms to fill in"."""
    link, _token = _form_link_a(w)
    return {"kind": "intake", "uuid": link.target_uuid}


# --- the matrix ---------------------------------------------------------------------------------
#                                   method  anon   pat A  pat B  ther.  admin

MATRIX: dict[str, R] = {
    "home": R("GET", LOGIN, 302, 302, 302, 302),
    "healthz": R("GET", 200, 200, 200, 200, 200),
    "manifest": R("GET", 200, 200, 200, 200, 200),
    "service-worker": R("GET", 200, 200, 200, 200, 200),
    "favicon": R("GET", 200, 200, 200, 200, 200),
    "login": R("GET", 200, 302, 302, 302, 302),
    "logout": R("POST", LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "session-keepalive": R("POST", 401, 200, 200, 200, 200),
    "javascript-catalog": R("GET", 200, 200, 200, 200, 200),
    "set-language": R("POST", 302, 302, 302, 302, 302, data=lambda w: {"language": "en"}),
    "password_change": R("GET", LOGIN, 200, 200, 200, 200),
    "password_change_done": R("GET", LOGIN, 200, 200, 200, 200),
    "password_reset": R("GET", 200, 200, 200, 200, 200),
    "password_reset_done": R("GET", 200, 200, 200, 200, 200),
    "password_reset_confirm": R("GET", 200, 200, 200, 200, 200, kw=password_reset_link),
    "password_reset_complete": R("GET", 200, 200, 200, 200, 200),
    # clinic: staff, clinic details
    "pages:dashboard": R("GET", LOGIN, 403, 403, 200, 200),
    "clinic:staff-list": R("GET", LOGIN, 403, 403, 403, 200),
    "clinic:staff-create": R("GET", LOGIN, 403, 403, 403, 200),
    "clinic:staff-edit": R("GET", LOGIN, 403, 403, 403, 200, kw=colleague_pk),
    "clinic:staff-set-active": R("POST", LOGIN, 403, 403, 403, 302, kw=colleague_pk),
    "clinic:clinic-profile": R("GET", LOGIN, 403, 403, 403, 200),
    "clinic:clinic-logo": R("GET", 200, 200, 200, 200, 200, setup=clinic_logo),
    # clinic: portal invitations (patient A already has an account: refused, with a message)
    "clinic:patient-invitation": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "clinic:patient-invite": R("POST", LOGIN, 403, 403, 302, 302, kw=patient_a),
    "clinic:invitation-accept": R("GET", 200, 200, 200, 200, 200, kw=password_reset_link),
    # clinic: privacy and security
    "clinic:audit-list": R("GET", LOGIN, 403, 403, 403, 200),
    "clinic:audit-export": R("GET", LOGIN, 403, 403, 403, 200),
    "clinic:patient-export": R("POST", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "clinic:two-factor": R("GET", LOGIN, 403, 403, 200, 200),
    "clinic:two-factor-remove": R("POST", LOGIN, 403, 403, 404, 404),
    "clinic:two-factor-verify": R("GET", LOGIN, 302, 302, 302, 302),
    "clinic:staff-two-factor-reset": R("POST", LOGIN, 403, 403, 403, 302, kw=colleague_pk),
    # clinic: patients, intake, red flags, outcome measures. Clinical writes are a
    # therapist's act; the clinic admin reads every chart and manages registration.
    "clinic:patient-list": R("GET", LOGIN, 403, 403, 200, 200),
    "clinic:patient-create": R("GET", LOGIN, 403, 403, 200, 200),
    "pages:patient-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "clinic:patient-edit": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "clinic:patient-archive": R("POST", LOGIN, 403, 403, 302, 302, kw=patient_a),
    "clinic:patient-restore": R("POST", LOGIN, 403, 403, 302, 302, kw=patient_a),
    "clinic:intake-create": R("GET", LOGIN, 403, 403, 200, 403, kw=patient_a),
    "clinic:intake-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=intake_a),
    "clinic:intake-section": R("GET", LOGIN, 403, 403, 200, 403, kw=intake_a_section),
    "clinic:intake-amend": R("GET", LOGIN, 403, 403, 302, 403, kw=intake_a_section),
    "clinic:intake-sign": R("GET", LOGIN, 403, 403, 200, 403, kw=intake_a),
    "clinic:intake-home-program-consent": R("GET", LOGIN, 403, 403, 200, 403, kw=signed_intake_a),
    "clinic:intake-instruction": R("GET", LOGIN, 403, 403, 302, 302, kw=intake_a),
    # A pre-visit intake the patient sent: staff read the side-by-side review; confirming and
    # correcting its sections is a therapist's act, as signing it is.
    "clinic:self-intake-review": R("GET", LOGIN, 403, 403, 200, 200, kw=self_intake_a),
    "clinic:self-intake-confirm": R("POST", LOGIN, 403, 403, 302, 403, kw=self_intake_a_section),
    "clinic:self-intake-correct": R("GET", LOGIN, 403, 403, 200, 403, kw=self_intake_a_section),
    # The patient's pre-visit intake by link: the link's token is the key, signed in or not.
    "clinic:self-intake": R("GET", 302, 302, 302, 302, 302, kw=intake_link_a),
    "clinic:self-intake-step": R("GET", 200, 200, 200, 200, 200, kw=intake_link_a_step),
    "clinic:self-intake-sign": R("GET", 200, 200, 200, 200, 200, kw=intake_link_a),
    "clinic:self-intake-advice": R(
        "GET", 200, 200, 200, 200, 200, kw=intake_link_a, setup=intake_emergency_a
    ),
    # Re-assessment visits: a therapist records, signs and amends; the clinic admin reads.
    "clinic:reassessment-create": R("GET", LOGIN, 403, 403, 200, 403, kw=patient_a_signed),
    "clinic:reassessment-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=reassessment_a),
    "clinic:reassessment-edit": R("GET", LOGIN, 403, 403, 200, 403, kw=reassessment_a),
    "clinic:reassessment-sign": R("POST", LOGIN, 403, 403, 302, 403, kw=reassessment_a),
    "clinic:reassessment-amend": R("GET", LOGIN, 403, 403, 200, 403, kw=signed_reassessment_a),
    "clinic:reassessment-exam": R("GET", LOGIN, 403, 403, 200, 403, kw=reassessment_a),
    "clinic:intake-exam": R("GET", LOGIN, 403, 403, 200, 403, kw=intake_a),
    "clinic:exam-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=exam_a),
    "clinic:exam-amend": R("GET", LOGIN, 403, 403, 200, 403, kw=exam_a),
    # Report files of scans and tests: staff only. Patients never see intake pages, so a
    # report is a 404 for them, like a missing one; attaching and filing in error are a
    # therapist's act.
    "clinic:imaging-report-add": R("GET", LOGIN, 403, 403, 200, 403, kw=intake_a_with_test),
    "clinic:imaging-report-download": R("GET", LOGIN, 404, 404, 200, 200, kw=report_a),
    "clinic:imaging-report-filed-in-error": R("GET", LOGIN, 403, 403, 200, 403, kw=report_a),
    "clinic:flag-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=flag_a),
    "clinic:flag-decide": R("POST", LOGIN, 403, 403, 200, 403, kw=flag_a),
    "clinic:flag-referred": R("POST", LOGIN, 403, 403, 200, 403, kw=flag_a),
    "clinic:flag-declined": R("POST", LOGIN, 403, 403, 200, 403, kw=flag_a),
    "clinic:flag-outcome": R("POST", LOGIN, 403, 403, 200, 403, kw=referred_flag_a),
    "clinic:flag-follow-up-add": R("POST", LOGIN, 403, 403, 200, 403, kw=flag_a),
    "clinic:flag-follow-up-done": R("POST", LOGIN, 403, 403, 302, 403, kw=flag_follow_up_a),
    "clinic:measure-create": R("GET", LOGIN, 403, 403, 200, 403, kw=patient_a_rmdq),
    "clinic:measure-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=measure_a),
    "clinic:measure-finish": R("GET", LOGIN, 403, 403, 200, 403, kw=unscored_measure_a),
    # clinic: outcome questionnaires at home (staff schedule and send; the patient by link)
    "clinic:questionnaire-schedule": R("GET", LOGIN, 403, 403, 200, 403, kw=patient_a),
    "clinic:questionnaire-send": R("GET", LOGIN, 403, 403, 200, 403, kw=patient_a),
    "clinic:questionnaire-schedule-end": R(
        "POST", LOGIN, 403, 403, 302, 403, kw=questionnaire_schedule_a
    ),
    "clinic:questionnaire-cancel": R("POST", LOGIN, 403, 403, 302, 403, kw=questionnaire_a),
    "clinic:questionnaire-answer": R("GET", 200, 200, 200, 200, 200, kw=questionnaire_link_a),
    # clinic: messages sent through the outbox — staff see and resend; the clinic-wide list
    # is the clinic admin's
    "clinic:patient-messages": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "clinic:delivery-list": R("GET", LOGIN, 403, 403, 403, 200),
    "clinic:message-resend": R("POST", LOGIN, 403, 403, 302, 302, kw=failed_message_a),
    # clinic: secure messages — each patient their own thread (the portal URL names no one),
    # staff every patient's
    "clinic:portal-messages": R("GET", LOGIN, 200, 200, 403, 403),
    "clinic:portal-message-send": R("POST", LOGIN, 302, 302, 403, 403, data=a_message),
    "clinic:patient-thread": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "clinic:patient-thread-send": R(
        "POST", LOGIN, 403, 403, 302, 302, kw=patient_a, data=a_message
    ),
    # Self-service links: a live link opens its form for whoever holds it (a link,
    # not an account); staff send and revoke; a patient opens their own forms from the portal.
    "clinic:link-open": R("GET", 302, 302, 302, 302, 302, kw=form_link_token_a),
    "clinic:patient-intake-send": R(
        "POST", LOGIN, 403, 403, 200, 200, kw=patient_a, data=lambda w: {"channel": "qr"}
    ),
    "clinic:link-revoke": R("POST", LOGIN, 403, 403, 302, 302, kw=form_link_a),
    "clinic:self-intake-withdraw": R("POST", LOGIN, 403, 403, 302, 302, kw=self_intake_a),
    "clinic:portal-form-open": R("POST", LOGIN, 302, 404, 403, 403, kw=open_form_a),
    # clinic: remembered devices ("keep me signed in") — the patient's own, and the care team's
    # view of a patient's; signing out everywhere is each patient's own
    "clinic:portal-devices": R("GET", LOGIN, 200, 200, 403, 403),
    "clinic:portal-device-revoke": R("POST", LOGIN, 302, 404, 403, 403, kw=device_a),
    "clinic:portal-sign-out-everywhere": R("POST", LOGIN, LOGIN, LOGIN, 403, 403),
    "clinic:patient-devices": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "clinic:patient-device-revoke": R("POST", LOGIN, 403, 403, 302, 302, kw=patient_a_device),
    # programs: patient portal
    "programs:portal-home": R("GET", LOGIN, 200, 200, 403, 403),
    "programs:portal-progress": R("GET", LOGIN, 200, 200, 403, 403),
    "programs:portal-program": R("GET", LOGIN, 200, 404, 403, 403, kw=program_a),
    "programs:portal-follow": R("GET", LOGIN, 200, 404, 403, 403, kw=portal_item_a),
    "programs:portal-log": R("GET", LOGIN, 200, 404, 403, 403, kw=program_a),
    "programs:portal-done": R(
        "POST", LOGIN, 302, 404, 403, 403, kw=program_a, data=lambda w: {"position": 1}
    ),
    "programs:portal-move": R(
        "POST", LOGIN, 302, 404, 403, 403, kw=program_a, data=lambda w: {"position": 1}
    ),
    "programs:portal-days": R(
        "POST", LOGIN, 302, 404, 403, 403, kw=program_a, data=lambda w: {"position": 1}
    ),
    "programs:portal-figure": R("GET", LOGIN, 200, 404, 200, 200, kw=portal_figure_a),
    # programs: exercise reminders, the patient's own (B has none: 404 where one is needed);
    # the stop link in the emails needs no sign-in, its signed token is the key
    "programs:portal-reminders": R("GET", LOGIN, 200, 200, 403, 403),
    "programs:portal-reminders-save": R("POST", LOGIN, 302, 302, 403, 403, data=reminder_choices),
    "programs:portal-reminders-pause": R(
        "POST", LOGIN, 302, 404, 403, 403, setup=reminders_a, data=pause_a_few_days
    ),
    "programs:portal-reminders-resume": R("POST", LOGIN, 302, 404, 403, 403, setup=reminders_a),
    "programs:portal-reminders-stop": R("POST", LOGIN, 302, 404, 403, 403, setup=reminders_a),
    "programs:portal-reminders-calendar": R("GET", LOGIN, 200, 404, 403, 403, setup=reminders_a),
    "programs:reminder-stop": R("GET", 200, 200, 200, 200, 200, kw=reminder_stop_a),
    # programs: PDF handouts — the patient's own, any for staff
    "programs:handout-pdf": R("GET", LOGIN, 200, 404, 200, 200, kw=program_a),
    "programs:revision-handout-pdf": R("GET", LOGIN, 200, 404, 200, 200, kw=revision_a),
    "programs:patient-summary": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    # programs: program pages and builder — prescribing is a therapist's act
    "programs:program-list": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "programs:program-create": R("GET", LOGIN, 403, 403, 200, 403, kw=patient_a),
    "programs:program-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=program_a),
    "programs:program-preview": R("GET", LOGIN, 403, 403, 200, 200, kw=program_a),
    "programs:program-builder": R("GET", LOGIN, 403, 403, 200, 403, kw=program_a),
    "programs:builder-search": R("GET", LOGIN, 403, 403, 200, 403, kw=program_a),
    "programs:program-details": R("POST", LOGIN, 403, 403, 422, 403, kw=program_a),
    "programs:program-item-add": R("POST", LOGIN, 403, 403, 302, 403, kw=program_a),
    "programs:program-items-reorder": R("POST", LOGIN, 403, 403, 302, 403, kw=program_a),
    "programs:program-item-update": R("POST", LOGIN, 403, 403, 422, 403, kw=program_a_item),
    "programs:program-item-override": R("POST", LOGIN, 403, 403, 302, 403, kw=program_a_item),
    "programs:program-item-remove": R("POST", LOGIN, 403, 403, 302, 403, kw=program_a_item),
    "programs:program-publish": R("POST", LOGIN, 403, 403, 302, 403, kw=program_a),
    "programs:program-archive": R("POST", LOGIN, 403, 403, 302, 403, kw=program_a),
    "programs:program-restore": R("POST", LOGIN, 403, 403, 302, 403, kw=program_a),
    "programs:revision-detail": R("GET", LOGIN, 200, 404, 200, 200, kw=revision_a),
    "programs:step-back-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=step_back_a),
    "programs:step-back-accept": R("POST", LOGIN, 403, 403, 302, 403, kw=step_back_a),
    "programs:step-back-reject": R("POST", LOGIN, 403, 403, 302, 403, kw=step_back_a),
    "programs:step-back-revert": R("POST", LOGIN, 403, 403, 400, 403, kw=step_back_a),
    "programs:ease-off-acknowledge": R("POST", LOGIN, 403, 403, 302, 403, kw=ease_off_a),
    "programs:program-item-regression": R("GET", LOGIN, 403, 403, 200, 403, kw=program_a_item),
    "programs:program-save-template": R("GET", LOGIN, 403, 403, 200, 403, kw=program_a),
    "programs:template-list": R("GET", LOGIN, 403, 403, 200, 200),
    "programs:template-detail": R("GET", LOGIN, 403, 403, 200, 200, kw=template),
    "programs:template-start": R("POST", LOGIN, 403, 403, 422, 403, kw=template),
    "programs:template-archive": R("POST", LOGIN, 403, 403, 302, 403, kw=template),
    "programs:template-restore": R("POST", LOGIN, 403, 403, 302, 403, kw=template),
    # programs: exercise library
    "programs:exercise-list": R("GET", LOGIN, 403, 403, 200, 200),
    "programs:exercise-create": R("GET", LOGIN, 403, 403, 200, 200),
    **{
        f"programs:exercise-{page}": R(
            "GET", LOGIN, 403, 403, 200, 200, kw=library_exercise, setup=library_setup
        )
        for page in ("detail", "edit", "media", "photo")
    },
    "programs:exercise-figure": R(
        "GET", LOGIN, 403, 403, 200, 200, kw=library_picture, setup=library_setup
    ),
    "programs:exercise-video-upload": R(
        "POST", LOGIN, 403, 403, 400, 400, kw=library_exercise, setup=library_setup
    ),
    "programs:exercise-video": R("GET", LOGIN, 200, 404, 200, 200, kw=exercise_video_a),
    "programs:exercise-video-poster": R("GET", LOGIN, 200, 404, 200, 200, kw=exercise_video_a),
    "programs:exercise-video-archive": R("POST", LOGIN, 403, 403, 302, 302, kw=exercise_video_a),
    **{
        f"programs:exercise-{action}": R(
            "POST", LOGIN, 403, 403, 302, 302, kw=library_exercise, setup=library_setup
        )
        for action in ("archive", "unarchive", "reset")
    },
    "programs:exercise-translation": R(
        "GET", LOGIN, 403, 403, 200, 200, kw=library_translation, setup=library_setup
    ),
    # Marking a translation reviewed is a clinician's word: therapists only.
    "programs:exercise-translation-review": R(
        "POST", LOGIN, 403, 403, 302, 403, kw=library_translation, setup=library_translation_setup
    ),
    # interop: right of access (the patient's own copy; staff record and export; the clinic
    # admin releases and extends) and integration tokens
    "interop:portal-record": R("GET", LOGIN, 200, 200, 403, 403),
    "interop:portal-record-request": R("POST", LOGIN, 302, 302, 403, 403),
    "interop:portal-record-download": R("GET", LOGIN, 200, 404, 403, 403, kw=released_a),
    "interop:patient-record-access": R("GET", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "interop:patient-record-request": R(
        "POST", LOGIN, 403, 403, 302, 302, kw=patient_a, data=lambda w: {"note": "By phone."}
    ),
    "interop:patient-record-export": R("POST", LOGIN, 403, 403, 200, 200, kw=patient_a),
    "interop:access-request-list": R("GET", LOGIN, 403, 403, 403, 200),
    "interop:access-request-fulfil": R("POST", LOGIN, 403, 403, 403, 302, kw=open_request_a),
    "interop:access-request-extend": R("GET", LOGIN, 403, 403, 403, 200, kw=open_request_a),
    "interop:token-list": R("GET", LOGIN, 403, 403, 403, 200),
    "interop:token-create": R(
        "POST", LOGIN, 403, 403, 403, 200, data=lambda w: {"name": "Matrix partner"}
    ),
    "interop:token-revoke": R("POST", LOGIN, 403, 403, 403, 302, kw=integration_token),
    # interop: the FHIR API answers to bearer tokens only, never to a session (401)
    "interop:fhir-metadata": R("GET", 200, 200, 200, 200, 200),
    "interop:fhir-patient-search": R("GET", 401, 401, 401, 401, 401),
    "interop:fhir-patient-everything": R("GET", 401, 401, 401, 401, 401, kw=fhir_patient_a),
}

EXCLUDED_NAMESPACES = {"admin"}  # Django's own admin, behind its own staff login


def url_names(patterns=None, namespace: str = "") -> list[str]:
    """Every URL pattern's full name, walking includes; unnamed patterns are reported too."""
    names = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            names.append(f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern}>")
    return names


def test_every_url_pattern_has_a_row():
    missing = sorted(set(url_names()) - set(MATRIX))
    assert not missing, "Add a row to MATRIX in tests/test_access_matrix.py for: " + ", ".join(
        missing
    )


def test_every_row_is_a_url_of_the_project():
    stale = sorted(set(MATRIX) - set(url_names()))
    assert not stale, f"MATRIX rows for URLs that no longer exist: {stale}"


def login_as(client, world: World, role: str) -> None:
    user = {
        "anon": None,
        "patient_a": world.patient_a,
        "patient_b": world.patient_b,
        "therapist": world.therapist,
        "admin": world.admin,
    }[role]
    if user is not None:
        client.force_login(user)


def request(client, row: R, name: str, world: World, method: str | None = None):
    url = reverse(name, kwargs=row.kw(world))
    if (method or row.method) == "POST":
        return client.post(url, row.data(world))
    return client.get(url)


def assert_status(response, expected, context: str) -> None:
    if expected == LOGIN:
        location = response.get("Location", "")
        assert response.status_code == 302 and location.startswith(reverse("login")), (
            f"{context}: expected a redirect to the login page, got {response.status_code} "
            f"{location}"
        )
    else:
        assert response.status_code == expected, (
            f"{context}: expected {expected}, got {response.status_code} "
            f"{response.get('Location', '')}"
        )
        if expected == 302:
            assert not response["Location"].startswith(reverse("login")), (
                f"{context}: expected a redirect, not to the login page"
            )


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_access(client, world, name, role):
    row = MATRIX[name]
    if row.setup:
        row.setup(world)
    login_as(client, world, role)
    expected = row.expected(role)
    assert_status(request(client, row, name, world), expected, f"{row.method} {name} as {role}")
    if row.method == "POST" and expected not in (LOGIN, 403):
        assert_status(request(client, row, name, world, "GET"), 405, f"GET {name} as {role}")
