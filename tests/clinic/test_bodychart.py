"""Body chart catalogue, validation, derived values, SVG and the no-JavaScript form path.

Plain pytest: no Django, no database.
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from clinic import bodychart as bc

SVG = "{http://www.w3.org/2000/svg}"

# Every region id of the body chart, slash pairs split.
EXPECTED_REGION_IDS = {
    "lumbar_central",
    "lumbar_paraspinal",
    "thoracolumbar",
    "sij_psis",
    "sacrum_coccyx",
    "buttock_upper",
    "buttock_deep",
    "hip_lateral",
    "groin",
    "thigh_posterior",
    "thigh_lateral",
    "thigh_anterior",
    "knee_posterior",
    "knee",
    "calf",
    "leg_lateral",
    "shin",
    "ankle",
    "foot_dorsum",
    "lateral_foot",
    "foot_sole",
    "heel",
    "toes_big",
    "toes_lateral",
    "saddle",
    "abdomen",
}
CENTRAL_IDS = {"lumbar_central", "thoracolumbar", "sacrum_coccyx", "saddle", "abdomen"}

SCIATICA = [
    {"region": "buttock_deep", "side": "left", "symptoms": ["pain"], "worst": True},
    {"region": "thigh_posterior", "side": "left", "symptoms": ["pain"], "worst": False},
    {"region": "calf", "side": "left", "symptoms": ["pins_and_needles"], "worst": False},
    {"region": "foot_sole", "side": "left", "symptoms": ["numbness"], "worst": False},
    {"region": "lumbar_central", "side": "central", "symptoms": ["pain"], "worst": False},
]


def mark(region, side, symptoms=("pain",), worst=False):
    return {"region": region, "side": side, "symptoms": list(symptoms), "worst": worst}


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 - our own markup


def shapes(root):
    return [el for el in root.iter(f"{SVG}path") if el.get("data-region")]


# ---- catalogue ---------------------------------------------------------------------------


def test_catalogue_has_every_clinical_region_once():
    ids = [r.id for r in bc.REGIONS]
    assert set(ids) == EXPECTED_REGION_IDS
    assert len(ids) == len(set(ids))


def test_catalogue_starts_with_the_back_view_and_sides_match_clinical():
    assert bc.REGIONS[0].id == "lumbar_central"
    for region in bc.REGIONS:
        assert region.view in ("back", "front")
        assert region.lateral == (region.id not in CENTRAL_IDS), region.id
        assert region.label


def test_levels_run_from_thoracolumbar_to_toes():
    level = {r.id: r.level for r in bc.REGIONS}
    assert min(level, key=level.get) == "thoracolumbar"
    assert level["toes_big"] == level["toes_lateral"] == max(level.values())
    assert level["lumbar_central"] < level["buttock_deep"] < level["thigh_posterior"]
    assert level["thigh_posterior"] < level["knee_posterior"] < level["calf"]
    assert level["calf"] < level["ankle"] < level["foot_sole"] < level["toes_big"]
    assert level["foot_sole"] == level["lateral_foot"] < level["heel"] < level["toes_big"]


def test_the_classic_s1_areas_are_below_knee_leg_regions():
    for region in ("heel", "lateral_foot"):
        assert region in bc.CLICKABLE_REGION_IDS
        assert region in bc.LEG_REGIONS
        assert region in bc.BELOW_KNEE_REGIONS
        assert bc.REGION_BY_ID[region].hint == "≈ S1"
        assert bc.REGION_BY_ID[region].group == bc.GROUP_FOOT
    derived = bc.derive([mark("heel", "left"), mark("lateral_foot", "right", worst=True)])
    assert derived["below_knee"] is True
    assert derived["bilateral_leg_symptoms"] is True
    assert derived["distal_extent"] == "heel"


def test_saddle_is_known_but_never_clickable():
    assert "saddle" in bc.REGION_BY_ID
    assert "saddle" not in bc.CLICKABLE_REGION_IDS
    assert not bc.REGION_BY_ID["saddle"].clickable
    assert len(bc.CLICKABLE_REGIONS) == len(bc.REGIONS) - 1


def test_leg_and_below_knee_sets():
    assert bc.BELOW_KNEE_REGIONS <= bc.LEG_REGIONS
    expected = {
        "calf",
        "leg_lateral",
        "shin",
        "ankle",
        "foot_dorsum",
        "lateral_foot",
        "foot_sole",
        "heel",
        "toes_big",
        "toes_lateral",
    }
    assert expected == bc.BELOW_KNEE_REGIONS
    assert "knee_posterior" not in bc.BELOW_KNEE_REGIONS
    assert {"buttock_deep", "groin", "lumbar_central"}.isdisjoint(bc.LEG_REGIONS)


def test_sides_and_symptoms_are_value_label_pairs():
    assert [v for v, _ in bc.SIDES] == ["left", "right", "central", "both"]
    assert [v for v, _ in bc.SYMPTOMS] == [
        "pain",
        "numbness",
        "pins_and_needles",
        "weakness",
        "burning",
    ]


# ---- validation ----------------------------------------------------------------------------


def test_valid_marks_are_normalised_and_sorted_in_catalogue_order():
    data = [
        mark("calf", "left", ["numbness", "pain", "numbness"]),
        {"region": "lumbar_central", "symptoms": ["pain"], "worst": True, "extra": "x"},
    ]
    assert bc.validate_marks(data) == [
        {"region": "lumbar_central", "side": "central", "symptoms": ["pain"], "worst": True},
        {"region": "calf", "side": "left", "symptoms": ["pain", "numbness"], "worst": False},
    ]


def test_empty_list_is_valid():
    assert bc.validate_marks([]) == []


def test_duplicate_region_is_merged_left_and_right_become_both():
    data = [
        mark("calf", "left", ["pain"], worst=True),
        mark("calf", "left", ["pain"], worst=True),
        mark("calf", "right", ["numbness"]),
    ]
    assert bc.validate_marks(data) == [
        {"region": "calf", "side": "both", "symptoms": ["pain", "numbness"], "worst": True}
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("[]", "not valid"),
        ({"region": "calf"}, "not valid"),
        ([["calf"]], "not valid"),
        ([mark("elbow", "left", worst=True)], "unknown area (“elbow”)"),
        ([mark("saddle", "central", worst=True)], "red-flag section"),
        ([mark("lumbar_central", "left", worst=True)], "can't be marked “left”"),
        ([mark("sacrum_coccyx", "both", worst=True)], "central"),
        ([mark("abdomen", "right", worst=True)], "can't be marked"),
        ([mark("calf", "central", worst=True)], "choose left, right or both"),
        ([mark("calf", "", worst=True)], "Choose a side"),
        ([mark("calf", "upside", worst=True)], "side chosen for calf is not valid"),
        ([mark("calf", "left", [], worst=True)], "at least one symptom type"),
        ([mark("calf", "left", ["itching"], worst=True)], "Unknown symptom type “itching”"),
        ([{**mark("calf", "left"), "symptoms": "pain", "worst": True}], "not valid"),
        ([{**mark("calf", "left"), "worst": "yes"}], "“worst” setting"),
        (
            [mark("calf", "left", worst=True), mark("shin", "left", worst=True)],
            "Only one area can be the worst",
        ),
        ([mark("calf", "left"), mark("shin", "left")], "Choose which marked area is the worst"),
        ([mark("calf", "left", worst=True)] * 41, "too many marked areas"),
    ],
)
def test_invalid_marks_raise_a_clear_message(data, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        bc.validate_marks(data)


def test_forty_marks_are_still_accepted_before_merging():
    data = [mark("calf", "left", worst=True)] * 40
    assert len(bc.validate_marks(data)) == 1


def test_error_messages_name_the_area_with_its_side():
    with pytest.raises(ValueError, match="for left calf"):
        bc.validate_marks([mark("calf", "left", [], worst=True)])


# ---- derived values ------------------------------------------------------------------------


def test_sciatica_example_derives_below_knee_and_distal_extent():
    derived = bc.derive(bc.validate_marks(SCIATICA))
    assert derived == {
        "bilateral_leg_symptoms": False,
        "below_knee": True,
        "distal_extent": "foot_sole",
        "distal_extent_level": 90,
        "distal_extent_label": "Left sole of foot",
        "worst_region": "buttock_deep",
        "worst_region_label": "Left buttock (deep)",
        "sides_affected": ["left", "central"],
    }


def test_bilateral_leg_symptoms_via_both():
    marks = bc.validate_marks([mark("thigh_posterior", "both", worst=True)])
    assert bc.derive(marks)["bilateral_leg_symptoms"] is True


def test_bilateral_leg_symptoms_via_left_and_right_in_different_regions():
    marks = bc.validate_marks([mark("calf", "left", worst=True), mark("thigh_lateral", "right")])
    derived = bc.derive(marks)
    assert derived["bilateral_leg_symptoms"] is True
    assert derived["sides_affected"] == ["left", "right"]


def test_both_buttocks_are_not_bilateral_leg_symptoms():
    marks = bc.validate_marks([mark("buttock_deep", "both", worst=True), mark("calf", "left")])
    assert bc.derive(marks)["bilateral_leg_symptoms"] is False


def test_back_of_knee_is_not_below_the_knee():
    marks = bc.validate_marks([mark("knee_posterior", "left", worst=True)])
    derived = bc.derive(marks)
    assert derived["below_knee"] is False
    assert derived["distal_extent"] == "knee_posterior"


def test_distal_extent_is_the_lowest_region_whatever_the_order():
    marks = bc.validate_marks(
        [mark("toes_big", "right"), mark("lumbar_central", "central", worst=True)]
    )
    assert bc.derive(marks)["distal_extent"] == "toes_big"
    assert bc.derive(list(reversed(marks)))["distal_extent"] == "toes_big"


def test_nothing_marked_derives_nothing():
    assert bc.derive([]) == {
        "bilateral_leg_symptoms": False,
        "below_knee": False,
        "distal_extent": None,
        "distal_extent_level": None,
        "distal_extent_label": None,
        "worst_region": None,
        "worst_region_label": None,
        "sides_affected": [],
    }


# ---- SVG -------------------------------------------------------------------------------------


def test_interactive_svg_is_xml_with_every_clickable_region_as_a_button():
    root = parse(bc.render_chart_svg(bc.validate_marks(SCIATICA), interactive=True))
    found = shapes(root)
    drawn = {(el.get("data-region"), el.get("data-side")) for el in found}
    for region in bc.CLICKABLE_REGIONS:
        sides = ("left", "right") if region.lateral else ("central",)
        for side in sides:
            assert (region.id, side) in drawn, (region.id, side)
    assert not any(el.get("data-region") == "saddle" for el in found)
    for el in found:
        assert el.get("role") == "button"
        assert el.get("tabindex") == "0"
        assert el.get("aria-label")
    labels = {el.get("aria-label") for el in found}
    assert "Left calf, pins and needles" in labels
    assert "Right calf, not marked" in labels
    assert "Left buttock (deep), pain, worst area" in labels


def test_display_svg_has_no_buttons_or_focus_stops():
    svg = bc.render_chart_svg(bc.validate_marks(SCIATICA), interactive=False)
    root = parse(svg)
    assert root.get("role") == "img"
    for el in root.iter():
        assert el.get("role") in (None, "img")
        assert el.get("tabindex") is None
        assert el.get("aria-label") is None
    assert "Left buttock (deep): pain (worst)" in root.find(f"{SVG}desc").text


def test_back_view_comes_first_and_sides_are_mirrored_between_views():
    root = parse(bc.render_chart_svg([], interactive=True))
    views = [g for g in root.iter(f"{SVG}g") if g.get("class") == "bc-view"]
    assert [v.get("data-view") for v in views] == ["back", "front"]
    for view in views:
        ordered = [el.get("data-side") for el in shapes(view) if el.get("data-region") == "calf"]
        ordered += [el.get("data-side") for el in shapes(view) if el.get("data-region") == "shin"]
        # Viewer's left first: the patient's left from behind, the patient's right from the front.
        expected = ["left", "right"] if view.get("data-view") == "back" else ["right", "left"]
        assert ordered == expected
        letters = [t.text for t in view.iter(f"{SVG}text") if t.text in ("L", "R")]
        assert letters == (["L", "R"] if view.get("data-view") == "back" else ["R", "L"])


def test_marked_regions_are_filled_by_symptom_and_worst_gets_a_star():
    marks = bc.validate_marks(
        [
            mark("calf", "both", ["pain", "numbness"], worst=True),
            mark("shin", "right", ["burning"]),
            mark("knee", "right", ["pain"]),
        ]
    )
    root = parse(bc.render_chart_svg(marks, interactive=False, id_prefix="chart1"))
    fills = {(el.get("data-region"), el.get("data-side")): el.get("fill") for el in shapes(root)}
    assert fills[("calf", "left")] == fills[("calf", "right")] == "url(#chart1-f-pain--numbness)"
    assert fills[("shin", "right")] == "url(#chart1-f-burning)"
    assert re.fullmatch(r"#[0-9a-f]{6}", fills[("knee", "right")])  # pain alone: plain red
    assert fills[("shin", "left")] == fills[("knee", "left")]  # unmarked
    pattern_ids = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert {"chart1-f-pain--numbness", "chart1-f-burning", "chart1-f-weakness"} <= pattern_ids
    stars = [g for g in root.iter(f"{SVG}g") if g.get("class") == "bc-stars"]
    assert sum(len(list(g)) for g in stars) == 2  # one on each calf


def test_every_internal_reference_resolves_and_nothing_is_external():
    svg = bc.render_chart_svg(bc.validate_marks(SCIATICA), interactive=True)
    root = parse(svg)
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for ref in re.findall(r"url\(#([^)]+)\)", svg):
        assert ref in ids, ref
    assert "<script" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "href" not in svg
    assert not any(el.tag == f"{SVG}foreignObject" for el in root.iter())


def test_svg_text_is_escaped():
    svg = bc.render_chart_svg([], interactive=False, title='O\'Brien & <Smith> "chart"')
    root = parse(svg)
    assert root.find(f"{SVG}title").text == 'O\'Brien & <Smith> "chart"'
    assert "<Smith>" not in svg


def test_bad_id_prefix_is_refused():
    with pytest.raises(ValueError):
        bc.render_chart_svg([], interactive=False, id_prefix='x" onload="alert(1)')


def test_svg_output_is_deterministic():
    first = bc.render_chart_svg(bc.validate_marks(SCIATICA), interactive=True)
    second = bc.render_chart_svg(bc.validate_marks(list(reversed(SCIATICA))), interactive=True)
    assert first == second


def test_drafts_with_unknown_values_still_render():
    draft = [
        {"region": "calf", "side": "", "symptoms": ["pain"]},
        {"region": "nope", "side": "left"},
        "junk",
        {"region": "shin", "side": "left", "symptoms": []},
    ]
    root = parse(bc.render_chart_svg(draft, interactive=True))
    by_key = {(el.get("data-region"), el.get("data-side")): el for el in shapes(root)}
    assert by_key[("calf", "left")].get("data-marked") == "false"
    assert by_key[("shin", "left")].get("data-marked") == "true"


# ---- reading the form ------------------------------------------------------------------------


def post_for(pairs):
    """A Mapping[str, list[str]] like dict(QueryDict.lists())."""
    data = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


def test_list_view_alone_fills_the_chart():
    post = post_for(
        [
            ("bc-buttock_deep-side", "left"),
            ("bc-buttock_deep-symptoms", "pain"),
            ("bc-calf-side", "left"),
            ("bc-calf-symptoms", "pins_and_needles"),
            ("bc-calf-symptoms", "numbness"),
            ("bc-lumbar_central-symptoms", "pain"),  # central: side may be left blank
            ("bc-shin-side", ""),  # untouched rows submit empty selects
            ("bc-worst", "buttock_deep"),
        ]
    )
    assert bc.marks_from_post(post) == [
        {"region": "lumbar_central", "side": "central", "symptoms": ["pain"], "worst": False},
        {"region": "buttock_deep", "side": "left", "symptoms": ["pain"], "worst": True},
        {
            "region": "calf",
            "side": "left",
            "symptoms": ["numbness", "pins_and_needles"],
            "worst": False,
        },
    ]


def test_list_view_with_one_area_makes_it_the_worst():
    post = post_for([("bc-calf-side", "right"), ("bc-calf-symptoms", "pain")])
    assert bc.marks_from_post(post)[0]["worst"] is True


def test_list_view_errors_are_clear():
    with pytest.raises(ValueError, match="Choose a side"):
        bc.marks_from_post(post_for([("bc-calf-symptoms", "pain"), ("bc-worst", "calf")]))
    with pytest.raises(ValueError, match="at least one symptom type for left calf"):
        bc.marks_from_post(post_for([("bc-calf-side", "left"), ("bc-worst", "calf")]))
    with pytest.raises(ValueError, match="Calf is chosen as the worst area but is not marked"):
        bc.marks_from_post(
            post_for([("bc-shin-side", "left"), ("bc-shin-symptoms", "pain"), ("bc-worst", "calf")])
        )
    with pytest.raises(ValueError, match="Choose which marked area is the worst"):
        bc.marks_from_post(
            post_for(
                [
                    ("bc-shin-side", "left"),
                    ("bc-shin-symptoms", "pain"),
                    ("bc-calf-side", "left"),
                    ("bc-calf-symptoms", "pain"),
                ]
            )
        )


def test_nothing_submitted_is_an_empty_chart():
    assert bc.marks_from_post({}) == []


def test_valid_json_from_the_script_wins_over_the_list_fields():
    post = post_for(
        [
            ("body_chart", json.dumps([mark("calf", "left", worst=True)])),
            ("bc-shin-side", "left"),
            ("bc-shin-symptoms", "pain"),
        ]
    )
    assert [m["region"] for m in bc.marks_from_post(post)] == ["calf"]


def test_invalid_json_falls_back_to_the_list_fields():
    post = post_for(
        [("body_chart", "{not json"), ("bc-shin-side", "left"), ("bc-shin-symptoms", "pain")]
    )
    assert [m["region"] for m in bc.marks_from_post(post)] == ["shin"]


def test_invalid_json_with_an_empty_list_reports_the_json_problem():
    post = post_for([("body_chart", json.dumps([mark("calf", "left"), mark("shin", "left")]))])
    with pytest.raises(ValueError, match="worst"):
        bc.marks_from_post(post)


def test_querydict_like_objects_are_read_with_getlist():
    class FakeQueryDict(dict):
        def getlist(self, key):
            return self.get(key, [])

        def __getitem__(self, key):  # like QueryDict: the last value only
            return dict.__getitem__(self, key)[-1]

    post = FakeQueryDict(
        {"bc-calf-side": ["left"], "bc-calf-symptoms": ["pain", "numbness"], "bc-worst": ["calf"]}
    )
    assert bc.marks_from_post(post)[0]["symptoms"] == ["pain", "numbness"]


# ---- template contexts ---------------------------------------------------------------------


def test_widget_context_redisplays_what_was_submitted():
    post = post_for([("bc-calf-symptoms", "pain"), ("bc-worst", "calf")])  # no side: invalid
    ctx = bc.widget_context(post=post, errors=["Choose a side (left, right or both) for calf."])
    calf = next(row for row in ctx["regions"] if row["id"] == "calf")
    assert calf["marked"] and calf["worst"]
    assert [o["value"] for o in calf["symptom_options"] if o["checked"]] == ["pain"]
    assert not any(o["selected"] for o in calf["side_options"])
    assert calf["side_name"] == "bc-calf-side"
    assert calf["symptoms_name"] == "bc-calf-symptoms"
    assert calf["worst_name"] == "bc-worst"
    assert json.loads(ctx["value_json"]) == [
        {"region": "calf", "side": "", "symptoms": ["pain"], "worst": True}
    ]
    assert ctx["svg"].__html__().startswith("<svg")
    assert [row["id"] for row in ctx["regions"]] == [r.id for r in bc.CLICKABLE_REGIONS]
    assert ctx["field_name"] == "body_chart"


def test_widget_context_from_stored_marks():
    ctx = bc.widget_context(marks=bc.validate_marks(SCIATICA))
    assert json.loads(ctx["value_json"]) == bc.validate_marks(SCIATICA)
    deep = next(row for row in ctx["regions"] if row["id"] == "buttock_deep")
    assert [o["value"] for o in deep["side_options"] if o["selected"]] == ["left"]
    central = next(row for row in ctx["regions"] if row["id"] == "lumbar_central")
    assert [o["value"] for o in central["side_options"]] == ["central"]


def test_display_context_puts_the_worst_area_first():
    ctx = bc.display_context(bc.validate_marks(SCIATICA))
    first = ctx["items"][0]
    assert first["worst"] is True
    assert f"Worst: {first['label_lower']} — {first['symptoms_label']}" == (
        "Worst: left buttock (deep) — pain"
    )
    assert ctx["derived"]["below_knee"] is True
    assert 'role="img"' in ctx["svg"]


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_every_word_on_the_chart_reads_at_12_px_on_a_phone_without_crowding(language):
    """The headings, their sub-labels, the side letters and the key are at least 12 CSS px on a
    390-px phone, and the key's longest words (the patient's language) stay in their column."""
    from django.utils import translation

    from clinic.selfservice.forms import chart_svg_words

    with translation.override(language):
        words = chart_svg_words()
    root = parse(bc.render_chart_svg([], interactive=False, words=words))
    texts = list(root.iter(f"{SVG}text"))
    # Two headings and their sub-labels, four side letters, the key's title and its six rows.
    assert len(texts) == 15
    sizes = [float(t.get("font-size")) for t in texts]
    assert min(sizes) * bc.PHONE_SCALE >= 12, sizes

    # At most 0.6 em a character (wider than the sans-serif's average): each word ends before
    # the next column, and the second column before the drawing's edge (the key starts at 20).
    legend = root.find(f".//{SVG}g[@class='bc-legend']")
    for text in legend.iter(f"{SVG}text"):
        x = float(text.get("x", 0))
        end = x + 0.6 * bc.TEXT_SIZE * len(text.text)
        limit = bc._KEY_COLUMN_W if x < bc._KEY_COLUMN_W else bc._SVG_W - 20
        assert end <= limit, (text.text, end, limit)
