"""What a figure description may hold, and the check that it can be drawn.

The vocabulary (views, props, pose keys, limbs, highlight regions) lives here so the check,
the body and the scene all read one list.
"""

from __future__ import annotations

import math


class FigureError(ValueError):
    """The figure description cannot be drawn."""


# --- the vocabulary of a description ----------------------------------------------------------

VIEWS = {
    "side": (0.0, 7.0),
    "side_high": (0.0, 24.0),
    "top": (0.0, 90.0),
    "top_tilt": (0.0, 65.0),
    "front": (90.0, 6.0),
    "front_high": (90.0, 30.0),
    "back_high": (-90.0, 30.0),
    "three_quarter": (35.0, 28.0),
}


PROP_TYPES = ("floor", "mat", "chair", "rope", "wall", "band", "pool", "dowel", "pillow")

SIDES = ("r", "l")
_ANGLE_KEYS = (
    "trunk",
    "roll",
    "yaw",
    "lumbar",
    "thorax",
    "side_bend",
    "twist",
    "neck",
    "belly",
    "arch",
)
_LIMB_KEYS = (
    "hip",
    "hip_abd",
    "hip_rot",
    "knee",
    "ankle",
    "shoulder",
    "shoulder_abd",
    "elbow",
)
POSE_KEYS = frozenset(
    ("root", "ground", *_ANGLE_KEYS)
    + tuple(f"{s}_{k}" for s in SIDES for k in (*_LIMB_KEYS, "hand", "arm_pole"))
)


LIMBS = ("r_leg", "l_leg", "r_arm", "l_arm", "trunk")


HIGHLIGHT_REGIONS = (
    "hamstrings",
    "quadriceps",
    "adductors",
    "abductors",
    "calf",
    "gluteals",
    "piriformis",
    "hip_flexors",
    "sciatic",
    "lumbar",
    "back",
    "abdominals",
    "trunk_side",
    "obliques",
)


def as_prop(p) -> dict:
    if not isinstance(p, str | dict):
        raise FigureError("each prop is a name or a dict with a 'type'")
    prop = {"type": p} if isinstance(p, str) else dict(p)
    if prop.get("type") not in PROP_TYPES:
        raise FigureError(f"unknown prop {prop.get('type')!r}")
    return prop


# --- validation -------------------------------------------------------------------------------


FIGURE_KEYS = frozenset(
    ("view", "camera", "work", "props", "plant", "floor", "start", "end", "highlight", "arrow")
)
_HAND_SPEC_KEYS = frozenset(("at", "to", "t", "off", "boff", "coff", "y", "reach", "frac"))


def _is_num(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _check_vector(v, what: str, sizes=(2, 3)) -> None:
    if not isinstance(v, list | tuple) or len(v) not in sizes or not all(_is_num(x) for x in v):
        raise FigureError(f"{what} must be a list of {' or '.join(map(str, sizes))} numbers")


def _check_hand(spec, what: str) -> None:
    if not isinstance(spec, dict) or not spec.keys() <= _HAND_SPEC_KEYS:
        raise FigureError(f"{what} must be a hand target dict")
    if ("at" in spec) == ("reach" in spec):
        raise FigureError(f"{what} needs exactly one of 'at' or 'reach'")
    for key in ("at", "to", "reach"):
        if key in spec and not isinstance(spec[key], str):
            raise FigureError(f"{what}.{key} must be a body point name")
    for key in ("t", "y", "frac"):
        if key in spec and not _is_num(spec[key]):
            raise FigureError(f"{what}.{key} must be a number")
    for key in ("off", "boff", "coff"):
        if key in spec:
            _check_vector(spec[key], f"{what}.{key}", (3,) if key != "off" else (2, 3))


def _check_pose(pose, name: str) -> None:
    if not isinstance(pose, dict):
        raise FigureError(f"figure needs a {name!r} pose")
    unknown = set(pose) - POSE_KEYS
    if unknown:
        raise FigureError(f"unknown pose keys in {name!r}: {sorted(unknown)}")
    for key, value in pose.items():
        if key == "root":
            _check_vector(value, f"{name}.root")
        elif key == "ground":
            if value not in (True, False, "start"):
                raise FigureError(f"{name}.ground must be true, false or 'start'")
        elif key.endswith("_hand"):
            _check_hand(value, f"{name}.{key}")
        elif key.endswith("_arm_pole"):
            _check_vector(value, f"{name}.{key}", (3,))
        elif not _is_num(value):
            raise FigureError(f"{name}.{key} must be a number")


def validate_figure(fig: dict) -> None:
    """Raise FigureError if the figure description cannot be drawn."""
    if not isinstance(fig, dict):
        raise FigureError("figure must be a dict")
    unknown = set(fig) - FIGURE_KEYS
    if unknown:
        raise FigureError(f"unknown figure keys: {sorted(unknown)}")
    _check_pose(fig.get("start"), "start")
    _check_pose(fig.get("end"), "end")
    if "view" in fig and fig["view"] not in VIEWS:
        raise FigureError(f"unknown view {fig['view']!r}")
    cam = fig.get("camera")
    if cam is not None and (
        not isinstance(cam, dict)
        or not cam.keys() <= {"az", "el"}
        or not all(_is_num(v) for v in cam.values())
    ):
        raise FigureError("camera must be {'az': degrees, 'el': degrees}")
    if "floor" in fig and not _is_num(fig["floor"]):
        raise FigureError("floor must be a number")
    for key, allowed in (("work", LIMBS), ("plant", ("r_foot", "l_foot", "r_hand", "l_hand"))):
        items = fig.get(key, [])
        if not isinstance(items, list) or any(i not in allowed for i in items):
            raise FigureError(f"{key} entries must be among {', '.join(allowed)}")
    props = fig.get("props", [])
    if not isinstance(props, list):
        raise FigureError("props must be a list")
    for p in props:
        prop = as_prop(p)
        for key, value in prop.items():
            if key in ("type", "from", "at") and not isinstance(value, str):
                raise FigureError(f"prop {key} must be text")
            if key == "to" and not (
                isinstance(value, str)
                or (isinstance(value, list) and all(isinstance(v, str) for v in value))
            ):
                raise FigureError("rope 'to' must be a point name or a list of them")
            if key in ("rail",) and not isinstance(value, bool):
                raise FigureError("pool rail must be true or false")
            if key == "off":
                _check_vector(value, "prop off")
            if key not in ("type", "from", "at", "to", "rail", "off") and not _is_num(value):
                raise FigureError(f"prop {key} must be a number")
    hl = fig.get("highlight")
    if hl is not None:
        if not isinstance(hl, dict) or hl.get("region") not in HIGHLIGHT_REGIONS:
            raise FigureError("highlight needs a known region")
        if hl.get("side", "r") not in SIDES or not _is_num(hl.get("width", 11)):
            raise FigureError("highlight side must be 'r' or 'l' and width a number")
    arrow = fig.get("arrow")
    if arrow is not None:
        if not isinstance(arrow, dict) or not isinstance(arrow.get("joint"), str):
            raise FigureError("arrow needs a joint (a body point name)")
        if "pivot" in arrow and not isinstance(arrow["pivot"], str):
            raise FigureError("arrow pivot must be a body point name")
        for key in ("gap", "min_len"):
            if key in arrow and not _is_num(arrow[key]):
                raise FigureError(f"arrow {key} must be a number")
        for key in ("off", "dir"):
            if key in arrow:
                _check_vector(arrow[key], f"arrow {key}", (2,))
