"""The library's exercises in Spanish and Brazilian Portuguese, keyed by exercise slug.

Pure Python, no Django, like the English library beside it. One module per language; each
exercise's text has the keys of `programs.exercise_translations.TEXT_FIELDS`: name, summary,
start_position, steps, cues (tips), stop_rules, precaution_notes and contraindication_notes
(precaution tag -> the translated note of that rule). Steps, tips and stop rules follow the
English ones in number and order, so a tip the app leaves out of a published program (one that
states another dose) is left out of its translation too.

`TEMPOS` (slug -> text) words each exercise's tempo: the portal and the handout show it where a
program item still has the library's own English tempo (`programs.translations.tempo_text`); a
tempo the therapist typed is shown as typed.

Wording: plain words a 12-year-old reads easily, "usted" in Spanish and "você" in Portuguese,
body parts as patients name them, any technical word explained in brackets as in the English.
They load with the library ("not yet reviewed" until a clinician at the clinic reviews them).

Adding a language is adding a module here and its code to `TRANSLATIONS`.
"""

from __future__ import annotations

from . import es, pt_br

TRANSLATIONS: dict[str, dict[str, dict]] = {"es": es.TRANSLATIONS, "pt-br": pt_br.TRANSLATIONS}
# Each exercise's tempo (slug -> text), for a program item that kept the library's English one.
TEMPOS: dict[str, dict[str, str]] = {"es": es.TEMPOS, "pt-br": pt_br.TEMPOS}

__all__ = ["TEMPOS", "TRANSLATIONS"]
