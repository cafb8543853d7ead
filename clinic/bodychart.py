"""Body chart: region catalogue, validation, derived values and the drawing.

Pure Python, standard library only, so it can be used by forms, services, exports and tests
without Django.

Stored format (the hidden input's JSON and what ``validate_marks`` returns), one entry per
marked region, in ``REGIONS`` order::

    [{"region": "buttock_deep", "side": "left", "symptoms": ["pain"], "worst": true}, ...]

Exactly one entry has ``"worst": true`` whenever the list is not empty.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

BACK = "back"
FRONT = "front"

LEFT = "left"
RIGHT = "right"
BOTH = "both"
CENTRAL = "central"

SIDES: tuple[tuple[str, str], ...] = (
    (LEFT, "Left"),
    (RIGHT, "Right"),
    (CENTRAL, "Central (midline)"),
    (BOTH, "Both sides"),
)
LATERAL_SIDES = (LEFT, RIGHT, BOTH)
CENTRAL_SIDES = (CENTRAL,)

SYMPTOMS: tuple[tuple[str, str], ...] = (
    ("pain", "Pain"),
    ("numbness", "Numbness"),
    ("pins_and_needles", "Pins and needles"),
    ("weakness", "Weakness"),
    ("burning", "Burning"),
)

# More than the 27 clickable regions on purpose: the cap only stops absurd payloads.
MAX_MARKS = 40

# Groups for the list view, in display order.
GROUP_BACK = "Low back and pelvis"
GROUP_HIP = "Buttock and hip"
GROUP_THIGH = "Thigh"
GROUP_LOWER_LEG = "Knee and lower leg"
GROUP_FOOT = "Ankle and foot"
GROUP_OTHER = "Abdomen"


@dataclass(frozen=True)
class Region:
    """One body-chart region.

    ``level`` runs from the top of the chart (thoracolumbar, 10) to the toes (95); regions on
    the same horizontal band share a level. ``clickable`` is False only for ``saddle``.
    """

    id: str
    label: str
    view: str
    lateral: bool
    level: int
    group: str = ""
    hint: str = ""
    clickable: bool = True

    @property
    def sides(self) -> tuple[str, ...]:
        return LATERAL_SIDES if self.lateral else CENTRAL_SIDES


# Catalogue order, from the low back down to the toes; the list view and stored marks use it.
REGIONS: tuple[Region, ...] = (
    Region("lumbar_central", "Low back, midline", BACK, False, 20, GROUP_BACK),
    Region("lumbar_paraspinal", "Low back, beside the spine", BACK, True, 20, GROUP_BACK),
    Region("thoracolumbar", "Upper low back / lower ribs", BACK, False, 10, GROUP_BACK),
    Region(
        "sij_psis",
        "Sacroiliac joint (dimple over back of pelvis)",
        BACK,
        True,
        30,
        GROUP_BACK,
    ),
    Region("sacrum_coccyx", "Sacrum / tailbone", BACK, False, 32, GROUP_BACK),
    Region(
        "buttock_upper",
        "Buttock (upper-outer)",
        BACK,
        True,
        40,
        GROUP_HIP,
        "gluteus medius / minimus",
    ),
    Region(
        "buttock_deep",
        "Buttock (deep)",
        BACK,
        True,
        45,
        GROUP_HIP,
        "piriformis / sciatic notch",
    ),
    Region("hip_lateral", "Side of hip", BACK, True, 42, GROUP_HIP, "greater trochanter"),
    Region("groin", "Groin / front of hip", FRONT, True, 44, GROUP_HIP),
    Region("thigh_posterior", "Back of thigh", BACK, True, 50, GROUP_THIGH),
    Region("thigh_lateral", "Outside of thigh", BACK, True, 50, GROUP_THIGH),
    Region("thigh_anterior", "Front of thigh", FRONT, True, 50, GROUP_THIGH),
    Region("knee_posterior", "Back of knee", BACK, True, 60, GROUP_LOWER_LEG),
    Region("knee", "Front of knee", FRONT, True, 60, GROUP_LOWER_LEG),
    Region("calf", "Calf", BACK, True, 70, GROUP_LOWER_LEG),
    Region("leg_lateral", "Outside of lower leg", FRONT, True, 70, GROUP_LOWER_LEG),
    Region("shin", "Shin", FRONT, True, 70, GROUP_LOWER_LEG),
    Region("ankle", "Ankle", FRONT, True, 80, GROUP_FOOT),
    Region("foot_dorsum", "Top of foot", FRONT, True, 90, GROUP_FOOT, "≈ L5"),
    Region("lateral_foot", "Lateral border of the foot", FRONT, True, 90, GROUP_FOOT, "≈ S1"),
    Region("foot_sole", "Sole of foot", BACK, True, 90, GROUP_FOOT, "≈ S1"),
    Region("heel", "Heel", BACK, True, 92, GROUP_FOOT, "≈ S1"),
    Region("toes_big", "Big toe", FRONT, True, 95, GROUP_FOOT, "≈ L5"),
    Region("toes_lateral", "Little toes", FRONT, True, 95, GROUP_FOOT, "≈ S1"),
    # Red-flag region (cauda equina). It stays in the catalogue so the id is
    # known, but it is never clickable: a tick on a drawing is too easy to miss or to make by
    # accident, so saddle symptoms are asked as explicit red-flag questions instead.
    Region(
        "saddle",
        "Saddle area (genitals, anus, inner buttocks)",
        BACK,
        False,
        46,
        GROUP_HIP,
        "asked separately in the red-flag questions",
        clickable=False,
    ),
    Region("abdomen", "Abdomen", FRONT, False, 15, GROUP_OTHER),
)

REGION_BY_ID: dict[str, Region] = {r.id: r for r in REGIONS}
CLICKABLE_REGIONS: tuple[Region, ...] = tuple(r for r in REGIONS if r.clickable)
CLICKABLE_REGION_IDS: frozenset[str] = frozenset(r.id for r in CLICKABLE_REGIONS)

# "Leg" for the bilateral-leg red-flag rule: thigh and below. Buttock, side of hip and groin
# are left out on purpose: pain there on both sides is common in mechanical back pain and is
# not what "symptoms in both legs" means in the cauda equina screen.
LEG_REGIONS: frozenset[str] = frozenset(
    {
        "thigh_posterior",
        "thigh_lateral",
        "thigh_anterior",
        "knee_posterior",
        "knee",
        "calf",
        "leg_lateral",
        "shin",
        "ankle",
        "foot_dorsum",
        "lateral_foot",
        "foot_sole",
        "heel",
        "toes_big",
        "toes_lateral",
    }
)
# The sciatica proxy is "pain below the knee". Both knee regions (front and back) count as
# *at* the knee, not below it: back-of-knee pain is often referred from the thigh or hamstring,
# and counting it would over-call sciatica.
BELOW_KNEE_REGIONS: frozenset[str] = frozenset(
    {
        "calf",
        "leg_lateral",
        "shin",
        "ankle",
        "foot_dorsum",
        "lateral_foot",
        "foot_sole",
        "heel",
        "toes_big",
        "toes_lateral",
    }
)

_SIDE_LABELS = dict(SIDES)
_SYMPTOM_LABELS = dict(SYMPTOMS)
_SYMPTOM_ORDER = {value: i for i, (value, _label) in enumerate(SYMPTOMS)}
_REGION_ORDER = {r.id: i for i, r in enumerate(REGIONS)}


# --------------------------------------------------------------------------------------------
# Labels


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def mark_label(region_id: str, side: str = "", *, capital: bool = True) -> str:
    """Human label for a region on a side: "Left calf", "Calf (both sides)", "Abdomen"."""
    region = REGION_BY_ID.get(region_id)
    base = region.label if region else region_id
    if side in (LEFT, RIGHT):
        text = f"{_SIDE_LABELS[side]} {_lower_first(base)}"
    elif side == BOTH:
        text = f"{base} (both sides)"
    else:
        text = base
    return text if capital else _lower_first(text)


def symptoms_label(symptoms: Iterable[str]) -> str:
    """ "pain, pins and needles" (lower case, catalogue order, unknown values skipped)."""
    known = sorted((s for s in set(symptoms) if s in _SYMPTOM_LABELS), key=_SYMPTOM_ORDER.get)
    return ", ".join(_SYMPTOM_LABELS[s].lower() for s in known)


# --------------------------------------------------------------------------------------------
# Validation


def _as_bool(value: Any, where: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise ValueError(f"The “worst” setting for {where} is not valid.")


def validate_marks(data: Any) -> list[dict]:
    """Check and normalise body-chart marks; raise ``ValueError`` with a message for the user.

    Normalising: unknown keys are dropped, symptoms are de-duplicated and put in catalogue
    order, a central-only region with no side becomes "central", and a region listed twice is
    merged into one mark (left + right becomes "both", symptoms are joined, worst if either
    was). The result is sorted in ``REGIONS`` order.
    """
    if not isinstance(data, list):
        raise ValueError("The body chart data is not valid. Please mark the areas again.")
    if len(data) > MAX_MARKS:
        raise ValueError(
            f"The body chart has too many marked areas ({len(data)}); at most {MAX_MARKS}."
        )

    merged: dict[str, dict] = {}
    for item in data:
        if not isinstance(item, Mapping):
            raise ValueError("The body chart data is not valid. Please mark the areas again.")
        region_id = item.get("region")
        if not isinstance(region_id, str) or region_id not in REGION_BY_ID:
            shown = region_id if isinstance(region_id, str) else "?"
            raise ValueError(f"The body chart has an unknown area (“{shown[:40]}”).")
        region = REGION_BY_ID[region_id]
        if not region.clickable:
            raise ValueError(
                "The saddle area is not marked on the body chart; answer the saddle "
                "questions in the red-flag section instead."
            )

        side = item.get("side")
        if side in (None, "") and not region.lateral:
            side = CENTRAL
        if side in (None, ""):
            raise ValueError(
                f"Choose a side (left, right or both) for {_lower_first(region.label)}."
            )
        if side not in region.sides:
            if isinstance(side, str) and side in _SIDE_LABELS:
                if region.lateral:
                    allowed = "left, right or both"
                else:
                    allowed = "central (it is on the midline)"
                raise ValueError(
                    f"{region.label} can't be marked “{_SIDE_LABELS[side].lower()}”; "
                    f"choose {allowed}."
                )
            raise ValueError(f"The side chosen for {_lower_first(region.label)} is not valid.")

        where = mark_label(region_id, side, capital=False)
        symptoms = item.get("symptoms")
        if symptoms is None:
            symptoms = []
        if not isinstance(symptoms, list | tuple) or len(symptoms) > 2 * len(SYMPTOMS):
            raise ValueError(f"The symptom types for {where} are not valid.")
        for symptom in symptoms:
            if not isinstance(symptom, str) or symptom not in _SYMPTOM_LABELS:
                shown = symptom if isinstance(symptom, str) else "?"
                raise ValueError(f"Unknown symptom type “{shown[:40]}” for {where}.")
        if not symptoms:
            raise ValueError(
                f"Choose at least one symptom type for {where} (pain, numbness, "
                "pins and needles, weakness or burning)."
            )
        worst = _as_bool(item.get("worst"), where)

        previous = merged.get(region_id)
        if previous is None:
            merged[region_id] = {
                "region": region_id,
                "side": side,
                "symptoms": set(symptoms),
                "worst": worst,
            }
        else:
            if previous["side"] != side:
                previous["side"] = BOTH if region.lateral else CENTRAL
            previous["symptoms"].update(symptoms)
            previous["worst"] = previous["worst"] or worst

    marks = [
        {
            "region": m["region"],
            "side": m["side"],
            "symptoms": sorted(m["symptoms"], key=_SYMPTOM_ORDER.__getitem__),
            "worst": m["worst"],
        }
        for m in sorted(merged.values(), key=lambda m: _REGION_ORDER[m["region"]])
    ]

    worst = [m for m in marks if m["worst"]]
    if len(worst) > 1:
        names = " and ".join(mark_label(m["region"], m["side"], capital=False) for m in worst[:3])
        raise ValueError(f"Only one area can be the worst, but {names} are all marked worst.")
    if marks and not worst:
        raise ValueError("Choose which marked area is the worst.")
    return marks


# --------------------------------------------------------------------------------------------
# Derived values


def _sides_touched(side: str) -> set[str]:
    return {LEFT, RIGHT} if side == BOTH else {side}


def derive(marks: Sequence[Mapping]) -> dict:
    """Values computed from validated marks (docs/clinical-rules.md, "Body chart").

    - ``bilateral_leg_symptoms``: a leg region (``LEG_REGIONS``) marked "both", or leg regions
      marked on the left and on the right (e.g. left calf + right thigh). Feeds the red flags.
    - ``below_knee``: any ``BELOW_KNEE_REGIONS`` marked (sciatica proxy).
    - ``distal_extent``: id of the lowest marked region (highest ``level``; ties go to the
      first in ``REGIONS`` order), for tracking centralisation / peripheralisation.
    """
    leg_sides: set[str] = set()
    all_sides: set[str] = set()
    below_knee = False
    distal: Mapping | None = None
    worst: Mapping | None = None
    for mark in marks:
        region = REGION_BY_ID.get(mark.get("region", ""))
        if region is None:
            continue
        touched = _sides_touched(mark.get("side", ""))
        all_sides |= touched
        if region.id in LEG_REGIONS:
            leg_sides |= touched
        if region.id in BELOW_KNEE_REGIONS:
            below_knee = True
        if distal is None or (region.level, -_REGION_ORDER[region.id]) > (
            REGION_BY_ID[distal["region"]].level,
            -_REGION_ORDER[distal["region"]],
        ):
            distal = mark
        if mark.get("worst") and worst is None:
            worst = mark

    return {
        "bilateral_leg_symptoms": {LEFT, RIGHT} <= leg_sides,
        "below_knee": below_knee,
        "distal_extent": distal["region"] if distal else None,
        "distal_extent_level": REGION_BY_ID[distal["region"]].level if distal else None,
        "distal_extent_label": mark_label(distal["region"], distal["side"]) if distal else None,
        "worst_region": worst["region"] if worst else None,
        "worst_region_label": mark_label(worst["region"], worst["side"]) if worst else None,
        "sides_affected": [s for s in (LEFT, RIGHT, CENTRAL) if s in all_sides],
    }


# --------------------------------------------------------------------------------------------
# Reading a submitted form (with or without JavaScript)

LIST_PREFIX = "bc"
DEFAULT_FIELD_NAME = "body_chart"


def _getlist(post: Any, key: str) -> list[str]:
    """Values for ``key`` from a QueryDict (``getlist``) or a ``Mapping[str, list[str]]``."""
    values = post.getlist(key) if hasattr(post, "getlist") else post.get(key, [])
    if isinstance(values, str):
        values = [values]
    return [v for v in values if isinstance(v, str)]


def _last(post: Any, key: str) -> str:
    values = _getlist(post, key)
    return values[-1].strip() if values else ""


def list_field_names(region_id: str, prefix: str = LIST_PREFIX) -> tuple[str, str]:
    """(side field, symptoms field) names of the list view for a region."""
    return f"{prefix}-{region_id}-side", f"{prefix}-{region_id}-symptoms"


def worst_field_name(prefix: str = LIST_PREFIX) -> str:
    return f"{prefix}-worst"


def _draft_from_list(post: Any, prefix: str) -> list[dict]:
    """Whatever the list view says, unvalidated (may be incomplete)."""
    worst_values = _getlist(post, worst_field_name(prefix))
    worst_id = worst_values[-1] if worst_values else ""
    draft = []
    for region in CLICKABLE_REGIONS:
        side_name, symptoms_name = list_field_names(region.id, prefix)
        side = _last(post, side_name)
        symptoms = [s for s in _getlist(post, symptoms_name) if s]
        if not side and not symptoms:
            continue
        draft.append(
            {
                "region": region.id,
                "side": side,
                "symptoms": symptoms,
                "worst": worst_id == region.id,
            }
        )
    return draft


def _marks_from_list(post: Any, prefix: str) -> list[dict]:
    draft = _draft_from_list(post, prefix)
    worst_values = _getlist(post, worst_field_name(prefix))
    worst_id = worst_values[-1] if worst_values else ""
    marked = {m["region"] for m in draft}
    if worst_id and worst_id not in marked:
        if worst_id in CLICKABLE_REGION_IDS:
            raise ValueError(
                f"{REGION_BY_ID[worst_id].label} is chosen as the worst area but is not "
                "marked; choose its side and symptom types, or pick another worst area."
            )
        raise ValueError("The worst area chosen is not valid.")
    if len(draft) == 1:
        # A single marked area is the worst one by definition; don't make people say so.
        draft[0]["worst"] = True
    return validate_marks(draft)


def _parse_json(raw: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def marks_from_post(
    post: Any, *, field_name: str = DEFAULT_FIELD_NAME, prefix: str = LIST_PREFIX
) -> list[dict]:
    """Validated marks from a submitted widget; raises ``ValueError`` with a user message.

    ``post`` is a Django ``QueryDict`` or any ``Mapping[str, list[str]]``. The hidden JSON
    input is only submitted when JavaScript is running (the template renders it ``disabled``
    and the script enables it), so without JavaScript the list view's fields are read. If the
    JSON is present and valid it wins; if it is invalid, the list view is used when it has
    anything in it, otherwise the JSON's error is raised.
    """
    raw = _last(post, field_name)
    json_error: ValueError | None = None
    if raw:
        data = _parse_json(raw)
        try:
            return validate_marks(data)
        except ValueError as exc:
            json_error = exc
    list_is_empty = not _draft_from_list(post, prefix) and not _getlist(
        post, worst_field_name(prefix)
    )
    if json_error is not None and list_is_empty:
        raise json_error
    return _marks_from_list(post, prefix)


def draft_from_post(
    post: Any, *, field_name: str = DEFAULT_FIELD_NAME, prefix: str = LIST_PREFIX
) -> list[dict]:
    """What was submitted, cleaned just enough to be shown again after a validation error.

    Never raises: unknown regions, sides and symptoms are dropped, incomplete marks are kept
    so the person sees what they entered.
    """
    raw = _last(post, field_name)
    data = _parse_json(raw) if raw else None
    source = data[:MAX_MARKS] if isinstance(data, list) else _draft_from_list(post, prefix)
    return _clean_draft(source)


def _clean_draft(items: Iterable[Any]) -> list[dict]:
    seen: dict[str, dict] = {}
    for item in items:
        if not isinstance(item, Mapping):
            continue
        region = (
            REGION_BY_ID.get(item.get("region")) if isinstance(item.get("region"), str) else None
        )
        if region is None or not region.clickable or region.id in seen:
            continue
        side = item.get("side") if item.get("side") in region.sides else ""
        if not side and not region.lateral:
            side = CENTRAL
        symptoms = item.get("symptoms") if isinstance(item.get("symptoms"), list) else []
        symptoms = sorted(
            {s for s in symptoms if isinstance(s, str) and s in _SYMPTOM_LABELS},
            key=_SYMPTOM_ORDER.__getitem__,
        )
        seen[region.id] = {
            "region": region.id,
            "side": side,
            "symptoms": symptoms,
            "worst": item.get("worst") is True,
        }
    return sorted(seen.values(), key=lambda m: _REGION_ORDER[m["region"]])


# --------------------------------------------------------------------------------------------
# Template contexts


class _SafeMarkup(str):
    """Our own SVG markup (every text and attribute escaped while it was built).

    Django's template engine treats objects with ``__html__`` as already safe, so the partials
    can print it without ``mark_safe`` in callers.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def widget_context(
    *,
    marks: Sequence[Mapping] = (),
    post: Any = None,
    errors: Sequence[str] = (),
    field_name: str = DEFAULT_FIELD_NAME,
    prefix: str = LIST_PREFIX,
    id_prefix: str = "bc",
    words: ChartWords | None = None,
    title: str = "Body chart",
) -> dict:
    """Context for ``clinic/_bodychart_widget.html``.

    Pass ``marks`` (stored, valid) for a fresh form, or ``post`` to redisplay what was
    submitted after a validation error.
    """
    draft = draft_from_post(post, field_name=field_name, prefix=prefix) if post else None
    state = draft if draft is not None else _clean_draft(marks)
    by_region = {m["region"]: m for m in state}
    rows = []
    for region in CLICKABLE_REGIONS:
        mark = by_region.get(region.id, {})
        html_id = f"{id_prefix}-list-{region.id}"
        side_name, symptoms_name = list_field_names(region.id, prefix)
        rows.append(
            {
                "id": region.id,
                "label": region.label,
                "hint": region.hint,
                "group": region.group,
                "view": region.view,
                "lateral": region.lateral,
                "html_id": html_id,
                "side_name": side_name,
                "symptoms_name": symptoms_name,
                "worst_name": worst_field_name(prefix),
                "marked": bool(mark),
                "worst": bool(mark.get("worst")),
                "side_options": [
                    {
                        "value": value,
                        "label": _SIDE_LABELS[value],
                        "selected": mark.get("side") == value,
                    }
                    for value in region.sides
                ],
                "symptom_options": [
                    {
                        "id": f"{html_id}-{value}",
                        "value": value,
                        "label": label,
                        "checked": value in mark.get("symptoms", ()),
                    }
                    for value, label in SYMPTOMS
                ],
            }
        )
    return {
        "svg": _SafeMarkup(
            render_chart_svg(
                state,
                interactive=True,
                id_prefix=id_prefix,
                words=words or ENGLISH_WORDS,
                title=title,
            )
        ),
        "value_json": json.dumps(state, separators=(",", ":"), ensure_ascii=False),
        "regions": rows,
        "sides": SIDES,
        "symptoms": SYMPTOMS,
        "field_name": field_name,
        "errors": list(errors),
        "id_prefix": id_prefix,
        "saddle_label": REGION_BY_ID["saddle"].label,
    }


