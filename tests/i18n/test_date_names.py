"""Dates in Spanish and Brazilian Portuguese write month and weekday names in lower case, as
those languages do ("domingo, 6 de dezembro"); a weekday label on its own and a date that starts
a sentence keep their capital. Django's own pt_BR catalogue capitalises them: ours wins."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, pgettext

from clinic.date_names import DATE_NAMES
from programs.plan import WEEKDAY_NAMES
from tests.programs.portal_helpers import program_with

SUNDAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("language", "long", "short", "weekday"),
    [
        ("pt-br", "domingo, 6 de dezembro de 2026", "6 dez", "dom"),
        ("es", "domingo 6 de diciembre de 2026", "6 dic", "dom"),
        ("en", "Sunday 6 December 2026", "6 Dec", "Sun"),
    ],
)
def test_dates_write_month_and_weekday_as_the_language_does(language, long, short, weekday):
    with translation.override(language):
        assert date_format(SUNDAY, gettext("l j F Y")) == long
        assert date_format(SUNDAY, gettext("j M")) == short
        assert date_format(SUNDAY, gettext("j M Y")) == f"{short} 2026"
        assert date_format(SUNDAY, "D") == weekday


def test_every_month_and_weekday_is_lower_case_in_portuguese_and_spanish():
    for language in ("pt-br", "es"):
        with translation.override(language):
            for month in range(1, 13):
                day = date(2026, month, 1)
                for fmt in ("F", "E", "N", "b"):
                    name = date_format(day, fmt)
                    assert name == name.lower(), (language, fmt, name)
            for name in DATE_NAMES:
                assert str(name)[0].islower(), (language, name)
            for offset in range(7):
                day = SUNDAY + timedelta(days=offset)
                for fmt in ("l", "D"):
                    name = date_format(day, fmt)
                    assert name == name.lower(), (language, fmt, name)


def test_a_weekday_label_keeps_its_capital():
    with translation.override("pt-br"):
        assert str(WEEKDAY_NAMES[6]) == "Domingo"
        assert pgettext("weekday label", "Monday") == "Segunda-feira"


@pytest.mark.django_db
def test_the_portal_writes_dates_in_lower_case_and_capitalises_a_sentence_start(
    patient_client, patient_record
):
    patient_record.language = "Portuguese"
    patient_record.save(update_fields=["language"])
    patient_record.user.language = "pt-br"
    patient_record.user.save(update_fields=["language"])
    program = program_with(patient_record, items=1, review_date=SUNDAY + timedelta(days=7))
    cache.clear()
    try:
        page = patient_client.get(
            reverse("programs:portal-program", kwargs={"uuid": program.uuid})
        ).content.decode()
    finally:
        cache.clear()
    assert "Domingo, 13 de dezembro de 2026. Seu terapeuta vai ver" in page
    with translation.override("pt-br"):
        today = date_format(timezone.localdate(), gettext("l j F"))
    assert today == today.lower()
    assert f"Hoje, {today}</h2>" in page
