"""One patient's dated events from both apps, newest first, for the patient page."""

from django.utils import timezone


def patient_timeline(*, intakes, measures, flags, amendments, programs=()) -> list[dict]:
    """Every dated event about the patient, newest first (from rows the page already loaded)."""
    events = []

    def add(when, day, kind, obj):
        events.append({"when": when, "day": day, "kind": kind, "object": obj})

    for intake in intakes:
        add(intake.created_at, intake.visit_date, "intake", intake)
    for measure in measures:
        add(measure.created_at, measure.taken_on, "measure", measure)
    for flag in flags:
        add(flag.created_at, timezone.localdate(flag.created_at), "flag", flag)
        if flag.decided_at:
            add(flag.decided_at, timezone.localdate(flag.decided_at), "decision", flag)
    for amendment in amendments:
        add(amendment.created_at, timezone.localdate(amendment.created_at), "amendment", amendment)
    for program in programs:
        add(program.created_at, program.start_date, "program", program)
    return sorted(events, key=lambda e: (e["day"], e["when"]), reverse=True)