def display_context(
    marks: Sequence[Mapping], *, id_prefix: str = "bcv", title: str = "Body chart"
) -> dict:
    """Context for ``clinic/_bodychart_display.html`` (read-only chart and a short text list)."""
    state = _clean_draft(marks)
    items = []
    for mark in sorted(state, key=lambda m: (not m["worst"], _REGION_ORDER[m["region"]])):
        items.append(
            {
                "region": mark["region"],
                "label": mark_label(mark["region"], mark["side"]),
                "label_lower": mark_label(mark["region"], mark["side"], capital=False),
                "symptoms_label": symptoms_label(mark["symptoms"]),
                "worst": mark["worst"],
            }
        )
    return {
        "svg": _SafeMarkup(
            render_chart_svg(state, interactive=False, id_prefix=id_prefix, title=title)
        ),
        "items": items,
        "derived": derive(state),
    }


# --------------------------------------------------------------------------------------------
# Drawing
#
# One SVG, two views side by side (BACK, then FRONT), each drawn in a 200 x 512 box whose
# midline is x = 100. Regions are simple polygons for the viewer's right half, mirrored for the
# left half, and clipped to the smooth body outline, so they tile the body without having to
# trace its curves twice.

_VIEW_W = 200.0
_VIEW_OFFSETS = {BACK: 20.0, FRONT: 250.0}
_FIG_TOP = 62.0
_SVG_W = 470
_SVG_H = 710

