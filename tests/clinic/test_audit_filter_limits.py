"""Audit log filters at the edges of the calendar: a message next to the field, never a 500."""

import pytest
from django.urls import reverse

from clinic.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "day"),
    [("date_to", "9999-12-31"), ("date_from", "9999-12-31"), ("date_from", "0001-01-01")],
)
def test_a_date_at_the_end_of_the_calendar_is_refused_next_to_the_field(admin_client_, field, day):
    response = admin_client_.get(reverse("clinic:audit-list"), {field: day})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Enter a date between 1900 and 2999."]
    assert b"Enter a date between 1900 and 2999." in response.content


def test_dates_within_range_still_filter(admin_client_, therapist):
    response = admin_client_.get(
        reverse("clinic:audit-list"), {"date_from": "1900-01-01", "date_to": "2999-12-31"}
    )
    assert response.status_code == 200
    assert not response.context["form"].errors


def test_export_with_a_refused_date_sends_the_admin_to_the_list_to_see_why(admin_client_):
    exports = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
    before = exports.count()

    response = admin_client_.get(reverse("clinic:audit-export"), {"date_to": "9999-12-31"})

    assert response.status_code == 302
    assert response["Location"] == reverse("clinic:audit-list") + "?date_to=9999-12-31"
    assert exports.count() == before  # nothing was exported
