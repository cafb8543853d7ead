"""Outcome-measure scoring for Restore (the rules and their sources: docs/clinical-rules.md).

Pure functions, standard library only: answers in, a frozen result (score and band) out. Forms,
services and the FHIR export all call these, so nothing here touches Django or the database.

Rounding: every one-decimal value (ODI %, PSFS mean, NPRS composite, change percentages) is
rounded half away from zero on the exact fraction, so 16/45 x 100 = 35.555... shows as 35.6 and a
PSFS mean of 6.25 shows as 6.3. Python's ``round()`` would give banker's rounding on a binary
float, which is not what a clinician checking by hand expects.

Licensed instruments (ODI, STarT Back) ship as structure and scoring only: no item wording lives
in this module.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


def _check_int(value: object, low: int, high: int, what: str) -> int:
    # bool is a subclass of int; a stray True must not score as 1 on a 0-10 scale.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number from {low} to {high}, got {value!r}.")
    if not low <= value <= high:
        raise ValueError(f"{what} must be from {low} to {high}, got {value}.")
    return value


def _to_fraction(value: object, low: int, high: int, what: str) -> Fraction:
    """An exact Fraction for an int or float score (floats via their shortest decimal form)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number from {low} to {high}, got {value!r}.")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}.")
    exact = Fraction(value) if isinstance(value, int) else Fraction(repr(value))
    if not low <= exact <= high:
        raise ValueError(f"{what} must be from {low} to {high}, got {value}.")
    return exact


def _round1(value: Fraction) -> float:
    """Round to one decimal, half away from zero, from an exact fraction."""
    tenths = math.floor(abs(value) * 10 + Fraction(1, 2))
    return float(Fraction(tenths if value >= 0 else -tenths, 10)) if tenths else 0.0


# ---------------------------------------------------------------------------------------------
# NPRS — Numeric Pain Rating Scale
# ---------------------------------------------------------------------------------------------

NPRS_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 0, "none"),
    (1, 3, "mild"),
    (4, 6, "moderate"),
    (7, 10, "severe"),
)


def nprs_band(value: int) -> str:
    """Descriptive band for one 0-10 pain rating: "none", "mild", "moderate" or "severe".

    0 none; 1-3 mild; 4-6 moderate; 7-10 severe (descriptive only, not a diagnosis).
    """
    _check_int(value, 0, 10, "A pain rating (NPRS)")
    for low, high, band in NPRS_BANDS:
        if low <= value <= high:
            return band
    raise AssertionError("unreachable: NPRS_BANDS covers 0-10")  # pragma: no cover


def nprs_composite(now: int, best: int, worst: int) -> float:
    """Mean of current, best (least) and worst pain in the last 24 h, to one decimal.

    A common physiotherapy convention, not a validated outcome: **verify** before reporting it as
    a formal outcome measure. Inconsistent answers (best above worst) are scored as given;
    the form, not the scorer, should query them.
    """
    ratings = [
        _check_int(now, 0, 10, "Pain now (NPRS)"),
        _check_int(best, 0, 10, "Least pain in the last 24 h (NPRS)"),
        _check_int(worst, 0, 10, "Worst pain in the last 24 h (NPRS)"),
    ]
    return _round1(Fraction(sum(ratings), 3))


# ---------------------------------------------------------------------------------------------
# RMDQ-24 — Roland-Morris Disability Questionnaire
# ---------------------------------------------------------------------------------------------

# verify wording against rmdq.org
# The original English RMDQ-24 as reproduced in the Roland & Fairbank (Spine 2000) appendix.
# The rmdq.org copy prints "then usual" in statement 9; the obvious typo is corrected here.
RMDQ_STATEMENTS: tuple[str, ...] = (
    "I stay at home most of the time because of my back.",
    "I change position frequently to try and get my back comfortable.",
    "I walk more slowly than usual because of my back.",
    "Because of my back I am not doing any of the jobs that I usually do around the house.",
    "Because of my back, I use a handrail to get upstairs.",
    "Because of my back, I lie down to rest more often.",
    "Because of my back, I have to hold on to something to get out of an easy chair.",
    "Because of my back, I try to get other people to do things for me.",
    "I get dressed more slowly than usual because of my back.",
    "I only stand for short periods of time because of my back.",
    "Because of my back, I try not to bend or kneel down.",
    "I find it difficult to get out of a chair because of my back.",
    "My back is painful almost all the time.",
    "I find it difficult to turn over in bed because of my back.",
    "My appetite is not very good because of my back pain.",
    "I have trouble putting on my socks (or stockings) because of the pain in my back.",
    "I only walk short distances because of my back.",
    "I sleep less well because of my back.",
    "Because of my back pain, I get dressed with help from someone else.",
    "I sit down for most of the day because of my back.",
    "I avoid heavy jobs around the house because of my back.",
    "Because of my back pain, I am more irritable and bad tempered with people than usual.",
    "Because of my back, I go upstairs more slowly than usual.",
    "I stay in bed most of the time because of my back.",
)