# Text sizes in the drawing's units. On a 390-px phone the drawing is 332 px wide on the intake
# page (366 on the patient's pre-visit form), so a unit is at least 0.706 px there: 17 units read
# as 12 px, the least anyone should have to read on a phone. (A desktop draws it larger.)
PHONE_SCALE = 332 / _SVG_W
TEXT_SIZE = 17
HEADING_SIZE = 18
# The key: two columns of swatches, each with its word.
_KEY_COLUMN_W = 225
_KEY_ROW_H = 30
_KEY_SWATCH = (30, 20)

_INK = "#3f4a56"
_BODY_FILL = "#eef1f5"
_REGION_FILL = "#fbfcfd"
_REGION_STROKE = "#aab5c1"
_MARKED_STROKE = "#56606b"
_DETAIL = "#9aa6b2"
_WORST_STROKE = "#111418"
_STAR_FILL = "#ffd43b"
_WORST_WIDTH = "6"
_INCOMPLETE_FILL = "#dfe3e8"

# Symptom styles: base colour when it's the first symptom, overlay mark colour, pattern.
_PAIN_BASE = "#d7301f"
_SYMPTOM_STYLE = {
    "numbness": ("#c6dbef", "#08306b"),
    "pins_and_needles": ("#e2dcf0", "#3f007d"),
    "weakness": ("#c7e9c0", "#00441b"),
    "burning": ("#fdae6b", "#7f2704"),
}
_TILE = 12
_OVERLAYS = {
    # dotted
    "numbness": (
        '<circle cx="3" cy="3" r="1.6" fill="{c}"/><circle cx="9" cy="9" r="1.6" fill="{c}"/>'
    ),
    # thin cross-hatch
    "pins_and_needles": (
        '<path d="M0 0L12 12M12 0L0 12M-1 11L1 13M11 -1L13 1M-1 1L1 -1M11 13L13 11" '
        'stroke="{c}" stroke-width="0.9" fill="none"/>'
    ),
    # thick diagonal stripes (one direction)
    "weakness": (
        '<path d="M0 12L12 0M-3 3L3 -3M9 15L15 9" stroke="{c}" stroke-width="2.6" fill="none"/>'
    ),
    # zigzag
    "burning": (
        '<path d="M0 5L3 2L6 5L9 2L12 5M0 11L3 8L6 11L9 8L12 11" stroke="{c}" '
        'stroke-width="1.1" fill="none" stroke-linejoin="round"/>'
    ),
}

