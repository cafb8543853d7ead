"""Muscle highlights: polylines of body points, offset toward the target muscle."""

from __future__ import annotations

from .geometry import add, along, lerp, mul
from .pose import HIP_HALF
from .validate import FigureError


def highlight_points(region: str, s: str, pts: dict) -> tuple[str, list]:
    """(limb group the glow belongs to, 3-D polyline along the target muscle)."""
    P, U, F = pts["pelvis"], pts["_U"], pts["_F"]  # noqa: N806
    lat = pts[f"_{s}_lat"]
    hip, knee, ankle = pts[f"{s}_hip"], pts[f"{s}_knee"], pts[f"{s}_ankle"]
    ta, tf, ts = pts[f"_{s}_thigh_a"], pts[f"_{s}_thigh_f"], pts.get(f"_{s}_thigh_s", lat)
    sf = pts[f"_{s}_shin_f"]
    spine, frames = pts["_spine"], pts["_spine_frames"]

    def thigh(k, off):
        return [add(lerp(hip, knee, q), off) for q in k]

    if region == "hamstrings":
        return f"{s}_leg", thigh((0.2, 0.55, 0.92), mul(tf, -7.0))
    if region == "quadriceps":
        return f"{s}_leg", thigh((0.12, 0.5, 0.88), mul(tf, 7.0))
    if region == "adductors":
        return f"{s}_leg", thigh((0.1, 0.45, 0.75), mul(ts, -7.0))
    if region == "abductors":
        return f"{s}_leg", [
            along((P, 1), (U, 4.0), (lat, HIP_HALF + 5)),
            add(lerp(hip, knee, 0.45), mul(ts, 6.0)),
            add(lerp(hip, knee, 0.9), mul(ts, 6.0)),
        ]
    if region == "calf":
        return f"{s}_leg", [add(lerp(knee, ankle, q), mul(sf, -4.5)) for q in (0.1, 0.35, 0.6)]
    if region in ("gluteals", "piriformis"):
        deep = region == "piriformis"
        return f"{s}_leg", [
            along((P, 1), (U, 6.0 if not deep else 2.0), (F, -9.0), (lat, 4.0)),
            along((hip, 1), (ta, 4.0), (tf, -7.0)),
            along((hip, 1), (ta, 14.0 if not deep else 6.0), (tf, -7.0)),
        ]
    if region == "hip_flexors":
        return f"{s}_leg", [
            along((P, 1), (U, 14.0), (F, 6.0), (lat, 3.0)),
            along((hip, 1), (F, 7.0)),
            along((hip, 1), (ta, 16.0), (tf, 6.0)),
        ]
    if region == "sciatic":
        return f"{s}_leg", [
            along((P, 1), (U, 6.0), (F, -8.0), (lat, 3.0)),
            along((hip, 1), (tf, -6.0)),
            add(knee, mul(tf, -5.5)),
            add(lerp(knee, ankle, 0.85), mul(sf, -4.5)),
        ]
    if region in ("lumbar", "back"):
        idx = (0, 1, 2) if region == "lumbar" else (0, 1, 2, 3)
        return "trunk", [add(spine[i], mul(frames[i][1], -10.0)) for i in idx]
    if region == "abdominals":
        return "trunk", [add(spine[i], mul(frames[i][1], 10.0)) for i in (0, 1, 2)]
    if region in ("trunk_side", "obliques"):
        sgn = 1.0 if s == "l" else -1.0
        fwd = 3.0 if region == "obliques" else 0.0
        return "trunk", [
            along((spine[i], 1), (frames[i][2], sgn * (HIP_HALF + 6 + i)), (frames[i][1], fwd))
            for i in (0, 1, 2, 3)
        ]
    if region == "calf_front":
        return f"{s}_leg", [add(lerp(knee, ankle, q), mul(sf, 4.0)) for q in (0.2, 0.8)]
    raise FigureError(f"unknown highlight region {region!r}")