RMDQ_ATTRIBUTION = (
    "Roland-Morris Disability Questionnaire (RMDQ-24): Roland M, Morris R. A study of the "
    "natural history of back pain. Part I: development of a reliable and sensitive measure of "
    "disability in low-back pain. Spine 1983;8(2):141-144. Reproduced in the form published by "
    "Roland M, Fairbank J. The Roland-Morris Disability Questionnaire and the Oswestry "
    "Disability Questionnaire. Spine 2000;25(24):3115-3124, which states that no permission is "
    "needed when the forms are used as reproduced there. See rmdq.org."
)

RMDQ_MAX = len(RMDQ_STATEMENTS)
# Kamper et al. 2010: a score of 2 or less best matched patients who called themselves recovered.
RMDQ_RECOVERED_MAX = 2


@dataclass(frozen=True)
class RMDQResult:
    """RMDQ score (0-24, higher = worse). No official severity bands exist."""

    score: int | None
    complete: bool
    ticked: tuple[int, ...]  # 1-based statement numbers, sorted
    none_apply: bool

    @property
    def recovered(self) -> bool | None:
        """True when the score is at or below the Kamper 2010 "recovered" cut-off (<= 2)."""
        return None if self.score is None else self.score <= RMDQ_RECOVERED_MAX


def score_rmdq(ticked: Collection[int], *, none_apply: bool) -> RMDQResult:
    """Count the ticked RMDQ-24 statements (1-based numbers, 1-24).

    ``none_apply`` is the form's explicit "none of these apply to me today" control. It tells a
    deliberate 0 from an abandoned form: no ticks and no ``none_apply`` is incomplete (score
    None). Ticking statements *and* ``none_apply`` contradicts itself and raises ValueError.
    Repeated numbers count once.
    """
    numbers = {_check_int(n, 1, RMDQ_MAX, "An RMDQ statement number") for n in ticked}
    if numbers and none_apply:
        raise ValueError(
            "RMDQ: 'none of these apply' was chosen together with ticked statements; "
            "untick the statements or the 'none apply' box."
        )
    if not numbers and not none_apply:
        return RMDQResult(score=None, complete=False, ticked=(), none_apply=False)
    return RMDQResult(
        score=len(numbers), complete=True, ticked=tuple(sorted(numbers)), none_apply=none_apply
    )


# ---------------------------------------------------------------------------------------------
# PSFS — Patient-Specific Functional Scale
# ---------------------------------------------------------------------------------------------

PSFS_MIN_ACTIVITIES = 3
PSFS_MAX_ACTIVITIES = 5
PSFS_ATTRIBUTION = (
    "Patient-Specific Functional Scale: Stratford P, Gill C, Westaway M, Binkley J. Assessing "
    "disability and change on individual patients: a report of a patient specific measure. "
    "Physiotherapy Canada 1995;47:258-263."
)


@dataclass(frozen=True)
class PSFSResult:
    """PSFS mean (0-10, **higher = better**) plus the item-level ratings."""

    score: float
    ratings: tuple[int, ...]


def score_psfs(ratings: Sequence[int]) -> PSFSResult:
    """Mean of 3-5 activity ratings (0 = unable, 10 = as before the problem), to one decimal."""
    count = len(ratings)
    if not PSFS_MIN_ACTIVITIES <= count <= PSFS_MAX_ACTIVITIES:
        raise ValueError(
            f"PSFS needs {PSFS_MIN_ACTIVITIES} to {PSFS_MAX_ACTIVITIES} rated activities, "
            f"got {count}."
        )
    checked = tuple(
        _check_int(r, 0, 10, f"PSFS activity {i} rating") for i, r in enumerate(ratings, 1)
    )
    return PSFSResult(score=_round1(Fraction(sum(checked), count)), ratings=checked)


# ---------------------------------------------------------------------------------------------
# SBI — Sciatica Bothersomeness Index
# ---------------------------------------------------------------------------------------------