_ID_PREFIX_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,40}$")


def _esc(text: str) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _num(value: float) -> str:
    if abs(value - round(value)) < 0.005:
        return str(int(round(value)))
    return f"{value:.2f}".rstrip("0").rstrip(".")


Point = tuple[float, float]


def _mirror(points: Sequence[Sequence]) -> list[tuple]:
    return [(_VIEW_W - p[0], p[1], *p[2:]) for p in points]


def _polygon_d(points: Sequence[Sequence]) -> str:
    head, *rest = points
    return (
        f"M{_num(head[0])} {_num(head[1])}"
        + "".join(f"L{_num(p[0])} {_num(p[1])}" for p in rest)
        + "Z"
    )


def _smooth_d(points: Sequence[Sequence]) -> str:
    """Closed Catmull-Rom curve through points, as cubic Béziers; a point (x, y, "c") is a
    sharp corner."""
    n = len(points)
    pts = [(float(p[0]), float(p[1])) for p in points]
    corner = [len(p) > 2 for p in points]
    parts = [f"M{_num(pts[0][0])} {_num(pts[0][1])}"]
    for i in range(n):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[(i + 1) % n], pts[(i + 2) % n]
        c1 = p1 if corner[i] else (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        if corner[(i + 1) % n]:
            c2 = p2
        else:
            c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{_num(c1[0])} {_num(c1[1])} {_num(c2[0])} {_num(c2[1])} {_num(p2[0])} {_num(p2[1])}"
        )
    parts.append("Z")
    return "".join(parts)


def _open_smooth_d(points: Sequence[Point]) -> str:
    """Open Catmull-Rom curve (for detail lines)."""
    pts = [(float(x), float(y)) for x, y in points]
    parts = [f"M{_num(pts[0][0])} {_num(pts[0][1])}"]
    for i in range(len(pts) - 1):
        p0 = pts[i - 1] if i > 0 else pts[i]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[i + 2] if i + 2 < len(pts) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{_num(c1[0])} {_num(c1[1])} {_num(c2[0])} {_num(c2[1])} {_num(p2[0])} {_num(p2[1])}"
        )
    return "".join(parts)


