"""The body: proportions, forward and inverse kinematics, resting on the floor.

`Poser` builds every named body point for any moment of the movement (t = 0 start, t = 1 end);
`pose_points` is its public face.
"""

from __future__ import annotations

import math

from .geometry import (
    Vec,
    add,
    along,
    cross,
    dot,
    lerp,
    mul,
    norm,
    rotate,
    sub,
    turn,
    unit,
)
from .validate import SIDES, FigureError, validate_figure

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


# --- the skeleton ----------------------------------------------------------------------------

_DEFAULTS = {"trunk": 90.0, "belly": 3.0}


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
    a, f, sd = mul(U, -1), F, lat
    # internal rotation turns the kneecap toward the midline, then abduction, then flexion
    a, f, sd = turn((a, f, sd), F, mul(lat, -1), _num(p, f"{s}_hip_rot"))
    a, f, sd = turn((a, f, sd), mul(U, -1), lat, _num(p, f"{s}_hip_abd"))
    a, f, sd = turn((a, f, sd), mul(U, -1), F, _num(p, f"{s}_hip"))
    knee = add(hip, mul(a, THIGH_LEN))
    a2, f2 = turn((a, f), a, mul(f, -1), _num(p, f"{s}_knee"))
    _leg_from_knee(pts, s, hip, knee, a, f, sd, a2, f2, _num(p, f"{s}_ankle"))


def _leg_from_knee(pts, s, hip, knee, a, f, sd, a2, f2, ankle_deg) -> None:
    ankle = add(knee, mul(a2, SHIN_LEN))
    fd, down = turn((f2, a2), f2, mul(a2, -1), ankle_deg)
    pts[f"{s}_hip"] = hip
    pts[f"{s}_knee"] = knee
    pts[f"{s}_ankle"] = ankle
    pts[f"{s}_heel"] = along((ankle, 1), (down, 5.0), (fd, -4.0))
    pts[f"{s}_toe"] = along((ankle, 1), (down, 4.0), (fd, 13.0))
    pts[f"{s}_arch"] = along((ankle, 1), (down, 7.5), (fd, 4.0))
    pts[f"{s}_ball"] = along((ankle, 1), (down, 6.5), (fd, 10.0))
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
    pts[f"{s}_thigh_back"] = add(lerp(hip, knee, 0.72), mul(f, -7.0))
    pts[f"{s}_thigh_top"] = add(lerp(hip, knee, 0.55), mul(f, 7.0))
    pts[f"{s}_knee_back"] = add(lerp(hip, knee, 0.9), mul(f, -7.0))
    pts[f"{s}_knee_out"] = add(knee, mul(sd, 7.0))
    pts[f"{s}_knee_in"] = add(knee, mul(sd, -7.0))
    pts[f"{s}_shin_front"] = add(lerp(knee, ankle, 0.5), mul(f2, 5.5))
    pts[f"{s}_ankle_out"] = add(ankle, mul(sd, 5.0))
    pts[f"{s}_ankle_in"] = add(ankle, mul(sd, -5.0))


def _arm_fk(pts: dict, s: str, sh: Vec, lat: Vec, U: Vec, F: Vec, p: dict) -> None:  # noqa: N803
    a, f = mul(U, -1), F
    a, f = turn((a, f), mul(U, -1), lat, _num(p, f"{s}_shoulder_abd"))
    a, f = turn((a, f), mul(U, -1), F, _num(p, f"{s}_shoulder"))
    elbow = add(sh, mul(a, UPPER_ARM_LEN))
    (a2,) = turn((a,), a, f, _num(p, f"{s}_elbow"))
    wrist = add(elbow, mul(a2, FOREARM_LEN))
    pts[f"{s}_shoulder"] = sh
    pts[f"{s}_elbow"] = elbow
    pts[f"{s}_wrist"] = wrist
    pts[f"{s}_hand"] = add(wrist, mul(a2, 2.5))