# Generic symptom names in the clinic's own words (verify anchors against Patrick et al. 1995).
SBI_ITEMS: tuple[str, ...] = (
    "Leg pain",
    "Numbness or tingling in the leg, foot or groin",
    "Weakness in the leg or foot",
    "Back or leg pain while sitting",
)
SBI_ITEM_MAX = 6
# Grøvle 2013: an item rated 4-6 is often treated as "bothersome".
SBI_BOTHERSOME_FROM = 4
SBI_ATTRIBUTION = (
    "Sciatica Bothersomeness Index: Patrick DL, Deyo RA, Atlas SJ, et al. Assessing health-"
    "related quality of life in patients with sciatica. Spine 1995;20(17):1899-1908."
)


@dataclass(frozen=True)
class SBIResult:
    """SBI total (0-24, higher = worse); None when any item is missing."""

    score: int | None
    complete: bool
    items: tuple[int | None, ...]
    bothersome_items: tuple[int, ...]  # 1-based item numbers rated >= 4


def score_sbi(items: Sequence[int | None]) -> SBIResult:
    """Sum of the 4 SBI items (each 0-6). A missing item (None) leaves the total unscored."""
    if len(items) != len(SBI_ITEMS):
        raise ValueError(f"SBI has {len(SBI_ITEMS)} items, got {len(items)}.")
    checked = tuple(
        None if v is None else _check_int(v, 0, SBI_ITEM_MAX, f"SBI item {i}")
        for i, v in enumerate(items, 1)
    )
    bothersome = tuple(
        i for i, v in enumerate(checked, 1) if v is not None and v >= SBI_BOTHERSOME_FROM
    )
    complete = all(v is not None for v in checked)
    score = sum(v for v in checked if v is not None) if complete else None
    return SBIResult(score=score, complete=complete, items=checked, bothersome_items=bothersome)


# ---------------------------------------------------------------------------------------------
# Keele STarT Back Screening Tool — constructs and scoring only, no item wording
# ---------------------------------------------------------------------------------------------

# Construct labels in Keele form order. These are summaries for staff, not the items: the
# patient-facing wording is licensed and must come from a content pack.
START_BACK_ITEMS: tuple[str, ...] = (
    "Leg pain spread",
    "Shoulder or neck pain",
    "Walking only short distances",
    "Dressing more slowly",
    "Fear that activity is unsafe",
    "Worrying thoughts",
    "Catastrophising",
    "Low mood / lost enjoyment",
    "Overall bothersomeness",
)
# Item 9's five-point scale; options 3 ("very much") and 4 ("extremely") score 1.
START_BACK_BOTHERSOME_SCALE: tuple[tuple[int, str], ...] = (
    (0, "Not at all"),
    (1, "Slightly"),
    (2, "Moderately"),
    (3, "Very much"),
    (4, "Extremely"),
)
START_BACK_BOTHERSOME_POSITIVE_FROM = 3
START_BACK_PSYCHOSOCIAL_ITEMS = (5, 6, 7, 8, 9)  # 1-based, Keele form order
START_BACK_COPYRIGHT = (
    "Keele STarT Back Screening Tool, Copyright (c) 2021 Keele University. No licence is "
    "required for non-commercial use; the tool must not be modified, and its copyright and "
    "funding statement must be kept. Incorporation into commercial products needs agreement "
    "from Keele University. Restore ships the scoring only; item wording is loaded from a "
    "separately licensed content pack (keele.ac.uk/sbst)."
)
RISK_LOW, RISK_MEDIUM, RISK_HIGH = "low", "medium", "high"


@dataclass(frozen=True)
class StartBackResult:
    """STarT Back total (0-9), psychosocial subscore (0-5) and risk group; None if incomplete."""

    total: int | None
    psychosocial: int | None
    risk: str | None  # "low" / "medium" / "high"
    complete: bool
    item_scores: tuple[int | None, ...]  # each item as scored 0/1 (item 9 already converted)


