"""exercise_text: an exercise of a published snapshot in the patient's language."""

from programs.translations import exercise_text, normalise_language

ENGLISH = {
    "slug": "chin-tuck",
    "name": "Chin tuck",
    "summary": "Strengthens the front of the neck.",
    "start_position": "Sit tall.",
    "steps": ["Tuck your chin.", "Hold."],
    "cues": ["Keep your eyes level."],
    "stop_rules": ["Stop if you feel dizzy."],
    "precaution_notes": "Gentle range only.",
    "contraindications": [{"tag": "osteoporosis", "action": "caution", "note": "Go gently."}],
}
SPANISH = {
    "name": "Meter la barbilla",
    "summary": "Fortalece la parte de adelante del cuello.",
    "start_position": "Siéntese derecho.",
    "steps": ["Meta la barbilla.", "Sostenga."],
    "cues": ["Mantenga la mirada al frente."],
    "stop_rules": ["Pare si se marea."],
    "precaution_notes": "Solo un movimiento suave.",
    "contraindication_notes": {"osteoporosis": "Hágalo con suavidad."},
    "reviewed": True,
    "reviewed_by": "Dana Reyes",
    "reviewed_on": "2026-12-01",
}


def test_english_is_the_snapshot_and_counts_as_reviewed():
    text = exercise_text(ENGLISH, "en")
    assert text["name"] == "Chin tuck"
    assert (text["language"], text["reviewed"], text["reviewed_by"], text["reviewed_on"]) == (
        "en",
        True,
        "",
        "",
    )


def test_without_a_translation_the_text_stays_english():
    text = exercise_text(ENGLISH, "es")
    assert text["language"] == "en"
    assert text["steps"] == ENGLISH["steps"]
    assert text["reviewed"] is True


def test_translation_replaces_every_patient_facing_field():
    exercise = {**ENGLISH, "translations": {"es": SPANISH}}
    text = exercise_text(exercise, "es-MX")
    assert text["language"] == "es"
    for name in ("name", "summary", "start_position", "steps", "cues", "stop_rules"):
        assert text[name] == SPANISH[name]
    assert text["precaution_notes"] == "Solo un movimiento suave."
    assert text["contraindications"][0]["note"] == "Hágalo con suavidad."
    assert text["contraindications"][0]["action"] == "caution"
    assert (text["reviewed"], text["reviewed_by"], text["reviewed_on"]) == (
        True,
        "Dana Reyes",
        "2026-12-01",
    )
    # The snapshot itself is left alone (it is shared between requests).
    assert exercise["name"] == "Chin tuck"
    assert exercise["contraindications"][0]["note"] == "Go gently."


def test_unreviewed_translation_says_so_and_names_nobody():
    draft = {**SPANISH, "reviewed": False, "reviewed_by": "Someone", "reviewed_on": "2026-01-01"}
    exercise = {**ENGLISH, "translations": {"pt-br": {**draft, "name": "Queixo"}}}
    text = exercise_text(exercise, "pt_BR")
    assert text["language"] == "pt-br"
    assert text["name"] == "Queixo"
    assert (text["reviewed"], text["reviewed_by"], text["reviewed_on"]) == (False, "", "")


def test_an_empty_translated_field_keeps_the_english_text():
    partial = {**SPANISH, "cues": [], "precaution_notes": ""}
    text = exercise_text({**ENGLISH, "translations": {"es": partial}}, "es")
    assert text["cues"] == ENGLISH["cues"]
    assert text["precaution_notes"] == ENGLISH["precaution_notes"]
    assert text["steps"] == SPANISH["steps"]


def test_language_codes():
    codes = ("es", "ES-mx", "pt-br", "pt_BR", "pt", "fr", "", None)
    assert [normalise_language(c) for c in codes] == [
        "es",
        "es",
        "pt-br",
        "pt-br",
        "pt-br",
        "en",
        "en",
        "en",
    ]


def test_exercise_name_alone():
    from programs.translations import exercise_name

    exercise = {**ENGLISH, "translations": {"es": SPANISH}}
    assert exercise_name(exercise, "es") == "Meter la barbilla"
    assert exercise_name(exercise, "pt-br") == "Chin tuck"
    assert exercise_name(exercise, "en") == "Chin tuck"
