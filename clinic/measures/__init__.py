"""Outcome measures: stored answers -> score (via clinic/scoring.py), and trends over time.

``score()`` is the one place each instrument's answers are read; ``trends()`` builds one series
per measure for the patient page, comparing every follow-up with the first value (the baseline)
against the measure's minimal important change (``scoring.meaningful_change``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse

from clinic import scoring

NPRS_PARTS = ("back", "leg")
NPRS_WHEN = ("now", "best", "worst", "week")


@dataclass(frozen=True)
class MeasureScore:
    score: Decimal | None
    band: str
    details: dict[str, Any]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _items(answers: dict, key: str, count: int) -> list[int | None]:
    items = answers.get(key)
    if not isinstance(items, list) or len(items) != count:
        raise ValueError(f"Expected {count} answers.")
    return items


def score(instrument: str, answers: dict, *, version: str = "") -> MeasureScore:
    """Score one measure's answers. Raises ValueError (with a readable message) on bad input."""
    if instrument == "nprs":
        details: dict[str, Any] = {}
        for part in NPRS_PARTS:
            now = answers.get(f"{part}_now")
            details[f"{part}_now"] = now
            details[f"{part}_band"] = scoring.nprs_band(now)
            best, worst = answers.get(f"{part}_best"), answers.get(f"{part}_worst")
            if best is not None and worst is not None:
                details[f"{part}_composite"] = scoring.nprs_composite(now, best, worst)
        return MeasureScore(None, "", details)
    if instrument == "rmdq":
        result = scoring.score_rmdq(
            answers.get("ticked") or [], none_apply=bool(answers.get("none_apply"))
        )
        if not result.complete:
            raise ValueError("Tick the statements that apply today, or 'none of these apply'.")
        return MeasureScore(
            _decimal(result.score), "", {"recovered": result.recovered, "ticked": result.ticked}
        )
    if instrument == "psfs":
        activities = answers.get("activities") or []
        result = scoring.score_psfs([a.get("rating") for a in activities])
        return MeasureScore(
            _decimal(result.score),
            "",
            {"activity_ids": [a.get("id") for a in activities], "ratings": list(result.ratings)},
        )
    if instrument == "sbi":
        result = scoring.score_sbi(_items(answers, "items", len(scoring.SBI_ITEMS)))
        return MeasureScore(
            _decimal(result.score),
            "",
            {"complete": result.complete, "bothersome_items": list(result.bothersome_items)},
        )
    if instrument == "start_back":
        result = scoring.score_start_back(_items(answers, "items", len(scoring.START_BACK_ITEMS)))
        return MeasureScore(
            _decimal(result.total),
            result.risk or "",
            {"complete": result.complete, "psychosocial": result.psychosocial},
        )
    if instrument == "odi":
        names = scoring.odi_sections(version)
        result = scoring.score_odi(_items(answers, "sections", len(names)), version=version)
        return MeasureScore(
            _decimal(result.percent),
            result.band or "",
            {
                "reportable": result.reportable,
                "raw_sum": result.raw_sum,
                "answered": result.answered,
                "missing_sections": list(result.missing_sections),
                "band_label": result.band_label,
            },
        )
    raise ValueError(f"Unknown outcome measure {instrument!r}.")


# --- trends -----------------------------------------------------------------------------------


@dataclass
class TrendPoint:
    day: date
    value: float
    text: str
    url: str
    change: scoring.ChangeResult | None = None
    note: str = ""
    # Answered by the patient at home (portal or link), not entered by staff.
    patient_reported: bool = False


@dataclass
class Trend:
    key: str
    title: str
    scale_max: int
    higher_is_better: bool
    rule: str
    points: list[TrendPoint] = field(default_factory=list)
    footnote: str = ""

    @property
    def has_patient_reported(self) -> bool:
        return any(p.patient_reported for p in self.points)

    @property
    def baseline(self) -> TrendPoint | None:
        return self.points[0] if self.points else None

    @property
    def latest(self) -> TrendPoint | None:
        return self.points[-1] if len(self.points) > 1 else None

    def chart_data(self) -> dict[str, Any]:
        many_years = len({p.day.year for p in self.points}) > 1
        return {
            "title": self.title,
            "max": self.scale_max,
            "higherIsBetter": self.higher_is_better,
            # Dates as the rest of the app writes them: "25 Aug", with the year when the
            # readings span more than one.
            "labels": [
                f"{p.day.day} {p.day:%b}" + (f" {p.day:%Y}" if many_years else "")
                for p in self.points
            ],
            "values": [p.value for p in self.points],
            "meaningful": [
                (p.change.direction if p.change and p.change.meaningful else "")
                for p in self.points
            ],
            "patientReported": [p.patient_reported for p in self.points],
        }


PATIENT_REPORTED = "patient-reported"


def _point(measure, value: float, text: str) -> TrendPoint:
    reported = measure.source == "patient"
    return TrendPoint(
        measure.taken_on,
        value,
        text,
        measure.get_absolute_url(),
        note=PATIENT_REPORTED if reported else "",
        patient_reported=reported,
    )


def _with_changes(trend: Trend, measure_key: str | None) -> Trend:
    base = trend.baseline
    if base is None or measure_key is None:
        return trend
    for point in trend.points[1:]:
        point.change = scoring.meaningful_change(measure_key, base.value, point.value)
    return trend