def _two_bone(root: Vec, target: Vec, l1: float, l2: float, pole: Vec) -> tuple[Vec, Vec]:
    """Place the middle joint of a two-segment limb so its end reaches toward target."""
    d_vec = sub(target, root)
    d = norm(d_vec)
    if d < 1e-6:
        d_vec, d = pole, 1.0
    direction = unit(d_vec)
    d = min(d, l1 + l2 - 1e-3, max(abs(l1 - l2) + 1e-3, d))
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    cos_a = max(-1.0, min(1.0, cos_a))
    sin_a = math.sqrt(1 - cos_a * cos_a)
    perp = sub(pole, mul(direction, dot(pole, direction)))
    perp = unit(perp)
    if perp == (0.0, 0.0, 0.0):
        perp = unit(cross(direction, (0.0, 0.0, 1.0))) or (0.0, 1.0, 0.0)
    mid = add(root, add(mul(direction, l1 * cos_a), mul(perp, l1 * sin_a)))
    end = add(root, mul(direction, d))
    return mid, end


def _orientation(p: dict) -> tuple[Vec, Vec, Vec]:
    U, F, L = (0.0, 1.0, 0.0), (1.0, 0.0, 0.0), (0.0, 0.0, -1.0)  # noqa: N806
    U, F, L = turn((U, F, L), F, mul(L, -1), _num(p, "roll"))  # noqa: N806
    U, F, L = [rotate(v, (0.0, 0.0, 1.0), _num(p, "trunk") - 90.0) for v in (U, F, L)]  # noqa: N806
    U, F, L = [rotate(v, (0.0, 1.0, 0.0), _num(p, "yaw")) for v in (U, F, L)]  # noqa: N806
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
        u, f, lft = turn((u, f, lft), u, f, bend)
        u, f, lft = turn((u, f, lft), u, mul(lft, -1), _num(p, "side_bend") / 4)
        u, f, lft = turn((u, f, lft), f, mul(lft, -1), _num(p, "twist") / 4)
        spine.append(add(spine[-1], mul(u, seg)))
        frames.append((u, f, lft))
    arch = _num(p, "arch")
    if arch:
        # bow the middle of the spine toward the belly (+) or the back (-), ends unchanged
        for i, k in ((1, 0.75), (2, 1.0), (3, 0.7)):
            spine[i] = add(spine[i], mul(F, arch * k))
    pts["_spine"] = spine
    pts["_spine_frames"] = frames
    S = spine[-1]  # noqa: N806
    pts["chest"] = S
    pts["navel"] = add(spine[1], mul(frames[1][1], 8.0 + _num(p, "belly")))
    pts["sacrum"] = add(P, mul(F, -10.0))
    pts["low_back"] = add(spine[1], mul(frames[1][1], -10.0))
    pts["upper_back"] = add(spine[3], mul(frames[3][1], -11.0))
    hu, hf = turn((u, f), u, f, _num(p, "neck"))
    pts["neck_top"] = add(S, mul(hu, NECK_LEN))
    pts["head"] = add(S, mul(hu, NECK_LEN + HEAD_R * 0.85))
    pts["nose"] = along((pts["head"], 1), (hf, HEAD_R * 0.95), (hu, 0.0))
    pts["head_back"] = add(pts["head"], mul(hf, -HEAD_R - 1))
    pts["_head_up"], pts["_head_f"] = hu, hf
    for s in SIDES:
        lat = mul(L, -1) if s == "r" else L
        hip = along((P, 1), (U, -3.0), (lat, HIP_HALF))
        _leg(pts, s, hip, lat, U, F, p)
        slat = mul(lft, -1) if s == "r" else lft
        sh = along((S, 1), (u, -4.0), (slat, SHOULDER_HALF))
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
        goal = point(pts, spec["reach"])
        sh = pts[f"{s}_shoulder"]
        d = sub(goal, sh)
        dist = min(norm(d), (UPPER_ARM_LEN + FOREARM_LEN + 2.5) * float(spec.get("frac", 0.9)))
        pos = add(sh, mul(unit(d), dist))
    else:
        pos = point(pts, spec["at"])
        if "to" in spec:
            pos = lerp(pos, point(pts, spec["to"]), float(spec.get("t", 0.5)))
    off = spec.get("off")
    if off:
        pos = add(pos, (float(off[0]), float(off[1]), float(off[2]) if len(off) > 2 else 0.0))
    boff = spec.get("boff")
    if boff:
        pos = along((pos, 1), (pts["_F"], boff[0]), (pts["_U"], boff[1]), (pts["_L"], boff[2]))
    coff = spec.get("coff")
    if coff:
        pos = along(
            (pos, 1),
            (pts["_chest_f"], coff[0]),
            (pts["_chest_u"], coff[1]),
            (pts["_chest_l"], coff[2]),
        )
    if "y" in spec:
        pos = (pos[0], float(spec["y"]), pos[2])
    return pos


