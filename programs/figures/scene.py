"""The scene: the camera, the props around the body, the body itself and the arrow.

`Scene` draws any frame of one figure as a list of elements in a fixed order, so the animated
picture can move the same elements from frame to frame.
"""

from __future__ import annotations

import math

from .drawing import (
    ARROW,
    BACKGROUND,
    BAND,
    CHAIR,
    CHAIR_FILL,
    DOWEL,
    FACE,
    FLOOR,
    GLOW,
    INK,
    INK_FAR,
    MARGIN,
    MAT,
    MAT_EDGE,
    MAX_SCALE,
    OUTLINE,
    PILLOW,
    PILLOW_EDGE,
    ROPE,
    VIEW_H,
    VIEW_W,
    WALL,
    WATER,
    WATER_LINE,
    WORK,
    WORK_FAR,
    El,
    circle,
    fmt,
    line,
    path,
    poly_d,
)
from .geometry import Vec, add, along, cross, dot, hull, lerp, mul, sub, unit
from .highlights import highlight_points
from .pose import (
    HAND_R,
    HEAD_R,
    HIP_HALF,
    SHOULDER_HALF,
    W_FOOT,
    W_FOREARM,
    W_NECK,
    W_SHIN,
    W_THIGH,
    W_TORSO,
    W_UPPER_ARM,
    Poser,
    point,
)
from .validate import VIEWS, FigureError, as_prop, validate_figure

# --- camera -----------------------------------------------------------------------------------


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
        self.u = cross(self.d, self.r)
        self.scale = 1.0
        self.ox = 0.0
        self.oy = 0.0

    def raw(self, p: Vec) -> tuple[float, float]:
        return dot(p, self.r), dot(p, self.u)

    def depth(self, p: Vec) -> float:
        return dot(p, self.d)

    def __call__(self, p: Vec) -> tuple[float, float]:
        x, y = self.raw(p)
        return self.ox + x * self.scale, self.oy - y * self.scale


# --- scene ------------------------------------------------------------------------------------


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