def trends(*, intakes, measures) -> list[Trend]:
    """One series per measure, oldest first, each follow-up compared with the first value.

    ``intakes`` and ``measures`` are already-fetched rows of one patient (no queries here).
    """
    result: list[Trend] = []
    by_instrument: dict[str, list] = {}
    for measure in sorted(measures, key=lambda m: (m.taken_on, m.id)):
        by_instrument.setdefault(measure.instrument, []).append(measure)

    nprs_rule = scoring.CHANGE_RULES["nprs"].description
    for part, title in (("back", "Back pain now (NPRS)"), ("leg", "Leg pain now (NPRS)")):
        points = []
        for intake in intakes:
            value = getattr(intake, f"{part}_pain_now")
            if value is not None:
                url = reverse("clinic:intake-detail", kwargs={"uuid": intake.uuid})
                points.append((intake.visit_date, 0, value, url, "intake"))
        for measure in by_instrument.get("nprs", []):
            value = measure.details.get(f"{part}_now")
            if value is not None:
                note = PATIENT_REPORTED if measure.source == "patient" else ""
                points.append((measure.taken_on, 1, value, measure.get_absolute_url(), note))
        points.sort(key=lambda p: (p[0], p[1]))
        trend = Trend(f"nprs_{part}", title, 10, False, nprs_rule)
        trend.points = [
            TrendPoint(
                day, float(v), f"{v}/10", url, note=note, patient_reported=note == PATIENT_REPORTED
            )
            for day, _, v, url, note in points
        ]
        if trend.points:
            result.append(_with_changes(trend, "nprs"))

    simple = (
        ("rmdq", "Roland-Morris (RMDQ)", 24, False, lambda m: f"{float(m.score):g}/24"),
        ("sbi", "Sciatica Bothersomeness (SBI)", 24, False, lambda m: f"{float(m.score):g}/24"),
        ("odi", "Oswestry (ODI)", 100, False, lambda m: f"{float(m.score):g} %"),
    )
    for key, title, scale_max, better, text in simple:
        rows = [m for m in by_instrument.get(key, []) if m.score is not None]
        if not rows:
            continue
        trend = Trend(key, title, scale_max, better, scoring.CHANGE_RULES[key].description)
        trend.points = [_point(m, float(m.score), text(m)) for m in rows]
        skipped = len(by_instrument[key]) - len(rows)
        if skipped:
            trend.footnote = f"{skipped} entr{'y' if skipped == 1 else 'ies'} could not be scored."
        result.append(_with_changes(trend, key))

    psfs = [m for m in by_instrument.get("psfs", []) if m.score is not None]
    if psfs:
        # Only ratings of the same activities are comparable: follow the latest set.
        current = psfs[-1].details.get("activity_ids")
        same = [m for m in psfs if m.details.get("activity_ids") == current]
        trend = Trend(
            "psfs",
            "Patient-Specific Functional Scale",
            10,
            True,
            scoring.CHANGE_RULES["psfs"].description,
        )
        trend.points = [_point(m, float(m.score), f"{float(m.score):g}/10") for m in same]
        if len(same) < len(psfs):
            trend.footnote = "Earlier ratings were of a different set of activities."
        result.append(_with_changes(trend, "psfs"))

    start = [m for m in by_instrument.get("start_back", []) if m.score is not None]
    if start:
        trend = Trend(
            "start_back", "STarT Back risk", 9, False, "a risk group, not an outcome measure"
        )
        trend.points = [
            _point(m, float(m.score), f"{float(m.score):g}/9, {m.band} risk") for m in start
        ]
        result.append(trend)
    return result


def item_rows(measure) -> list[tuple[str, str]]:
    """(item, answer) rows for the measure's page. Licensed instruments show constructs only."""
    answers = measure.answers or {}
    instrument = measure.instrument
    if instrument == "nprs":
        labels = {
            "now": "now",
            "best": "least, last 24 h",
            "worst": "worst, last 24 h",
            "week": "average, last week",
        }
        return [
            (f"{part.capitalize()} pain {labels[when]}", _or_dash(answers.get(f"{part}_{when}")))
            for part in NPRS_PARTS
            for when in NPRS_WHEN
        ]
    if instrument == "rmdq":
        ticked = set(answers.get("ticked") or [])
        if answers.get("none_apply"):
            return [("Statements", "None of the statements apply today")]
        return [
            (f"{n}. {text}", "Applies today")
            for n, text in enumerate(scoring.RMDQ_STATEMENTS, 1)
            if n in ticked
        ]
    if instrument == "psfs":
        return [(a.get("name", ""), f"{a.get('rating')}/10") for a in answers.get("activities", [])]
    if instrument == "sbi":
        return [
            (label, _or_dash(value, "/6"))
            for label, value in zip(scoring.SBI_ITEMS, answers.get("items", []), strict=False)
        ]
    if instrument == "start_back":
        rows = []
        scale = dict(scoring.START_BACK_BOTHERSOME_SCALE)
        for n, (construct, value) in enumerate(
            zip(scoring.START_BACK_ITEMS, answers.get("items", []), strict=False), 1
        ):
            if value is None:
                text = "—"
            elif n < 9:
                text = "Agree" if value else "Disagree"
            else:
                text = scale.get(value, str(value))
            rows.append((f"Item {n}: {construct.lower()}", text))
        return rows
    if instrument == "odi":
        names = scoring.odi_sections(measure.version or "2.1a")
        return [
            (f"Section {n}: {name}", "—" if v is None else f"statement {v + 1} (scores {v})")
            for n, (name, v) in enumerate(zip(names, answers.get("sections", []), strict=False), 1)
        ]
    return []


def _or_dash(value, suffix: str = "") -> str:
    return "—" if value is None else f"{value}{suffix}"
