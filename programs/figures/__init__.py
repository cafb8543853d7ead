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
Public API: :func:`figure_svg` and :func:`figure_svgs` (pictures drawn once, then cached: what
pages, the portal and handouts use), :data:`RENDERER_VERSION` (a hash of this package's code,
for anything else keyed on how pictures look), :func:`render_svg` (one static picture),
:func:`render_animated_svg` (one SVG that moves start → end → hold → start with SMIL; its static
attributes are the start pose, so WeasyPrint prints the start position), :func:`validate_figure`
and :func:`pose_points`. Output is deterministic, self-contained (no scripts, links or external
references) and all text is XML-escaped.

The modules, from the bottom up: `geometry` (vector helpers), `validate` (what a description may
hold), `pose` (the body and its kinematics), `drawing` and `highlights` (colours, SVG elements,
muscle glows), `scene` (camera, props, body, arrow), `svg` (the output) and `cache` (the one
cache of drawn pictures).
"""

from .cache import PICTURE_KINDS, RENDERER_VERSION, figure_svg, figure_svgs, picture_key
from .drawing import (
    ARROW,
    BACKGROUND,
    GLOW,
    INK,
    INK_FAR,
    VIEW_H,
    VIEW_W,
    WORK,
    WORK_FAR,
)
from .pose import (
    FOREARM_LEN,
    HAND_R,
    HEAD_R,
    SHIN_LEN,
    THIGH_LEN,
    UPPER_ARM_LEN,
    W_FOOT,
    W_FOREARM,
    W_SHIN,
    W_THIGH,
    W_TORSO,
    W_UPPER_ARM,
    pose_points,
)
from .svg import render_animated_svg, render_svg
from .validate import (
    FIGURE_KEYS,
    HIGHLIGHT_REGIONS,
    LIMBS,
    POSE_KEYS,
    PROP_TYPES,
    SIDES,
    VIEWS,
    FigureError,
    validate_figure,
)

__all__ = [
    "ARROW",
    "BACKGROUND",
    "FIGURE_KEYS",
    "FOREARM_LEN",
    "GLOW",
    "HAND_R",
    "HEAD_R",
    "HIGHLIGHT_REGIONS",
    "INK",
    "INK_FAR",
    "LIMBS",
    "PICTURE_KINDS",
    "POSE_KEYS",
    "PROP_TYPES",
    "RENDERER_VERSION",
    "SHIN_LEN",
    "SIDES",
    "THIGH_LEN",
    "UPPER_ARM_LEN",
    "VIEWS",
    "VIEW_H",
    "VIEW_W",
    "WORK",
    "WORK_FAR",
    "W_FOOT",
    "W_FOREARM",
    "W_SHIN",
    "W_THIGH",
    "W_TORSO",
    "W_UPPER_ARM",
    "FigureError",
    "figure_svg",
    "figure_svgs",
    "picture_key",
    "pose_points",
    "render_animated_svg",
    "render_svg",
    "validate_figure",
]