class Scene:
    """Everything needed to draw any frame of one figure in a fixed element order."""

    FRAMES = 8

    def __init__(self, fig: dict):
        validate_figure(fig)
        self.fig = fig
        self.poser = Poser(fig)
        self.cam = _Camera(fig)
        self.props = [as_prop(p) for p in fig.get("props", [])]
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
        flat = unit((d[0], 0.0, d[2])) if d[1] < 0.8 else d
        side: dict = {}
        for pts in (self.frames[0], self.frames[-1]):
            for name, plist in _groups(pts).items():
                side[name] = side.get(name, 0.0) + sum(dot(q, flat) for q in plist) / len(plist)
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
        fwd = unit((F[0], 0.0, F[2]))
        if fwd == (0.0, 0.0, 0.0):
            fwd = (1.0, 0.0, 0.0)
        side = cross(fwd, (0.0, 1.0, 0.0))
        pel = pts["pelvis"]
        seat_y = float(spec.get("seat", pel[1] - W_TORSO / 2 - 1))
        front = float(spec.get("front", 14.0))
        back = float(spec.get("back", 22.0))
        half = float(spec.get("half_width", 20.0))
        c = (pel[0], 0.0, pel[2])
        fl = along((c, 1), (fwd, front), (side, half))
        fr = along((c, 1), (fwd, front), (side, -half))
        bl = along((c, 1), (fwd, -back), (side, half))
        br = along((c, 1), (fwd, -back), (side, -half))

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
                els.append(line((MARGIN / 2, y), (VIEW_W - MARGIN / 2, y), 2.0, FLOOR))
            if "mat" in types:
                bottom = [(x, y - 4, z) for x, y, z in top]
                mat_outline = hull([cam(p) for p in top + bottom])
                els.append(
                    path(
                        poly_d(mat_outline, True),
                        {"fill": MAT, "stroke": MAT_EDGE, "stroke-width": "1.2"},
                    )
                )
                els.append(
                    path(poly_d([cam(p) for p in top], True), {"fill": "#edf1f4", "stroke": "none"})
                )
            elif not low_camera:
                els.append(
                    path(poly_d([cam(p) for p in top], True), {"fill": "#eef1f4", "stroke": "none"})
                )
        for p in self.props:
            if p["type"] == "wall":
                x = float(p.get("x", 0.0))
                a, b = cam((x, floor, 0.0)), cam((x, floor + float(p.get("height", 200)), 0.0))
                els.append(line(a, b, 8.0, WALL))
        chair = self._chair_geometry()
        if chair:
            for a, b in chair["lines"]:
                els.append(line(cam(a), cam(b), 3.2, CHAIR))
            els.append(
                path(
                    poly_d([cam(q) for q in chair["panel"]], True),
                    {"fill": CHAIR_FILL, "stroke": CHAIR, "stroke-width": "2"},
                )
            )
            els.append(
                path(
                    poly_d([cam(q) for q in chair["seat"]], True),
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
            els.append(line((0, ybot + 3), (VIEW_W, ybot + 3), 6.0, "#9fb8c6"))
            spec = next(p for p in self.props if p["type"] == "pool")
            if spec.get("rail", True):
                wy = cam((0.0, self._water_level(), 0.0))[1]
                els.append(
                    path(
                        f"M0 {fmt(ybot + 6)} L0 {fmt(wy - 22)} L10 {fmt(wy - 22)} "
                        f"L10 {fmt(ybot + 6)} Z",
                        {"fill": WALL, "stroke": "none"},
                    )
                )
                els.append(
                    path(
                        f"M10 {fmt(wy - 30)} L22 {fmt(wy - 30)} Q28 {fmt(wy - 30)} "
                        f"28 {fmt(wy - 22)} L28 {fmt(wy - 8)}",
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
                start = cam(point(pts, p.get("from", "r_arch")))
                ends = p.get("to", ["r_hand", "l_hand"])
                ends = [ends] if isinstance(ends, str) else ends
                sag = float(p.get("sag", 5.0)) * cam.scale
                for e in ends:
                    end = cam(point(pts, e))
                    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + sag
                    els.append(
                        path(
                            f"M{fmt(start[0])} {fmt(start[1])} Q{fmt(mx)} {fmt(my)} "
                            f"{fmt(end[0])} {fmt(end[1])}",
                            {
                                "fill": "none",
                                "stroke": ROPE,
                                "stroke-width": fmt(2.4 * cam.scale),
                                "stroke-linecap": "round",
                            },
                        )
                    )
            elif kind == "band":
                a = lerp(pts["r_hip"], pts["r_knee"], 0.82)
                b = lerp(pts["l_hip"], pts["l_knee"], 0.82)
                els.append(line(cam(a), cam(b), 4.5 * cam.scale, BAND))
            elif kind == "dowel":
                bottom, top = _dowel_ends(pts)
                els.append(line(cam(bottom), cam(top), 4.2 * cam.scale, DOWEL))
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
                c = point(pts, at)
                off = p.get("off", [0, -12, 0])
                c = add(c, (float(off[0]), float(off[1]), float(off[2]) if len(off) > 2 else 0.0))
            # a flat cushion: a horizontal oval with some thickness, seen from any camera
            rx, rz = float(p.get("rx", 17.0)), float(p.get("rz", 12.0))
            ring = [
                cam(add(c, (rx * math.cos(a), 0.0, rz * math.sin(a))))
                for a in (2 * math.pi * k / 16 for k in range(16))
            ]
            d = poly_d(ring, True)
            els.append(
                path(
                    d,
                    {
                        "fill": PILLOW_EDGE,
                        "stroke": PILLOW_EDGE,
                        "stroke-width": fmt(9.0 * cam.scale),
                    },
                )
            )
            els.append(
                path(d, {"fill": PILLOW, "stroke": PILLOW, "stroke-width": fmt(6.6 * cam.scale)})
            )
        return els

    def _water(self) -> list:
        cam = self.cam
        if not any(p["type"] == "pool" for p in self.props):
            return []
        wy = cam((0.0, self._water_level(), 0.0))[1]
        ybot = cam((0.0, self.poser.floor, 0.0))[1] + 6
        wave = [f"M0 {fmt(wy)}"]
        x, step, amp = 0.0, 20.0, 2.6
        up = True
        while x < VIEW_W:
            cx = x + step / 2
            cy = wy - amp if up else wy + amp
            wave.append(f"Q{fmt(cx)} {fmt(cy)} {fmt(x + step)} {fmt(wy)}")
            x += step
            up = not up
        fill_d = " ".join(wave) + f" L{fmt(x)} {fmt(ybot)} L0 {fmt(ybot)} Z"
        return [
            path(fill_d, {"fill": WATER, "fill-opacity": "0.26", "stroke": "none"}),
            path(
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

    def _torso(self, pts: dict) -> El:
        cam = self.cam
        spine, frames = pts["_spine"], pts["_spine_frames"]
        halves = (HIP_HALF, HIP_HALF + 1, HIP_HALF + 3, SHOULDER_HALF - 2, SHOULDER_HALF - 1)
        left = [add(q, mul(fr[2], h)) for q, fr, h in zip(spine, frames, halves, strict=True)]
        right = [add(q, mul(fr[2], -h)) for q, fr, h in zip(spine, frames, halves, strict=True)]
        belly = add(spine[1], mul(frames[1][1], max(0.0, pts.get("_belly", 3.0))))
        outline = left + right[::-1][:-1] + [belly, right[0]]
        colour = INK
        return path(
            poly_d([cam(q) for q in outline], True),
            {
                "fill": colour,
                "stroke": colour,
                "stroke-width": fmt(W_TORSO * cam.scale),
                "stroke-linejoin": "round",
            },
        )

    def _hair(self, pts: dict) -> El:
        """A dark cap over the back and top of the head, so the face side reads in any view."""
        cam = self.cam
        c = cam(pts["head"])
        f = cam(add(pts["head"], pts["_head_f"]))
        u = cam(add(pts["head"], pts["_head_up"]))
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
            f"M{fmt(x0)} {fmt(y0)} A{fmt(r)} {fmt(r)} 0 1 1 {fmt(x1)} {fmt(y1)} "
            f"Q{fmt(mx)} {fmt(my)} {fmt(x0)} {fmt(y0)} Z"
        )
        return path(d, {"fill": INK, "stroke": "none"})

    def _group_els(self, group: str, pts: dict) -> list:
        cam = self.cam
        sc = cam.scale
        if group == "trunk":
            return [self._torso(pts)]
        if group == "head":
            return [
                line(cam(pts["chest"]), cam(pts["neck_top"]), W_NECK * sc, INK),
                circle(cam(pts["nose"]), 3.4 * sc, FACE),
                circle(cam(pts["head"]), HEAD_R * sc, FACE, BACKGROUND, 1.6),
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
            line(cam(lerp(root, mid, 0.45)), cam(mid), segs[0][2] * sc + OUTLINE, BACKGROUND)
        ]
        outline += [line(cam(a), cam(b), w * sc + OUTLINE, BACKGROUND) for a, b, w in segs[1:]]
        if tip is not None:
            outline.append(circle(cam(tip), HAND_R * sc + OUTLINE / 2, BACKGROUND))
        body = [line(cam(a), cam(b), w * sc, colour) for a, b, w in segs]
        if tip is not None:
            body.append(circle(cam(tip), HAND_R * sc, colour))
        return outline + body

    def _glow(self, pts: dict) -> tuple[str | None, list]:
        hl = self.fig.get("highlight")
        if not hl:
            return None, []
        group, glow_line = highlight_points(hl["region"], hl.get("side", "r"), pts)
        d = poly_d([self.cam(q) for q in glow_line])
        width = float(hl.get("width", 11.0)) * self.cam.scale
        return group, [
            path(
                d,
                {
                    "fill": "none",
                    "stroke": GLOW,
                    "stroke-width": fmt(width),
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
            x, y = cam(point(pts, joint))
            if "pivot" in spec:
                px, py = cam(point(pts, spec["pivot"]))
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
            path(
                poly_d(pts2),
                {
                    "fill": "none",
                    "stroke": ARROW,
                    "stroke-width": "2.6",
                    "stroke-linecap": "round",
                    "stroke-linejoin": "round",
                },
            ),
            path(
                poly_d([tip, left, right], True),
                {"fill": ARROW, "stroke": ARROW, "stroke-width": "1", "stroke-linejoin": "round"},
            ),
        ]


def _dowel_ends(pts: dict) -> tuple[Vec, Vec]:
    """A stick along the back touching the sacrum and the back of the head."""
    base = add(pts["pelvis"], mul(pts["_F"], -(W_TORSO / 2 + 2.5)))
    head = add(pts["head"], mul(pts["_head_f"], -(HEAD_R + 2.5)))
    direction = unit(sub(head, base))
    return add(base, mul(direction, -12.0)), add(head, mul(direction, 12.0))
