"""The dashboard's open red flags, one row per patient (flags of one visit are one story).

Three queries whatever the number of patients: the patients, ranked by their most severe open
flag and then by how long it has been open; their open flags (most severe first) with each
flag's pending follow-up tasks. Overdue tasks are one more query, listed on their own.
"""

from django.db.models import Case, IntegerField, Min, Prefetch, Value, When

from clinic.flag_states.services import next_step
from clinic.models import FlagFollowUp, Patient, RedFlag


def flagged_patients(user, *, limit: int) -> list[Patient]:
    """Patients with an open flag, most severe first, then the longest open.

    Each has ``top_tier`` (the most severe open tier), ``open_since`` (when the oldest open
    flag was raised) and ``open_flag_list`` (the open flags, most severe first, each with
    ``pending_follow_ups``) and ``next_steps``: when none of the patient's open flags has a
    pending follow-up task, what to do next on them (each step once), so every row of an open
    emergency or urgent flag says what is to be done.
    """
    rank = Case(
        *(When(red_flags__tier=tier, then=Value(i)) for i, tier in enumerate("EUS")),
        output_field=IntegerField(),
    )
    flags = (
        RedFlag.objects.open_flags()
        .by_severity("created_at")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FlagFollowUp.objects.pending().order_by("due_on", "id"),
                to_attr="pending_follow_ups",
            )
        )
    )
    patients = list(
        Patient.objects.for_user(user)
        .filter(red_flags__status=RedFlag.Status.OPEN)
        .annotate(top_rank=Min(rank), open_since=Min("red_flags__created_at"))
        .order_by("top_rank", "open_since", "id")
        .prefetch_related(Prefetch("red_flags", queryset=flags, to_attr="open_flag_list"))[:limit]
    )
    for patient in patients:
        patient.top_tier = "EUS"[patient.top_rank]
        flags = patient.open_flag_list
        pending = any(flag.pending_follow_ups for flag in flags)
        patient.next_steps = (
            [] if pending else list(dict.fromkeys(filter(None, map(next_step, flags))))
        )
    return patients


def overdue_follow_ups(user, *, limit: int) -> list[FlagFollowUp]:
    """Follow-up tasks of open flags past their due date, the longest overdue first."""
    return list(
        FlagFollowUp.objects.for_user(user)
        .overdue()
        .filter(flag__status=RedFlag.Status.OPEN)
        .select_related("flag__patient")
        .order_by("due_on", "id")[:limit]
    )