def _pts(text: str) -> tuple[tuple, ...]:
    """Parse "x,y x,y ..." into points; a trailing "c" (x,yc) marks a sharp corner."""
    points = []
    for token in text.split():
        x, y = token.split(",")
        if y.endswith("c"):
            points.append((float(x), float(y[:-1]), "c"))
        else:
            points.append((float(x), float(y)))
    return tuple(points)


# Right half of the outline (viewer's right), from the top of the head, clockwise, to the
# crotch. The left half is its mirror image. One line per body part.
_OUTLINE_RIGHT = _pts(
    """
    100,6 111.5,8.5 119,17 122,30 124.5,36 124,45 120.5,50 117.5,60 113,69.5
    112,79 113.5,89
    124,96 139,100.5 152,106 159,117
    162.5,134 164.5,156 167,178 170.5,196 175,216 179.5,238 182.5,255
    187,264 190.5,276 190,290 186.5,303 180.5,311 174.5,309 171.5,298 168.5,284 166.5,270
    164,258 158.5,236 153,214 149,196 145.5,176 143,154 140.5,139c
    137,152 136.5,172 134.5,192 133.5,208 135,226 139.5,243 142.5,260 143.5,278
    143,300 139.5,324 135,346 131,364 131,378 134,396 133,418 128,440 124,458 123.5,469
    129,481 133.5,494 131,505 119,509 109,506 105.5,494
    108.5,474 110,458 108.5,438 106.5,414 106.5,392 108,376 107,360 105,336 103.5,310
    101.5,290 100,280c
    """
)
# (lines: head, neck, shoulder, outer arm angled slightly away from the body, hand, inner
# arm to the armpit, side of the trunk, outer leg, foot, inner leg to the crotch)


@functools.cache
def _outline_d() -> str:
    right = list(_OUTLINE_RIGHT)
    # Mirror the inner points (everything except the two on the midline), bottom to top.
    left = _mirror(list(reversed(right[1:-1])))
    return _smooth_d(right + left)


def _curve(*points: Point, n: int = 6) -> list[Point]:
    """Points along an open Catmull-Rom curve through ``points`` (both ends included), so
    neighbouring regions can share one smooth boundary."""
    pts = [(float(x), float(y)) for x, y in points]
    if len(pts) == 2:
        return pts
    out = [pts[0]]
    for i in range(len(pts) - 1):
        p0 = pts[i - 1] if i > 0 else pts[i]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[i + 2] if i + 2 < len(pts) else p2
        for step in range(1, n + 1):
            t = step / n
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * p1[k]
                        + (-p0[k] + p2[k]) * t
                        + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                        + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3
                    )
                    for k in (0, 1)
                )
            )
    return out


