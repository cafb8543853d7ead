"""A red flag: its page, the steps before the decision (referral to the emergency department,
declined referral, outcome, follow-up tasks), and the clinician's recorded decision on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from .. import audit, redflags, services
from ..exam.rules import EXAM_FLAG_CONCERNS
from ..flag_states import forms as step_forms
from ..flag_states import services as flag_states
from ..forms import FlagDecisionForm
from ..models import AuditEvent, FlagFollowUp, RedFlag
from ..permissions import staff_required, therapist_required

Action = AuditEvent.Action
Kind = flag_states.Kind
Referral = RedFlag.Referral

DECISION = "decision"
# What a clinician can do next, most likely first, for each state of an open E or U flag.
NEXT_STEPS = {
    Referral.NONE: (Kind.REFERRED, Kind.DECLINED, DECISION),
    Referral.AWAITING: (Kind.OUTCOME, Kind.DECLINED),
    Referral.DECLINED: (Kind.OUTCOME, Kind.REFERRED),
    Referral.OUTCOME: (DECISION,),
}
URGENT_FIRST_STEPS = (DECISION, Kind.DECLINED, Kind.REFERRED)
STEP_FORMS = {
    Kind.REFERRED: step_forms.ReferralForm,
    Kind.DECLINED: step_forms.DeclinedForm,
    Kind.OUTCOME: step_forms.OutcomeForm,
}
STEP_TEXT = {
    Kind.REFERRED: (
        gettext_lazy("Referred to the emergency department"),
        gettext_lazy(
            "The flag stays open, awaiting the outcome, and exercises stay paused. Sending the "
            "patient is not a decision."
        ),
        gettext_lazy("Record the referral"),
    ),
    Kind.DECLINED: (
        gettext_lazy("Patient declined referral"),
        gettext_lazy(
            "Documents the advice given. The flag stays open and exercises stay paused until "
            "the patient is seen and a clinician decides."
        ),
        gettext_lazy("Record that the patient declined"),
    ),
    Kind.OUTCOME: (
        gettext_lazy("Record the outcome"),
        gettext_lazy(
            "What happened when the patient was seen. Then record your decision, which is "
            "what closes the flag."
        ),
        gettext_lazy("Record the outcome"),
    ),
}


def _flag(request, uuid):
    return get_object_or_404(
        RedFlag.objects.for_user(request.user).select_related(
            "patient", "intake", "raised_by", "decided_by"
        ),
        uuid=uuid,
    )


def _siblings(flag):
    """The patient's other open flags that need clearance: a step may be recorded on them too."""
    return list(
        flag.patient.red_flags.open_flags()
        .filter(tier__in=RedFlag.CLEARANCE_TIERS)
        .exclude(pk=flag.pk)
        .by_severity("created_at")
    )


def _follow_ups(flag) -> list:
    """This flag's tasks, and the pending tasks of the patient's other open flags: one referral
    of several flags keeps its one call on the first of them."""
    return list(
        FlagFollowUp.objects.filter(
            Q(flag=flag)
            | Q(flag__patient_id=flag.patient_id, flag__status=RedFlag.Status.OPEN, done_at=None)
        )
        .select_related("flag", "created_by", "done_by")
        .order_by(F("done_at").asc(nulls_first=True), "due_on", "id")
    )


def _steps(flag, user, bound: dict | None = None) -> list[dict]:
    """The forms a therapist can use on this flag now, the most likely first."""
    bound = bound or {}
    if not flag.is_open or not user.is_therapist:
        return []
    if not flag.blocks_program:
        keys = (DECISION,)
    elif flag.tier == RedFlag.Tier.URGENT and flag.referral_state == Referral.NONE:
        keys = URGENT_FIRST_STEPS  # "see a doctor today": most end with a physician's clearance
    else:
        keys = NEXT_STEPS[flag.referral_state]
    siblings = None
    steps = []
    for key in keys:
        if key == DECISION:
            form = bound.get(DECISION) or FlagDecisionForm(flag=flag)
            steps.append(
                {
                    "key": DECISION,
                    "title": _("Record a decision"),
                    "intro": _(
                        "The flag stays open until you do. Saved with your name and the time. "
                        "A questionnaire score never replaces this decision."
                    ),
                    "button": _("Record decision"),
                    "form": form,
                    "url": "clinic:flag-decide",
                }
            )
            continue
        if not flag_states.can_step(flag, key):
            continue
        if siblings is None:
            siblings = _siblings(flag)
        form = bound.get(key) or STEP_FORMS[key](flag=flag, siblings=siblings, by=user)
        title, intro, button = STEP_TEXT[key]
        steps.append(
            {
                "key": key,
                "title": title,
                "intro": intro,
                "button": button,
                "form": form,
                "url": f"clinic:flag-{key}",
            }
        )
    for step in steps:
        step["open"] = step["form"].is_bound
    if steps and not any(step["open"] for step in steps):
        steps[0]["open"] = True
    return steps


