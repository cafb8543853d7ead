"""What an exercise needs, in the reader's words and language (portal cards and handouts)."""

from django.template import Context, Template
from django.utils import translation

from programs.dose_words import equipment_words


def test_equipment_in_english_spanish_and_portuguese():
    keys = ["rope", "mat"]
    with translation.override("en"):
        assert equipment_words(keys) == ["a stretching rope or strap", "an exercise mat or carpet"]
    with translation.override("es"):
        assert equipment_words(keys) == [
            "una cuerda o correa para estirar",
            "una colchoneta o alfombra",
        ]
    with translation.override("pt-br"):
        assert equipment_words(["chair"]) == ["uma cadeira firme"]


def test_a_word_the_library_does_not_know_is_shown_as_written():
    with translation.override("es"):
        assert equipment_words(["kettlebell"]) == ["kettlebell"]


def test_the_portal_card_filter_capitalises_the_list():
    template = Template("{% load patient_words %}{{ ex|equipment_in_language|capfirst }}")
    with translation.override("es"):
        text = template.render(Context({"ex": {"equipment": ["chair", "wall"]}}))
    assert text == "Una silla firme, una pared"
