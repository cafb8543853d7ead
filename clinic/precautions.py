"""Intake facts -> patient precaution tags, plus the small derived values the intake needs
(duration, directional pattern, neuropathic words, ASAS count; see docs/clinical-rules.md).

Pure Python, standard library only. Each exercise carries contraindication tags that match
``PRECAUTION_TAGS``; a rules engine elsewhere hides or gates exercises whose tags clash with the
patient's precautions. Where an answer is missing, the rules take the cautious side and say so in
the reason.

INPUT_KEYS — everything ``derive_precautions(facts)`` reads. All keys are optional; unknown keys
raise ValueError so that a typo cannot silently drop a precaution.

    ============================  ==================  ===========================================
    key                           type                raises
    ============================  ==================  ===========================================
    today                         date                reference date for the 12-month windows;
                                                      required when a surgery is listed
    age                           int                 balance_impairment at 75 or over
    hip_replacements              sequence of         each {"approach": "posterior" | "anterior"
                                  mappings            | "lateral" | "unknown" | None,
                                                      "date": date | None, "side": str | None}:
                                                      hip_replacement_anterior if anterior,
                                                      else hip_replacement_posterior, when within
                                                      12 months or the date is unknown
    pain_more                     str                 "back" / "leg" / "equal" (complaint)
    back_pain_now, leg_pain_now   int 0-10            leg > back also counts as "leg more"
    below_knee                    bool                acute_radicular (with leg more)
    neuro_symptoms                bool                acute_radicular (with leg more): any
                                                      neurological symptom answered yes
    balance_change                bool                balance_impairment (nerve symptoms: "change in
                                                      balance or walking")
    aggravating                   mapping             factor -> "worse" / "better" / "no_effect"
                                                      / "not_tried"; see directional_pattern()
    history_osteoporosis          bool                osteoporosis
    long_term_steroids            bool                osteoporosis; False overrides a steroid
                                                      found in the medication list
    medications                   sequence of str     names; classify_medication() -> anticoagulant,
                                                      osteoporosis (bisphosphonate; corticosteroid
                                                      unless long_term_steroids is False)
    bleeding_disorder             bool                anticoagulant (same bleeding precaution)
    spondylolisthesis             bool                spondylolisthesis
    pregnant                      bool                pregnancy when weeks >= 16 or unknown
    pregnancy_weeks               int                 see pregnant
    spinal_surgery                bool                recent_spinal_surgery within 12 months
    spinal_surgery_date           date                (date unknown -> treated as recent)
    high_blood_pressure           bool                cardiovascular
    heart_disease                 bool                cardiovascular
    hypermobility                 bool                hypermobility (incl. Ehlers-Danlos)
    open_wound_or_skin_infection  bool                aquatic_precaution
    uncontrolled_epilepsy         bool                aquatic_precaution
    unmanaged_incontinence        bool                aquatic_precaution
    unstable_cardiorespiratory    bool                aquatic_precaution
    unhealed_incision             bool                aquatic_precaution
    chlorine_sensitivity          bool                aquatic_precaution
    fear_of_water                 bool                aquatic_precaution
    can_swim                      bool                non_swimmer when False
    pool_access                   bool                aquatic_precaution when False
    ============================  ==================  ===========================================
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from django.utils.translation import gettext_noop

# ---------------------------------------------------------------------------------------------
# Tags
# ---------------------------------------------------------------------------------------------

PRECAUTION_TAGS: tuple[tuple[str, str, str], ...] = (
    (
        "hip_replacement_posterior",
        "Hip replacement (posterior or unknown approach)",
        "Hip replaced in the last 12 months, from the back or by an unknown approach: no "
        "bending the hip past a right angle, no crossing the leg over the middle, no turning "
        "the knee inward, unless the surgeon or clinician approves.",
    ),
    (
        "hip_replacement_anterior",
        "Hip replacement (anterior approach)",
        "Hip replaced from the front in the last 12 months: stretching the hip backward while "
        "turning it out needs clinician approval.",
    ),
    (
        "acute_radicular",
        "Acute nerve-root (radicular) pain",
        "Leg pain worse than back pain with symptoms below the knee or nerve symptoms: gentle "
        "nerve sliders only, mid-range, and stop if symptoms spread further down the leg.",
    ),
    (
        "flexion_intolerant",
        "Bending forward makes it worse",
        "Worse with sitting or bending, better with walking or standing: prefer neutral-spine "
        "and extension-bias exercises.",
    ),
    (
        "extension_intolerant",
        "Bending backward makes it worse",
        "Worse with standing, walking or arching, better with sitting or bending (a stenosis "
        "pattern): prefer flexion-bias exercises, cycling and pool walking.",
    ),
    (
        "osteoporosis",
        "Osteoporosis or fragile bones",
        "Osteoporosis, long-term steroids or an osteoporosis medicine: no loaded or end-range "
        "bending and twisting of the spine; favour neutral-spine strength, balance and walking.",
    ),
    (
        "spondylolisthesis",
        "Spondylolisthesis",
        "A slipped vertebra: repeated end-range backward bending needs clinician approval.",
    ),
    (
        "pregnancy",
        "Pregnancy (16 weeks or more)",
        "No long spells lying on the back or front and no deep abdominal loading; use "
        "side-lying, hands-and-knees or standing versions and keep breathing.",
    ),
    (
        "recent_spinal_surgery",
        "Spinal surgery in the last 12 months",
        "Follow the surgeon's protocol; every exercise needs clinician approval.",
    ),
    (
        "cardiovascular",
        "High blood pressure or heart disease",
        "No breath-holding or heavy straining; breathe out on effort.",
    ),
    (
        "hypermobility",
        "Hypermobility",
        "Very flexible joints: smaller ranges, control and strength rather than end-range "
        "stretching.",
    ),
    (
        "anticoagulant",
        "Blood thinner or bleeding risk",
        "Bruises or bleeds easily: light-to-moderate pressure only and very gentle rope "
        "assistance at end range.",
    ),
    (
        "balance_impairment",
        "Balance or fall risk",
        "Support nearby for standing work; chair-based alternatives for single-leg exercises.",
    ),
    (
        "aquatic_precaution",
        "Pool exercise needs care",
        "Something makes pool exercise unsafe or impractical for now; see the reason before "
        "prescribing swimming or pool walking.",
    ),
    (
        "non_swimmer",
        "Cannot swim",
        "Not a medical bar to the pool: walking in shallow water with a float belt or next to "
        "the rail is fine; swimming itself is not prescribed.",
    ),
)
PRECAUTION_LABELS = MappingProxyType({value: label for value, label, _ in PRECAUTION_TAGS})

RECENT_SURGERY_DAYS = 365  # "within 12 months"
PREGNANCY_FROM_WEEKS = 16  # "> ~16-20 weeks": the cautious end
BALANCE_AGE_FROM = 75


@dataclass(frozen=True)
class PrecautionHit:
    tag: str
    reason: str  # plain words, naming the intake answer(s) that triggered it

    @property
    def label(self) -> str:
        return PRECAUTION_LABELS[self.tag]


# ---------------------------------------------------------------------------------------------
# Small derived values
# ---------------------------------------------------------------------------------------------

PAIN_QUALITIES: tuple[tuple[str, str], ...] = (
    ("aching", gettext_noop("Aching")),
    ("dull", gettext_noop("Dull")),
    ("deep", gettext_noop("Deep")),
    ("sharp", gettext_noop("Sharp")),
    ("stabbing", gettext_noop("Stabbing")),
    ("shooting_electric", gettext_noop("Shooting / electric")),
    ("burning", gettext_noop("Burning")),
    ("throbbing", gettext_noop("Throbbing")),
    ("cramping", gettext_noop("Cramping")),
    ("tight_pulling", gettext_noop("Tight / pulling")),
    ("stiff", gettext_noop("Stiff")),
    ("tingling", gettext_noop("Tingling / pins and needles")),
    ("numbness", gettext_noop("Numbness")),
    ("weakness", gettext_noop("Weakness / giving way")),
    ("heavy", gettext_noop("Heavy")),
    ("cold", gettext_noop("Cold")),
    ("crawling", gettext_noop("Crawling")),
)
NEUROPATHIC_DESCRIPTORS: frozenset[str] = frozenset(
    {"burning", "shooting_electric", "tingling", "numbness"}
)


def neuropathic_descriptor_count(qualities: Collection[str]) -> int:
    """How many of burning, shooting/electric, tingling and numbness were ticked (0-4).

    A prompt for the clinician to think about nerve-root involvement, not a validated screener.
    """
    chosen = set(qualities)
    unknown = chosen - {value for value, _ in PAIN_QUALITIES}
    if unknown:
        raise ValueError(f"Unknown pain quality/qualities: {sorted(unknown)}.")
    return len(chosen & NEUROPATHIC_DESCRIPTORS)


ASAS_ITEMS: tuple[tuple[str, str], ...] = (
    ("onset_before_40", gettext_noop("Back pain began before age 40")),
    ("insidious_onset", gettext_noop("It came on gradually")),
    ("improves_with_exercise", gettext_noop("It gets better with exercise")),
    ("no_improvement_with_rest", gettext_noop("It does not get better with rest")),
    (
        "night_pain_improves_on_rising",
        gettext_noop("Pain at night that gets better when you get up"),
    ),
)


def asas_count(items: Mapping[str, bool]) -> int:
    """Number of ASAS inflammatory-back-pain items answered yes (0-5; >= 4 is positive)."""
    unknown = set(items) - {key for key, _ in ASAS_ITEMS}
    if unknown:
        raise ValueError(f"Unknown ASAS item(s): {sorted(unknown)}.")
    return sum(1 for value in items.values() if value is True)


def duration_category(
    onset: date, today: date, *, acute_weeks: int = 6, subacute_weeks: int = 12
) -> str:
    """ "acute" (<= 6 weeks), "subacute" (over 6, up to 12 weeks) or "chronic" (> 12 weeks).

    Counted in whole days from the onset date, so 42 days is acute and 43 subacute. The
    thresholds are configurable (ACP 2017 uses 4 and 12 weeks).
    """
    if not 0 < acute_weeks < subacute_weeks:
        raise ValueError("Duration thresholds need 0 < acute_weeks < subacute_weeks.")
    days = (today - onset).days
    if days < 0:
        raise ValueError(f"Onset date {onset} is after {today}.")
    if days <= acute_weeks * 7:
        return "acute"
    if days <= subacute_weeks * 7:
        return "subacute"
    return "chronic"


AGGRAVATING_FACTORS: tuple[tuple[str, str], ...] = (
    ("sitting", gettext_noop("Sitting")),
    ("getting_up_from_sitting", gettext_noop("Getting up from sitting")),
    ("driving", gettext_noop("Driving")),
    ("crossing_legs", gettext_noop("Crossing legs")),
    ("standing", gettext_noop("Standing")),
    ("walking", gettext_noop("Walking")),
    ("stairs", gettext_noop("Stairs")),
    ("bending_forward", gettext_noop("Bending forward")),
    ("lifting", gettext_noop("Lifting")),
    ("twisting", gettext_noop("Twisting")),
    ("socks_shoes", gettext_noop("Putting on socks or shoes")),
    ("bending_backward", gettext_noop("Bending backward / arching")),
    ("lying_back", gettext_noop("Lying on your back")),
    ("lying_side", gettext_noop("Lying on your side")),
    ("lying_stomach", gettext_noop("Lying on your stomach")),
    ("rolling_in_bed", gettext_noop("Rolling over in bed")),
    ("cough_sneeze_strain", gettext_noop("Coughing, sneezing or straining")),
    ("exercise", gettext_noop("Exercise or sport")),
    ("sexual_activity", gettext_noop("Sexual activity")),
)
FACTOR_EFFECTS: tuple[tuple[str, str], ...] = (
    ("worse", gettext_noop("Makes it worse")),
    ("better", gettext_noop("Makes it better")),
    ("no_effect", gettext_noop("No effect")),
    ("not_tried", gettext_noop("Not tried")),
)
_FLEXION = ("sitting", "bending_forward")
_EXTENSION = ("standing", "walking", "bending_backward")


def directional_pattern(aggravating: Mapping[str, str]) -> str:
    """Directional pattern from what makes it worse or better (a clinician hint only).

    flexion_intolerant: worse sitting or bending forward, and better walking or standing.
    extension_intolerant: worse standing, walking or arching, and better sitting or bending.
    mixed: some answers point one way or the other but fit neither (or both) patterns.
    unclear: no "worse" or "better" answer for any of those five factors.
    """
    factors = {key for key, _ in AGGRAVATING_FACTORS}
    effects = {key for key, _ in FACTOR_EFFECTS}
    for factor, effect in aggravating.items():
        if factor not in factors:
            raise ValueError(f"Unknown aggravating factor {factor!r}.")
        if effect not in effects:
            raise ValueError(f"Unknown effect {effect!r} for {factor!r}.")

    def any_is(keys: Iterable[str], effect: str) -> bool:
        return any(aggravating.get(k) == effect for k in keys)

    flexion = any_is(_FLEXION, "worse") and any_is(("walking", "standing"), "better")
    extension = any_is(_EXTENSION, "worse") and any_is(_FLEXION, "better")
    if flexion and not extension:
        return "flexion_intolerant"
    if extension and not flexion:
        return "extension_intolerant"
    # Both patterns at once, or directional answers that fit neither.
    directional = (*_FLEXION, *_EXTENSION)
    if any_is(directional, "worse") or any_is(directional, "better"):
        return "mixed"
    return "unclear"


# ---------------------------------------------------------------------------------------------
# Medication classes
# ---------------------------------------------------------------------------------------------

# Common US generic and brand names. Matching is case-insensitive on whole words, so
# "Eliquis 5 mg" matches and "enoxaparin" does not match "heparin".
MEDICATION_KEYWORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # Anticoagulants and antiplatelets, including regular aspirin.
        "anticoagulant": (
            "warfarin",
            "coumadin",
            "jantoven",
            "apixaban",
            "eliquis",
            "rivaroxaban",
            "xarelto",
            "dabigatran",
            "pradaxa",
            "edoxaban",
            "savaysa",
            "heparin",
            "enoxaparin",
            "lovenox",
            "dalteparin",
            "fragmin",
            "fondaparinux",
            "arixtra",
            "clopidogrel",
            "plavix",
            "prasugrel",
            "effient",
            "ticagrelor",
            "brilinta",
            "dipyridamole",
            "aggrenox",
            "aspirin",
            "ecotrin",
            "baby aspirin",
        ),
        # Systemic corticosteroids (topical and inhaled forms are excluded below).
        "corticosteroid": (
            "prednisone",
            "prednisolone",
            "methylprednisolone",
            "medrol",
            "dexamethasone",
            "decadron",
            "hydrocortisone",
            "cortef",
            "cortisone",
            "deflazacort",
            "deltasone",
            "rayos",
        ),
        "immunosuppressant": (
            "methotrexate",
            "trexall",
            "otrexup",
            "rasuvo",
            "adalimumab",
            "humira",
            "etanercept",
            "enbrel",
            "infliximab",
            "remicade",
            "certolizumab",
            "cimzia",
            "golimumab",
            "simponi",
            "secukinumab",
            "cosentyx",
            "ixekizumab",
            "taltz",
            "ustekinumab",
            "stelara",
            "tofacitinib",
            "xeljanz",
            "upadacitinib",
            "rinvoq",
            "baricitinib",
            "olumiant",
            "azathioprine",
            "imuran",
            "mycophenolate",
            "cellcept",
            "cyclosporine",
            "tacrolimus",
            "prograf",
            "sirolimus",
            "leflunomide",
            "arava",
            "rituximab",
            "rituxan",
            "abatacept",
            "orencia",
            "tocilizumab",
            "actemra",
        ),
        # "Bisphosphonates / osteoporosis drugs": the class also holds the
        # non-bisphosphonate osteoporosis medicines, which imply the same low bone density.
        "bisphosphonate": (
            "alendronate",
            "fosamax",
            "risedronate",
            "actonel",
            "atelvia",
            "ibandronate",
            "boniva",
            "zoledronic acid",
            "zoledronate",
            "reclast",
            "zometa",
            "denosumab",
            "prolia",
            "teriparatide",
            "forteo",
            "abaloparatide",
            "tymlos",
            "romosozumab",
            "evenity",
            "raloxifene",
            "evista",
        ),
        "opioid": (
            "oxycodone",
            "oxycontin",
            "percocet",
            "roxicodone",
            "hydrocodone",
            "vicodin",
            "norco",
            "tramadol",
            "ultram",
            "morphine",
            "ms contin",
            "codeine",
            "hydromorphone",
            "dilaudid",
            "fentanyl",
            "duragesic",
            "tapentadol",
            "nucynta",
            "buprenorphine",
            "suboxone",
            "butrans",
            "methadone",
            "oxymorphone",
        ),
        "gabapentinoid": ("gabapentin", "neurontin", "gralise", "horizant", "pregabalin", "lyrica"),
        "muscle_relaxant": (
            "cyclobenzaprine",
            "flexeril",
            "amrix",
            "methocarbamol",
            "robaxin",
            "tizanidine",
            "zanaflex",
            "baclofen",
            "lioresal",
            "carisoprodol",
            "soma",
            "metaxalone",
            "skelaxin",
            "orphenadrine",
            "chlorzoxazone",
        ),
        "nsaid": (
            "ibuprofen",
            "advil",
            "motrin",
            "naproxen",
            "aleve",
            "naprosyn",
            "anaprox",
            "meloxicam",
            "mobic",
            "celecoxib",
            "celebrex",
            "diclofenac",
            "voltaren",
            "arthrotec",
            "etodolac",
            "nabumetone",
            "ketorolac",
            "toradol",
            "indomethacin",
            "indocin",
            "piroxicam",
            "ketoprofen",
            "sulindac",
            "oxaprozin",
            "daypro",
            "aspirin",
            "ecotrin",
        ),
        "antidepressant": (
            "amitriptyline",
            "elavil",
            "nortriptyline",
            "pamelor",
            "duloxetine",
            "cymbalta",
            "venlafaxine",
            "effexor",
            "desvenlafaxine",
            "pristiq",
            "milnacipran",
            "savella",
            "sertraline",
            "zoloft",
            "fluoxetine",
            "prozac",
            "citalopram",
            "celexa",
            "escitalopram",
            "lexapro",
            "paroxetine",
            "paxil",
            "bupropion",
            "wellbutrin",
            "trazodone",
            "mirtazapine",
            "remeron",
        ),
    }
)

# "aspirin-free", "aspirin free": the product is advertised as *not* containing the drug.
_FREE_OF = r"(?![-\s]*free\b)"
_CLASS_PATTERNS = MappingProxyType(
    {
        cls: re.compile(
            r"\b(?:"
            + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            + r")\b"
            + _FREE_OF,
            re.IGNORECASE,
        )
        for cls, words in MEDICATION_KEYWORDS.items()
    }
)
# A cream, inhaler or eye drop steroid does not carry the systemic fracture/infection risk.
_NON_SYSTEMIC = re.compile(
    r"\b(?:cream|ointment|lotion|gel|topical|inhaler|inhaled|inhalation|nasal|spray|"
    r"eye\s+drops?|ear\s+drops?|drops|enema|suppository)\b",
    re.IGNORECASE,
)


def classify_medication(name: str) -> set[str]:
    """The highlight classes a medication name belongs to (empty set if none).

    Case-insensitive whole-word matching on generic and brand names: "Eliquis 5 mg" ->
    {"anticoagulant"}; aspirin -> {"anticoagulant", "nsaid"} (a listed medicine is taken
    regularly); "aspirin-free" products match nothing for aspirin. Topical, inhaled and drop
    forms of steroids are not counted as systemic corticosteroids.
    """
    classes = {cls for cls, pattern in _CLASS_PATTERNS.items() if pattern.search(name)}
    if "corticosteroid" in classes and _NON_SYSTEMIC.search(name):
        classes.discard("corticosteroid")
    return classes


def classify_medications(names: Iterable[str]) -> dict[str, set[str]]:
    """Classify several names at once: {name: classes}, keeping only names with a class."""
    return {name: classes for name in names if (classes := classify_medication(name))}


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------

FACT_KEYS: frozenset[str] = frozenset(
    {
        "today",
        "age",
        "hip_replacements",
        "pain_more",
        "back_pain_now",
        "leg_pain_now",
        "below_knee",
        "neuro_symptoms",
        "balance_change",
        "aggravating",
        "history_osteoporosis",
        "long_term_steroids",
        "medications",
        "bleeding_disorder",
        "spondylolisthesis",
        "pregnant",
        "pregnancy_weeks",
        "spinal_surgery",
        "spinal_surgery_date",
        "high_blood_pressure",
        "heart_disease",
        "hypermobility",
        "open_wound_or_skin_infection",
        "uncontrolled_epilepsy",
        "unmanaged_incontinence",
        "unstable_cardiorespiratory",
        "unhealed_incision",
        "chlorine_sensitivity",
        "fear_of_water",
        "can_swim",
        "pool_access",
    }
)
HIP_APPROACHES: tuple[str, ...] = ("posterior", "anterior", "lateral", "unknown")


def _within_12_months(when: date | None, today: date | None, what: str) -> tuple[bool, str]:
    """(counts as recent, how to describe the date). An unknown date counts as recent."""
    if when is None:
        return True, "date not recorded, so treated as recent"
    if today is None:
        raise ValueError(f"facts['today'] is needed to date the {what}.")
    if when > today:
        raise ValueError(f"The {what} date {when} is after {today}.")
    return today - when <= timedelta(days=RECENT_SURGERY_DAYS), f"on {when.day} {when:%b %Y}"


def derive_precautions(facts: Mapping[str, Any]) -> list[PrecautionHit]:
    """Precaution tags for one patient, in ``PRECAUTION_TAGS`` order, one hit per tag.

    See the module docstring for the keys read. Each reason names the intake answer behind it.
    """
    unknown = set(facts) - FACT_KEYS
    if unknown:
        raise ValueError(f"Unknown precaution fact(s): {sorted(unknown)}.")
    today: date | None = facts.get("today")
    reasons: dict[str, list[str]] = {}

    def add(tag: str, reason: str) -> None:
        reasons.setdefault(tag, []).append(reason)

    def yes(key: str) -> bool:
        return facts.get(key) is True

    # Hip replacement: approach unknown (or lateral) is treated as posterior, the cautious choice.
    for hip in facts.get("hip_replacements") or ():
        approach = hip.get("approach") or "unknown"
        if approach not in HIP_APPROACHES:
            raise ValueError(f"Unknown hip replacement approach {approach!r}.")
        recent, when = _within_12_months(hip.get("date"), today, "hip replacement")
        if not recent:
            continue
        hip_name = f"{hip['side'].capitalize()} hip" if hip.get("side") else "Hip"
        if approach == "anterior":
            add("hip_replacement_anterior", f"{hip_name} replaced from the front, {when}")
        else:
            how = {
                "posterior": "from the back",
                "lateral": "from the side (treated like the back approach)",
                "unknown": "by an approach not known (treated like the back approach)",
            }[approach]
            add("hip_replacement_posterior", f"{hip_name} replaced {how}, {when}")

    # Acute radicular pain: leg pain dominant, plus below-knee or neurological symptoms.
    back_now, leg_now = facts.get("back_pain_now"), facts.get("leg_pain_now")
    leg_more = facts.get("pain_more") == "leg"
    leg_scores_higher = back_now is not None and leg_now is not None and leg_now > back_now
    if leg_more or leg_scores_higher:
        dominance = (
            "leg pain reported as worse than back pain"
            if leg_more
            else f"leg pain {leg_now}/10 is higher than back pain {back_now}/10"
        )
        nerve = [
            text
            for key, text in (
                ("below_knee", "symptoms go below the knee"),
                ("neuro_symptoms", "nerve symptoms such as numbness, tingling or weakness"),
            )
            if yes(key)
        ]
        if nerve:
            add("acute_radicular", f"{dominance.capitalize()}, and {' and '.join(nerve)}")

    # Directional pattern.
    aggravating = facts.get("aggravating")
    if aggravating:
        pattern = directional_pattern(aggravating)
        if pattern == "flexion_intolerant":
            add(pattern, "Worse with sitting or bending forward, better with walking or standing")
        elif pattern == "extension_intolerant":
            add(pattern, "Worse with standing, walking or arching, better with sitting or bending")

    # Medications.
    medication_classes = classify_medications(facts.get("medications") or ())
    for name, classes in medication_classes.items():
        if "anticoagulant" in classes:
            add("anticoagulant", f"Takes {name} (blood thinner)")
        if "bisphosphonate" in classes:
            add("osteoporosis", f"Takes {name} (a medicine for bone density)")
        if "corticosteroid" in classes and facts.get("long_term_steroids") is not False:
            add("osteoporosis", f"Takes {name} (steroid; check whether long term)")
    if yes("bleeding_disorder"):
        add("anticoagulant", "Bleeding or clotting disorder")

    if yes("history_osteoporosis"):
        add("osteoporosis", "Medical history: osteoporosis or osteopenia")
    if yes("long_term_steroids"):
        add("osteoporosis", "Takes steroid pills long term")

    if yes("spondylolisthesis"):
        add("spondylolisthesis", "Spondylolisthesis reported")

    if yes("pregnant"):
        weeks = facts.get("pregnancy_weeks")
        if weeks is None:
            add("pregnancy", "Pregnant, weeks not recorded (treated as 16 weeks or more)")
        elif weeks >= PREGNANCY_FROM_WEEKS:
            add("pregnancy", f"Pregnant, {weeks} weeks")

    if yes("spinal_surgery"):
        recent, when = _within_12_months(facts.get("spinal_surgery_date"), today, "spinal surgery")
        if recent:
            add("recent_spinal_surgery", f"Spinal surgery {when}")

    if yes("high_blood_pressure"):
        add("cardiovascular", "Medical history: high blood pressure")
    if yes("heart_disease"):
        add("cardiovascular", "Medical history: heart disease")

    if yes("hypermobility"):
        add("hypermobility", "Medical history: hypermobility or Ehlers-Danlos")

    if yes("balance_change"):
        add("balance_impairment", "Reports a change in balance or walking")
    age = facts.get("age")
    if age is not None and age >= BALANCE_AGE_FROM:
        add("balance_impairment", f"Age {age}")

    for key, text in (
        ("open_wound_or_skin_infection", "open wound or skin infection"),
        ("uncontrolled_epilepsy", "seizures that are not controlled"),
        ("unmanaged_incontinence", "incontinence that is not managed"),
        ("unstable_cardiorespiratory", "unstable heart or lung condition"),
        ("unhealed_incision", "surgical wound not yet healed"),
        ("chlorine_sensitivity", "sensitive to chlorine"),
        ("fear_of_water", "afraid of water"),
    ):
        if yes(key):
            add("aquatic_precaution", text.capitalize())
    # Not being able to swim is not a reason to keep someone out of the pool (walking in
    # shallow water with a float belt or the rail is safe), so it has its own tag: pool
    # walking takes a caution, swimming is hidden. The medical pool precautions above hide both.
    if facts.get("can_swim") is False:
        add("non_swimmer", "Cannot swim (shallow-water walking with a float belt or rail)")
    if facts.get("pool_access") is False:
        add("aquatic_precaution", "No access to a pool")

    return [
        PrecautionHit(tag, "; ".join(reasons[tag]))
        for tag, _, _ in PRECAUTION_TAGS
        if tag in reasons
    ]
