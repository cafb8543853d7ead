"""The shipped 36-exercise library as plain data: schema and clinical rules.

Pure Python: runs with or without pytest-django.
"""

import json
import re

import pytest

from clinic.precautions import PRECAUTION_TAGS
from programs import library_data as lib
from programs.figures import validate_figure
from programs.library_data.blocks import AIS_TEMPO

EXERCISES = lib.EXERCISES
BY_NUMBER = {e["number"]: e for e in EXERCISES}
BY_SLUG = {e["slug"]: e for e in EXERCISES}

KEYS = {
    "number",
    "slug",
    "name",
    "category",
    "summary",
    "target_muscles",
    "joints",
    "equipment",
    "start_position",
    "steps",
    "agonist",
    "dose",
    "per_side",
    "tempo",
    "cues",
    "stop_rules",
    "contraindications",
    "precaution_notes",
    "progressions",
    "regressions",
    "evidence_note",
    "figure",
}
TAGS = {key for key, _, _ in PRECAUTION_TAGS}
ACTIONS = {"hide", "approval", "caution"}


@pytest.fixture(autouse=True)
def _test_settings():
    """Overrides the project's Django settings fixture: these tests need no Django."""


def rule(number: int, tag: str) -> str | None:
    for c in BY_NUMBER[number]["contraindications"]:
        if c["tag"] == tag:
            return c["action"]
    return None


def patient_texts(ex: dict) -> list[str]:
    return [ex["summary"], ex["start_position"], *ex["steps"], *ex["cues"], *ex["stop_rules"]] + [
        c["note"] for c in ex["contraindications"]
    ]


# --- shape ------------------------------------------------------------------------------------


def test_there_are_36_exercises_numbered_1_to_36_in_order():
    assert [e["number"] for e in EXERCISES] == list(range(1, 37))


def test_each_category_module_holds_exactly_its_own_category():
    assert set(lib.CATEGORY_MODULES) == set(lib.CATEGORY_LABELS)
    for category, module in lib.CATEGORY_MODULES.items():
        assert module.EXERCISES, category
        assert {ex["category"] for ex in module.EXERCISES} == {category}, module.__name__


def test_slugs_are_unique_stable_kebab_case():
    slugs = [e["slug"] for e in EXERCISES]
    assert len(set(slugs)) == 36
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert len(slug) <= 80
    assert BY_NUMBER[1]["slug"] == "ais-bent-knee-hamstring"


def test_every_exercise_has_exactly_the_schema_keys():
    for ex in EXERCISES:
        assert set(ex) == KEYS, ex["slug"]
        assert set(ex["dose"]) == set(lib.DOSE_KEYS), ex["slug"]


def test_fields_fit_the_model_columns():
    for ex in EXERCISES:
        assert 0 < len(ex["name"]) <= 120
        assert 0 < len(ex["summary"]) <= 240
        assert len(ex["agonist"]) <= 160
        assert len(ex["tempo"]) <= 160
        assert all(len(c["note"]) <= 300 for c in ex["contraindications"])
        assert isinstance(ex["per_side"], bool)


def test_names_are_unique():
    assert len({e["name"] for e in EXERCISES}) == 36


def test_library_version():
    assert lib.LIBRARY_VERSION == "2026.12.4"


def test_patients_never_read_a_library_number():
    """Library numbers (#30) mean nothing to a patient, whose program numbers its exercises
    1, 2, 3: what reaches the portal and the handout names exercises instead."""
    for ex in EXERCISES:
        patient_text = [
            ex["name"],
            ex["summary"],
            ex["start_position"],
            *ex["steps"],
            *ex["cues"],
            *ex["stop_rules"],
            *(c["note"] for c in ex["contraindications"] if c["action"] == "caution"),
        ]
        for text in patient_text:
            assert not re.search(r"#\d", text), (ex["slug"], text)