def score_start_back(answers: Sequence[int | None]) -> StartBackResult:
    """Score the 9-item STarT Back tool by construct (Keele form order).

    ``answers[0:8]`` are items 1-8 as 0 (disagree) or 1 (agree); ``answers[8]`` is item 9 on the
    five-point scale 0-4, where 3 "very much" and 4 "extremely" score 1. Psychosocial subscore =
    items 5-9. Risk: total <= 3 low; total >= 4 and subscore <= 3 medium; total >= 4 and
    subscore >= 4 high. Any missing answer (None) leaves everything unscored.
    """
    if len(answers) != len(START_BACK_ITEMS):
        raise ValueError(f"STarT Back has {len(START_BACK_ITEMS)} items, got {len(answers)}.")
    scores: list[int | None] = []
    for number, value in enumerate(answers, 1):
        if value is None:
            scores.append(None)
        elif number < 9:
            # Items 1-8 are agree/disagree, so a form may hand over booleans.
            agreed = int(value) if isinstance(value, bool) else value
            scores.append(_check_int(agreed, 0, 1, f"STarT Back item {number}"))
        else:
            item9 = _check_int(value, 0, 4, "STarT Back item 9 (bothersomeness)")
            scores.append(1 if item9 >= START_BACK_BOTHERSOME_POSITIVE_FROM else 0)
    item_scores = tuple(scores)
    if any(s is None for s in item_scores):
        return StartBackResult(None, None, None, complete=False, item_scores=item_scores)
    total = sum(s for s in item_scores if s is not None)
    psychosocial = sum(item_scores[n - 1] or 0 for n in START_BACK_PSYCHOSOCIAL_ITEMS)
    if total <= 3:
        risk = RISK_LOW
    elif psychosocial <= 3:
        risk = RISK_MEDIUM
    else:
        risk = RISK_HIGH
    return StartBackResult(total, psychosocial, risk, complete=True, item_scores=item_scores)


# ---------------------------------------------------------------------------------------------
# ODI — Oswestry Disability Index — section names and scoring only, no item wording
# ---------------------------------------------------------------------------------------------

ODI_SECTIONS: tuple[str, ...] = (
    "Pain intensity",
    "Personal care",
    "Lifting",
    "Walking",
    "Sitting",
    "Standing",
    "Sleeping",
    "Sex life",
    "Social life",
    "Travelling",
)
# The Modified ODI (Fritz & Irrgang 2001) swaps the sex-life section for employment/homemaking.
ODI_SECTIONS_MODIFIED: tuple[str, ...] = (
    *ODI_SECTIONS[:7],
    "Employment / homemaking",
    *ODI_SECTIONS[8:],
)
ODI_VERSIONS: tuple[str, ...] = ("1.0", "2.1a", "modified")
ODI_MAX_MISSING = 2  # convention (verify): more missing sections -> do not report
ODI_COPYRIGHT = (
    "Oswestry Disability Index, (c) Jeremy Fairbank 1980. All rights reserved. Licensed through "
    "Mapi Research Trust (ePROVIDE). Restore ships the scoring only; section wording is loaded "
    "after the clinic holds a licence."
)
# (upper bound inclusive, code, label). A percent between bands (e.g. 20.5) goes to the next
# band up: the published bands are integer ranges 0-20, 21-40, ...
ODI_BANDS: tuple[tuple[int, str, str], ...] = (
    (20, "minimal", "minimal disability"),
    (40, "moderate", "moderate disability"),
    (60, "severe", "severe disability"),
    (80, "very_severe", "very severe / disabling"),
    (100, "bed_bound", "bed-bound or exaggerating symptoms"),
)
ODI_BAND_LABELS = MappingProxyType({code: label for _, code, label in ODI_BANDS})


def odi_sections(version: str) -> tuple[str, ...]:
    """Section names for an ODI version (the Modified ODI replaces section 8)."""
    _check_odi_version(version)
    return ODI_SECTIONS_MODIFIED if version == "modified" else ODI_SECTIONS


def _check_odi_version(version: str) -> None:
    if version not in ODI_VERSIONS:
        raise ValueError(f"Unknown ODI version {version!r}; expected one of {ODI_VERSIONS}.")


def odi_band(percent: float) -> tuple[str, str]:
    """(code, label) of the developers' interpretation band for an ODI percentage."""
    exact = _to_fraction(percent, 0, 100, "ODI percent")
    for upper, code, label in ODI_BANDS:
        if exact <= upper:
            return code, label
    raise AssertionError("unreachable: ODI_BANDS covers 0-100")  # pragma: no cover


@dataclass(frozen=True)
class ODIResult:
    """ODI percentage (0-100, higher = worse). ``percent`` is None when not reportable."""

    version: str
    raw_sum: int
    answered: int
    percent: float | None
    band: str | None  # "minimal" / "moderate" / "severe" / "very_severe" / "bed_bound"
    band_label: str | None
    reportable: bool
    missing_sections: tuple[str, ...]


