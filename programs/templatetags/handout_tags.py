"""The bilingual handout's download link, for a patient who reads a language other than English."""

from django import template
from django.conf import settings
from django.utils.translation import gettext

from clinic.languages import patient_language

register = template.Library()


def bilingual_label(patient) -> str:
    """ "Print in Español + English" for a patient who reads Spanish; "" for English."""
    code = patient_language(patient)
    if code == "en":
        return ""
    language = dict(settings.LANGUAGES).get(code, code)
    return gettext("Print in %(language)s + English") % {"language": language}


@register.inclusion_tag("programs/_bilingual_handout_link.html")
def bilingual_handout_link(url: str, patient, button_class: str = "btn btn-outline-primary"):
    """A link to `url` with ?bilingual=1, labelled in words, or nothing for an English reader."""
    return {"url": url, "label": bilingual_label(patient) if url else "", "class": button_class}