def test_library_is_plain_json():
    # stored in JSONFields and snapshots: tuples or other types would not round-trip
    assert json.loads(json.dumps(EXERCISES)) == EXERCISES


def test_lists_are_lists_of_text():
    for ex in EXERCISES:
        for key in ("target_muscles", "joints", "equipment", "steps", "cues", "stop_rules"):
            assert isinstance(ex[key], list), (ex["slug"], key)
            assert all(isinstance(x, str) and x.strip() for x in ex[key]), (ex["slug"], key)
        assert ex["steps"], ex["slug"]
        assert ex["target_muscles"], ex["slug"]


# --- categories and vocabularies ----------------------------------------------------------------


def test_category_counts_match_clinical():
    def cats(numbers):
        return [BY_NUMBER[n]["category"] for n in numbers]

    assert set(cats(range(1, 16))) == {"ais_stretch"}
    assert sum(e["category"] == "ais_stretch" for e in EXERCISES) == 15
    middle = cats(range(16, 30))
    assert set(middle) <= {"stabilisation", "mobility", "functional"}
    assert (middle.count("stabilisation"), middle.count("mobility")) == (11, 1)
    assert middle.count("functional") == 2
    assert cats((30, 31)) == ["neural", "neural"]
    assert cats((32, 33)) == ["mckenzie", "mckenzie"]
    assert set(cats((34, 35, 36))) <= {"aquatic", "aerobic"}
    assert cats((34, 35, 36)) == ["aquatic", "aquatic", "aerobic"]


def test_vocabularies_are_the_allowed_ones():
    assert set(lib.CATEGORY_LABELS) == {
        "ais_stretch",
        "stabilisation",
        "mobility",
        "neural",
        "mckenzie",
        "functional",
        "aquatic",
        "aerobic",
    }
    assert set(lib.JOINT_LABELS) == {"lumbar", "iliolumbar", "sacroiliac", "hip"}
    assert set(lib.EQUIPMENT_LABELS) == {"rope", "chair", "mat", "wall", "pool", "band", "dowel"}
    for ex in EXERCISES:
        assert ex["category"] in lib.CATEGORY_LABELS
        assert set(ex["joints"]) <= set(lib.JOINT_LABELS), ex["slug"]
        assert set(ex["equipment"]) <= set(lib.EQUIPMENT_LABELS), ex["slug"]
        assert len(set(ex["equipment"])) == len(ex["equipment"])


def test_target_muscles_are_lower_case_and_searchable():
    for ex in EXERCISES:
        for muscle in ex["target_muscles"]:
            assert muscle == muscle.lower().strip(), (ex["slug"], muscle)


def test_equipment_matches_what_the_exercise_uses():
    for n in (2, 6, 7, 8, 9, 15):
        assert "rope" in BY_NUMBER[n]["equipment"], n
    for n in (12, 13, 14, 29, 31):
        assert "chair" in BY_NUMBER[n]["equipment"], n
    assert BY_NUMBER[28]["equipment"] == ["dowel"]
    assert BY_NUMBER[34]["equipment"] == ["pool"]
    assert BY_NUMBER[35]["equipment"] == ["pool"]


# --- dose ---------------------------------------------------------------------------------------


def test_doses_are_whole_numbers_in_range():
    for ex in EXERCISES:
        dose = ex["dose"]
        for key, value in dose.items():
            assert value is None or (isinstance(value, int) and not isinstance(value, bool)), (
                ex["slug"],
                key,
            )
        assert dose["sets"] >= 1
        assert 1 <= dose["times_per_day"] <= 12
        assert 1 <= dose["days_per_week"] <= 7
        assert dose["reps"] or dose["duration_min"], ex["slug"]


def test_every_ais_stretch_has_an_agonist_and_the_ais_dose():
    for ex in EXERCISES:
        if ex["category"] != "ais_stretch":
            assert ex["agonist"] == "", ex["slug"]
            continue
        assert ex["agonist"], ex["slug"]
        assert 8 <= ex["dose"]["reps"] <= 10, ex["slug"]
        assert ex["dose"]["hold_s"] <= 2, ex["slug"]
        assert ex["dose"]["days_per_week"] == 7
        assert ex["tempo"] == AIS_TEMPO