def score_odi(sections: Sequence[int | None], *, version: str) -> ODIResult:
    """ODI% = sum / (5 x sections answered) x 100, to one decimal.

    ``sections`` holds the 10 section scores in form order, each 0-5, or None when missing or
    not applicable (each one lowers the denominator by 5). With more than 2 missing the score is
    not reported. The version is stored with the score because versions differ.
    """
    _check_odi_version(version)
    names = odi_sections(version)
    if len(sections) != len(names):
        raise ValueError(f"ODI has {len(names)} sections, got {len(sections)}.")
    checked = [
        None if v is None else _check_int(v, 0, 5, f"ODI section {i} ({names[i - 1]})")
        for i, v in enumerate(sections, 1)
    ]
    answered_scores = [v for v in checked if v is not None]
    missing = tuple(name for name, v in zip(names, checked, strict=True) if v is None)
    raw_sum = sum(answered_scores)
    answered = len(answered_scores)
    if len(missing) > ODI_MAX_MISSING:
        return ODIResult(version, raw_sum, answered, None, None, None, False, missing)
    percent = _round1(Fraction(raw_sum * 100, 5 * answered))
    band, label = odi_band(percent)
    return ODIResult(version, raw_sum, answered, percent, band, label, True, missing)


# ---------------------------------------------------------------------------------------------
# Change between two scores (the thresholds and their sources: docs/clinical-rules.md)
# ---------------------------------------------------------------------------------------------

IMPROVED, WORSE, NO_MEANINGFUL_CHANGE = "improved", "worse", "no meaningful change"


@dataclass(frozen=True)
class ChangeRule:
    scale_max: int
    higher_is_better: bool
    points: Fraction | None  # minimal important change in points, if the measure has one
    percent: int | None  # minimal important change as % of baseline, if the measure has one
    description: str


CHANGE_RULES = MappingProxyType(
    {
        # Ostelo et al. 2008 consensus.
        "nprs": ChangeRule(10, False, Fraction(2), 30, "at least 2 points or 30 %"),
        "rmdq": ChangeRule(24, False, Fraction(5), 30, "at least 5 points or 30 %"),
        "odi": ChangeRule(100, False, Fraction(10), 30, "at least 10 points or 30 %"),
        # Stratford 1995 MDC90 for the average score; higher PSFS = better.
        "psfs": ChangeRule(10, True, Fraction(2), None, "at least 2 points on the average"),
        # The SBI has no published minimal important change. The clinic borrows the 30 % rule
        # used for the other measures (Ostelo 2008) until a validated value is adopted.
        "sbi": ChangeRule(24, False, None, 30, "at least 30 % (clinic rule, no official MIC)"),
    }
)


@dataclass(frozen=True)
class ChangeResult:
    """Change from baseline, signed so that **positive always means better**.

    ``points`` is the improvement in points; ``percent`` the improvement as a percentage of the
    baseline (None when the baseline is 0, where a relative change is undefined).
    """

    measure: str
    baseline: float
    follow_up: float
    points: float
    percent: float | None
    direction: str  # "improved" / "worse" / "no meaningful change"
    meaningful: bool
    rule: str


def meaningful_change(measure: str, baseline: float, follow_up: float) -> ChangeResult:
    """Classify a baseline -> follow-up change against the measure's minimal important change.

    NPRS: >= 2 points or >= 30 %; RMDQ: >= 5 points or >= 30 %; ODI (percent score): >= 10
    points or >= 30 %; PSFS average: >= 2 points (higher is better); SBI: >= 30 % (no official
    value). The same thresholds are applied in the worse direction.

    Baseline 0: there is no percentage, so only the points rule applies. The SBI has no points
    rule, so any rise from an SBI of 0 counts as meaningfully worse: sciatica symptoms that were
    absent and are now present deserve a look.
    """
    rule = CHANGE_RULES.get(measure)
    if rule is None:
        raise ValueError(f"Unknown measure {measure!r}; expected one of {tuple(CHANGE_RULES)}.")
    base = _to_fraction(baseline, 0, rule.scale_max, f"{measure.upper()} baseline")
    follow = _to_fraction(follow_up, 0, rule.scale_max, f"{measure.upper()} follow-up")
    improvement = follow - base if rule.higher_is_better else base - follow
    relative = improvement * 100 / base if base else None

    def reaches(amount: Fraction, pct: Fraction | None) -> bool:
        by_points = rule.points is not None and amount >= rule.points
        by_percent = rule.percent is not None and pct is not None and pct >= rule.percent
        return by_points or by_percent

    if improvement > 0 and reaches(improvement, relative):
        direction = IMPROVED
    elif improvement < 0 and (
        reaches(-improvement, None if relative is None else -relative)
        or (base == 0 and rule.points is None)
    ):
        direction = WORSE
    else:
        direction = NO_MEANINGFUL_CHANGE
    return ChangeResult(
        measure=measure,
        baseline=float(base),
        follow_up=float(follow),
        points=_round1(improvement),
        percent=None if relative is None else _round1(relative),
        direction=direction,
        meaningful=direction != NO_MEANINGFUL_CHANGE,
        rule=rule.description,
    )
