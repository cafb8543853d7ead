"""The exercise picture renderer: well-formed, safe, deterministic SVG for all 36 exercises.

Pure Python: runs with or without pytest-django.
"""

import math
import re
import xml.etree.ElementTree as ET

import pytest

from programs import figures
from programs.figures import (
    FigureError,
    pose_points,
    render_animated_svg,
    render_svg,
    validate_figure,
)
from programs.library_data import EXERCISES

SVG = "{http://www.w3.org/2000/svg}"
IDS = [e["slug"] for e in EXERCISES]
HOSTILE = '<script>alert("x")</script> & \'quotes\' "double" ]]> <!-- -->'


@pytest.fixture(autouse=True)
def _test_settings():
    """Overrides the project's Django settings fixture: these tests need no Django."""


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is well formed
    assert root.tag == f"{SVG}svg"
    return root


def body_group(svg: str) -> str:
    """The markup of the figure itself (everything between the props and the water/arrow)."""
    match = re.search(r'<g stroke-linecap="round".*?</g>', svg)
    assert match
    return match.group(0)


def simple_figure(**extra) -> dict:
    fig = {
        "view": "side",
        "props": ["mat"],
        "start": {"trunk": 180},
        "end": {"trunk": 180, "r_hip": 60},
    }
    fig.update(extra)
    return fig


# --- every picture ------------------------------------------------------------------------------


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_static_pictures_are_well_formed_svg(ex):
    for which in ("start", "end"):
        svg = render_svg(ex["figure"], which, title=f"{ex['name']} ({which})")
        root = parse(svg)
        assert root.get("viewBox") == "0 0 320 240"
        assert root[0].tag == f"{SVG}title"
        assert root[0].text == f"{ex['name']} ({which})"
        assert root.get("role") == "img"
        # a picture with a body in it: head circle, limbs
        assert len(root.findall(f".//{SVG}line")) >= 10
        assert len(root.findall(f".//{SVG}circle")) >= 4


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_animated_picture_is_well_formed_smil(ex):
    svg = render_animated_svg(ex["figure"], title=ex["name"])
    root = parse(svg)
    assert root[0].tag == f"{SVG}title" and root[0].text == ex["name"]
    animations = root.findall(f".//{SVG}animate")
    assert animations, ex["slug"]
    for anim in animations:
        times = [float(t) for t in anim.get("keyTimes").split(";")]
        values = anim.get("values").split(";")
        assert len(times) == len(values)
        assert times[0] == 0 and times[-1] == 1
        assert times == sorted(times)
        assert anim.get("repeatCount") == "indefinite"
        # the loop returns to the start pose
        assert values[0] == values[-1]


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_animated_picture_shows_the_start_pose_without_smil(ex):
    """WeasyPrint ignores <animate>: what it prints must be the start picture."""
    animated = render_animated_svg(ex["figure"])
    static = render_svg(ex["figure"], "start")
    without_anim = re.sub(r"<animate [^>]*/>", "", animated)
    without_anim = re.sub(r"<(\w+)([^<>]*)></\1>", r"<\1\2/>", without_anim)
    assert body_group(without_anim) == body_group(static)


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_start_and_end_pictures_differ(ex):
    start = body_group(render_svg(ex["figure"], "start"))
    end = body_group(render_svg(ex["figure"], "end"))
    assert start != end


def _radii() -> dict:
    radii = {"head": figures.HEAD_R, "pelvis": figures.W_TORSO / 2, "chest": figures.W_TORSO / 2}
    for s in ("r", "l"):
        radii[f"{s}_knee"] = figures.W_THIGH / 2
        radii[f"{s}_ankle"] = figures.W_SHIN / 2
        radii[f"{s}_heel"] = radii[f"{s}_toe"] = figures.W_FOOT / 2
        radii[f"{s}_elbow"] = figures.W_UPPER_ARM / 2
        radii[f"{s}_hand"] = figures.HAND_R
    return radii


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_body_rests_on_the_floor_without_sinking_into_it(ex):
    fig = ex["figure"]
    floor = fig.get("floor", 0)
    radii = _radii()
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        pts = pose_points(fig, t)
        lowest = min(pts[name][1] - r for name, r in radii.items())
        # an elbow may dip a little into the mat; nothing goes through the floor
        assert lowest >= floor - 2.5, (ex["slug"], t, lowest)
        if ex["number"] != 35:  # the swimmer floats
            assert lowest <= floor + 0.5, (ex["slug"], t, lowest)