def test_aerobic_and_aquatic_items_are_dosed_in_minutes():
    for n in (34, 35, 36):
        assert BY_NUMBER[n]["dose"]["duration_min"], n
        assert BY_NUMBER[n]["dose"]["reps"] is None, n


def test_sided_exercises():
    assert BY_NUMBER[1]["per_side"] and BY_NUMBER[13]["per_side"] and BY_NUMBER[22]["per_side"]
    for n in (4, 12, 16, 17, 18, 25, 26, 32, 33, 34, 35, 36):
        assert not BY_NUMBER[n]["per_side"], n


# --- links --------------------------------------------------------------------------------------


def test_progressions_and_regressions_point_at_existing_exercises():
    for ex in EXERCISES:
        for key in ("progressions", "regressions"):
            for slug in ex[key]:
                assert slug in BY_SLUG, (ex["slug"], key, slug)
                assert slug != ex["slug"]


def test_bridge_ladder_links_both_ways():
    assert "single-leg-bridge" in BY_NUMBER[18]["progressions"]
    assert "glute-bridge" in BY_NUMBER[19]["regressions"]
    assert "seated-slump-slider" in BY_NUMBER[30]["progressions"]


# --- contraindications --------------------------------------------------------------------------


def test_tags_and_actions_are_allowed_and_unique_per_exercise():
    for ex in EXERCISES:
        tags = [c["tag"] for c in ex["contraindications"]]
        assert len(tags) == len(set(tags)), ex["slug"]
        for c in ex["contraindications"]:
            assert set(c) == {"tag", "action", "note"}
            assert c["tag"] in TAGS, (ex["slug"], c["tag"])
            assert c["action"] in ACTIONS, (ex["slug"], c["action"])
            assert c["note"].strip(), ex["slug"]


def test_recent_spinal_surgery_needs_approval_for_everything():
    for ex in EXERCISES:
        assert rule(ex["number"], "recent_spinal_surgery") == "approval", ex["slug"]


def test_posterior_hip_replacement_rules():
    for n in (5, 6, 9):
        assert rule(n, "hip_replacement_posterior") == "hide", n
    for n in (1, 3, 20, 29):
        assert rule(n, "hip_replacement_posterior") == "caution", n


def test_anterior_hip_replacement_needs_approval_for_hip_extension_and_outward_rotation():
    for n in (7, 10, 11):
        assert rule(n, "hip_replacement_anterior") == "approval", n


def test_acute_radicular_rules():
    assert rule(2, "acute_radicular") == "hide"
    assert rule(1, "acute_radicular") == "caution"
    # the sliders stay available: they are the preferred neural option
    assert rule(30, "acute_radicular") == "caution"
    assert rule(31, "acute_radicular") == "caution"


def test_osteoporosis_hides_loaded_end_range_flexion_and_rotation():
    for n in (4, 12, 14):
        assert rule(n, "osteoporosis") == "hide", n
    assert rule(3, "osteoporosis") == "caution"
    assert rule(26, "osteoporosis") == "caution"
    assert rule(28, "osteoporosis") is None  # neutral-spine hinge is the recommended choice


def test_directional_preferences():
    for n in (32, 33):
        assert rule(n, "extension_intolerant") == "hide", n
        assert rule(n, "spondylolisthesis") == "approval", n
    for n in (4, 12):
        assert rule(n, "flexion_intolerant") == "hide", n
    assert rule(3, "flexion_intolerant") == "caution"
    assert rule(10, "extension_intolerant") == "caution"


def test_pregnancy_rules():
    for n in (4, 23, 25, 32):
        assert rule(n, "pregnancy") == "hide", n
    for n in (17, 18, 24):
        assert rule(n, "pregnancy") == "caution", n
    assert rule(22, "pregnancy") is None  # bird dog is the suggested alternative


