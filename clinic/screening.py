"""Is this patient screened for a home program? The publishing gate's one question.

A home program is published only when two things are on file:

- a **red-flag screen** that is signed and recent: a signed intake (its red-flag section is
  required before signing) or a signed re-assessment with its short red-flag re-screen, dated
  within the clinic's window (`ClinicProfile.screening_window_days`, 90 days unless the clinic
  admin sets 7 to 365). NICE NG59 asks for serious pathology to be ruled out before treatment,
  and a screen goes stale as symptoms change;
- **consent to a home program**, given on the latest signed intake ("I agree to follow a home
  exercise program..."). Intakes signed before the question existed never count as consent.

`assess_screening()` is the rule itself: plain data in (the candidate screens and the consent),
a frozen `ScreeningStatus` out, no database. `screening_status(patient)` gathers that data for a
patient and calls it; the builder, the patient page and `publish_program` all ask it.

A therapist may publish anyway with a written reason (see `programs.services.publish_program`):
that is recorded on the revision, shown wherever the program is shown, and audited.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ClinicProfile, Intake, Patient, Reassessment

DEFAULT_WINDOW_DAYS = 90
MIN_WINDOW_DAYS = 7
MAX_WINDOW_DAYS = 365
OVERRIDE_MIN_LENGTH = 20


class Gap:
    """Reason codes: what stops a program being published (ValidationError codes too)."""

    NO_SCREEN = "no_screen"
    UNSIGNED = "unsigned"
    EXPIRED = "expired"
    NO_CONSENT = "no_consent"

    ALL = (NO_SCREEN, UNSIGNED, EXPIRED, NO_CONSENT)


GAP_LABELS = {
    Gap.NO_SCREEN: gettext_lazy("no red-flag screen"),
    Gap.UNSIGNED: gettext_lazy("intake not signed"),
    Gap.EXPIRED: gettext_lazy("red-flag screen out of date"),
    Gap.NO_CONSENT: gettext_lazy("no consent to a home program"),
}


@dataclass(frozen=True)
class Screen:
    """One red-flag screen on file: a signed or draft intake, or a signed re-assessment."""

    kind: str  # "intake" or "reassessment"
    on: date
    signed: bool
    url: str
    label: str


@dataclass(frozen=True)
class ScreeningStatus:
    ok: bool
    code: str  # "ok" or one of Gap
    message: str  # why, in plain words
    next_step: str  # what to do about it
    action_label: str = ""
    action_url: str = ""
    screen: Screen | None = None  # the screen the answer rests on
    window_days: int = DEFAULT_WINDOW_DAYS
    valid_until: date | None = None

    @property
    def gap_label(self) -> str:
        return GAP_LABELS.get(self.code, "")


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def assess_screening(
    *,
    screens: Iterable[Screen],
    consent_home_program: bool,
    today: date,
    window_days: int,
    start_url: str = "",
    reassess_url: str = "",
    consent_url: str = "",
) -> ScreeningStatus:
    """The gate's rule, from plain data.

    - a signed screen dated within `window_days` of `today` (newest first), then consent;
    - otherwise, the newest screen is an unsigned intake: finish and sign it;
    - otherwise, signed screens are all older than the window: screen again, with a
      re-assessment (`reassess_url`) when a signed intake is there to follow, else an intake;
    - otherwise there is no screen at all: start the intake (`start_url`).

    Without consent, `consent_url` is where to record it on the signed intake.
    """
    screens = sorted(screens, key=lambda s: (s.on, s.signed), reverse=True)
    oldest_valid = today - timedelta(days=window_days)
    current = next((s for s in screens if s.signed and s.on >= oldest_valid), None)
    if current is not None:
        valid_until = current.on + timedelta(days=window_days)
        if not consent_home_program:
            return ScreeningStatus(
                ok=False,
                code=Gap.NO_CONSENT,
                message=_(
                    "The patient has not consented to a home program: the signed intake "
                    "does not record it."
                ),
                next_step=_(
                    "Ask the patient; if they agree, record their consent on the signed intake."
                )
                if consent_url
                else _(
                    "Ask the patient, and record their consent on a new intake's consent page "
                    "when they agree."
                ),
                action_label=_("Record the consent") if consent_url else _("Start a new intake"),
                action_url=consent_url or start_url,
                screen=current,
                window_days=window_days,
                valid_until=valid_until,
            )
        return ScreeningStatus(
            ok=True,
            code="ok",
            message=_("Screened for red flags on %(date)s (%(label)s); consent to a home program.")
            % {"date": _day(current.on), "label": current.label},
            next_step="",
            screen=current,
            window_days=window_days,
            valid_until=valid_until,
        )
    newest = screens[0] if screens else None
    if newest is not None and not newest.signed:
        return ScreeningStatus(
            ok=False,
            code=Gap.UNSIGNED,
            message=_(
                "The intake of %(date)s is not signed yet, so its red-flag screen does not count."
            )
            % {"date": _day(newest.on)},
            next_step=_("Finish the intake and take the patient's signed consent."),
            action_label=_("Finish the intake"),
            action_url=newest.url,
            screen=newest,
            window_days=window_days,
        )
    if newest is not None:
        follow_up = reassess_url and any(s.signed and s.kind == "intake" for s in screens)
        return ScreeningStatus(
            ok=False,
            code=Gap.EXPIRED,
            message=_(
                "The last red-flag screen was on %(date)s, more than %(days)s days ago "
                "(the clinic's limit)."
            )
            % {"date": _day(newest.on), "days": window_days},
            next_step=_("Screen again: take a new intake or a re-assessment, and sign it."),
            action_label=_("Start a re-assessment") if follow_up else _("Start a new intake"),
            action_url=reassess_url if follow_up else start_url,
            screen=newest,
            window_days=window_days,
        )
    return ScreeningStatus(
        ok=False,
        code=Gap.NO_SCREEN,
        message=_("No red-flag screen on file: this patient has no intake yet."),
        next_step=_(
            "Take the intake: it asks the red-flag questions, raises the precautions that "
            "hide unsafe exercises, and records consent to a home program."
        ),
        action_label=_("Start the intake"),
        action_url=start_url,
        window_days=window_days,
    )


def intake_screens(
    patient: Patient, intakes: Sequence[Intake] | None = None
) -> tuple[list[Screen], Intake | None]:
    """The patient's intakes as screens, and the latest signed one (whose consent counts).

    `intakes`: the patient's intakes, newest first, when the caller has them already."""
    if intakes is None:
        intakes = list(
            Intake.objects.filter(patient=patient)
            .order_by("-visit_date", "-id")
            .only("uuid", "visit_date", "status", "consent_home_program")
        )
    screens = [
        Screen(
            kind="intake",
            on=intake.visit_date,
            signed=intake.is_signed,
            url=intake.get_absolute_url(),
            label=_("signed intake") if intake.is_signed else _("intake, not signed"),
        )
        for intake in intakes
    ]
    latest_signed = next((intake for intake in intakes if intake.is_signed), None)
    return screens, latest_signed


