"""The dashboard's greeting and date, in the reader's language."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _at(hour: int):
    return timezone.make_aware(datetime(2026, 12, 6, hour, 15))


@pytest.mark.parametrize(("hour", "greeting"), [(9, "Good morning"), (15, "Good afternoon")])
def test_the_greeting_and_the_date_follow_the_clock(therapist_client, monkeypatch, hour, greeting):
    monkeypatch.setattr(timezone, "localtime", lambda *args, **kwargs: _at(hour))
    html = therapist_client.get(reverse("pages:dashboard")).content.decode()
    assert greeting in html
    assert "Sunday 6 December 2026 ·" in html
    assert '_("' not in html