@pytest.mark.parametrize("ex", EXERCISES, ids=IDS)
def test_limbs_keep_their_length_through_the_movement(ex):
    for t in (0.0, 0.3, 0.7, 1.0):
        pts = pose_points(ex["figure"], t)
        for s in ("r", "l"):
            assert math.dist(pts[f"{s}_hip"], pts[f"{s}_knee"]) == pytest.approx(
                figures.THIGH_LEN, abs=0.01
            )
            assert math.dist(pts[f"{s}_knee"], pts[f"{s}_ankle"]) == pytest.approx(
                figures.SHIN_LEN, abs=0.01
            )
            assert math.dist(pts[f"{s}_shoulder"], pts[f"{s}_elbow"]) == pytest.approx(
                figures.UPPER_ARM_LEN, abs=0.01
            )


def test_planted_feet_and_hands_stay_put():
    planted = [e for e in EXERCISES if e["figure"].get("plant")]
    assert len(planted) >= 5
    for ex in planted:
        start = pose_points(ex["figure"], 0.0)
        end = pose_points(ex["figure"], 1.0)
        for item in ex["figure"]["plant"]:
            side, part = item.split("_")
            point = f"{side}_ankle" if part == "foot" else f"{side}_hand"
            assert math.dist(start[point], end[point]) < 0.5, (ex["slug"], item)


def test_static_attributes_are_print_friendly_colours():
    svg = render_svg(EXERCISES[1]["figure"], "end")
    assert figures.WORK in svg  # teal working leg
    assert figures.INK in svg
    assert figures.INK_FAR in svg  # the far leg is lighter
    assert figures.GLOW in svg  # hamstrings highlighted
    assert figures.ARROW in svg


def test_arrow_only_on_the_end_picture():
    fig = EXERCISES[1]["figure"]
    assert figures.ARROW not in render_svg(fig, "start")
    assert figures.ARROW in render_svg(fig, "end")
    assert figures.ARROW not in render_animated_svg(fig)


# --- safety -------------------------------------------------------------------------------------


def test_hostile_title_is_escaped():
    for svg in (
        render_svg(EXERCISES[0]["figure"], "start", title=HOSTILE),
        render_animated_svg(EXERCISES[0]["figure"], title=HOSTILE),
    ):
        root = parse(svg)
        assert root[0].text == HOSTILE
        assert root.get("aria-label") == HOSTILE
        assert "<script" not in svg
        assert not root.findall(f".//{SVG}script")


def test_no_external_references_or_scripts():
    for ex in EXERCISES:
        for svg in (
            render_svg(ex["figure"], "start"),
            render_svg(ex["figure"], "end"),
            render_animated_svg(ex["figure"]),
        ):
            assert "href" not in svg
            assert "url(" not in svg
            assert "<script" not in svg
            assert "<image" not in svg
            assert "<foreignObject" not in svg
            assert svg.count("http") == 1  # the SVG namespace only
            assert re.search(r"\son\w+=", svg) is None  # no event handlers


def test_output_is_deterministic():
    for ex in EXERCISES[:12]:
        fig = ex["figure"]
        assert render_svg(fig, "end") == render_svg(fig, "end")
        assert render_animated_svg(fig) == render_animated_svg(fig)


def test_rendering_does_not_change_the_figure():
    import copy

    fig = EXERCISES[17]["figure"]
    before = copy.deepcopy(fig)
    render_svg(fig, "end")
    render_animated_svg(fig)
    assert fig == before


# --- options and props --------------------------------------------------------------------------


def test_size_sets_width_and_height_but_not_the_drawing():
    small = render_svg(simple_figure(), size=(160, 120))
    root = parse(small)
    assert (root.get("width"), root.get("height")) == ("160.0", "120.0")
    assert body_group(small) == body_group(render_svg(simple_figure()))


def test_default_title_is_present():
    root = parse(render_svg(simple_figure(), "end"))
    assert root[0].text == "Exercise, end position"


@pytest.mark.parametrize(
    "prop",
    [
        "floor",
        "mat",
        "chair",
        {"type": "rope", "from": "r_arch", "to": ["r_hand", "l_hand"]},
        {"type": "wall", "x": -120},
        "band",
        {"type": "pool", "water": 150},
        "dowel",
        {"type": "pillow", "at": "head"},
        {"type": "pillow", "at": "pelvis", "off": [0, -10, 0]},
    ],
)
def test_every_prop_draws(prop):
    fig = {
        "view": "side",
        "props": [prop],
        "start": {},
        "end": {"r_hip": 30, "l_shoulder": 60},
    }
    plain = render_svg({**fig, "props": []}, "start")
    with_prop = render_svg(fig, "start")
    parse(with_prop)
    assert len(with_prop) > len(plain)
    parse(render_animated_svg(fig))


@pytest.mark.parametrize("view", sorted(figures.VIEWS))
def test_every_view_draws(view):
    parse(render_svg(simple_figure(view=view), "end"))


