"""An exercise's text in the patient's language, read from a published snapshot.

A published revision freezes each exercise's translations beside its English text
(``exercise["translations"][code]``, see programs/services/snapshot.py), so the portal, the
follow-along page and the handout show exactly what was published, in any language, without
reading the library.

`exercise_text` is the one way to read it: it returns the snapshot's exercise dict with the
patient-facing text replaced by the language's wording where a translation exists, and says which
language it actually used and whether a clinician has reviewed that wording. English is the
source text and always counts as reviewed. A field the translation leaves empty keeps its English
text, so a patient never sees a blank step list.

Pure Python: templates (programs/templatetags/exercise_text_tags.py), the handout and the tests
use it.
"""

from __future__ import annotations

from functools import cache

ENGLISH = "en"
# Text fields a translation replaces, as the snapshot names them.
TEXT_FIELDS = ("name", "summary", "start_position", "precaution_notes")
LIST_FIELDS = ("steps", "cues", "stop_rules")


def normalise_language(language: str | None) -> str:
    """ "es", "es-MX", "pt_BR", "pt-BR" -> "es" / "pt-br"; anything else is English."""
    code = (language or "").strip().lower().replace("_", "-")
    if code == "es" or code.startswith("es-"):
        return "es"
    if code in ("pt", "pt-br") or code.startswith("pt-"):
        return "pt-br"
    return ENGLISH


def _english(exercise: dict) -> dict:
    return {
        **exercise,
        "language": ENGLISH,
        "reviewed": True,
        "reviewed_by": "",
        "reviewed_on": "",
    }


def exercise_text(snapshot_exercise: dict, language: str) -> dict:
    """The snapshot's exercise in `language` where it has a translation, else in English.

    The result carries ``language`` (the code actually used), ``reviewed`` (bool),
    ``reviewed_by`` (a clinician's name or "") and ``reviewed_on`` ("YYYY-MM-DD" or "").
    """
    code = normalise_language(language)
    translation = (snapshot_exercise.get("translations") or {}).get(code)
    if code == ENGLISH or not translation or not translation.get("name"):
        return _english(snapshot_exercise)
    result = dict(snapshot_exercise)
    for name in TEXT_FIELDS:
        if translation.get(name):
            result[name] = translation[name]
    for name in LIST_FIELDS:
        if translation.get(name):
            result[name] = list(translation[name])
    notes = translation.get("contraindication_notes") or {}
    if notes and snapshot_exercise.get("contraindications"):
        result["contraindications"] = [
            {**c, "note": notes.get(c.get("tag")) or c.get("note", "")}
            for c in snapshot_exercise["contraindications"]
        ]
    reviewed = bool(translation.get("reviewed"))
    result.update(
        language=code,
        reviewed=reviewed,
        reviewed_by=(translation.get("reviewed_by") or "") if reviewed else "",
        reviewed_on=(translation.get("reviewed_on") or "") if reviewed else "",
    )
    return result


def exercise_name(snapshot_exercise: dict, language: str) -> str:
    """Just the exercise's name in `language` (lists, the plan, the log form, the timer)."""
    code = normalise_language(language)
    translation = (snapshot_exercise.get("translations") or {}).get(code) or {}
    if code != ENGLISH and translation.get("name"):
        return translation["name"]
    return snapshot_exercise.get("name", "")


@cache
def _library_tempos() -> dict[str, str]:
    """slug -> the library's own English tempo (the shipped data, not the clinic's library)."""
    from .library_data import EXERCISES

    return {e["slug"]: e.get("tempo") or "" for e in EXERCISES}


def tempo_text(tempo: str, snapshot_exercise: dict, language: str) -> tuple[str, str]:
    """An item's tempo in `language`, and the language it is written in.

    The tempo is a dose field the item copies from its exercise, and the therapist may edit it.
    While it is still the library's own English tempo of that exercise, the patient reads the
    library's translation of it; a tempo the therapist typed is shown as typed, in English.
    The timer reads the seconds from the English text (programs.timer_plan), never from this."""
    tempo = (tempo or "").strip()
    code = normalise_language(language)
    if not tempo or code == ENGLISH:
        return tempo, ENGLISH
    from .library_data.translations import TEMPOS

    slug = (snapshot_exercise or {}).get("slug", "")
    library = _library_tempos().get(slug, "")
    translated = TEMPOS.get(code, {}).get(slug, "")
    if translated and " ".join(library.split()) == " ".join(tempo.split()):
        return translated, code
    return tempo, ENGLISH
