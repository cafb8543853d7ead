"""Exercise pictures: one renderer draws every exercise's start and end position as SVG.

Pure Python (standard library only), so it runs in the handout PDF service, the portal and the
tests alike. The body is a simple 3-D stick figure (head, neck, a thick rounded trunk, upper
arm, forearm, hand, thigh, shin, foot) posed by joint angles, then seen through an orthographic
camera: from the side for most exercises, from above or the front where the movement happens
in another plane. Limbs nearer the viewer are dark, farther ones light; the working limb is
teal; the target muscle glows amber; the end picture has an arrow along the movement.

How a picture is described
--------------------------
A *figure* dict (stored on each exercise) holds two *poses* and what surrounds them::

    {
      "view": "side",          # side | side_high | top | top_tilt | front | front_high |
                               # back_high | three_quarter; or "camera": {"az": deg, "el": deg}
                               # (az 0 looks at the figure's right side, 90 at its front)
      "work": ["r_leg"],       # limbs drawn in the teal accent: r_leg, l_leg, r_arm, l_arm
                               # ("trunk" marks a trunk exercise; the trunk stays dark)
      "props": ["mat", {"type": "rope", "from": "r_arch", "to": ["r_hand", "l_hand"]}],
                               # floor | mat | chair | rope | wall | band | pool | dowel | pillow
      "plant": ["r_foot"],     # r_foot, l_foot, r_hand, l_hand: ends that stay where the start
                               # pose put them while the body moves (inverse kinematics)
      "floor": 0,              # floor height (the pool floor for pool exercises)
      "start": {pose}, "end": {pose},
      "highlight": {"region": "hamstrings", "side": "r"},   # glow on the target muscle
      "arrow": {"joint": "r_ankle", "pivot": "r_hip"},       # curved arrow on the end picture
    }

A pose is a body position built by forward kinematics from joint angles (degrees)::

    {"root": [x, y],      # pelvis centre in world units (y up, floor at 0)
     "ground": True,      # True: the lowest body part rests on the floor (root y ignored);
                          # "start": root y is relative to where the start pose rested;
                          # False: root y is absolute (a swimmer)
     "trunk": 90,         # pelvis pitch, the direction of the spine in the side view:
                          # 90 upright, 180 lying with the head to the left, 0 head to the right
     "roll": 0,           # spin about the spine; +90 turns the front toward the figure's right
     "yaw": 0,            # turn about the vertical
     "lumbar": 0, "thorax": 0,  # spinal flexion (+ rounds forward, - arches back)
     "arch": 0,           # bows the middle of the back toward the belly (+) or back (-)
     "side_bend": 0,      # + bends toward the figure's right
     "twist": 0,          # + turns the shoulders toward the figure's right
     "neck": 0,           # + chin toward chest
     "belly": 3,          # how far the lower belly bulges (0 = drawn in)
     "r_hip": 0, "r_hip_abd": 0, "r_hip_rot": 0,   # flexion, abduction, internal rotation
     "r_knee": 0, "r_ankle": 0,                    # knee flexion, ankle dorsiflexion
     "r_shoulder": 0, "r_shoulder_abd": 0, "r_elbow": 0,
     "r_hand": {"at": "r_knee", "off": [0, 4, 0]}, # optional: put the hand there (IK)
     "r_arm_pole": [-0.6, -0.5, 0.7],              # where the elbow points (chest frame)
     ... the same with "l_" for the left side}

A hand target is ``{"at": point, "to": point, "t": 0.5, "off": [dx, dy, dz], "y": abs_y}``
(a body point or a blend of two, an offset in world units -- or ``boff``/``coff`` in the
pelvis/chest frame as [forward, up, left] -- optionally an absolute height) or
``{"reach": point, "frac": 0.9}`` (the hand on the line from the shoulder to that point).
Body points: pelvis, sacrum, navel, low_back, upper_back, chest, neck_top, head, head_back,
nose, and per side hip, knee, ankle, heel, toe, arch, ball, thigh_back, thigh_top, knee_back,
knee_in, knee_out, shin_front, ankle_in, ankle_out, shoulder, elbow, wrist, hand.

Public API: :func:`render_svg` (one static picture), :func:`render_animated_svg` (one SVG that
moves start → end → hold → start with SMIL; its static attributes are the start pose, so
WeasyPrint prints the start position), :func:`validate_figure` and :func:`pose_points`. Output
is deterministic, self-contained (no scripts, links or external references) and all text is
XML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "POSE_KEYS",
    "PROP_TYPES",
    "VIEWS",
    "FigureError",
    "pose_points",
    "render_animated_svg",
    "render_svg",
    "validate_figure",
]


class FigureError(ValueError):
    """The figure description cannot be drawn."""


# --- proportions (world units; a standing figure is about 185 units tall) ---------------------

HEAD_R = 12.0
NECK_LEN = 6.0
TRUNK_LEN = 58.0
HIP_HALF = 9.0
SHOULDER_HALF = 14.0
THIGH_LEN = 46.0
SHIN_LEN = 44.0
UPPER_ARM_LEN = 33.0
FOREARM_LEN = 28.0
HAND_R = 4.3

W_TORSO = 22.0
W_THIGH = 13.0
W_SHIN = 10.0
W_FOOT = 6.5
W_UPPER_ARM = 9.0
W_FOREARM = 7.5
W_NECK = 9.0

OUTLINE = 3.0  # width of the white edge around limbs

VIEW_W, VIEW_H = 320.0, 240.0
MARGIN = 12.0
MAX_SCALE = 1.3  # world units to picture units, at most

# --- colours: calm, print-friendly, distinct in greyscale -----------------------------------

INK = "#2f3e4e"  # near limbs, torso, head
INK_FAR = "#a7b3c0"  # far limbs
FACE = "#66798c"  # head: lighter than the body so the dark hair shows which way it faces
WORK = "#137f78"  # the working limb (teal)
WORK_FAR = "#86c7c0"
GLOW = "#f2a03d"  # target muscle
ARROW = "#c4502f"
MAT = "#e3e8ed"
MAT_EDGE = "#bcc5ce"
FLOOR = "#aab4be"
ROPE = "#a8632a"
BAND = "#c8553d"
DOWEL = "#8a6a45"
CHAIR = "#7d8a97"
CHAIR_FILL = "#cbd3db"
WATER = "#4ea6c9"
WATER_LINE = "#2a7ea3"
WALL = "#c9d0d7"
PILLOW = "#d6dfe9"
PILLOW_EDGE = "#97a9bc"
BACKGROUND = "#ffffff"

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

_DEFAULTS = {"trunk": 90.0, "belly": 3.0}
LIMBS = ("r_leg", "l_leg", "r_arm", "l_arm", "trunk")

Vec = tuple[float, float, float]


# --- vector helpers --------------------------------------------------------------------------


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _mul(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _norm(a: Vec) -> float:
    return math.sqrt(_dot(a, a))


def _unit(a: Vec) -> Vec:
    n = _norm(a)
    return (0.0, 0.0, 0.0) if n < 1e-9 else _mul(a, 1.0 / n)


def _lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _along(*terms: tuple[Vec, float]) -> Vec:
    out: Vec = (0.0, 0.0, 0.0)
    for v, k in terms:
        out = _add(out, _mul(v, k))
    return out


def _rotate(v: Vec, axis: Vec, deg: float) -> Vec:
    """Rodrigues rotation of v about the unit vector axis."""
    if not deg:
        return v
    th = math.radians(deg)
    c, s = math.cos(th), math.sin(th)
    kxv = _cross(axis, v)
    kdv = _dot(axis, v)
    return (
        v[0] * c + kxv[0] * s + axis[0] * kdv * (1 - c),
        v[1] * c + kxv[1] * s + axis[1] * kdv * (1 - c),
        v[2] * c + kxv[2] * s + axis[2] * kdv * (1 - c),
    )


def _turn(vs: Iterable[Vec], a: Vec, b: Vec, deg: float) -> list[Vec]:
    """Rotate every vector by deg in the plane that turns direction a toward direction b."""
    vs = list(vs)
    if not deg:
        return vs
    axis = _unit(_cross(a, b))
    if axis == (0.0, 0.0, 0.0):
        return vs
    return [_rotate(v, axis, deg) for v in vs]


# --- the skeleton ----------------------------------------------------------------------------


def _num(pose: dict, key: str) -> float:
    value = pose.get(key, _DEFAULTS.get(key, 0.0))
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FigureError(f"pose value {key!r} must be a number")
    return float(value)


def _root(pose: dict) -> Vec:
    root = pose.get("root", [0, 0])
    if not isinstance(root, list | tuple) or len(root) not in (2, 3):
        raise FigureError("pose root must be [x, y] or [x, y, z]")
    vals = [float(v) for v in root] + [0.0] * (3 - len(root))
    return (vals[0], vals[1], vals[2])


def _leg(pts: dict, s: str, hip: Vec, lat: Vec, U: Vec, F: Vec, p: dict) -> None:  # noqa: N803
    a, f, sd = _mul(U, -1), F, lat
    # internal rotation turns the kneecap toward the midline, then abduction, then flexion
    a, f, sd = _turn((a, f, sd), F, _mul(lat, -1), _num(p, f"{s}_hip_rot"))
    a, f, sd = _turn((a, f, sd), _mul(U, -1), lat, _num(p, f"{s}_hip_abd"))
    a, f, sd = _turn((a, f, sd), _mul(U, -1), F, _num(p, f"{s}_hip"))
    knee = _add(hip, _mul(a, THIGH_LEN))
    a2, f2 = _turn((a, f), a, _mul(f, -1), _num(p, f"{s}_knee"))
    _leg_from_knee(pts, s, hip, knee, a, f, sd, a2, f2, _num(p, f"{s}_ankle"))


def _leg_from_knee(pts, s, hip, knee, a, f, sd, a2, f2, ankle_deg) -> None:
    ankle = _add(knee, _mul(a2, SHIN_LEN))
    fd, down = _turn((f2, a2), f2, _mul(a2, -1), ankle_deg)
    pts[f"{s}_hip"] = hip
    pts[f"{s}_knee"] = knee
    pts[f"{s}_ankle"] = ankle
    pts[f"{s}_heel"] = _along((ankle, 1), (down, 5.0), (fd, -4.0))
    pts[f"{s}_toe"] = _along((ankle, 1), (down, 4.0), (fd, 13.0))
    pts[f"{s}_arch"] = _along((ankle, 1), (down, 7.5), (fd, 4.0))
    pts[f"{s}_ball"] = _along((ankle, 1), (down, 6.5), (fd, 10.0))
    pts[f"_{s}_thigh_f"] = f
    pts[f"_{s}_thigh_s"] = sd
    pts[f"_{s}_thigh_a"] = a
    pts[f"_{s}_shin_f"] = f2
    pts[f"_{s}_shin_a"] = a2
    pts[f"_{s}_foot_f"] = fd
    pts[f"_{s}_foot_d"] = down
    _leg_extras(pts, s)


def _leg_extras(pts: dict, s: str) -> None:
    """Surface points used as hand and rope anchors."""
    hip, knee, ankle = pts[f"{s}_hip"], pts[f"{s}_knee"], pts[f"{s}_ankle"]
    f, sd = pts[f"_{s}_thigh_f"], pts[f"_{s}_thigh_s"]
    f2 = pts[f"_{s}_shin_f"]
    pts[f"{s}_thigh_back"] = _add(_lerp(hip, knee, 0.72), _mul(f, -7.0))
    pts[f"{s}_thigh_top"] = _add(_lerp(hip, knee, 0.55), _mul(f, 7.0))
    pts[f"{s}_knee_back"] = _add(_lerp(hip, knee, 0.9), _mul(f, -7.0))
    pts[f"{s}_knee_out"] = _add(knee, _mul(sd, 7.0))
    pts[f"{s}_knee_in"] = _add(knee, _mul(sd, -7.0))
    pts[f"{s}_shin_front"] = _add(_lerp(knee, ankle, 0.5), _mul(f2, 5.5))
    pts[f"{s}_ankle_out"] = _add(ankle, _mul(sd, 5.0))
    pts[f"{s}_ankle_in"] = _add(ankle, _mul(sd, -5.0))


def _arm_fk(pts: dict, s: str, sh: Vec, lat: Vec, U: Vec, F: Vec, p: dict) -> None:  # noqa: N803
    a, f = _mul(U, -1), F
    a, f = _turn((a, f), _mul(U, -1), lat, _num(p, f"{s}_shoulder_abd"))
    a, f = _turn((a, f), _mul(U, -1), F, _num(p, f"{s}_shoulder"))
    elbow = _add(sh, _mul(a, UPPER_ARM_LEN))
    (a2,) = _turn((a,), a, f, _num(p, f"{s}_elbow"))
    wrist = _add(elbow, _mul(a2, FOREARM_LEN))
    pts[f"{s}_shoulder"] = sh
    pts[f"{s}_elbow"] = elbow
    pts[f"{s}_wrist"] = wrist
    pts[f"{s}_hand"] = _add(wrist, _mul(a2, 2.5))


def _two_bone(root: Vec, target: Vec, l1: float, l2: float, pole: Vec) -> tuple[Vec, Vec]:
    """Place the middle joint of a two-segment limb so its end reaches toward target."""
    d_vec = _sub(target, root)
    d = _norm(d_vec)
    if d < 1e-6:
        d_vec, d = pole, 1.0
    direction = _unit(d_vec)
    d = min(d, l1 + l2 - 1e-3, max(abs(l1 - l2) + 1e-3, d))
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    cos_a = max(-1.0, min(1.0, cos_a))
    sin_a = math.sqrt(1 - cos_a * cos_a)
    perp = _sub(pole, _mul(direction, _dot(pole, direction)))
    perp = _unit(perp)
    if perp == (0.0, 0.0, 0.0):
        perp = _unit(_cross(direction, (0.0, 0.0, 1.0))) or (0.0, 1.0, 0.0)
    mid = _add(root, _add(_mul(direction, l1 * cos_a), _mul(perp, l1 * sin_a)))
    end = _add(root, _mul(direction, d))
    return mid, end


def _orientation(p: dict) -> tuple[Vec, Vec, Vec]:
    U, F, L = (0.0, 1.0, 0.0), (1.0, 0.0, 0.0), (0.0, 0.0, -1.0)  # noqa: N806
    U, F, L = _turn((U, F, L), F, _mul(L, -1), _num(p, "roll"))  # noqa: N806
    U, F, L = [_rotate(v, (0.0, 0.0, 1.0), _num(p, "trunk") - 90.0) for v in (U, F, L)]  # noqa: N806
    U, F, L = [_rotate(v, (0.0, 1.0, 0.0), _num(p, "yaw")) for v in (U, F, L)]  # noqa: N806
    return U, F, L


def _body(p: dict) -> dict:
    """Forward kinematics: every named point of the body for one pose (before grounding)."""
    pts: dict = {}
    P = _root(p)  # noqa: N806
    U, F, L = _orientation(p)  # noqa: N806
    pts["pelvis"] = P
    pts["_U"], pts["_F"], pts["_L"] = U, F, L
    spine = [P]
    frames = [(U, F, L)]
    u, f, lft = U, F, L
    seg = TRUNK_LEN / 4
    for i in range(4):
        bend = _num(p, "lumbar" if i < 2 else "thorax") / 2
        u, f, lft = _turn((u, f, lft), u, f, bend)
        u, f, lft = _turn((u, f, lft), u, _mul(lft, -1), _num(p, "side_bend") / 4)
        u, f, lft = _turn((u, f, lft), f, _mul(lft, -1), _num(p, "twist") / 4)
        spine.append(_add(spine[-1], _mul(u, seg)))
        frames.append((u, f, lft))
    arch = _num(p, "arch")
    if arch:
        # bow the middle of the spine toward the belly (+) or the back (-), ends unchanged
        for i, k in ((1, 0.75), (2, 1.0), (3, 0.7)):
            spine[i] = _add(spine[i], _mul(F, arch * k))
    pts["_spine"] = spine
    pts["_spine_frames"] = frames
    S = spine[-1]  # noqa: N806
    pts["chest"] = S
    pts["navel"] = _add(spine[1], _mul(frames[1][1], 8.0 + _num(p, "belly")))
    pts["sacrum"] = _add(P, _mul(F, -10.0))
    pts["low_back"] = _add(spine[1], _mul(frames[1][1], -10.0))
    pts["upper_back"] = _add(spine[3], _mul(frames[3][1], -11.0))
    hu, hf = _turn((u, f), u, f, _num(p, "neck"))
    pts["neck_top"] = _add(S, _mul(hu, NECK_LEN))
    pts["head"] = _add(S, _mul(hu, NECK_LEN + HEAD_R * 0.85))
    pts["nose"] = _along((pts["head"], 1), (hf, HEAD_R * 0.95), (hu, 0.0))
    pts["head_back"] = _add(pts["head"], _mul(hf, -HEAD_R - 1))
    pts["_head_up"], pts["_head_f"] = hu, hf
    for s in SIDES:
        lat = _mul(L, -1) if s == "r" else L
        hip = _along((P, 1), (U, -3.0), (lat, HIP_HALF))
        _leg(pts, s, hip, lat, U, F, p)
        slat = _mul(lft, -1) if s == "r" else lft
        sh = _along((S, 1), (u, -4.0), (slat, SHOULDER_HALF))
        _arm_fk(pts, s, sh, slat, u, f, p)
        pts[f"_{s}_slat"] = slat
        pts[f"_{s}_lat"] = lat
    pts["_chest_u"], pts["_chest_f"], pts["_chest_l"] = u, f, lft
    pts["_belly"] = _num(p, "belly")
    return pts


# radius of each point used to rest the body on the floor
_GROUND_RADII = {
    "head": HEAD_R,
    "pelvis": W_TORSO / 2,
    "chest": W_TORSO / 2,
    "r_knee": W_THIGH / 2,
    "l_knee": W_THIGH / 2,
    "r_heel": W_FOOT / 2,
    "l_heel": W_FOOT / 2,
    "r_toe": W_FOOT / 2,
    "l_toe": W_FOOT / 2,
    "r_elbow": W_UPPER_ARM / 2,
    "l_elbow": W_UPPER_ARM / 2,
    "r_hand": HAND_R,
    "l_hand": HAND_R,
}


def _lowest(pts: dict, skip: set) -> float:
    low = math.inf
    for name, r in _GROUND_RADII.items():
        if name not in skip:
            low = min(low, pts[name][1] - r)
    for q in pts["_spine"][1:4]:
        low = min(low, q[1] - W_TORSO / 2)
    return low


def _shift(pts: dict, dy: float) -> None:
    for k, v in list(pts.items()):
        if k.startswith("_") and k not in ("_spine",):
            continue
        if k == "_spine":
            pts[k] = [(q[0], q[1] + dy, q[2]) for q in v]
        else:
            pts[k] = (v[0], v[1] + dy, v[2])


def _ground_skip(fig: dict, pose: dict) -> set:
    skip = set()
    # planted ends follow the start pose, so they only stop counting after it
    for item in fig.get("plant", []) if pose is not fig.get("start") else []:
        s, part = item.split("_", 1)
        if part == "foot":
            skip.update(f"{s}_{n}" for n in ("knee", "heel", "toe"))
        else:
            skip.update(f"{s}_{n}" for n in ("elbow", "hand"))
    for s in SIDES:
        if isinstance(pose.get(f"{s}_hand"), dict):
            skip.update((f"{s}_elbow", f"{s}_hand"))
    return skip


def _resolve_target(spec: dict, pts: dict, s: str) -> Vec:
    if "reach" in spec:
        goal = _point(pts, spec["reach"])
        sh = pts[f"{s}_shoulder"]
        d = _sub(goal, sh)
        dist = min(_norm(d), (UPPER_ARM_LEN + FOREARM_LEN + 2.5) * float(spec.get("frac", 0.9)))
        pos = _add(sh, _mul(_unit(d), dist))
    else:
        pos = _point(pts, spec["at"])
        if "to" in spec:
            pos = _lerp(pos, _point(pts, spec["to"]), float(spec.get("t", 0.5)))
    off = spec.get("off")
    if off:
        pos = _add(pos, (float(off[0]), float(off[1]), float(off[2]) if len(off) > 2 else 0.0))
    boff = spec.get("boff")
    if boff:
        pos = _along((pos, 1), (pts["_F"], boff[0]), (pts["_U"], boff[1]), (pts["_L"], boff[2]))
    coff = spec.get("coff")
    if coff:
        pos = _along(
            (pos, 1),
            (pts["_chest_f"], coff[0]),
            (pts["_chest_u"], coff[1]),
            (pts["_chest_l"], coff[2]),
        )
    if "y" in spec:
        pos = (pos[0], float(spec["y"]), pos[2])
    return pos


def _point(pts: dict, name: str) -> Vec:
    if name.startswith("_") or name not in pts:
        raise FigureError(f"unknown body point {name!r}")
    return pts[name]


def _arm_pole(pose: dict, pts: dict, s: str) -> Vec:
    pole = pose.get(f"{s}_arm_pole", [-0.6, -0.5, 0.7])
    u, f = pts["_chest_u"], pts["_chest_f"]
    slat = pts[f"_{s}_slat"]
    return _unit(_along((f, pole[0]), (u, pole[1]), (slat, pole[2])))


def _set_arm(pts: dict, s: str, target: Vec, pole: Vec) -> None:
    sh = pts[f"{s}_shoulder"]
    elbow, end = _two_bone(sh, target, UPPER_ARM_LEN, FOREARM_LEN + 2.5, pole)
    pts[f"{s}_elbow"] = elbow
    pts[f"{s}_hand"] = end
    pts[f"{s}_wrist"] = _add(end, _mul(_unit(_sub(end, elbow)), -2.5))


def _set_leg(pts: dict, s: str, ankle_target: Vec, foot_f: Vec, foot_d: Vec, pole: Vec) -> None:
    hip = pts[f"{s}_hip"]
    knee, ankle = _two_bone(hip, ankle_target, THIGH_LEN, SHIN_LEN, pole)
    a = _unit(_sub(knee, hip))
    a2 = _unit(_sub(ankle, knee))
    f = _unit(_sub(pole, _mul(a, _dot(pole, a))))
    f2 = _unit(_sub(foot_f, _mul(a2, _dot(foot_f, a2)))) or f
    pts[f"{s}_knee"] = knee
    pts[f"{s}_ankle"] = ankle
    pts[f"{s}_heel"] = _along((ankle, 1), (foot_d, 5.0), (foot_f, -4.0))
    pts[f"{s}_toe"] = _along((ankle, 1), (foot_d, 4.0), (foot_f, 13.0))
    pts[f"{s}_arch"] = _along((ankle, 1), (foot_d, 7.5), (foot_f, 4.0))
    pts[f"{s}_ball"] = _along((ankle, 1), (foot_d, 6.5), (foot_f, 10.0))
    pts[f"_{s}_thigh_a"], pts[f"_{s}_thigh_f"] = a, f
    pts[f"_{s}_shin_a"], pts[f"_{s}_shin_f"] = a2, f2
    pts[f"_{s}_thigh_s"] = _unit(_cross(a, f)) if s == "r" else _unit(_cross(f, a))
    _leg_extras(pts, s)


def _interp_pose(start: dict, end: dict, t: float) -> dict:
    out: dict = {}
    for key in set(start) | set(end):
        if key in ("root",):
            a, b = _root(start), _root(end) if "root" in end else _root(start)
            out[key] = list(_lerp(a, b, t))
        elif key == "ground" or key.endswith("_hand") or key.endswith("_arm_pole"):
            out[key] = start.get(key) if t < 0.5 else end.get(key)
        else:
            a, b = _num(start, key), _num(end, key)
            out[key] = a + (b - a) * t
    return out


class _Poser:
    """Builds the body for any point of the movement (t = 0 start, t = 1 end)."""

    def __init__(self, fig: dict):
        self.fig = fig
        self.start = fig["start"]
        self.end = fig["end"]
        self.floor = float(fig.get("floor", 0.0))
        self._dy = (self._ground(self.start), self._ground(self.end))
        self._ground_each_frame = (
            not fig.get("plant")
            and self.start.get("ground", True) is True
            and self.end.get("ground", True) is True
        )
        self.anchors: dict = {}
        start_pts = self.at(0.0)
        for item in fig.get("plant", []):
            s, _, part = item.partition("_")
            if s not in SIDES or part not in ("foot", "hand"):
                raise FigureError(f"plant entries are r_foot, l_foot, r_hand, l_hand: {item!r}")
            if part == "foot":
                mid = _lerp(start_pts[f"{s}_hip"], start_pts[f"{s}_ankle"], 0.5)
                self.anchors[item] = (
                    start_pts[f"{s}_ankle"],
                    start_pts[f"_{s}_foot_f"],
                    start_pts[f"_{s}_foot_d"],
                    _unit(_sub(start_pts[f"{s}_knee"], mid)),
                )
            else:
                self.anchors[item] = start_pts[f"{s}_hand"]

    def _ground(self, pose: dict) -> float:
        mode = pose.get("ground", True)
        if mode == "start":
            # the root is given relative to where the start pose was set down
            return self._ground(self.start) if pose is not self.start else 0.0
        if not mode:
            return 0.0
        return self.floor - _lowest(_body(pose), _ground_skip(self.fig, pose))

    def at(self, t: float) -> dict:
        pose = _interp_pose(self.start, self.end, t)
        pts = _body(pose)
        if self._ground_each_frame and 0.0 < t < 1.0:
            # in between, keep the body resting on the floor (a stride, a roll)
            dy = self.floor - _lowest(pts, _ground_skip(self.fig, pose))
        else:
            dy = self._dy[0] + (self._dy[1] - self._dy[0]) * t
        _shift(pts, dy)
        for item, anchor in self.anchors.items():
            s, _, part = item.partition("_")
            if part == "foot":
                _set_leg(pts, s, *anchor)
            else:
                _set_arm(pts, s, anchor, _arm_pole(pose, pts, s))
        for s in SIDES:
            if f"{s}_hand" in self.anchors:
                continue
            a_spec, b_spec = self.start.get(f"{s}_hand"), self.end.get(f"{s}_hand")
            if a_spec is None and b_spec is None:
                continue
            fk = pts[f"{s}_hand"]
            pa = _resolve_target(a_spec, pts, s) if a_spec else fk
            pb = _resolve_target(b_spec, pts, s) if b_spec else fk
            _set_arm(pts, s, _lerp(pa, pb, t), _arm_pole(pose, pts, s))
        return pts


def pose_points(exercise_figure: dict, t: float = 0.0) -> dict:
    """Named 3-D body points (x, y, z) at t in [0, 1] of the movement (0 = start, 1 = end)."""
    validate_figure(exercise_figure)
    pts = _Poser(exercise_figure).at(t)
    return {k: v for k, v in pts.items() if not k.startswith("_")}


# --- camera ----------------------------------------------------------------------------------


class _Camera:
    def __init__(self, fig: dict):
        cam = fig.get("camera")
        if cam:
            az, el = float(cam.get("az", 0.0)), float(cam.get("el", 0.0))
        else:
            view = fig.get("view", "side")
            if view not in VIEWS:
                raise FigureError(f"unknown view {view!r}")
            az, el = VIEWS[view]
        a, e = math.radians(az), math.radians(el)
        self.d = (math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e))
        self.r = (math.cos(a), 0.0, -math.sin(a))
        self.u = _cross(self.d, self.r)
        self.scale = 1.0
        self.ox = 0.0
        self.oy = 0.0

    def raw(self, p: Vec) -> tuple[float, float]:
        return _dot(p, self.r), _dot(p, self.u)

    def depth(self, p: Vec) -> float:
        return _dot(p, self.d)

    def __call__(self, p: Vec) -> tuple[float, float]:
        x, y = self.raw(p)
        return self.ox + x * self.scale, self.oy - y * self.scale


# --- drawing primitives ----------------------------------------------------------------------


def _fmt(v: float) -> str:
    s = f"{v:.1f}"
    return "0.0" if s == "-0.0" else s


class _El:
    """One SVG element whose geometry may change from frame to frame."""

    __slots__ = ("tag", "geom", "style")

    def __init__(self, tag: str, geom: dict, style: dict):
        self.tag = tag
        self.geom = geom
        self.style = style


def _line(a, b, width, colour, opacity=None, dash=None) -> _El:
    style = {"stroke": colour, "stroke-width": _fmt(width)}
    if opacity is not None:
        style["stroke-opacity"] = _fmt(opacity)
    if dash:
        style["stroke-dasharray"] = dash
    return _El(
        "line",
        {"x1": _fmt(a[0]), "y1": _fmt(a[1]), "x2": _fmt(b[0]), "y2": _fmt(b[1])},
        style,
    )


def _circle(c, r, fill, stroke=None, width=None) -> _El:
    style = {"fill": fill}
    if stroke:
        style["stroke"] = stroke
        style["stroke-width"] = _fmt(width or 1)
    return _El("circle", {"cx": _fmt(c[0]), "cy": _fmt(c[1]), "r": _fmt(r)}, style)


def _path(d: str, style: dict) -> _El:
    return _El("path", {"d": d}, style)


def _poly_d(points: list, close: bool = False) -> str:
    d = "M" + " L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in points)
    return d + (" Z" if close else "")


# --- muscle highlights: polylines of body points, offset toward the muscle -------------------


def _highlight_points(region: str, s: str, pts: dict) -> tuple[str, list]:
    """(limb group the glow belongs to, 3-D polyline along the target muscle)."""
    P, U, F = pts["pelvis"], pts["_U"], pts["_F"]  # noqa: N806
    lat = pts[f"_{s}_lat"]
    hip, knee, ankle = pts[f"{s}_hip"], pts[f"{s}_knee"], pts[f"{s}_ankle"]
    ta, tf, ts = pts[f"_{s}_thigh_a"], pts[f"_{s}_thigh_f"], pts.get(f"_{s}_thigh_s", lat)
    sf = pts[f"_{s}_shin_f"]
    spine, frames = pts["_spine"], pts["_spine_frames"]

    def thigh(k, off):
        return [_add(_lerp(hip, knee, q), off) for q in k]

    if region == "hamstrings":
        return f"{s}_leg", thigh((0.2, 0.55, 0.92), _mul(tf, -7.0))
    if region == "quadriceps":
        return f"{s}_leg", thigh((0.12, 0.5, 0.88), _mul(tf, 7.0))
    if region == "adductors":
        return f"{s}_leg", thigh((0.1, 0.45, 0.75), _mul(ts, -7.0))
    if region == "abductors":
        return f"{s}_leg", [
            _along((P, 1), (U, 4.0), (lat, HIP_HALF + 5)),
            _add(_lerp(hip, knee, 0.45), _mul(ts, 6.0)),
            _add(_lerp(hip, knee, 0.9), _mul(ts, 6.0)),
        ]
    if region == "calf":
        return f"{s}_leg", [_add(_lerp(knee, ankle, q), _mul(sf, -4.5)) for q in (0.1, 0.35, 0.6)]
    if region in ("gluteals", "piriformis"):
        deep = region == "piriformis"
        return f"{s}_leg", [
            _along((P, 1), (U, 6.0 if not deep else 2.0), (F, -9.0), (lat, 4.0)),
            _along((hip, 1), (ta, 4.0), (tf, -7.0)),
            _along((hip, 1), (ta, 14.0 if not deep else 6.0), (tf, -7.0)),
        ]
    if region == "hip_flexors":
        return f"{s}_leg", [
            _along((P, 1), (U, 14.0), (F, 6.0), (lat, 3.0)),
            _along((hip, 1), (F, 7.0)),
            _along((hip, 1), (ta, 16.0), (tf, 6.0)),
        ]
    if region == "sciatic":
        return f"{s}_leg", [
            _along((P, 1), (U, 6.0), (F, -8.0), (lat, 3.0)),
            _along((hip, 1), (tf, -6.0)),
            _add(knee, _mul(tf, -5.5)),
            _add(_lerp(knee, ankle, 0.85), _mul(sf, -4.5)),
        ]
    if region in ("lumbar", "back"):
        idx = (0, 1, 2) if region == "lumbar" else (0, 1, 2, 3)
        return "trunk", [_add(spine[i], _mul(frames[i][1], -10.0)) for i in idx]
    if region == "abdominals":
        return "trunk", [_add(spine[i], _mul(frames[i][1], 10.0)) for i in (0, 1, 2)]
    if region in ("trunk_side", "obliques"):
        sgn = 1.0 if s == "l" else -1.0
        fwd = 3.0 if region == "obliques" else 0.0
        return "trunk", [
            _along((spine[i], 1), (frames[i][2], sgn * (HIP_HALF + 6 + i)), (frames[i][1], fwd))
            for i in (0, 1, 2, 3)
        ]
    if region == "calf_front":
        return f"{s}_leg", [_add(_lerp(knee, ankle, q), _mul(sf, 4.0)) for q in (0.2, 0.8)]
    raise FigureError(f"unknown highlight region {region!r}")


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


# --- scene -----------------------------------------------------------------------------------


def _as_prop(p) -> dict:
    if not isinstance(p, str | dict):
        raise FigureError("each prop is a name or a dict with a 'type'")
    prop = {"type": p} if isinstance(p, str) else dict(p)
    if prop.get("type") not in PROP_TYPES:
        raise FigureError(f"unknown prop {prop.get('type')!r}")
    return prop


def _groups(pts: dict) -> dict:
    """Depth of each drawable group (bigger = nearer the viewer) in camera space later."""
    return {
        "r_leg": [pts["r_hip"], pts["r_knee"], pts["r_ankle"]],
        "l_leg": [pts["l_hip"], pts["l_knee"], pts["l_ankle"]],
        "r_arm": [pts["r_shoulder"], pts["r_elbow"], pts["r_hand"]],
        "l_arm": [pts["l_shoulder"], pts["l_elbow"], pts["l_hand"]],
        "trunk": pts["_spine"],
        "head": [pts["head"]],
    }


class _Scene:
    """Everything needed to draw any frame of one figure in a fixed element order."""

    FRAMES = 8

    def __init__(self, fig: dict):
        validate_figure(fig)
        self.fig = fig
        self.poser = _Poser(fig)
        self.cam = _Camera(fig)
        self.props = [_as_prop(p) for p in fig.get("props", [])]
        self.work = set(fig.get("work", []))
        self.frames = [self.poser.at(self._ease(i / self.FRAMES)) for i in range(self.FRAMES + 1)]
        self._order()
        self._fit()

    @staticmethod
    def _ease(t: float) -> float:
        return t * t * (3 - 2 * t)

    def _order(self) -> None:
        cam = self.cam
        depth: dict = {}
        for pts in (self.frames[0], self.frames[-1]):
            for name, plist in _groups(pts).items():
                d = sum(cam.depth(q) for q in plist) / len(plist)
                depth[name] = depth.get(name, 0.0) + d / 2
        rank = {"trunk": 0, "head": 1, "r_leg": 2, "l_leg": 2, "r_arm": 3, "l_arm": 3}
        self.order = sorted(depth, key=lambda n: (round(depth[n], 1), rank[n], n))
        # near/far shading ignores height, so a tilted camera doesn't make the legs "far"
        d = cam.d
        flat = _unit((d[0], 0.0, d[2])) if d[1] < 0.8 else d
        side: dict = {}
        for pts in (self.frames[0], self.frames[-1]):
            for name, plist in _groups(pts).items():
                side[name] = side.get(name, 0.0) + sum(_dot(q, flat) for q in plist) / len(plist)
        self.far = {n for n in side if side[n] < side["trunk"] - 10.0}

    def _extent_points(self) -> list:
        out = []
        for pts in self.frames:
            for k, v in pts.items():
                if not k.startswith("_"):
                    out.append(v)
        chair = self._chair_geometry()
        if chair:
            for a, b in chair["lines"]:
                out += [a, b]
        if any(p["type"] == "dowel" for p in self.props):
            for pts in self.frames:
                out += list(_dowel_ends(pts))
        return out

    def _fit(self) -> None:
        cam = self.cam
        xs, ys = [], []
        for p in self._extent_points():
            x, y = cam.raw(p)
            xs.append(x)
            ys.append(y)
        pad = HEAD_R + 2
        x0, x1 = min(xs) - pad, max(xs) + pad
        y0, y1 = min(ys) - pad, max(ys) + pad
        if any(p["type"] == "pool" for p in self.props):
            water = self._water_level()
            y1 = max(y1, cam.raw((0.0, water + 8, 0.0))[1])
        sx = (VIEW_W - 2 * MARGIN) / (x1 - x0)
        sy = (VIEW_H - 2 * MARGIN) / (y1 - y0)
        scale = min(MAX_SCALE, sx, sy)
        cam.scale = scale
        cam.ox = VIEW_W / 2 - (x0 + x1) / 2 * scale
        cam.oy = VIEW_H / 2 + (y0 + y1) / 2 * scale
        if any(p["type"] in ("mat", "floor", "pool") for p in self.props) and self.cam.d[1] < 0.9:
            # keep the floor in the lower part of the picture so a lying body sits on it
            floor_y = cam((0.0, self.poser.floor, 0.0))[1]
            target = VIEW_H - MARGIN - 14
            if floor_y < target:
                shift = min(target - floor_y, (VIEW_H - MARGIN) - (cam.oy - y0 * scale))
                cam.oy += max(0.0, shift)

    # -- props --

    def _water_level(self) -> float:
        for p in self.props:
            if p["type"] == "pool":
                if "water" in p:
                    return float(p["water"])
                pelvis = self.frames[0]["pelvis"]
                return pelvis[1] + float(p.get("above_pelvis", 40.0))
        return 0.0

    def _chair_geometry(self) -> dict | None:
        spec = next((p for p in self.props if p["type"] == "chair"), None)
        if spec is None:
            return None
        pts = self.frames[0]
        F = pts["_F"]  # noqa: N806
        fwd = _unit((F[0], 0.0, F[2]))
        if fwd == (0.0, 0.0, 0.0):
            fwd = (1.0, 0.0, 0.0)
        side = _cross(fwd, (0.0, 1.0, 0.0))
        pel = pts["pelvis"]
        seat_y = float(spec.get("seat", pel[1] - W_TORSO / 2 - 1))
        front = float(spec.get("front", 14.0))
        back = float(spec.get("back", 22.0))
        half = float(spec.get("half_width", 20.0))
        c = (pel[0], 0.0, pel[2])
        fl = _along((c, 1), (fwd, front), (side, half))
        fr = _along((c, 1), (fwd, front), (side, -half))
        bl = _along((c, 1), (fwd, -back), (side, half))
        br = _along((c, 1), (fwd, -back), (side, -half))

        def up(p, h):
            return (p[0], p[1] + h, p[2])

        seat = [up(fl, seat_y), up(fr, seat_y), up(br, seat_y), up(bl, seat_y)]
        back_h = float(spec.get("back_height", 48.0))
        lines = [(q, up(q, seat_y)) for q in (fl, fr, bl, br)]
        lines += [
            (up(bl, seat_y), up(bl, seat_y + back_h)),
            (up(br, seat_y), up(br, seat_y + back_h)),
        ]
        panel = [
            up(bl, seat_y + back_h * 0.55),
            up(br, seat_y + back_h * 0.55),
            up(br, seat_y + back_h),
            up(bl, seat_y + back_h),
        ]
        return {"seat": seat, "lines": lines, "panel": panel, "fwd": fwd}

    def _prop_back(self) -> list:
        """Props drawn behind the body: mat, floor, wall, chair, pool back wall."""
        cam = self.cam
        els: list = []
        floor = self.poser.floor
        types = [p["type"] for p in self.props]
        low_camera = self.cam.d[1] < 0.26  # within ~15° of horizontal: a floor line reads
        if "mat" in types or "floor" in types:
            xs, zs = [], []
            for pts in self.frames:
                for k, v in pts.items():
                    if not k.startswith("_"):
                        xs.append(v[0])
                        zs.append(v[2])
            chair = self._chair_geometry()
            if chair:
                for a, b in chair["lines"]:
                    xs += [a[0], b[0]]
                    zs += [a[2], b[2]]
            x0, x1 = min(xs) - 16, max(xs) + 16
            z0, z1 = min(min(zs) - 10, -30.0), max(max(zs) + 10, 30.0)
            top = [(x0, floor, z0), (x1, floor, z0), (x1, floor, z1), (x0, floor, z1)]
            if low_camera:
                y = cam((0.0, floor - (4 if "mat" in types else 0), 0.0))[1]
                els.append(_line((MARGIN / 2, y), (VIEW_W - MARGIN / 2, y), 2.0, FLOOR))
            if "mat" in types:
                bottom = [(x, y - 4, z) for x, y, z in top]
                hull = _hull([cam(p) for p in top + bottom])
                els.append(
                    _path(
                        _poly_d(hull, True),
                        {"fill": MAT, "stroke": MAT_EDGE, "stroke-width": "1.2"},
                    )
                )
                els.append(
                    _path(
                        _poly_d([cam(p) for p in top], True), {"fill": "#edf1f4", "stroke": "none"}
                    )
                )
            elif not low_camera:
                els.append(
                    _path(
                        _poly_d([cam(p) for p in top], True), {"fill": "#eef1f4", "stroke": "none"}
                    )
                )
        for p in self.props:
            if p["type"] == "wall":
                x = float(p.get("x", 0.0))
                a, b = cam((x, floor, 0.0)), cam((x, floor + float(p.get("height", 200)), 0.0))
                els.append(_line(a, b, 8.0, WALL))
        chair = self._chair_geometry()
        if chair:
            for a, b in chair["lines"]:
                els.append(_line(cam(a), cam(b), 3.2, CHAIR))
            els.append(
                _path(
                    _poly_d([cam(q) for q in chair["panel"]], True),
                    {"fill": CHAIR_FILL, "stroke": CHAIR, "stroke-width": "2"},
                )
            )
            els.append(
                _path(
                    _poly_d([cam(q) for q in chair["seat"]], True),
                    {
                        "fill": CHAIR_FILL,
                        "stroke": CHAIR,
                        "stroke-width": "2.4",
                        "stroke-linejoin": "round",
                    },
                )
            )
        if "pool" in types:
            ybot = cam((0.0, floor, 0.0))[1]
            els.append(_line((0, ybot + 3), (VIEW_W, ybot + 3), 6.0, "#9fb8c6"))
            spec = next(p for p in self.props if p["type"] == "pool")
            if spec.get("rail", True):
                wy = cam((0.0, self._water_level(), 0.0))[1]
                els.append(
                    _path(
                        f"M0 {_fmt(ybot + 6)} L0 {_fmt(wy - 22)} L10 {_fmt(wy - 22)} "
                        f"L10 {_fmt(ybot + 6)} Z",
                        {"fill": WALL, "stroke": "none"},
                    )
                )
                els.append(
                    _path(
                        f"M10 {_fmt(wy - 30)} L22 {_fmt(wy - 30)} Q28 {_fmt(wy - 30)} "
                        f"28 {_fmt(wy - 22)} L28 {_fmt(wy - 8)}",
                        {
                            "fill": "none",
                            "stroke": CHAIR,
                            "stroke-width": "2.6",
                            "stroke-linecap": "round",
                        },
                    )
                )
        return els

    def _prop_front(self, pts: dict) -> list:
        """Props drawn over the body: rope, band, dowel, pillow handled elsewhere; water."""
        cam = self.cam
        els: list = []
        for p in self.props:
            kind = p["type"]
            if kind == "rope":
                start = cam(_point(pts, p.get("from", "r_arch")))
                ends = p.get("to", ["r_hand", "l_hand"])
                ends = [ends] if isinstance(ends, str) else ends
                sag = float(p.get("sag", 5.0)) * cam.scale
                for e in ends:
                    end = cam(_point(pts, e))
                    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + sag
                    els.append(
                        _path(
                            f"M{_fmt(start[0])} {_fmt(start[1])} Q{_fmt(mx)} {_fmt(my)} "
                            f"{_fmt(end[0])} {_fmt(end[1])}",
                            {
                                "fill": "none",
                                "stroke": ROPE,
                                "stroke-width": _fmt(2.4 * cam.scale),
                                "stroke-linecap": "round",
                            },
                        )
                    )
            elif kind == "band":
                a = _lerp(pts["r_hip"], pts["r_knee"], 0.82)
                b = _lerp(pts["l_hip"], pts["l_knee"], 0.82)
                els.append(_line(cam(a), cam(b), 4.5 * cam.scale, BAND))
            elif kind == "dowel":
                bottom, top = _dowel_ends(pts)
                els.append(_line(cam(bottom), cam(top), 4.2 * cam.scale, DOWEL))
        return els

    def _pillows(self, pts: dict) -> list:
        cam = self.cam
        els = []
        for p in self.props:
            if p["type"] != "pillow":
                continue
            at = p.get("at", "head")
            if at == "head":
                c = (pts["head"][0], self.poser.floor + 3.5, pts["head"][2])
            else:
                c = _point(pts, at)
                off = p.get("off", [0, -12, 0])
                c = _add(c, (float(off[0]), float(off[1]), float(off[2]) if len(off) > 2 else 0.0))
            # a flat cushion: a horizontal oval with some thickness, seen from any camera
            rx, rz = float(p.get("rx", 17.0)), float(p.get("rz", 12.0))
            ring = [
                cam(_add(c, (rx * math.cos(a), 0.0, rz * math.sin(a))))
                for a in (2 * math.pi * k / 16 for k in range(16))
            ]
            d = _poly_d(ring, True)
            els.append(
                _path(
                    d,
                    {
                        "fill": PILLOW_EDGE,
                        "stroke": PILLOW_EDGE,
                        "stroke-width": _fmt(9.0 * cam.scale),
                    },
                )
            )
            els.append(
                _path(d, {"fill": PILLOW, "stroke": PILLOW, "stroke-width": _fmt(6.6 * cam.scale)})
            )
        return els

    def _water(self) -> list:
        cam = self.cam
        if not any(p["type"] == "pool" for p in self.props):
            return []
        wy = cam((0.0, self._water_level(), 0.0))[1]
        ybot = cam((0.0, self.poser.floor, 0.0))[1] + 6
        wave = [f"M0 {_fmt(wy)}"]
        x, step, amp = 0.0, 20.0, 2.6
        up = True
        while x < VIEW_W:
            cx = x + step / 2
            cy = wy - amp if up else wy + amp
            wave.append(f"Q{_fmt(cx)} {_fmt(cy)} {_fmt(x + step)} {_fmt(wy)}")
            x += step
            up = not up
        fill_d = " ".join(wave) + f" L{_fmt(x)} {_fmt(ybot)} L0 {_fmt(ybot)} Z"
        return [
            _path(fill_d, {"fill": WATER, "fill-opacity": "0.26", "stroke": "none"}),
            _path(
                " ".join(wave),
                {
                    "fill": "none",
                    "stroke": WATER_LINE,
                    "stroke-width": "2",
                    "stroke-linecap": "round",
                },
            ),
        ]

    # -- body --

    def _colour(self, group: str) -> str:
        far = group in self.far
        if group in self.work:
            return WORK_FAR if far else WORK
        return INK_FAR if far else INK

    def _torso(self, pts: dict) -> _El:
        cam = self.cam
        spine, frames = pts["_spine"], pts["_spine_frames"]
        halves = (HIP_HALF, HIP_HALF + 1, HIP_HALF + 3, SHOULDER_HALF - 2, SHOULDER_HALF - 1)
        left = [_add(q, _mul(fr[2], h)) for q, fr, h in zip(spine, frames, halves, strict=True)]
        right = [_add(q, _mul(fr[2], -h)) for q, fr, h in zip(spine, frames, halves, strict=True)]
        belly = _add(spine[1], _mul(frames[1][1], max(0.0, pts.get("_belly", 3.0))))
        outline = left + right[::-1][:-1] + [belly, right[0]]
        colour = INK
        return _path(
            _poly_d([cam(q) for q in outline], True),
            {
                "fill": colour,
                "stroke": colour,
                "stroke-width": _fmt(W_TORSO * cam.scale),
                "stroke-linejoin": "round",
            },
        )

    def _hair(self, pts: dict) -> _El:
        """A dark cap over the back and top of the head, so the face side reads in any view."""
        cam = self.cam
        c = cam(pts["head"])
        f = cam(_add(pts["head"], pts["_head_f"]))
        u = cam(_add(pts["head"], pts["_head_up"]))
        fx, fy = f[0] - c[0], f[1] - c[1]
        ux, uy = u[0] - c[0], u[1] - c[1]
        # centre of the cap: away from the face and toward the crown
        dx, dy = -fx * 0.9 + ux * 0.7, -fy * 0.9 + uy * 0.7
        n = math.hypot(dx, dy)
        dx, dy = (dx / n, dy / n) if n > 1e-6 else (0.0, -1.0)
        r = (HEAD_R - 0.8) * cam.scale
        ang = math.atan2(dy, dx)
        spread = math.radians(100)
        x0, y0 = c[0] + r * math.cos(ang - spread), c[1] + r * math.sin(ang - spread)
        x1, y1 = c[0] + r * math.cos(ang + spread), c[1] + r * math.sin(ang + spread)
        # the cap is the circle segment beyond the chord p0-p1, bulging a little inward
        mx, my = c[0] + dx * r * 0.05, c[1] + dy * r * 0.05
        d = (
            f"M{_fmt(x0)} {_fmt(y0)} A{_fmt(r)} {_fmt(r)} 0 1 1 {_fmt(x1)} {_fmt(y1)} "
            f"Q{_fmt(mx)} {_fmt(my)} {_fmt(x0)} {_fmt(y0)} Z"
        )
        return _path(d, {"fill": INK, "stroke": "none"})

    def _group_els(self, group: str, pts: dict) -> list:
        cam = self.cam
        sc = cam.scale
        if group == "trunk":
            return [self._torso(pts)]
        if group == "head":
            return [
                _line(cam(pts["chest"]), cam(pts["neck_top"]), W_NECK * sc, INK),
                _circle(cam(pts["nose"]), 3.4 * sc, FACE),
                _circle(cam(pts["head"]), HEAD_R * sc, FACE, BACKGROUND, 1.6),
                self._hair(pts),
            ]
        s, kind = group.split("_")
        colour = self._colour(group)
        if kind == "leg":
            root, mid, end = pts[f"{s}_hip"], pts[f"{s}_knee"], pts[f"{s}_ankle"]
            segs = [
                (root, mid, W_THIGH),
                (mid, end, W_SHIN),
                (pts[f"{s}_heel"], pts[f"{s}_toe"], W_FOOT),
            ]
            tip = None
        else:
            root, mid, end = pts[f"{s}_shoulder"], pts[f"{s}_elbow"], pts[f"{s}_wrist"]
            segs = [(root, mid, W_UPPER_ARM), (mid, end, W_FOREARM)]
            tip = pts[f"{s}_hand"]
        # a thin white outline separates a limb from whatever it crosses; it starts part-way
        # down the first segment so no seam shows where the limb joins the trunk
        outline = [
            _line(cam(_lerp(root, mid, 0.45)), cam(mid), segs[0][2] * sc + OUTLINE, BACKGROUND)
        ]
        outline += [_line(cam(a), cam(b), w * sc + OUTLINE, BACKGROUND) for a, b, w in segs[1:]]
        if tip is not None:
            outline.append(_circle(cam(tip), HAND_R * sc + OUTLINE / 2, BACKGROUND))
        body = [_line(cam(a), cam(b), w * sc, colour) for a, b, w in segs]
        if tip is not None:
            body.append(_circle(cam(tip), HAND_R * sc, colour))
        return outline + body

    def _glow(self, pts: dict) -> tuple[str | None, list]:
        hl = self.fig.get("highlight")
        if not hl:
            return None, []
        group, line = _highlight_points(hl["region"], hl.get("side", "r"), pts)
        d = _poly_d([self.cam(q) for q in line])
        width = float(hl.get("width", 11.0)) * self.cam.scale
        return group, [
            _path(
                d,
                {
                    "fill": "none",
                    "stroke": GLOW,
                    "stroke-width": _fmt(width),
                    "stroke-opacity": "0.75",
                    "stroke-linecap": "round",
                    "stroke-linejoin": "round",
                },
            )
        ]

    def body_els(self, pts: dict) -> list:
        glow_group, glow = self._glow(pts)
        els: list = []
        els += self._pillows(pts)
        # the glow sits under both its limb and the trunk, so it shows as a halo on the
        # outside of the body at the target muscle
        glow_at = None
        if glow_group:
            glow_at = min(self.order.index(glow_group), self.order.index("trunk"))
        for i, group in enumerate(self.order):
            if i == glow_at:
                els += glow
            els += self._group_els(group, pts)
        els += self._prop_front(pts)
        return els

    def frame_els(self, i: int) -> list:
        return self.body_els(self.frames[i])

    # -- arrow --

    def arrow_els(self) -> list:
        spec = self.fig.get("arrow")
        if not spec:
            return []
        cam = self.cam
        joint = spec["joint"]
        samples = [self.poser.at(self._ease(0.1 + 0.8 * k / 10)) for k in range(11)]
        gap = float(spec.get("gap", 12.0)) * cam.scale
        off = spec.get("off", [0, 0])
        pts2 = []
        for pts in samples:
            x, y = cam(_point(pts, joint))
            if "pivot" in spec:
                px, py = cam(_point(pts, spec["pivot"]))
                dx, dy = x - px, y - py
                n = math.hypot(dx, dy) or 1.0
                x, y = x + dx / n * gap, y + dy / n * gap
            pts2.append((x + float(off[0]), y + float(off[1])))
        length = sum(math.dist(pts2[i], pts2[i + 1]) for i in range(len(pts2) - 1))
        min_len = float(spec.get("min_len", 16.0)) * cam.scale
        if "dir" in spec or length < min_len:
            if "dir" in spec:
                vx, vy = float(spec["dir"][0]), float(spec["dir"][1])
            else:
                vx, vy = pts2[-1][0] - pts2[0][0], pts2[-1][1] - pts2[0][1]
            n = math.hypot(vx, vy)
            if n < 1e-6:
                return []
            vx, vy = vx / n, vy / n
            mx = sum(p[0] for p in pts2) / len(pts2)
            my = sum(p[1] for p in pts2) / len(pts2)
            half = max(min_len, length) / 2
            pts2 = [(mx - vx * half, my - vy * half), (mx + vx * half, my + vy * half)]
        (x1, y1), (x2, y2) = pts2[-2], pts2[-1]
        ang = math.atan2(y2 - y1, x2 - x1)
        head = 7.0
        tip = (x2 + math.cos(ang) * 3, y2 + math.sin(ang) * 3)
        left = (tip[0] - head * math.cos(ang - 0.5), tip[1] - head * math.sin(ang - 0.5))
        right = (tip[0] - head * math.cos(ang + 0.5), tip[1] - head * math.sin(ang + 0.5))
        return [
            _path(
                _poly_d(pts2),
                {
                    "fill": "none",
                    "stroke": ARROW,
                    "stroke-width": "2.6",
                    "stroke-linecap": "round",
                    "stroke-linejoin": "round",
                },
            ),
            _path(
                _poly_d([tip, left, right], True),
                {"fill": ARROW, "stroke": ARROW, "stroke-width": "1", "stroke-linejoin": "round"},
            ),
        ]


def _dowel_ends(pts: dict) -> tuple[Vec, Vec]:
    """A stick along the back touching the sacrum and the back of the head."""
    base = _add(pts["pelvis"], _mul(pts["_F"], -(W_TORSO / 2 + 2.5)))
    head = _add(pts["head"], _mul(pts["_head_f"], -(HEAD_R + 2.5)))
    direction = _unit(_sub(head, base))
    return _add(base, _mul(direction, -12.0)), _add(head, _mul(direction, 12.0))


def _hull(points: list) -> list:
    """Convex hull (monotone chain) of 2-D points."""
    pts = sorted({(round(x, 2), round(y, 2)) for x, y in points})
    if len(pts) <= 2:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


# --- validation ------------------------------------------------------------------------------


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
        prop = _as_prop(p)
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


# --- SVG output ------------------------------------------------------------------------------


def _attrs(d: dict) -> str:
    return "".join(f" {k}={quoteattr(str(v))}" for k, v in d.items())


def _el_xml(el: _El, anim: str = "") -> str:
    attrs = _attrs(el.geom) + _attrs(el.style)
    if anim:
        return f"<{el.tag}{attrs}>{anim}</{el.tag}>"
    return f"<{el.tag}{attrs}/>"


def _open_svg(size, title: str, desc: str) -> str:
    w, h = size
    if not (isinstance(w, int | float) and isinstance(h, int | float)) or w <= 0 or h <= 0:
        raise FigureError("size must be two positive numbers")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {int(VIEW_W)} {int(VIEW_H)}"'
        f' width="{_fmt(w)}" height="{_fmt(h)}" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
        f'<rect x="0" y="0" width="{int(VIEW_W)}" height="{int(VIEW_H)}" fill="{BACKGROUND}"/>'
    )


def _body_group(inner: str) -> str:
    return f'<g stroke-linecap="round" stroke-linejoin="round" fill="none">{inner}</g>'


def render_svg(
    exercise_figure: dict,
    which: str = "start",
    *,
    size: tuple = (320, 240),
    title: str = "",
) -> str:
    """A static SVG of the start or end position ("start" | "end")."""
    if which not in ("start", "end"):
        raise FigureError("which must be 'start' or 'end'")
    scene = _Scene(exercise_figure)
    index = 0 if which == "start" else _Scene.FRAMES
    label = str(title) if title else f"Exercise, {which} position"
    parts = [_open_svg(size, label, f"{which.capitalize()} position.")]
    parts += [_el_xml(e) for e in scene._prop_back()]
    parts.append(_body_group("".join(_el_xml(e) for e in scene.frame_els(index))))
    parts += [_el_xml(e) for e in scene._water()]
    if which == "end":
        parts += [_el_xml(e) for e in scene.arrow_els()]
    parts.append("</svg>")
    return "".join(parts)


# timeline of the loop in seconds: move, hold, return, rest
MOVE_S, HOLD_S, RETURN_S, REST_S = 2.0, 1.2, 2.0, 0.8


def _timeline() -> tuple[list[int], list[float]]:
    n = _Scene.FRAMES
    total = MOVE_S + HOLD_S + RETURN_S + REST_S
    idx, times = [], []
    for i in range(n + 1):
        idx.append(i)
        times.append(MOVE_S * i / n)
    idx.append(n)
    times.append(MOVE_S + HOLD_S)
    for k in range(1, n + 1):
        idx.append(n - k)
        times.append(MOVE_S + HOLD_S + RETURN_S * k / n)
    idx.append(0)
    times.append(total)
    return idx, [t / total for t in times]


def render_animated_svg(
    exercise_figure: dict,
    *,
    size: tuple = (320, 240),
    title: str = "",
) -> str:
    """One looping SVG: start → end → hold → start, animated with SMIL on the same elements.

    The static attributes are the start pose, so renderers without SMIL show the start.
    """
    scene = _Scene(exercise_figure)
    frames = [scene.frame_els(i) for i in range(_Scene.FRAMES + 1)]
    shape = [(e.tag, tuple(e.geom)) for e in frames[0]]
    for f in frames[1:]:
        if [(e.tag, tuple(e.geom)) for e in f] != shape:
            raise FigureError("start and end poses must draw the same elements")
    idx, key_times = _timeline()
    total = MOVE_S + HOLD_S + RETURN_S + REST_S
    kt = ";".join(f"{t:.4f}" for t in key_times)
    body = []
    for j, el in enumerate(frames[0]):
        anims = []
        for attr in el.geom:
            values = [frames[i][j].geom[attr] for i in idx]
            if len(set(values)) > 1:
                anims.append(
                    f'<animate attributeName="{attr}" dur="{_fmt(total)}s" '
                    f'repeatCount="indefinite" calcMode="linear" keyTimes="{kt}" '
                    f"values={quoteattr(';'.join(values))}/>"
                )
        body.append(_el_xml(el, "".join(anims)))
    label = str(title) if title else "Exercise, animated"
    parts = [_open_svg(size, label, "Moves from the start position to the end position and back.")]
    parts += [_el_xml(e) for e in scene._prop_back()]
    parts.append(_body_group("".join(body)))
    parts += [_el_xml(e) for e in scene._water()]
    parts.append("</svg>")
    return "".join(parts)