def test_pool_is_hidden_when_not_suitable():
    for n in (34, 35):
        assert rule(n, "aquatic_precaution") == "hide", n
    assert rule(36, "aquatic_precaution") is None


def test_a_non_swimmer_may_walk_in_the_pool_with_a_float_belt_but_not_swim():
    assert rule(34, "non_swimmer") == "caution"
    rules = {c["tag"]: c["note"] for c in BY_NUMBER[34]["contraindications"]}
    assert "float belt" in rules["non_swimmer"]
    assert rule(35, "non_swimmer") == "hide"
    assert rule(36, "non_swimmer") is None


def test_the_nerve_sliders_progress_to_nerve_glides_only():
    """A regression link is stored as the other exercise's progression, so a hamstring stretch
    naming the slider as its regression made the stretch the slider's "next step"."""
    from programs.library import _resolve_links  # the loader's own link resolution

    links = _resolve_links(EXERCISES)
    for slug in ("supine-sciatic-nerve-slider", "seated-slump-slider"):
        for target in links[slug]:
            assert BY_SLUG[target]["category"] == "neural", (slug, target)
    assert links["supine-sciatic-nerve-slider"] == {"seated-slump-slider"}


def test_every_ais_stretch_limits_assistance_for_blood_thinners_and_hypermobility():
    for n in range(1, 16):
        assert rule(n, "anticoagulant") == "caution", n
        assert rule(n, "hypermobility") == "caution", n


def test_breath_holding_risk_is_flagged_for_held_exercises():
    for n in (16, 18, 22, 24, 25):
        assert rule(n, "cardiovascular") == "caution", n


def test_standing_and_walking_work_flags_balance():
    for n in (28, 29, 33, 34, 36):
        assert rule(n, "balance_impairment") == "caution", n


def test_calf_stretch_warns_about_a_possible_clot():
    text = " ".join(BY_NUMBER[15]["stop_rules"]).lower()
    assert "swollen" in text and "clot" in text


# --- plain language -----------------------------------------------------------------------------


def test_every_exercise_has_a_breathing_cue():
    for ex in EXERCISES:
        assert any("breath" in cue.lower() for cue in ex["cues"]), ex["slug"]


def test_patient_text_is_short_sentences_in_second_person():
    for ex in EXERCISES:
        assert re.search(r"\byou(r)?\b", ex["start_position"].lower()), ex["slug"]
        for text in patient_texts(ex):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                assert len(sentence.split()) <= 32, (ex["slug"], sentence)


def test_summary_is_one_sentence():
    for ex in EXERCISES:
        summary = ex["summary"]
        assert summary.endswith("."), ex["slug"]
        assert len(re.findall(r"[.!?](\s|$)", summary)) == 1, ex["slug"]


def test_technical_muscle_names_come_with_a_plain_explanation():
    jargon = ("quadriceps", "hamstrings", "obliques", "sciatic nerve", "sacrum", "soleus")
    for ex in EXERCISES:
        for text in patient_texts(ex):
            for word in jargon:
                if word in text.lower() and word not in ex["name"].lower():
                    # the technical word appears inside brackets after a plain description,
                    # or is followed by a bracketed explanation
                    assert re.search(rf"\([^)]*{word}[^)]*\)|{word} \(", text.lower()), (
                        ex["slug"],
                        word,
                        text,
                    )


def test_evidence_notes_make_no_claims_of_clinical_effect():
    for ex in EXERCISES:
        note = ex["evidence_note"].lower()
        for claim in ("cures", "heals", "will fix", "guaranteed", "proven to"):
            assert claim not in note, ex["slug"]


# --- figures ------------------------------------------------------------------------------------


def test_every_exercise_has_a_valid_figure():
    for ex in EXERCISES:
        validate_figure(ex["figure"])
