"""The words the library is written in: categories, joints and equipment.

Precaution tags are the intake's (`clinic.precautions.PRECAUTION_TAGS`).
"""

from __future__ import annotations

CATEGORY_LABELS = {
    "ais_stretch": "Active Isolated Stretch",
    "stabilisation": "Core and hip strength (stabilisation)",
    "mobility": "Gentle spine movement (mobility)",
    "neural": "Nerve gliding",
    "mckenzie": "Directional back exercise (McKenzie-style)",
    "functional": "Everyday movement practice",
    "aquatic": "Pool exercise",
    "aerobic": "Walking and fitness",
}

JOINT_LABELS = {
    "lumbar": "Low back (lumbar spine)",
    "iliolumbar": "Where the low back meets the pelvis (iliolumbar)",
    "sacroiliac": "Back of the pelvis (sacroiliac joint)",
    "hip": "Hip",
}

EQUIPMENT_LABELS = {
    "rope": "Stretching rope or yoga strap, 8–10 ft (2.5–3 m) long",
    "chair": "Firm chair",
    "mat": "Exercise mat or carpet",
    "wall": "Wall",
    "pool": "Swimming pool",
    "band": "Resistance band",
    "dowel": "Broomstick or dowel",
}