def test_camera_overrides_the_view():
    a = render_svg(simple_figure(camera={"az": 30, "el": 40}), "end")
    b = render_svg(simple_figure(), "end")
    assert body_group(a) != body_group(b)


@pytest.mark.parametrize("region", figures.HIGHLIGHT_REGIONS)
def test_every_highlight_region_draws(region):
    svg = render_svg(simple_figure(highlight={"region": region, "side": "l"}), "end")
    assert figures.GLOW in svg


# --- pose model -------------------------------------------------------------------------------


def test_standing_figure_is_upright_and_on_the_floor():
    pts = pose_points({"start": {}, "end": {}})
    assert pts["head"][1] > pts["chest"][1] > pts["pelvis"][1] > pts["r_knee"][1]
    assert pts["r_knee"][1] > pts["r_ankle"][1]
    lowest = min(pts["r_heel"][1], pts["r_toe"][1]) - figures.W_FOOT / 2
    assert lowest == pytest.approx(0.0, abs=0.01)
    # facing +x: the toes point forward, the right side is nearer the viewer (+z)
    assert pts["r_toe"][0] > pts["r_heel"][0]
    assert pts["r_hip"][2] > pts["l_hip"][2]


def test_hip_flexion_raises_the_leg_forward():
    pts = pose_points({"start": {}, "end": {"r_hip": 90}}, 1.0)
    assert pts["r_knee"][1] == pytest.approx(pts["r_hip"][1], abs=0.01)
    assert pts["r_knee"][0] == pytest.approx(pts["r_hip"][0] + figures.THIGH_LEN, abs=0.01)


def test_lying_on_the_back_puts_the_head_left_and_face_up():
    pts = pose_points({"start": {"trunk": 180}, "end": {"trunk": 180}})
    assert pts["head"][0] < pts["pelvis"][0] < pts["r_ankle"][0]
    assert pts["nose"][1] > pts["head"][1]


def test_hand_targets_are_reached():
    fig = {"start": {"trunk": 180, "r_hip": 120, "r_knee": 120, "r_hand": {"at": "r_knee"}}}
    pts = pose_points({**fig, "end": fig["start"]})
    assert math.dist(pts["r_hand"], pts["r_knee"]) < 0.5
    # out of reach: the arm points at the target, fully straight
    far = {"start": {"r_hand": {"at": "r_toe"}}, "end": {}}
    pts = pose_points(far)
    reach = math.dist(pts["r_shoulder"], pts["r_elbow"]) + math.dist(pts["r_elbow"], pts["r_hand"])
    assert math.dist(pts["r_shoulder"], pts["r_hand"]) == pytest.approx(reach, abs=0.01)


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "not a dict",
        {"start": {}},
        {"start": {}, "end": {}, "colour": "red"},
        {"start": {"trunk": "90"}, "end": {}},
        {"start": {"trunk": True}, "end": {}},
        {"start": {"elbow": 10}, "end": {}},
        {"start": {"root": [1]}, "end": {}},
        {"start": {"r_hand": {"at": 5}}, "end": {}},
        {"start": {"r_hand": {"off": [0, 0, 0]}}, "end": {}},
        {"start": {}, "end": {}, "view": "bird"},
        {"start": {}, "end": {}, "camera": {"az": "x"}},
        {"start": {}, "end": {}, "props": ["trampoline"]},
        {"start": {}, "end": {}, "props": [{"type": "pool", "water": "deep"}]},
        {"start": {}, "end": {}, "work": ["tail"]},
        {"start": {}, "end": {}, "plant": ["r_knee"]},
        {"start": {}, "end": {}, "highlight": {"region": "spleen"}},
        {"start": {}, "end": {}, "arrow": {"pivot": "r_hip"}},
        {"start": {}, "end": {}, "arrow": {"joint": "r_ankle", "dir": [1, "up"]}},
    ],
)
def test_bad_figures_are_rejected(bad):
    with pytest.raises(FigureError):
        validate_figure(bad)
    with pytest.raises(FigureError):
        render_svg(bad)


def test_unknown_body_points_are_rejected_when_drawing():
    fig = {"start": {"r_hand": {"at": "r_tail"}}, "end": {}}
    with pytest.raises(FigureError):
        render_svg(fig)
    with pytest.raises(FigureError):
        render_svg(simple_figure(arrow={"joint": "_spine"}), "end")


def test_which_must_be_start_or_end():
    with pytest.raises(FigureError):
        render_svg(simple_figure(), "middle")


def test_size_must_be_positive():
    with pytest.raises(FigureError):
        render_svg(simple_figure(), size=(0, 240))
