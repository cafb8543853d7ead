"""SVG output: one static picture, or one looping animated picture (SMIL)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .drawing import BACKGROUND, VIEW_H, VIEW_W, El, fmt
from .scene import Scene
from .validate import FigureError


def _attrs(d: dict) -> str:
    return "".join(f" {k}={quoteattr(str(v))}" for k, v in d.items())


def _el_xml(el: El, anim: str = "") -> str:
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
        f' width="{fmt(w)}" height="{fmt(h)}" role="img" aria-label={quoteattr(title)}>'
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
    scene = Scene(exercise_figure)
    index = 0 if which == "start" else Scene.FRAMES
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
    n = Scene.FRAMES
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
    scene = Scene(exercise_figure)
    frames = [scene.frame_els(i) for i in range(Scene.FRAMES + 1)]
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
                    f'<animate attributeName="{attr}" dur="{fmt(total)}s" '
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
