"""Pinned query counts for the pages measured at scale, constant for 1, 12 and 50 items.

The patient list and page, the library, the builder and the program pages have their own
pinned counts next to their view tests; this file holds the ones that had none (the dashboard
and the patient search) so a regression shows up as a failing count, not as a slow page.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, FlagFollowUp
from programs.models import SessionLog
from tests.factories import (
    IntakeFactory,
    PatientFactory,
    RedFlagFactory,
    SelfIntakeFactory,
    SessionLogFactory,
    published_program,
)

COUNTS = [1, 12, 50]


def _patients_with_flags_and_logs(count: int, therapist, days: int = 3):
    """`count` of the therapist's patients, each with an intake, an open flag and session logs."""
    today = timezone.localdate()
    for n in range(count):
        patient = PatientFactory(therapist=therapist, last_name=f"Scale{n:02d}")
        program = published_program(patient=patient, items=2, by=therapist)
        intake = IntakeFactory(patient=patient)  # a later visit raises a flag
        RedFlagFactory(patient=patient, intake=intake, tier="EUS"[n % 3])
        for day in range(days):
            SessionLogFactory(
                patient=patient,
                program=program,
                revision=program.current_revision,
                date=today - timedelta(days=day),
                leg_pain=6 - 2 * day,  # rising: the dashboard lists it under "pain rising"
                leg_symptoms=SessionLog.LegSymptoms.FURTHER_DOWN,
            )


@pytest.mark.parametrize("count", COUNTS)
def test_dashboard_query_count_is_constant(
    therapist_client, therapist, django_assert_num_queries, count
):
    _patients_with_flags_and_logs(count, therapist)
    for _ in range(count):
        SelfIntakeFactory(patient__therapist=therapist)
    ClinicProfile.load()
    # session, user, open-flag and flagged-patient counts, my active patients, check-in alert
    # counts, the three alert lists with their patients, clinic details, the patients with the
    # most urgent open flags, their open flags, those flags' pending follow-ups, overdue
    # follow-ups, recent intakes with patients and therapists, threads waiting for an answer,
    # pre-visit intakes waiting for review with their patients and flag counts;
    # the audit row (one insert)
    with django_assert_num_queries(17):
        response = therapist_client.get(reverse("pages:dashboard"))
    assert response.status_code == 200
    waiting = list(response.context["waiting_for_review"])
    assert len(waiting) == min(count, 10)
    assert response.context["open_flag_count"] == count
    alerts = response.context["portal_alerts"]
    assert len(alerts["pain_rising"]) == len(alerts["spreading"]) == count


@pytest.mark.parametrize("count", COUNTS)
def test_patient_search_query_count_is_constant(
    therapist_client, therapist, django_assert_num_queries, count
):
    _patients_with_flags_and_logs(count, therapist, days=1)
    ClinicProfile.load()
    # session, user, count of matches, clinic details, one page of patients, and the audit
    # row (one insert)
    with django_assert_num_queries(6):
        response = therapist_client.get(reverse("clinic:patient-list"), {"q": "scal"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", COUNTS)
def test_dashboard_flags_are_one_row_per_patient_at_constant_cost(
    therapist_client, therapist, django_assert_num_queries, count
):
    """Three emergency flags of one visit are one patient row; follow-ups cost no more."""
    from clinic.flag_states import services as flag_states

    today = timezone.localdate()
    for n in range(count):
        patient = PatientFactory(therapist=therapist, last_name=f"Flagged{n:02d}")
        flags = [
            RedFlagFactory(patient=patient, code=code, tier="E")
            for code in ("ces_saddle", "ces_bladder", "ces_bilateral")
        ]
        flag_states.refer_to_emergency(
            flag=flags[0],
            advised_by="Maya",
            travel="driven",
            called="Partner",
            also=flags[1:],
            by=therapist,
        )
        FlagFollowUp.objects.filter(flag=flags[0]).update(due_on=today - timedelta(days=2))
    ClinicProfile.load()
    with django_assert_num_queries(17):  # as above
        response = therapist_client.get(reverse("pages:dashboard"))
    rows = response.context["flag_patients"]
    assert len(rows) == min(count, 20)
    assert all(len(row.open_flag_list) == 3 for row in rows)
    assert response.context["open_flag_count"] == 3 * count
    assert response.context["flagged_patient_count"] == count
    assert len(response.context["overdue_follow_ups"]) == min(count, 10)
