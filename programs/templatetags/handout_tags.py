"""The bilingual handout's download link, for a patient who reads a language other than English."""

from django import template
from django.conf import settings
from django.utils.translation import get_language, gettext

from clinic.languages import patient_language, supported
from programs.text_direction import text_direction

register = template.Library()


def bilingual_label(patient=None) -> str:
    """ "Print in Español + English" for a patient who reads Spanish; "" for English.

    Without a patient, the language of the page: the portal is shown in the patient's language
    (clinic.languages), so the patient's own pages need no other read."""
    code = patient_language(patient) if patient is not None else supported(get_language())
    if not code or code == "en":
        return ""
    language = dict(settings.LANGUAGES).get(code, code)
    return gettext("Print in %(language)s + English") % {"language": language}


@register.inclusion_tag("programs/_bilingual_handout_link.html")
def bilingual_handout_link(url: str, patient=None, button_class: str = "btn btn-outline-primary"):
    """A link to `url` with ?bilingual=1, labelled in words, or nothing for an English reader
    (the patient's language, or without a patient the page's)."""
    return {"url": url, "label": bilingual_label(patient) if url else "", "class": button_class}


@register.filter
def text_dir(text) -> str:
    """ "rtl" for text that starts with a right-to-left letter, else "auto": for `dir=` on a
    printed page, where WeasyPrint does not work out "auto" itself."""
    return text_direction(str(text or ""))
