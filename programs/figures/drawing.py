"""The picture's size, its colours and the SVG element primitives the scene is drawn with."""

from __future__ import annotations

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


# --- drawing primitives ----------------------------------------------------------------------


def fmt(v: float) -> str:
    s = f"{v:.1f}"
    return "0.0" if s == "-0.0" else s


class El:
    """One SVG element whose geometry may change from frame to frame."""

    __slots__ = ("tag", "geom", "style")

    def __init__(self, tag: str, geom: dict, style: dict):
        self.tag = tag
        self.geom = geom
        self.style = style


def line(a, b, width, colour, opacity=None, dash=None) -> El:
    style = {"stroke": colour, "stroke-width": fmt(width)}
    if opacity is not None:
        style["stroke-opacity"] = fmt(opacity)
    if dash:
        style["stroke-dasharray"] = dash
    return El(
        "line",
        {"x1": fmt(a[0]), "y1": fmt(a[1]), "x2": fmt(b[0]), "y2": fmt(b[1])},
        style,
    )


def circle(c, r, fill, stroke=None, width=None) -> El:
    style = {"fill": fill}
    if stroke:
        style["stroke"] = stroke
        style["stroke-width"] = fmt(width or 1)
    return El("circle", {"cx": fmt(c[0]), "cy": fmt(c[1]), "r": fmt(r)}, style)


def path(d: str, style: dict) -> El:
    return El("path", {"d": d}, style)


def poly_d(points: list, close: bool = False) -> str:
    d = "M" + " L".join(f"{fmt(x)} {fmt(y)}" for x, y in points)
    return d + (" Z" if close else "")
