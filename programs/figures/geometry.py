"""Vector helpers for the 3-D body and the 2-D picture (plain tuples, no dependencies).

Names starting with an underscore are shared inside this package only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Vec = tuple[float, float, float]


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def mul(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec) -> Vec:
    n = norm(a)
    return (0.0, 0.0, 0.0) if n < 1e-9 else mul(a, 1.0 / n)


def lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def along(*terms: tuple[Vec, float]) -> Vec:
    out: Vec = (0.0, 0.0, 0.0)
    for v, k in terms:
        out = add(out, mul(v, k))
    return out


def rotate(v: Vec, axis: Vec, deg: float) -> Vec:
    """Rodrigues rotation of v about the unit vector axis."""
    if not deg:
        return v
    th = math.radians(deg)
    c, s = math.cos(th), math.sin(th)
    kxv = cross(axis, v)
    kdv = dot(axis, v)
    return (
        v[0] * c + kxv[0] * s + axis[0] * kdv * (1 - c),
        v[1] * c + kxv[1] * s + axis[1] * kdv * (1 - c),
        v[2] * c + kxv[2] * s + axis[2] * kdv * (1 - c),
    )


def turn(vs: Iterable[Vec], a: Vec, b: Vec, deg: float) -> list[Vec]:
    """Rotate every vector by deg in the plane that turns direction a toward direction b."""
    vs = list(vs)
    if not deg:
        return vs
    axis = unit(cross(a, b))
    if axis == (0.0, 0.0, 0.0):
        return vs
    return [rotate(v, axis, deg) for v in vs]


def hull(points: list) -> list:
    """Convex hull (monotone chain) of 2-D points."""
    pts = sorted({(round(x, 2), round(y, 2)) for x, y in points})
    if len(pts) <= 2:
        return pts

    def cross_2d(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in pts:
        while len(lower) >= 2 and cross_2d(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross_2d(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