def _ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 20) -> list[Point]:
    return [
        (cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    ]


def _rev(points: Sequence[Point]) -> list[Point]:
    return list(reversed(points))


def _central(right_half: Sequence[Point]) -> list[Point]:
    """A midline shape from its right half (first and last points on the midline)."""
    return list(right_half) + _mirror(_rev(right_half))[1:-1]


# Shared boundaries of the BACK view (viewer's right half = patient's right).
_B_A = (108.0, 236.0)  # top of sacrum, beside the midline
_B_B = (107.0, 254.0)  # sacrum edge where the deep-buttock boundary starts
_B_C = (100.0, 279.0)  # coccyx
_B_H1 = (134.5, 250.0)  # top of the side-of-hip strip
_B_H2 = (133.0, 268.0)
_B_H3 = (134.0, 293.0)  # gluteal fold meets the side of the thigh
_B_G0 = (100.0, 290.0)
_B_K1 = (127.0, 352.0)
_B_IC = _curve(_B_A, (124, 233), (143, 226))  # iliac crest ("belt line")
_B_SAC1 = _curve(_B_A, _B_B)
_B_SAC2 = _curve(_B_B, (105, 266), _B_C)
_B_UD = _curve(_B_B, (121, 258), _B_H2)  # upper-outer / deep buttock
_B_HL1 = _curve(_B_H1, (133.2, 259), _B_H2)
_B_HL2 = _curve(_B_H2, (133, 281), _B_H3)
_B_GF = _curve(_B_G0, (111, 295), (123, 295.5), _B_H3)  # gluteal fold
_B_TL = _curve(_B_H3, (131, 322), _B_K1)  # back / outside of thigh

# Region shapes: (region id, subpaths for the viewer's right half, star anchor). A second
# subpath is a hole (fill-rule evenodd). Lateral regions are mirrored to the left half;
# central ones are given whole.
_Spec = tuple[str, tuple[Sequence[Point], ...], Point]

_BACK_SHAPES: tuple[_Spec, ...] = (
    ("thoracolumbar", (((59, 166), (141, 166), (141, 200), (59, 200)),), (100, 183)),
    ("lumbar_central", (((92, 200), (108, 200), _B_A, (92, 236)),), (100, 218)),
    (
        "lumbar_paraspinal",
        (((108, 200), (143, 200), *_rev(_B_IC)),),
        (121, 216),
    ),
    ("sij_psis", (_ellipse(115, 245, 6.5, 7.5),), (115, 245)),
    ("sacrum_coccyx", (_central([(100, 236), *_B_SAC1, *_B_SAC2[1:]]),), (100, 252)),
    (
        "buttock_upper",
        (
            [*_B_IC, (150, 226), (150, 250), *_B_HL1, *_rev(_B_UD)[1:], *_rev(_B_SAC1)[1:-1]],
            _ellipse(115, 245, 6.5, 7.5),
        ),
        (130, 241),
    ),
    (
        "buttock_deep",
        ([*_B_UD, *_B_HL2[1:], *_rev(_B_GF)[1:], *_rev(_B_SAC2)[:-1]],),
        (117, 277),
    ),
    (
        "hip_lateral",
        ([_B_H1, (150, 250), (150, 296), *_rev(_B_HL2), *_rev(_B_HL1)[1:-1]],),
        (139, 272),
    ),
    ("thigh_posterior", ([*_B_GF, *_B_TL[1:], (100, 352)],), (115, 322)),
    ("thigh_lateral", ([_B_H3, (150, 296), (150, 352), *_rev(_B_TL)[:-1]],), (136, 316)),
    ("knee_posterior", (((100, 352), (150, 352), (150, 384), (100, 384)),), (118, 368)),
    ("calf", (((100, 384), (150, 384), (150, 458), (100, 458)),), (119, 418)),
    ("foot_sole", (((100, 458), (150, 458), (150, 484), (100, 484)),), (118, 471)),
    # The heel (S1): the bottom of the foot seen from behind.
    ("heel", (((100, 484), (150, 484), (150, 515), (100, 515)),), (119, 496)),
)

# Shared boundaries of the FRONT view (viewer's right half = patient's left).
_F_CA = _curve((100, 183), (118, 190), (140, 205))  # lower ribs
_F_IN = _curve((142, 238), (128, 256), (113, 271), (100, 280))  # inguinal line
_F_GL = _curve((150, 262), (134, 278), (117, 291), (101.5, 297))  # groin / thigh

_FRONT_SHAPES: tuple[_Spec, ...] = (
    ("abdomen", (_central([*_F_CA, *_F_IN]),), (100, 228)),
    ("groin", ([*_rev(_F_IN), (150, 240), *_F_GL, (100, 297)],), (124, 272)),
    ("thigh_anterior", ([(100, 297), *_rev(_F_GL), (150, 352), (100, 352)],), (121, 322)),
    ("knee", (((100, 352), (150, 352), (150, 384), (100, 384)),), (119, 368)),
    ("shin", (((100, 384), (121, 384), (118, 452), (100, 452)),), (112, 418)),
    ("leg_lateral", (((121, 384), (150, 384), (150, 452), (118, 452)),), (127, 412)),
    ("ankle", (((100, 452), (150, 452), (150, 472), (100, 472)),), (116.5, 462)),
    ("foot_dorsum", (((100, 472), (119.5, 472), (121, 492), (100, 492)),), (113, 482)),
    # The lateral border of the foot (S1): the outer edge, from the ankle to the little toe.
    ("lateral_foot", (((119.5, 472), (150, 472), (150, 492), (121, 492)),), (125.5, 483)),
    ("toes_big", (((100, 492), (116.5, 492), (116.5, 515), (100, 515)),), (111, 500)),
    ("toes_lateral", (((116.5, 492), (150, 492), (150, 515), (116.5, 515)),), (124.5, 500)),
)

_VIEW_SHAPES = {BACK: _BACK_SHAPES, FRONT: _FRONT_SHAPES}


def _side_of_half(view: str, viewer_right: bool) -> str:
    # BACK: seen from behind, the patient's left is on the viewer's left.
    # FRONT: facing the viewer, the patient's left is on the viewer's right.
    if view == BACK:
        return RIGHT if viewer_right else LEFT
    return LEFT if viewer_right else RIGHT


@dataclass(frozen=True)
class _Shape:
    view: str
    region: str
    side: str
    d: str
    anchor: Point


def _subpaths_d(subpaths: Iterable[Sequence[Point]]) -> str:
    return "".join(_polygon_d(sub) for sub in subpaths)


@functools.cache
def _shapes() -> tuple[_Shape, ...]:
    order = {r.id: i for i, r in enumerate(REGIONS)}
    shapes = []
    for view in (BACK, FRONT):
        specs = sorted(_VIEW_SHAPES[view], key=lambda spec: order[spec[0]])
        for region_id, subpaths, anchor in specs:
            if not REGION_BY_ID[region_id].lateral:
                shapes.append(_Shape(view, region_id, CENTRAL, _subpaths_d(subpaths), anchor))
                continue
            # Viewer's left half first, so the tab order reads left to right.
            shapes.append(
                _Shape(
                    view,
                    region_id,
                    _side_of_half(view, viewer_right=False),
                    _subpaths_d(_mirror(sub) for sub in subpaths),
                    (_VIEW_W - anchor[0], anchor[1]),
                )
            )
            shapes.append(
                _Shape(
                    view,
                    region_id,
                    _side_of_half(view, viewer_right=True),
                    _subpaths_d(subpaths),
                    anchor,
                )
            )
    return tuple(shapes)


# Detail lines drawn over the regions (never clickable), per view, in view coordinates.
_BACK_DETAILS: tuple[tuple[Point, ...], ...] = (
    # spine
    ((100, 96), (100, 170)),
    # shoulder blades
    ((112, 118), (124, 114), (134, 120), (130, 146), (116, 156)),
    # natal cleft (the gluteal folds are region edges already)
    ((100, 271), (100, 288)),
    # back of knee creases
    ((109, 368), (118, 370.5), (127, 368)),
    # heels
    ((112, 488), (119, 495), (127, 488)),
)
_FRONT_DETAILS: tuple[tuple[Point, ...], ...] = (
    # collarbones
    ((103, 103), (114, 105.5), (129, 103), (139, 104.5)),
    # chest
    ((106, 150), (118, 158), (132, 152)),
    # kneecaps
    ((112, 360), (109.5, 368), (112.5, 376), (119, 378), (124.5, 371), (123, 361), (117.5, 357)),
    # toes
    ((121, 496), (121, 505)),
    ((125.5, 495.5), (125.5, 504)),
    ((129.5, 495), (129.5, 501.5)),
)
_VIEW_DETAILS = {BACK: _BACK_DETAILS, FRONT: _FRONT_DETAILS}


def _star_d(r_outer: float = 7.5, r_inner: float = 3.2) -> str:
    points = []
    for i in range(10):
        r = r_outer if i % 2 == 0 else r_inner
        angle = math.pi / 5 * i - math.pi / 2
        points.append((r * math.cos(angle), r * math.sin(angle)))
    return _polygon_d(points)


_STAR_D = _star_d()


def _fill_key(symptoms: Iterable[str]) -> str:
    known = sorted({s for s in symptoms if s in _SYMPTOM_LABELS}, key=_SYMPTOM_ORDER.get)
    return "--".join(known)


def _all_fill_keys() -> list[str]:
    values = [v for v, _ in SYMPTOMS]
    keys = []
    for mask in range(1, 1 << len(values)):
        keys.append("--".join(v for i, v in enumerate(values) if mask & (1 << i)))
    return keys


def _pattern(prefix: str, key: str) -> str:
    symptoms = key.split("--")
    base = _PAIN_BASE if "pain" in symptoms else _SYMPTOM_STYLE[symptoms[0]][0]
    overlays = "".join(
        _OVERLAYS[s].format(c=_SYMPTOM_STYLE[s][1]) for s in symptoms if s in _OVERLAYS
    )
    return (
        f'<pattern id="{_esc(prefix)}-f-{key}" patternUnits="userSpaceOnUse" '
        f'width="{_TILE}" height="{_TILE}">'
        f'<rect width="{_TILE}" height="{_TILE}" fill="{base}"/>{overlays}</pattern>'
    )


def _fill_for(prefix: str, symptoms: Sequence[str]) -> str:
    key = _fill_key(symptoms)
    if not key:
        return _INCOMPLETE_FILL
    if key == "pain":
        return _PAIN_BASE  # plain colour: no tile seams in PDF viewers
    return f"url(#{prefix}-f-{key})"


def _shape_state(marks: Iterable[Mapping]) -> dict[tuple[str, str], Mapping]:
    """(region, drawn side) -> mark, tolerant of drafts (unknown values are skipped)."""
    state: dict[tuple[str, str], Mapping] = {}
    for mark in marks:
        if not isinstance(mark, Mapping):
            continue
        region = (
            REGION_BY_ID.get(mark.get("region")) if isinstance(mark.get("region"), str) else None
        )
        if region is None or not region.clickable:
            continue
        side = mark.get("side")
        if not region.lateral:
            drawn = (CENTRAL,)
        elif side == BOTH:
            drawn = (LEFT, RIGHT)
        elif side in (LEFT, RIGHT):
            drawn = (side,)
        else:
            continue
        for s in drawn:
            state.setdefault((region.id, s), mark)
    return state


# The words drawn on the chart, in English: what staff pages show. A page in another language
# (the patient's pre-visit intake) passes its own `ChartWords` with the same keys translated.
_ENGLISH_TEXT = {
    "back": "BACK",
    "back_sub": "seen from behind",
    "front": "FRONT",
    "front_sub": "facing you",
    "left_letter": "L",
    "right_letter": "R",
    "patient_left": "Patient's left",
    "patient_right": "Patient's right",
    "key": "Key",
    "worst_key": "Worst area",
    "not_marked": "%(label)s, not marked",
    "no_type_yet": "no symptom type yet",
    "both_sides": "both sides",
    "worst_area": "worst area",
    "no_type": "no symptom type",
    "described": "%(label)s: %(symptoms)s",
    "described_worst": "%(label)s: %(symptoms)s (worst)",
    "marked_areas": "Marked areas: %(areas)s.",
    "none_marked": "No areas marked.",
    "left": "Left %(area)s",
    "right": "Right %(area)s",
    "both": "%(area)s (both sides)",
}


@dataclass(frozen=True)
class ChartWords:
    """Region and symptom names and the chart's other words; empty means English."""

    regions: Mapping[str, str] = field(default_factory=dict)
    symptoms: Mapping[str, str] = field(default_factory=dict)
    text: Mapping[str, str] = field(default_factory=dict)

    def say(self, key: str, **values: str) -> str:
        template = self.text.get(key) or _ENGLISH_TEXT[key]
        return template % values if values else template

    def label(self, region_id: str, side: str = "") -> str:
        if not self.regions:
            return mark_label(region_id, side)
        base = self.regions.get(region_id) or mark_label(region_id)
        if side in (LEFT, RIGHT):
            text = self.say(side, area=_lower_first(base))
            return text[:1].upper() + text[1:]
        if side == BOTH:
            return self.say("both", area=base)
        return base

    def symptom_list(self, symptoms: Iterable[str]) -> str:
        if not self.symptoms:
            return symptoms_label(symptoms)
        known = sorted((s for s in set(symptoms) if s in _SYMPTOM_LABELS), key=_SYMPTOM_ORDER.get)
        return ", ".join(str(self.symptoms.get(s, _SYMPTOM_LABELS[s])).lower() for s in known)

    def symptom(self, value: str, english: str) -> str:
        return str(self.symptoms.get(value, english))


ENGLISH_WORDS = ChartWords()


def _shape_aria(shape: _Shape, mark: Mapping | None, words: ChartWords = ENGLISH_WORDS) -> str:
    label = words.label(shape.region, shape.side)
    if not mark:
        return words.say("not_marked", label=label)
    parts = [label]
    types = words.symptom_list(mark.get("symptoms", ()))
    parts.append(types if types else words.say("no_type_yet"))
    if mark.get("side") == BOTH:
        parts.append(words.say("both_sides"))
    if mark.get("worst") is True:
        parts.append(words.say("worst_area"))
    return ", ".join(parts)


def _key_spot(index: int) -> tuple[int, int]:
    """Where the key's swatch number `index` goes: two columns, filled row by row."""
    return (index % 2) * _KEY_COLUMN_W, 12 + (index // 2) * _KEY_ROW_H


def _legend(prefix: str, y: float, words: ChartWords = ENGLISH_WORDS) -> str:
    out = [f'<g class="bc-legend" transform="translate(20 {_num(y)})">']
    key = _esc(words.say("key"))
    out.append(
        f'<text x="0" y="0" font-size="{TEXT_SIZE}" font-weight="600" fill="{_INK}">{key}</text>'
    )
    w, h = _KEY_SWATCH
    items = [(value, words.symptom(value, label)) for value, label in SYMPTOMS]
    for i, (value, label) in enumerate(items):
        x, yy = _key_spot(i)
        out.append(
            f'<rect x="{x}" y="{yy}" width="{w}" height="{h}" rx="2" '
            f'fill="{_fill_for(prefix, [value])}" stroke="{_INK}" stroke-width="0.8"/>'
        )
        out.append(
            f'<text x="{x + w + 8}" y="{yy + 15}" font-size="{TEXT_SIZE}" '
            f'fill="{_INK}">{_esc(label)}</text>'
        )
    x, yy = _key_spot(len(items))
    out.append(
        f'<rect x="{x}" y="{yy}" width="{w}" height="{h}" rx="2" fill="{_REGION_FILL}" '
        f'stroke="{_WORST_STROKE}" stroke-width="2.4"/>'
    )
    out.append(
        f'<path d="{_STAR_D}" transform="translate({x + w // 2} {yy + h // 2}) scale(1.05)" '
        f'fill="{_STAR_FILL}" stroke="{_WORST_STROKE}" stroke-width="1.1" '
        'stroke-linejoin="round"/>'
    )
    worst = _esc(words.say("worst_key"))
    out.append(
        f'<text x="{x + w + 8}" y="{yy + 15}" font-size="{TEXT_SIZE}" fill="{_INK}">{worst}</text>'
    )
    out.append("</g>")
    return "".join(out)


def _worst_outline(shape_id: str, d: str, outline: str) -> str:
    """A thick line just inside the shape's visible edge: the shape and the body outline,
    stroked wide and clipped to the shape (the script builds the same markup)."""
    clip_id = f"{shape_id}-w"
    stroke = (
        f'fill="none" stroke="{_WORST_STROKE}" stroke-width="{_WORST_WIDTH}" '
        'stroke-linejoin="round"'
    )
    return (
        f'<clipPath id="{_esc(clip_id)}"><path d="{d}" clip-rule="evenodd"/></clipPath>'
        f'<g clip-path="url(#{_esc(clip_id)})"><path d="{d}" {stroke}/>'
        f'<path d="{outline}" {stroke}/></g>'
    )


def render_chart_svg(
    marks: Iterable[Mapping] = (),
    *,
    interactive: bool,
    id_prefix: str = "bc",
    title: str = "Body chart",
    words: ChartWords = ENGLISH_WORDS,
) -> str:
    """The body chart as one SVG: BACK view on the left, FRONT view on the right, and a key.

    ``marks`` may be validated marks or a draft (unknown values are skipped). In interactive
    mode every clickable shape is a keyboard-focusable button with an ``aria-label``, and the
    patterns for every symptom combination are included so the script can restyle shapes.
    The output is deterministic and self-contained (no scripts, no external references).
    ``id_prefix`` must be unique on the page.
    """
    if not _ID_PREFIX_RE.match(id_prefix):
        raise ValueError("id_prefix must start with a letter and use letters, digits, - or _.")
    p = id_prefix
    marks = list(marks)
    state = _shape_state(marks)
    shapes = _shapes()
    outline = _outline_d()

    used_keys = sorted({_fill_key(m.get("symptoms", ())) for m in state.values()} - {""})
    keys = _all_fill_keys() if interactive else sorted(set(used_keys) | {v for v, _ in SYMPTOMS})

    title_id, desc_id = f"{p}-title", f"{p}-desc"
    described = [
        words.say(
            "described_worst" if m.get("worst") is True else "described",
            label=words.label(m["region"], m.get("side", "")),
            symptoms=words.symptom_list(m.get("symptoms", ())) or words.say("no_type"),
        )
        for m in _clean_draft(marks)
    ]
    desc = (
        words.say("marked_areas", areas="; ".join(described))
        if described
        else words.say("none_marked")
    )

    root_attrs: dict[str, Any] = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {_SVG_W} {_SVG_H}",
        "class": "bc-svg" + (" bc-svg--interactive" if interactive else ""),
        "data-bc-prefix": p,
        "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', "
        "Arial, sans-serif",
    }
    if interactive:
        root_attrs["role"] = "group"
        root_attrs["aria-labelledby"] = title_id
        # Chromium puts the <svg> itself in the tab order otherwise; only regions belong there.
        root_attrs["tabindex"] = "-1"
        # Colours the script needs to restyle shapes exactly as the server draws them.
        root_attrs["data-bc-fill-empty"] = _REGION_FILL
        root_attrs["data-bc-fill-incomplete"] = _INCOMPLETE_FILL
        root_attrs["data-bc-fill-pain"] = _PAIN_BASE
        root_attrs["data-bc-stroke-empty"] = _REGION_STROKE
        root_attrs["data-bc-stroke-marked"] = _MARKED_STROKE
        root_attrs["data-bc-worst-stroke"] = _WORST_STROKE
        root_attrs["data-bc-worst-width"] = _WORST_WIDTH
    else:
        root_attrs["role"] = "img"
        root_attrs["aria-labelledby"] = f"{title_id} {desc_id}"
    root = "<svg" + "".join(f' {k}="{_esc(v)}"' for k, v in root_attrs.items()) + ">"

    out = [root, f'<title id="{title_id}">{_esc(title)}</title>']
    out.append(f'<desc id="{desc_id}">{_esc(desc)}</desc>')
    out.append("<defs>")
    out.append(f'<clipPath id="{p}-clip"><path d="{outline}"/></clipPath>')
    out.extend(_pattern(p, key) for key in keys)
    out.append("</defs>")
    out.append(f'<rect width="{_SVG_W}" height="{_SVG_H}" fill="#ffffff"/>')

    headings = {
        BACK: (_esc(words.say("back")), _esc(words.say("back_sub"))),
        FRONT: (_esc(words.say("front")), _esc(words.say("front_sub"))),
    }
    for view in (BACK, FRONT):
        ox = _VIEW_OFFSETS[view]
        out.append(
            f'<g class="bc-view" data-view="{view}" '
            f'transform="translate({_num(ox)} {_num(_FIG_TOP)})">'
        )
        head, sub = headings[view]
        out.append(
            f'<text x="100" y="-40" text-anchor="middle" font-size="{HEADING_SIZE}" '
            f'font-weight="700" letter-spacing="1.5" fill="{_INK}">{head}</text>'
            f'<text x="100" y="-15" text-anchor="middle" font-size="{TEXT_SIZE}" '
            f'fill="#5c6773">{sub}</text>'
        )
        # Side badges, placed level with the head, outside the figure.
        for viewer_right in (False, True):
            side = _side_of_half(view, viewer_right)
            cx = 186 if viewer_right else 14
            letter = _esc(words.say("left_letter" if side == LEFT else "right_letter"))
            word = words.say("patient_left" if side == LEFT else "patient_right")
            out.append(
                f'<g class="bc-side-badge" aria-hidden="true">'
                f"<title>{_esc(word)}</title>"
                f'<circle cx="{cx}" cy="40" r="13" fill="#ffffff" stroke="{_INK}" '
                f'stroke-width="1.4"/>'
                f'<text x="{cx}" y="46" text-anchor="middle" font-size="{TEXT_SIZE}" '
                f'font-weight="700" fill="{_INK}">{letter}</text></g>'
            )
        out.append(f'<path class="bc-body" d="{outline}" fill="{_BODY_FILL}" stroke="none"/>')

        out.append(f'<g class="bc-shapes" clip-path="url(#{p}-clip)">')
        worst_outlines = []
        stars = []
        for shape in (s for s in shapes if s.view == view):
            mark = state.get((shape.region, shape.side))
            marked = mark is not None
            worst = marked and mark.get("worst") is True
            attrs: dict[str, Any] = {
                "id": f"{p}-{view}-{shape.region}-{shape.side}",
                "class": "bc-shape",
                "d": shape.d,
                "fill": _fill_for(p, mark.get("symptoms", ())) if marked else _REGION_FILL,
                "stroke": _MARKED_STROKE if marked else _REGION_STROKE,
                "stroke-width": "0.8",
                "fill-rule": "evenodd",
                "data-region": shape.region,
                "data-side": shape.side,
                "data-marked": "true" if marked else "false",
            }
            if interactive:
                attrs.update(
                    {
                        "data-label": words.label(shape.region, shape.side),
                        "data-cx": _num(shape.anchor[0]),
                        "data-cy": _num(shape.anchor[1]),
                        "role": "button",
                        "tabindex": "0",
                        "aria-label": _shape_aria(shape, mark, words),
                    }
                )
            out.append("<path" + "".join(f' {k}="{_esc(v)}"' for k, v in attrs.items()) + "/>")
            if worst:
                worst_outlines.append(_worst_outline(attrs["id"], shape.d, outline))
                stars.append(shape.anchor)
        out.append("</g>")
        out.append(
            f'<g class="bc-worst-outlines" clip-path="url(#{p}-clip)" pointer-events="none">'
            + "".join(worst_outlines)
            + "</g>"
        )
        out.append(
            f'<g class="bc-details" fill="none" stroke="{_DETAIL}" stroke-width="0.9" '
            'stroke-linecap="round" pointer-events="none">'
        )
        for line in _VIEW_DETAILS[view]:
            out.append(f'<path d="{_open_smooth_d(line)}"/>')
            mirrored = tuple((_VIEW_W - x, y) for x, y in line)
            if mirrored != line:
                out.append(f'<path d="{_open_smooth_d(mirrored)}"/>')
        if view == FRONT:
            out.append(f'<circle cx="100" cy="226" r="1.6" fill="{_DETAIL}" stroke="none"/>')
        out.append("</g>")
        out.append(
            f'<path class="bc-outline" d="{outline}" fill="none" stroke="{_INK}" '
            'stroke-width="1.6" stroke-linejoin="round" pointer-events="none"/>'
        )
        out.append(
            f'<g class="bc-stars" pointer-events="none" data-star-d="{_STAR_D}" '
            f'data-star-fill="{_STAR_FILL}" data-star-stroke="{_WORST_STROKE}">'
        )
        for x, y in stars:
            out.append(
                f'<path d="{_STAR_D}" transform="translate({_num(x)} {_num(y)})" '
                f'fill="{_STAR_FILL}" stroke="{_WORST_STROKE}" stroke-width="1.2" '
                'stroke-linejoin="round"/>'
            )
        out.append("</g>")
        out.append("</g>")

    out.append(_legend(p, _FIG_TOP + 512 + 34, words))
    out.append("</svg>")
    return "".join(out)


def intake_chart(intake) -> dict | None:
    """An intake's drawn body chart, read-only (None when nothing was marked)."""
    if intake is None or not intake.body_chart:
        return None
    return display_context(intake.body_chart, title="Where it hurts")
