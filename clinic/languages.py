"""The languages Restore speaks, and which one a patient reads.

A patient's record keeps their preferred language as they said it ("Spanish", "Español",
"Portuguese (Brazil)", "es"). `patient_language` turns that into one of our language codes;
a language we don't have yet falls back to English. A patient who picks a language in the
portal has it on their login (`User.language`), and that choice wins: the portal and the
emails follow it.

Adding a language is adding its `.po` file under locale/ and one line in settings.LANGUAGES;
the names below only widen what free text we recognise.
"""

import re

from django.conf import settings
from django.conf.locale import LANG_INFO

SUPPORTED = ("en", "es", "pt-br")
DEFAULT = "en"

# Words patients and front-desk staff write for a language, beyond the names Django knows.
# Portuguese without a country becomes Brazilian Portuguese: the one we translate into, and
# the written standard our Brazilian and Cape Verdean patients asked for.
_ALIASES = {
    "en": ("english", "inglés", "ingles", "inglês", "eng"),
    "es": ("spanish", "español", "espanol", "castellano", "castilian", "spa"),
    "pt-br": (
        "portuguese",
        "português",
        "portugues",
        "brazilian portuguese",
        "portuguese (brazil)",
        "portuguese brazil",
        "português (brasil)",
        "portugues (brasil)",
        "português do brasil",
        "portugues do brasil",
        "brazilian",
        "brasileiro",
        "pt",
        "pt_br",
        "por",
    ),
}


def _names() -> dict[str, str]:
    names = {}
    for code, _label in settings.LANGUAGES:
        info = LANG_INFO.get(code, {})
        for name in (code, info.get("name", ""), info.get("name_local", "")):
            if name:
                names[name.lower()] = code
        for alias in _ALIASES.get(code, ()):
            names[alias] = code
    return names


def language_code(text: str) -> str:
    """The language code we have for free text naming a language, else English."""
    wanted = " ".join((text or "").strip().lower().replace("_", "-").split())
    if not wanted:
        return DEFAULT
    names = _names()
    if wanted in names:
        return names[wanted]
    # "es-MX", "Spanish (Mexico)", "pt-PT": the language before its country.
    base = re.split(r"[\s(\-/,]", wanted, maxsplit=1)[0]
    return names.get(base, DEFAULT)


def supported(code: str | None) -> str | None:
    """`code` if it is one of our languages (any case), else None."""
    code = (code or "").lower().replace("_", "-")
    return code if code in dict(settings.LANGUAGES) else None


def patient_language(patient) -> str:
    """The language a patient reads: their portal choice, else their record's language.

    At most one query: none when the record's language and the login are loaded already, one
    for both otherwise (a page listing patients loads them with the login)."""
    if patient is None:
        return DEFAULT
    user_loaded = type(patient).user.is_cached(patient)
    if patient.pk and ("language" in patient.get_deferred_fields() or not user_loaded):
        found = (
            type(patient)
            .objects.filter(pk=patient.pk)
            .values_list("language", "user__language")
            .first()
        )
        record, chosen = found or ("", "")
    else:
        record = patient.language
        chosen = patient.user.language if patient.user_id else ""
    return supported(chosen) or language_code(record)


def choose_language(*, user, language: str) -> None:
    """Keep the language a person picked: their pages and (for a patient) emails follow it."""
    code = supported(language)
    if code is None:
        raise ValueError(f"We don't have pages in {language!r}.")
    user.language = code
    user.save(update_fields=["language"])