def _flag_context(request, flag, *, bound=None, follow_up_form=None):
    question = redflags.QUESTIONS_BY_CODE.get(flag.code)
    is_therapist = request.user.is_therapist
    follow_ups = _follow_ups(flag)
    return {
        "flag": flag,
        "patient": flag.patient,
        "question": question,
        # A flag raised by an objective exam (clinic/exam/): the exam, and what it points to.
        "exams": list(flag.exams.all()),
        "exam_concern": EXAM_FLAG_CONCERNS.get(flag.code, ""),
        "instruction": redflags.TIER_INSTRUCTIONS.get(flag.tier, ""),
        "reason_label": dict(redflags.OVERRIDE_REASONS).get(flag.decision_reason, ""),
        "events": list(flag.events.select_related("recorded_by")),
        "follow_ups": follow_ups,
        # With no task pending, the page still says what is to be done on an open E or U flag.
        "next_step": ""
        if any(not task.is_done for task in follow_ups)
        else flag_states.next_step(flag),
        "steps": _steps(flag, request.user, bound),
        "can_record": is_therapist,
        "follow_up_form": (
            (follow_up_form or step_forms.FollowUpForm()) if flag.is_open and is_therapist else None
        ),
    }


@staff_required
@require_GET
def flag_detail(request, uuid):
    flag = _flag(request, uuid)
    audit.log_event(request, Action.VIEW, patient=flag.patient, obj=flag)
    return _render(request, flag)


def _decision_form(context):
    """The decision form in a context (tests and older callers read ``form``)."""
    for step in context["steps"]:
        if step["key"] == DECISION:
            return step["form"]
    return None


def _render(request, flag, **kwargs):
    context = _flag_context(request, flag, **kwargs)
    context["form"] = _decision_form(context)
    # The form just sent back with its errors, where a reader of the context finds it.
    context["bound_form"] = next(
        (step["form"] for step in context["steps"] if step["form"].is_bound), None
    )
    return render(request, "clinic/flags/detail.html", context)


@therapist_required
@require_POST
def flag_decide(request, uuid):
    flag = _flag(request, uuid)
    if not flag.is_open:
        messages.info(request, _("A decision on this flag is already recorded."))
        return redirect(flag)
    form = FlagDecisionForm(request.POST, flag=flag)
    if form.is_valid():
        try:
            services.record_flag_decision(
                flag=flag,
                reason=form.cleaned_data["reason"],
                note=form.decision_note(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(flag.patient)
    return _render(request, flag, bound={DECISION: form})


def _record_step(request, uuid, kind, write):
    flag = _flag(request, uuid)
    if not flag_states.can_step(flag, kind):
        messages.info(request, _("This flag has moved on: see its current state below."))
        return redirect(flag)
    form = STEP_FORMS[kind](request.POST, flag=flag, siblings=_siblings(flag), by=request.user)
    if form.is_valid():
        try:
            write(flag, form)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved. The flag stays open."))
            return redirect(flag)
    return _render(request, flag, bound={kind: form})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@therapist_required
@require_POST
def flag_referred(request, uuid):
    def write(flag, form):
        data = form.cleaned_data
        flag_states.refer_to_emergency(
            flag=flag,
            advised_by=data["advised_by"],
            advised_at=data["advised_at"],
            travel=data["travel"],
            called=data["called"],
            note=data["note"],
            follow_up_due=data["follow_up_due"],
            also=form.also_flags(),
            by=request.user,
        )

    return _record_step(request, uuid, Kind.REFERRED, write)


@therapist_required
@require_POST
def flag_declined(request, uuid):
    def write(flag, form):
        data = form.cleaned_data
        flag_states.record_declined(
            flag=flag,
            advised_by=data["advised_by"],
            advised_at=data["advised_at"],
            advice=data["advice"],
            follow_up_due=data["follow_up_due"],
            also=form.also_flags(),
            by=request.user,
        )

    return _record_step(request, uuid, Kind.DECLINED, write)


@therapist_required
@require_POST
def flag_outcome(request, uuid):
    def write(flag, form):
        data = form.cleaned_data
        flag_states.record_outcome(
            flag=flag,
            outcome=data["outcome"],
            seen_at=data["seen_at"],
            details=data["details"],
            also=form.also_flags(),
            by=request.user,
        )

    return _record_step(request, uuid, Kind.OUTCOME, write)


@therapist_required
@require_POST
def flag_follow_up_add(request, uuid):
    flag = _flag(request, uuid)
    if not flag.is_open:
        messages.info(request, _("The flag is closed: it needs no follow-up."))
        return redirect(flag)
    form = step_forms.FollowUpForm(request.POST)
    if form.is_valid():
        try:
            flag_states.add_follow_up(
                flag=flag,
                task=form.cleaned_data["task"],
                due_on=form.cleaned_data["due_on"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Follow-up added."))
            return redirect(flag)
    return _render(request, flag, follow_up_form=form)


@therapist_required
@require_POST
def follow_up_done(request, uuid):
    follow_up = get_object_or_404(
        FlagFollowUp.objects.for_user(request.user).select_related("flag__patient"), uuid=uuid
    )
    form = step_forms.FollowUpDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long: keep it under 2,000 characters."))
        return redirect(follow_up.flag)
    try:
        flag_states.complete_follow_up(
            follow_up=follow_up, note=form.cleaned_data["note"], by=request.user
        )
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(request, _("Follow-up marked done."))
    return redirect(follow_up.flag)