def point(pts: dict, name: str) -> Vec:
    if name.startswith("_") or name not in pts:
        raise FigureError(f"unknown body point {name!r}")
    return pts[name]


def _arm_pole(pose: dict, pts: dict, s: str) -> Vec:
    pole = pose.get(f"{s}_arm_pole", [-0.6, -0.5, 0.7])
    u, f = pts["_chest_u"], pts["_chest_f"]
    slat = pts[f"_{s}_slat"]
    return unit(along((f, pole[0]), (u, pole[1]), (slat, pole[2])))


def _set_arm(pts: dict, s: str, target: Vec, pole: Vec) -> None:
    sh = pts[f"{s}_shoulder"]
    elbow, end = _two_bone(sh, target, UPPER_ARM_LEN, FOREARM_LEN + 2.5, pole)
    pts[f"{s}_elbow"] = elbow
    pts[f"{s}_hand"] = end
    pts[f"{s}_wrist"] = add(end, mul(unit(sub(end, elbow)), -2.5))


def _set_leg(pts: dict, s: str, ankle_target: Vec, foot_f: Vec, foot_d: Vec, pole: Vec) -> None:
    hip = pts[f"{s}_hip"]
    knee, ankle = _two_bone(hip, ankle_target, THIGH_LEN, SHIN_LEN, pole)
    a = unit(sub(knee, hip))
    a2 = unit(sub(ankle, knee))
    f = unit(sub(pole, mul(a, dot(pole, a))))
    f2 = unit(sub(foot_f, mul(a2, dot(foot_f, a2)))) or f
    pts[f"{s}_knee"] = knee
    pts[f"{s}_ankle"] = ankle
    pts[f"{s}_heel"] = along((ankle, 1), (foot_d, 5.0), (foot_f, -4.0))
    pts[f"{s}_toe"] = along((ankle, 1), (foot_d, 4.0), (foot_f, 13.0))
    pts[f"{s}_arch"] = along((ankle, 1), (foot_d, 7.5), (foot_f, 4.0))
    pts[f"{s}_ball"] = along((ankle, 1), (foot_d, 6.5), (foot_f, 10.0))
    pts[f"_{s}_thigh_a"], pts[f"_{s}_thigh_f"] = a, f
    pts[f"_{s}_shin_a"], pts[f"_{s}_shin_f"] = a2, f2
    pts[f"_{s}_thigh_s"] = unit(cross(a, f)) if s == "r" else unit(cross(f, a))
    _leg_extras(pts, s)


def _interp_pose(start: dict, end: dict, t: float) -> dict:
    out: dict = {}
    for key in set(start) | set(end):
        if key in ("root",):
            a, b = _root(start), _root(end) if "root" in end else _root(start)
            out[key] = list(lerp(a, b, t))
        elif key == "ground" or key.endswith("_hand") or key.endswith("_arm_pole"):
            out[key] = start.get(key) if t < 0.5 else end.get(key)
        else:
            a, b = _num(start, key), _num(end, key)
            out[key] = a + (b - a) * t
    return out


class Poser:
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
                mid = lerp(start_pts[f"{s}_hip"], start_pts[f"{s}_ankle"], 0.5)
                self.anchors[item] = (
                    start_pts[f"{s}_ankle"],
                    start_pts[f"_{s}_foot_f"],
                    start_pts[f"_{s}_foot_d"],
                    unit(sub(start_pts[f"{s}_knee"], mid)),
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
            _set_arm(pts, s, lerp(pa, pb, t), _arm_pole(pose, pts, s))
        return pts


def pose_points(exercise_figure: dict, t: float = 0.0) -> dict:
    """Named 3-D body points (x, y, z) at t in [0, 1] of the movement (0 = start, 1 = end)."""
    validate_figure(exercise_figure)
    pts = Poser(exercise_figure).at(t)
    return {k: v for k, v in pts.items() if not k.startswith("_")}
