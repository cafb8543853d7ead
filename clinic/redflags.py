"""Red-flag catalogue and rules engine (the rules and their sources: docs/clinical-rules.md).

Pure Python, standard library only. ``evaluate()`` takes the patient's answers to the red-flag
questions plus facts derived from the rest of the intake and returns a ``Screening``: every
positive flag with its tier and a plain-words reason, the highest tier, and what to tell the
patient. What the app then does with a tier (stop the intake, "needs clearance", chart flag,
FHIR ``Flag``) lives in services; docs/clinical-rules.md describes it.

Explicit answers and derived facts. A "yes" from any answer raises its flag; when the flag's
own question was answered No, the reason says the answers disagree. Two derivations are
inferences rather than answers, and give way to what the patient said: constant, worsening,
non-mechanical pain worked out from the course raises ``severe_unremitting`` only when that
question was not answered No; a both-legs mark on the body chart raises a flag only through
the both-legs answers (new: ``ces_bilateral``; long-standing: ``neuro_stable``). Otherwise each
becomes one of the ``hints`` for the clinician. Combined flags (``COMBINED_FLAGS``) are not
asked: a combination of answers raises them (history of cancer plus another malignancy sign).

Tiers: "E" emergency (go to the emergency department now), "U" urgent (see a physician within
24 h; no manual therapy until cleared), "S" soon (clinician reviews; may refer).

A questionnaire score (ODI, STarT Back, ...) can never remove or downgrade a flag: ``evaluate``
has no input for scores, and nothing here subtracts a flag once it is raised.

INPUT_KEYS — everything ``evaluate`` reads. Unknown keys raise ValueError, so a typo cannot
silently drop a flag.

``answers`` (Mapping[str, bool | None]) — keyed by ``RedFlagQuestion.code``:

    =====================  ==============================================================
    key                    meaning of True
    =====================  ==============================================================
    <any tier E code>      yes, and it is new or getting worse
    <any tier U/S code>    yes
    age_onset              "this is my first ever episode of back pain"; positive only
                           when age < 20 or > 50 (or age unknown)
    (missing or None)      not asked / not answered: listed in ``Screening.unanswered``
    =====================  ==============================================================

``age`` (int | None) — years, from date of birth. ``sex`` (str | None) — sex assigned at birth
("female"/"f", "male"/"m", anything else = unknown); only used for the older-age fracture
threshold (Downie 2013: men > 65, women > 75; unknown -> 65, the cautious choice).

``derived`` (Mapping[str, Any]) — facts from other intake sections, all optional:

    ==============================  =======  ===================================================
    key                             type     raises
    ==============================  =======  ===================================================
    first_episode                   bool     age_onset (with age < 20 or > 50)
    asas_positive_count             int      inflammatory_bp when >= 4
    history_axspa                   bool     inflammatory_bp (ankylosing spondylitis / axSpA)
    history_psoriasis               bool     inflammatory_bp
    history_ibd                     bool     inflammatory_bp (Crohn's, ulcerative colitis)
    history_uveitis                 bool     inflammatory_bp
    bilateral_leg_symptoms          bool     ces_bilateral (E) if bilateral_new is True;
                                             neuro_stable (S) if both_legs is in neuro_old;
                                             otherwise only a hint (ask again)
    bilateral_new                   bool     see bilateral_leg_symptoms
    neuro_new                       set      nerve-symptom items answered "yes, new or worsening":
                                             see NEURO_NEW_FLAGS (numbness, pins and
                                             needles, balance: neuro_changing (S))
    neuro_old                       set      nerve-symptom items answered "yes, old and stable":
                                             neuro_stable (S)
    night_pain_unrelieved           bool     night_pain
    history_osteoporosis            bool     osteoporosis_steroids
    long_term_steroids              bool     osteoporosis_steroids (oral, >= 3 months)
    osteoporosis_medication         bool     osteoporosis_steroids (bisphosphonate etc.)
    history_cancer                  bool     cancer_history; with age >= 50, weight loss,
                                             night pain or no improvement (answered or
                                             derived): malignancy_suspected (U)
    unexplained_weight_loss         bool     weight_loss
    weeks_without_improvement       int      no_improvement when >= 4
    fever_chills_sweats             bool     infection_fever
    iv_drug_use                     bool     infection_risk
    immunosuppressed                bool     infection_risk (drugs, HIV, transplant, chemo)
    recent_infection                bool     recent_infection (S) (incl. UTI); named in the
                                             reason of infection_fever / infection_risk
    recent_spinal_procedure         bool     infection_risk (spinal injection or surgery;
                                             the caller decides "recent")
    recent_major_trauma             bool     fracture_trauma
    recent_minor_trauma             bool     fracture_trauma with osteoporosis, long-term
                                             steroids or older age (see ``sex``)
    course                          str      "worsening" with constant_pain True and
                                             mechanical_pain False: severe_unremitting
                                             (U); any other "worsening": a hint only
    constant_pain                   bool     the pain is there all the time
    mechanical_pain                 bool     rest, position or movement changes the pain
    thoracic_pain_new               bool     thoracic_pain
    ==============================  =======  ===================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

EMERGENCY, URGENT, SOON = "E", "U", "S"
TIER_ORDER: tuple[str, ...] = (EMERGENCY, URGENT, SOON)

TIER_INSTRUCTIONS = MappingProxyType(
    {
        EMERGENCY: (
            "Go to the nearest emergency department now or call 911. Do not wait for your "
            "appointment and do not rely on email or messages."
        ),
        URGENT: (
            "Please see a doctor today — within 24 hours. Call your doctor's office now, or go "
            "to an urgent care clinic if they cannot see you today. We will not start hands-on "
            "treatment until a doctor has checked this."
        ),
        SOON: (
            "Your clinician will review this with you and may refer you to your doctor. It is "
            "not an emergency."
        ),
    }
)

NO_FLAGS_INSTRUCTION = "Nothing in these answers needs urgent attention."

SCREENING_NOTE = (
    "These questions cannot diagnose anything, and most back pain is not caused by anything "
    "serious. But if any of the emergency warning signs start later — even after your visit — "
    "go to an emergency department straight away."
)

OVERRIDE_REASONS: tuple[tuple[str, str], ...] = (
    ("old_stable", "Old and stable, already investigated"),
    ("physician_clearance", "Physician clearance received (record date and name)"),
    ("declined_referral", "Patient declined referral (advised)"),
    ("acknowledged_soon", "Acknowledged; review or referral arranged (tier S only)"),
)


def allowed_override_reasons(tier: str) -> tuple[tuple[str, str], ...]:
    """Override choices for a flag of this tier: a plain acknowledgement is enough only for S."""
    if tier not in TIER_ORDER:
        raise ValueError(f"Unknown red-flag tier {tier!r}; expected one of {TIER_ORDER}.")
    if tier == SOON:
        return OVERRIDE_REASONS
    return tuple(r for r in OVERRIDE_REASONS if r[0] != "acknowledged_soon")


@dataclass(frozen=True)
class RedFlagQuestion:
    code: str
    tier: str  # "E" / "U" / "S"
    question: str  # the clinic's own words, written to be read aloud
    pathology: str  # what the clinician is worried about (staff-facing)
    instruction: str  # what to tell the patient when this one is positive


def _q(code: str, tier: str, question: str, pathology: str) -> RedFlagQuestion:
    return RedFlagQuestion(code, tier, question, pathology, TIER_INSTRUCTIONS[tier])


RED_FLAG_QUESTIONS: tuple[RedFlagQuestion, ...] = (
    # Tier E — emergency. Asked as "new or getting worse".
    _q(
        "ces_bladder",
        EMERGENCY,
        gettext_noop(
            "Do you have any trouble peeing? For example: it is hard to get started, the flow is "
            "weak, you can't tell when your bladder is full, you can't go at all, or you leak."
        ),
        "Cauda equina syndrome",
    ),
    _q(
        "ces_bowel",
        EMERGENCY,
        gettext_noop(
            "Have you lost control of your bowels, or stopped being able to feel when you need to "
            "have a bowel movement?"
        ),
        "Cauda equina syndrome",
    ),
    _q(
        "ces_saddle",
        EMERGENCY,
        gettext_noop(
            "Do you have numbness or pins and needles between your legs — around your private "
            "parts, your bottom, or the insides of your buttocks, where you would sit on a "
            "bicycle seat? Does toilet paper feel different when you wipe?"
        ),
        "Cauda equina syndrome",
    ),
    _q(
        "ces_sexual",
        EMERGENCY,
        gettext_noop(
            "Do you have numbness in your private parts, or problems with sex, such as less "
            "feeling or trouble getting an erection?"
        ),
        "Cauda equina syndrome",
    ),
    _q(
        "ces_bilateral",
        EMERGENCY,
        gettext_noop("Do you have pain, numbness or weakness going down both legs?"),
        "Cauda equina syndrome",
    ),
    _q(
        "neuro_progressive",
        EMERGENCY,
        gettext_noop(
            "Do you have weakness in a leg? For example: you trip or catch your toes, your foot "
            "slaps down when you walk, or your legs give way."
        ),
        "Cauda equina syndrome or severe nerve-root compression",
    ),
    _q(
        "aaa",
        EMERGENCY,
        gettext_noop(
            "Have you had sudden, very bad pain in your belly or back, especially with feeling "
            "faint or dizzy, or a throbbing lump in your belly?"
        ),
        "Abdominal aortic aneurysm (not spinal)",
    ),
    _q(
        "dvt_pe",
        EMERGENCY,
        gettext_noop(
            "Is one of your calves painful, swollen and warm? Or do you have new chest pain, "
            "sudden shortness of breath, or are you coughing up blood?"
        ),
        "Deep vein thrombosis or pulmonary embolism (not spinal)",
    ),
    # Tier U — urgent.
    _q(
        "infection_fever",
        URGENT,
        gettext_noop(
            "Along with your back pain, have you had a fever, chills or night sweats, or do you "
            "feel generally unwell?"
        ),
        "Spinal infection",
    ),
    _q(
        "infection_risk",
        URGENT,
        gettext_noop(
            "Do any of these apply to you? You inject drugs. You take medicine that weakens your "
            "immune system, or you have HIV, an organ transplant or chemotherapy. You recently "
            "had an injection or an operation on your back. Or you had a wound that broke the "
            "skin on your back."
        ),
        "Spinal infection (risk factor)",
    ),
    _q(
        "fracture_trauma",
        URGENT,
        gettext_noop(
            "Did this back pain start after a serious accident, like a car crash or a fall from a "
            "height? Or after a small fall or lift, if you have thin bones (osteoporosis) or have "
            "taken steroid pills for a long time?"
        ),
        "Spinal fracture",
    ),
    _q(
        "severe_unremitting",
        URGENT,
        gettext_noop(
            "Is your pain there all the time and getting worse, so that no position and no rest "
            "eases it at all?"
        ),
        "Spinal malignancy or infection (constant, progressive, non-mechanical pain)",
    ),
    _q(
        "thoracic_pain",
        URGENT,
        gettext_noop(
            "Do you have new pain in the middle or upper part of your back, around your shoulder "
            "blades?"
        ),
        "Spinal malignancy or visceral cause",
    ),
    # Tier S — soon.
    _q(
        "cancer_history",
        SOON,
        gettext_noop("Have you ever had cancer, even a long time ago?"),
        "Spinal malignancy",
    ),
    _q(
        "weight_loss",
        SOON,
        gettext_noop(
            "Have you lost weight without trying — for example about 10 pounds or more in the "
            "last few months?"
        ),
        "Spinal malignancy or infection",
    ),
    _q(
        "age_onset",
        SOON,
        gettext_noop("Is this the first time in your life that you have had back pain?"),
        "Spinal malignancy or other specific cause (first episode under 20 or over 50)",
    ),
    _q(
        "no_improvement",
        SOON,
        gettext_noop(
            "Have you already had about 4 weeks or more of treatment for this pain without it "
            "getting any better?"
        ),
        "Spinal malignancy or other specific cause",
    ),
    _q(
        "night_pain",
        SOON,
        gettext_noop("Does the pain wake you at night and stay bad whatever position you try?"),
        "Spinal malignancy or infection",
    ),
    _q(
        "osteoporosis_steroids",
        SOON,
        gettext_noop(
            "Have you been told you have thin bones (osteoporosis), or have you taken steroid "
            "pills, such as prednisone, for 3 months or longer?"
        ),
        "Fracture risk",
    ),
    _q(
        "inflammatory_bp",
        SOON,
        gettext_noop(
            "Have you been told you have ankylosing spondylitis, psoriasis, Crohn's disease or "
            "ulcerative colitis, or an inflamed eye called uveitis?"
        ),
        "Inflammatory back pain (axial spondyloarthritis)",
    ),
    _q(
        "recent_infection",
        SOON,
        gettext_noop(
            "Have you had an infection recently, such as a bladder, chest or skin infection?"
        ),
        "Spinal infection (a recent infection alone: urgent only with fever or feeling unwell, "
        "drug injection, weak immunity or a recent spinal procedure)",
    ),
    _q(
        "structural_deformity",
        SOON,
        gettext_noop(
            "Have you or anyone else noticed a new change in the shape of your back, such as a "
            "new hump, lean or curve?"
        ),
        "Spinal fracture or malignancy",
    ),
    _q(
        "neuro_stable",
        SOON,
        gettext_noop(
            "Do you have numbness, pins and needles, or mild weakness in one leg that has stayed "
            "about the same for a long time — not getting worse?"
        ),
        "Nerve-root involvement (radiculopathy): not an emergency, but the physician should know",
    ),
)

QUESTIONS_BY_CODE = MappingProxyType({q.code: q for q in RED_FLAG_QUESTIONS})


@dataclass(frozen=True)
class CombinedFlag:
    """A flag no single question asks: raised only by a combination of answers."""

    code: str
    tier: str
    rule: str  # staff-facing: what raises it
    pathology: str


COMBINED_FLAGS: tuple[CombinedFlag, ...] = (
    CombinedFlag(
        "malignancy_suspected",
        URGENT,
        "A history of cancer together with age 50 or over, unexplained weight loss, night pain "
        "that no position eases, or no improvement after 4 weeks of care.",
        "Suspected spinal malignancy",
    ),
    CombinedFlag(
        "neuro_changing",
        SOON,
        "Numbness, pins and needles or a change in balance answered as new or getting worse in "
        "the nerve-symptom questions (weakness, foot drop and bladder, bowel, saddle or sexual "
        "changes are emergencies instead).",
        "Nerve-root involvement that is changing: not an emergency, but the physician should know",
    ),
)
COMBINED_BY_CODE = MappingProxyType({f.code: f for f in COMBINED_FLAGS})

# Every code evaluate() can return, with its tier; positives are listed in this order within a
# tier (each combined flag sits after the questions of its tier).
FLAG_TIERS = MappingProxyType(
    {
        **{q.code: q.tier for q in RED_FLAG_QUESTIONS if q.tier == EMERGENCY},
        **{q.code: q.tier for q in RED_FLAG_QUESTIONS if q.tier == URGENT},
        **{f.code: f.tier for f in COMBINED_FLAGS if f.tier == URGENT},
        **{q.code: q.tier for q in RED_FLAG_QUESTIONS if q.tier == SOON},
        **{f.code: f.tier for f in COMBINED_FLAGS if f.tier == SOON},
    }
)

# A few words per flag, used in reasons and chart lists (staff-facing, still plain).
FLAG_SUMMARIES = MappingProxyType(
    {
        "ces_bladder": "new trouble passing urine, or leaking",
        "ces_bowel": "new loss of bowel control or sensation",
        "ces_saddle": "new numbness or pins and needles in the saddle area",
        "ces_sexual": "new genital numbness or sexual dysfunction",
        "ces_bilateral": "new symptoms in both legs",
        "neuro_progressive": "worsening leg weakness, foot drop or legs giving way",
        "aaa": "sudden severe belly or back pain, faintness or a pulsing lump",
        "dvt_pe": "painful swollen calf, chest pain or breathlessness",
        "infection_fever": "fever, chills or night sweats, or feeling unwell",
        "infection_risk": "drug injection, weak immunity or a recent spinal procedure "
        "(infection risk)",
        "fracture_trauma": "pain began with trauma, or a minor fall with fragile bones",
        "severe_unremitting": "constant, worsening pain that no rest or position eases",
        "malignancy_suspected": "suspected malignancy: history of cancer with another warning sign",
        "thoracic_pain": "new mid or upper back pain",
        "cancer_history": "history of cancer",
        "weight_loss": "unexplained weight loss",
        "age_onset": "first ever episode of back pain under 20 or over 50, or age not known",
        "no_improvement": "no improvement after 4 or more weeks of care",
        "night_pain": "night pain that no position relieves",
        "recent_infection": "a recent infection, such as a bladder infection",
        "osteoporosis_steroids": "osteoporosis or long-term steroids",
        "inflammatory_bp": "possible inflammatory back pain",
        "structural_deformity": "new change in the shape of the spine",
        "neuro_stable": "long-standing nerve symptoms that are not changing",
        "neuro_changing": "new or worsening numbness, pins and needles or balance change",
    }
)

# Short, phone-friendly wording of every tier E and U item, asked again at every visit and in
# every home-program check-in. A "yes" is scored with the same code.
SHORT_FORM_QUESTIONS = MappingProxyType(
    {
        "ces_bladder": _("Any new trouble peeing, or leaking?"),
        "ces_bowel": _("Any new loss of control of your bowels?"),
        "ces_saddle": _("Any new numbness between your legs or around your bottom?"),
        "ces_sexual": _("Any new numbness in your private parts, or new problems with sex?"),
        "ces_bilateral": _("New pain, numbness or weakness in both legs?"),
        "neuro_progressive": _("Leg weakness getting worse, tripping, or legs giving way?"),
        "aaa": _("Sudden, very bad belly or back pain, or feeling faint?"),
        "dvt_pe": _("A painful, swollen calf, chest pain, or sudden shortness of breath?"),
        "infection_fever": _("Fever, chills or night sweats, or feeling generally unwell?"),
        "infection_risk": _(
            "A back injection or operation, or a new medicine that lowers your immunity?"
        ),
        "fracture_trauma": _("Any fall or accident that hurt your back?"),
        "severe_unremitting": _(
            "Constant pain that keeps getting worse, and no rest or position eases it?"
        ),
        "thoracic_pain": _("New pain in your mid or upper back?"),
    }
)
SHORT_FORM_CODES: tuple[str, ...] = tuple(SHORT_FORM_QUESTIONS)

# The nerve-symptom grid of the intake (each: no / yes, old and stable / yes, new or worsening).
NEURO_ITEMS: tuple[str, ...] = (
    "numbness",
    "pins_and_needles",
    "leg_weakness",
    "foot_drop",
    "balance_change",
    "both_legs",
    "saddle_numbness",
    "bladder_change",
    "bowel_change",
    "sexual_change",
)
# Which flag a "yes, new or worsening" answer raises.
NEURO_NEW_FLAGS = MappingProxyType(
    {
        "saddle_numbness": "ces_saddle",
        "bladder_change": "ces_bladder",
        "bowel_change": "ces_bowel",
        "sexual_change": "ces_sexual",
        "both_legs": "ces_bilateral",
        "leg_weakness": "neuro_progressive",
        "foot_drop": "neuro_progressive",
        # Not on the emergency list, but the physician should know (neuro_changing).
        "numbness": "neuro_changing",
        "pins_and_needles": "neuro_changing",
        "balance_change": "neuro_changing",
    }
)
NEURO_LABELS = MappingProxyType(
    {
        "numbness": "numbness",
        "pins_and_needles": "pins and needles",
        "leg_weakness": "leg weakness or giving way",
        "foot_drop": "tripping or foot slapping",
        "balance_change": "a change in balance or walking",
        "both_legs": "symptoms in both legs",
        "saddle_numbness": "numbness between the legs (saddle area)",
        "bladder_change": "a change in bladder control",
        "bowel_change": "a change in bowel control",
        "sexual_change": "a change in sexual function",
    }
)

AGE_ONSET_BELOW = 20
AGE_ONSET_ABOVE = 50  # some guidelines use 55
MALIGNANCY_AGE_FROM = 50  # with a history of cancer: "age 50 or over"
ASAS_POSITIVE_FROM = 4
NO_IMPROVEMENT_WEEKS = 4  # "~4-6 weeks of appropriate care"; the cautious end
FRACTURE_AGE_ABOVE = MappingProxyType({"male": 65, "female": 75})
FRACTURE_AGE_ABOVE_UNKNOWN_SEX = 65

DERIVED_KEYS: frozenset[str] = frozenset(
    {
        "first_episode",
        "asas_positive_count",
        "history_axspa",
        "history_psoriasis",
        "history_ibd",
        "history_uveitis",
        "bilateral_leg_symptoms",
        "bilateral_new",
        "neuro_new",
        "neuro_old",
        "night_pain_unrelieved",
        "history_osteoporosis",
        "long_term_steroids",
        "osteoporosis_medication",
        "history_cancer",
        "unexplained_weight_loss",
        "weeks_without_improvement",
        "fever_chills_sweats",
        "iv_drug_use",
        "immunosuppressed",
        "recent_infection",
        "recent_spinal_procedure",
        "recent_major_trauma",
        "recent_minor_trauma",
        "course",
        "constant_pain",
        "mechanical_pain",
        "thoracic_pain_new",
    }
)


@dataclass(frozen=True)
class FlagHit:
    code: str
    tier: str
    reason: str  # plain words: which answer or fact raised it

    @property
    def question(self) -> RedFlagQuestion | None:
        """The question that asks for this flag; None for a combined flag (see ``combined``)."""
        return QUESTIONS_BY_CODE.get(self.code)

    @property
    def combined(self) -> CombinedFlag | None:
        return COMBINED_BY_CODE.get(self.code)

    @property
    def pathology(self) -> str:
        source = self.question or self.combined
        return source.pathology if source else ""


@dataclass(frozen=True)
class Screening:
    positives: tuple[FlagHit, ...]  # most serious tier first, then catalogue order
    highest_tier: str | None
    needs_clearance: bool  # any E or U: no treatment booking or home program until cleared
    instruction: str  # what to tell the patient now
    unanswered: tuple[str, ...]  # catalogue codes with no answer (the screen is incomplete)
    # Notes for the clinician that are not flags: weaker evidence (e.g. worsening pain that
    # changes with position), or derived evidence the patient's own "No" outranks.
    hints: tuple[str, ...] = ()

    @property
    def is_emergency(self) -> bool:
        return self.highest_tier == EMERGENCY

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(hit.code for hit in self.positives)


def _normalise_sex(sex: str | None) -> str | None:
    value = (sex or "").strip().lower()
    return {"f": "female", "female": "female", "m": "male", "male": "male"}.get(value)


def _neuro_items(derived: Mapping[str, Any], key: str) -> frozenset[str]:
    items = frozenset(derived.get(key) or ())
    unknown = items - set(NEURO_ITEMS)
    if unknown:
        raise ValueError(f"Unknown {key} item(s) {sorted(unknown)}; expected {NEURO_ITEMS}.")
    return items


def evaluate(
    answers: Mapping[str, bool | None],
    *,
    age: int | None,
    sex: str | None,
    derived: Mapping[str, Any],
) -> Screening:
    """Apply the red-flag rules to one intake or check-in. See the module docstring for inputs."""
    unknown_answers = set(answers) - set(QUESTIONS_BY_CODE)
    if unknown_answers:
        raise ValueError(f"Unknown red-flag answer code(s): {sorted(unknown_answers)}.")
    unknown_derived = set(derived) - DERIVED_KEYS
    if unknown_derived:
        raise ValueError(f"Unknown derived red-flag key(s): {sorted(unknown_derived)}.")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or age < 0):
        raise ValueError(f"Age must be a whole number of years or None, got {age!r}.")

    reasons: dict[str, list[str]] = {}
    hints: list[str] = []

    def raise_flag(code: str, reason: str) -> None:
        reasons.setdefault(code, []).append(reason)

    def said_yes(code: str) -> bool:
        return answers.get(code) is True

    def said_no(code: str) -> bool:
        return answers.get(code) is False

    def from_inference(code: str, reason: str, hint_when_denied: str) -> None:
        """Weaker, inferred evidence: the patient's own "No" to the question outranks it."""
        if said_no(code):
            hints.append(hint_when_denied)
        else:
            raise_flag(code, reason)

    # Direct answers. age_onset is the "first ever episode" question and needs the age rule.
    for question in RED_FLAG_QUESTIONS:
        if question.code != "age_onset" and said_yes(question.code):
            raise_flag(question.code, f"Answered yes: {FLAG_SUMMARIES[question.code]}")

    # CES and progressive neurology from the body chart and the nerve-symptom grid.
    neuro_new = _neuro_items(derived, "neuro_new")
    neuro_old = _neuro_items(derived, "neuro_old") - neuro_new
    if derived.get("bilateral_leg_symptoms") is True:
        if derived.get("bilateral_new") is True:
            raise_flag("ces_bilateral", "Symptoms in both legs on the body chart, and they are new")
        elif "both_legs" in neuro_old:
            raise_flag("neuro_stable", "Symptoms in both legs on the body chart, long-standing")
        else:
            # A mark on a drawing is weaker than an answer: never silently ignored, but the
            # answers to the both-legs questions decide the flag.
            hints.append(
                "The body chart shows leg symptoms on both sides, but symptoms in both legs were "
                "not reported as new or long-standing: ask again (new symptoms in both legs are "
                "an emergency sign)."
            )
    for item in NEURO_ITEMS:
        if item in neuro_new:
            raise_flag(NEURO_NEW_FLAGS[item], f"New or worsening: {NEURO_LABELS[item]}")
        elif item in neuro_old:
            raise_flag("neuro_stable", f"Long-standing and unchanged: {NEURO_LABELS[item]}")

    # Infection. A recent infection alone is for review; with fever or feeling unwell, drug
    # injection, weak immunity or a recent spinal procedure it is urgent (those are urgent
    # anyway, and their reason then names the infection too).
    if derived.get("fever_chills_sweats") is True:
        raise_flag("infection_fever", "Medical history: fever, chills or night sweats")
    for key, text in (
        ("iv_drug_use", "intravenous drug use"),
        ("immunosuppressed", "a weakened immune system (medicine, HIV, transplant or chemo)"),
        ("recent_spinal_procedure", "a recent spinal injection or operation"),
    ):
        if derived.get(key) is True:
            raise_flag("infection_risk", f"Medical history: {text}")
    if derived.get("recent_infection") is True:
        raise_flag("recent_infection", "Medical history: a recent infection")
    if "recent_infection" in reasons:
        for code in ("infection_fever", "infection_risk"):
            if code in reasons:
                raise_flag(code, "together with a recent infection")

    # Fracture.
    osteoporosis = derived.get("history_osteoporosis") is True
    steroids = derived.get("long_term_steroids") is True
    osteo_drug = derived.get("osteoporosis_medication") is True
    if derived.get("recent_major_trauma") is True:
        raise_flag("fracture_trauma", "Medical history: recent significant trauma or fall")
    if derived.get("recent_minor_trauma") is True:
        sex_key = _normalise_sex(sex)
        age_limit = FRACTURE_AGE_ABOVE.get(sex_key or "", FRACTURE_AGE_ABOVE_UNKNOWN_SEX)
        if osteoporosis or steroids or osteo_drug:
            raise_flag(
                "fracture_trauma",
                "A minor fall or lift, with osteoporosis or long-term steroids",
            )
        elif age is not None and age > age_limit:
            raise_flag("fracture_trauma", f"A minor fall or lift at age {age} (over {age_limit})")
    if osteoporosis:
        raise_flag("osteoporosis_steroids", "Medical history: osteoporosis or osteopenia")
    if steroids:
        raise_flag("osteoporosis_steroids", "Takes oral steroids long term (3 months or more)")
    if osteo_drug:
        raise_flag("osteoporosis_steroids", "Takes a medicine for osteoporosis")

    # Constant, progressive, non-mechanical pain. Worsening pain that changes with rest,
    # position or movement (mechanical) is a note for the clinician, not a flag.
    if derived.get("course") == "worsening":
        constant = derived.get("constant_pain")
        mechanical = derived.get("mechanical_pain")
        if constant is True and mechanical is False:
            from_inference(
                "severe_unremitting",
                "Pain is constant, getting worse since it started, and nothing about rest or "
                "position changes it",
                "Constant pain, getting worse, that nothing about rest or position changes, but "
                "the patient answered No to the constant worsening pain question: check with them.",
            )
        elif mechanical is True:
            hints.append(
                "Pain getting worse since it started, but it changes with rest, position or "
                "movement (mechanical): not a red flag. Review the course at each visit."
            )
        elif constant is False:
            hints.append(
                "Pain getting worse since it started, but it comes and goes: not a red flag. "
                "Review the course at each visit."
            )
        else:
            hints.append(
                "Pain getting worse since it started: check whether it is constant and whether "
                "rest or a change of position eases it (constant, worsening pain that nothing "
                "eases is an urgent sign)."
            )

    # Malignancy and other serious causes.
    if derived.get("thoracic_pain_new") is True:
        raise_flag("thoracic_pain", "New pain in the mid or upper back")
    if derived.get("history_cancer") is True:
        raise_flag("cancer_history", "Medical history: cancer")
    if derived.get("unexplained_weight_loss") is True:
        raise_flag("weight_loss", "Medical history: unexplained weight loss")
    if derived.get("night_pain_unrelieved") is True:
        raise_flag("night_pain", "Night pain that no position relieves")
    weeks = derived.get("weeks_without_improvement")
    if weeks is not None and weeks >= NO_IMPROVEMENT_WEEKS:
        raise_flag("no_improvement", f"No improvement after {weeks} weeks of care")

    first_episode = said_yes("age_onset") or derived.get("first_episode") is True
    if first_episode:
        if age is None:
            raise_flag("age_onset", "First ever episode of back pain, and age is not recorded")
        elif age < AGE_ONSET_BELOW or age > AGE_ONSET_ABOVE:
            raise_flag("age_onset", f"First ever episode of back pain at age {age}")

    # Inflammatory back pain.
    asas = derived.get("asas_positive_count")
    if asas is not None and asas >= ASAS_POSITIVE_FROM:
        raise_flag("inflammatory_bp", f"Inflammatory back pain screen: {asas} of 5 (ASAS)")
    for key, text in (
        ("history_axspa", "ankylosing spondylitis / axial spondyloarthritis"),
        ("history_psoriasis", "psoriasis"),
        ("history_ibd", "inflammatory bowel disease"),
        ("history_uveitis", "uveitis"),
    ):
        if derived.get(key) is True:
            raise_flag("inflammatory_bp", f"Medical history: {text}, with back pain")

    # Combinations: a history of cancer with any other malignancy sign is urgent.
    if "cancer_history" in reasons:
        with_cancer = []
        if age is not None and age >= MALIGNANCY_AGE_FROM:
            with_cancer.append(f"age {age}")
        for code, words in (
            ("weight_loss", "unexplained weight loss"),
            ("night_pain", "night pain that no position eases"),
            ("no_improvement", "no improvement after 4 or more weeks of care"),
        ):
            if code in reasons:
                with_cancer.append(words)
        if with_cancer:
            raise_flag("malignancy_suspected", "History of cancer with " + ", ".join(with_cancer))

    # Two answers that disagree: a "yes" anywhere still raises the flag (a safety screen never
    # lets a "No" hide a symptom the patient reported elsewhere), and the reason says so.
    # neuro_stable is left out: its question is about one leg, its other sources are any
    # long-standing nerve symptom (bladder, both legs...), so they do not contradict it.
    for code in reasons:
        if said_no(code) and code != "neuro_stable":
            reasons[code].append("the safety question itself was answered No: check with them")

    positives = tuple(
        FlagHit(code, tier, "; ".join(reasons[code]))
        for wanted in TIER_ORDER
        for code, tier in FLAG_TIERS.items()
        if tier == wanted and code in reasons
    )
    highest = positives[0].tier if positives else None
    return Screening(
        positives=positives,
        highest_tier=highest,
        needs_clearance=highest in (EMERGENCY, URGENT),
        instruction=TIER_INSTRUCTIONS[highest] if highest else NO_FLAGS_INSTRUCTION,
        unanswered=tuple(
            q.code
            for q in RED_FLAG_QUESTIONS
            if answers.get(q.code) is None
            and not (q.code == "age_onset" and derived.get("first_episode") is not None)
        ),
        hints=tuple(hints),
    )
