"""A published exercise in the reader's language (the active one) on the patient's pages.

    {% load exercise_text_tags %}
    {% exercise_in_language item.exercise as ex %}
    {% exercise_cautions item.cautions item.exercise ex as cautions %}
    {{ row.item.exercise|exercise_name }}

`exercise_in_language` is `programs.translations.exercise_text` for the active language (the
portal activates the patient's). `exercise_cautions` gives the patient's cautions
(`programs.services.patient_cautions`, computed from the English snapshot) in the same
language: each caution note is the translated note of the rule it came from.
"""

from dataclasses import replace

from django import template
from django.utils.translation import get_language

from programs.translations import exercise_name as name_in
from programs.translations import exercise_text, normalise_language, tempo_text

register = template.Library()


@register.simple_tag
def exercise_in_language(exercise: dict, language: str = "") -> dict:
    return exercise_text(exercise or {}, language or get_language() or "en")


@register.filter
def exercise_name(exercise: dict) -> str:
    """{{ item.exercise|exercise_name }}: the exercise's name in the active language."""
    return name_in(exercise or {}, get_language() or "en")


@register.simple_tag
def exercise_cautions(cautions, english: dict, translated: dict):
    """The cautions of `english` (a snapshot exercise) worded as `translated` words them."""
    if not cautions or translated.get("language", "en") == "en":
        return cautions
    by_note = {}
    for original, local in zip(
        english.get("contraindications") or (),
        translated.get("contraindications") or (),
        strict=False,
    ):
        if original.get("note"):
            by_note.setdefault(original["note"].strip(), (local.get("note") or "").strip())
    notes = tuple(by_note.get(note) or note for note in cautions.notes)
    english_rules = [rule for rule in english.get("stop_rules") or () if rule]
    local_rules = tuple(rule for rule in translated.get("stop_rules") or () if rule)
    stop_rules = local_rules if list(cautions.stop_rules) == english_rules else cautions.stop_rules
    return replace(cautions, notes=notes, stop_rules=stop_rules)


@register.simple_tag
def tempo_in_language(tempo: str, exercise: dict, language: str = "") -> dict:
    """{% tempo_in_language item.tempo item.exercise as tempo %}: ``tempo.text`` in the active
    language where it is still the library's own, and ``tempo.lang``, the language it is in
    ("" when that is the page's language, else the code to mark it with)."""
    page = normalise_language(language or get_language() or "en")
    text, lang = tempo_text(tempo, exercise or {}, page)
    return {"text": text, "lang": "" if lang == page else lang}