def reassessment_screens(patient: Patient) -> list[Screen]:
    """Signed re-assessments whose short red-flag re-screen was answered in full, as screens.

    (A draft re-assessment is not listed: an intake, not a re-assessment, is what the patient
    is sent to finish; the re-assessment page says itself that it needs signing.)
    """
    visits = (
        Reassessment.objects.filter(patient=patient)
        .signed()
        .screened()
        .order_by("-visit_date", "-id")
        .only("uuid", "visit_date")
    )
    return [
        Screen(
            kind="reassessment",
            on=visit.visit_date,
            signed=True,
            url=_reassessment_url(patient, visit),
            label=_("signed re-assessment"),
        )
        for visit in visits
    ]


def _reassessment_url(patient: Patient, visit: Reassessment) -> str:
    return _url_or_blank("clinic:reassessment-detail", uuid=patient.uuid, visit=visit.uuid)


def _url_or_blank(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # the re-assessment pages are not installed
        return ""


def screening_status(
    patient: Patient,
    *,
    today: date | None = None,
    window_days: int | None = None,
    intakes: Sequence[Intake] | None = None,
) -> ScreeningStatus:
    """Whether a home program may be published for `patient` now, and if not, why.

    `intakes` (newest first) saves a query for a page that has loaded them already."""
    if window_days is None:
        window_days = ClinicProfile.load().screening_window_days
    screens, signed = intake_screens(patient, intakes)
    screens += reassessment_screens(patient)
    consent = bool(signed and signed.consent_home_program)
    return assess_screening(
        screens=screens,
        consent_home_program=consent,
        consent_url=""
        if consent or signed is None
        else reverse("clinic:intake-home-program-consent", kwargs={"uuid": signed.uuid}),
        today=today or timezone.localdate(),
        window_days=window_days,
        start_url=reverse("clinic:intake-create", kwargs={"uuid": patient.uuid}),
        reassess_url=_url_or_blank("clinic:reassessment-create", uuid=patient.uuid),
    )
