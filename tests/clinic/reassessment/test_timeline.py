"""One timeline: clinic measures, re-assessments, exams and home logs together on the patient
page, with the case that started it: the questionnaire reads "meaningfully better" while the
home logs show leg pain 3 -> 6 and symptoms spreading."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic import redflags, services
from clinic.exam.services import record_exam
from clinic.reassessment.models import Reassessment
from pages.timeline import clinic_and_home, home_weeks, patient_timeline
from programs.models import SessionLog
from tests.factories import SessionLogFactory, published_program

from .helpers import signed_intake

pytestmark = pytest.mark.django_db


def _day(n: int):
    return timezone.localdate() - timedelta(days=n)


def _priya(patient, therapist):
    """Intake 6 weeks ago, RMDQ 15 -> 7, and three weeks of home logs getting worse."""
    intake = signed_intake(patient, days_ago=42, leg_pain_now=3, back_pain_now=6)
    for days, ticked in ((42, 15), (2, 7)):
        services.record_measure(
            patient=patient,
            instrument="rmdq",
            answers={"ticked": list(range(1, ticked + 1)), "none_apply": False},
            by=therapist,
            taken_on=_day(days),
        )
    program = published_program(patient=patient, items=2, by=therapist)
    for n, days in enumerate(range(20, 0, -1)):
        leg = 3 if n < 10 else 6
        SessionLogFactory(
            patient=patient,
            program=program,
            revision=program.current_revision,
            date=_day(days),
            back_pain=4,
            leg_pain=leg,
            leg_symptoms=(
                SessionLog.LegSymptoms.FURTHER_DOWN
                if days in (2, 4)
                else SessionLog.LegSymptoms.SAME
            ),
            comment="Tingling reaches my calf now." if days == 2 else "",
        )
    visit = Reassessment.objects.create(
        patient=patient,
        intake=intake,
        performed_by=therapist,
        visit_date=_day(1),
        carried=[
            {
                "key": "leg_pain_now",
                "label": "Leg pain right now",
                "before": 3,
                "before_text": "3/10",
                "status": "changed",
                "after": 5,
                "after_text": "5/10",
            },
        ],
        screen_answers=dict.fromkeys(redflags.SHORT_FORM_CODES, False),
        screened_at=timezone.now(),
        patient_change="Questionnaire better, but the calf tingles after sitting.",
        plan="regress",
    )
    return intake, visit


def test_the_patient_page_shows_clinic_better_and_home_worse_side_by_side(
    therapist_client, patient_record, therapist
):
    _priya(patient_record, therapist)
    response = therapist_client.get(reverse("pages:patient-detail", args=[patient_record.uuid]))
    html = response.content.decode()
    together = response.context["together"]
    glance = together.glance
    [rmdq] = [row for row in glance["clinic"] if "Roland" in row["title"]]
    assert rmdq["direction"] == "improved"
    assert glance["home"]["leg"] == (3, 6) and glance["home"]["leg_worse"]
    assert glance["home"]["further_down"] == 2
    assert glance["disagree"]
    assert "The clinic measures and the home logs disagree." in html
    assert "meaningfully better" in html
    assert "Leg pain 3 → <strong>6</strong>/10" in html
    assert "Symptoms further down the leg on 2 days" in html
    # The chart draws all of them on one axis of dates.
    keys = {s["key"] for s in together.chart["series"]}
    assert {"home_leg", "home_back", "spread", "clinic_leg", "rmdq"} <= keys
    assert 'id="together-data"' in html and "js/together.js" in html


def test_the_timeline_lists_all_kinds_in_date_order(therapist_client, patient_record, therapist):
    intake, visit = _priya(patient_record, therapist)
    exam, _ = record_exam(
        patient=patient_record,
        by=therapist,
        data={"myotome_l5_left": 5, "slr_left_angle": 60},
        performed_on=_day(30),
    )
    later, _ = record_exam(
        patient=patient_record,
        by=therapist,
        data={"myotome_l5_left": 4, "slr_left_angle": 45},
        performed_on=_day(1),
    )
    response = therapist_client.get(reverse("pages:patient-detail", args=[patient_record.uuid]))
    events = response.context["timeline"]
    days = [e["day"] for e in events]
    assert days == sorted(days, reverse=True)
    kinds = [e["kind"] for e in events]
    assert {"intake", "measure", "reassessment", "exam", "home_week", "program"} <= set(kinds)
    assert events[kinds.index("reassessment")]["object"] == visit
    [changed] = [e["object"] for e in events if e["kind"] == "exam" and e["object"].pk == later.pk]
    labels = {c["label"]: (c["before"], c["after"]) for c in changed.changes}
    assert labels["SLR left, angle at onset"] == ("60°", "45°")
    assert labels["L5 great-toe extension, left"] == ("5/5", "4/5")
    html = response.content.decode()
    assert "Since " in html and "SLR left, angle at onset: 60° → 45°" in html
    assert "Re-assessment</a> with" in html and "Plan: regress the program" in html
    assert "further down the leg on 2 days" in html
    assert "Tingling reaches my calf now." in html


def test_home_weeks_group_logs_by_week():
    class Log:
        def __init__(self, day, leg, spread=False):
            self.date, self.leg_pain, self.back_pain, self.comment = day, leg, 2, ""
            self.leg_symptoms = "further_down" if spread else "same"

    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 14)
    logs = [Log(monday, 3), Log(monday + timedelta(2), 4), Log(monday + timedelta(8), 6, True)]
    first, second = home_weeks(logs)
    assert (first.days, first.first_leg, first.last_leg, first.further_down) == (2, 3, 4, 0)
    assert (second.start, second.days, second.further_down) == (monday + timedelta(7), 1, 1)


def test_no_disagreement_when_home_logs_agree(patient_record, therapist):
    signed_intake(patient_record)
    result = clinic_and_home(patient_record, intakes=[], measures=[], trends=[])
    assert result.glance == {"clinic": [], "home": None, "disagree": False}
    assert result.chart is None
    assert patient_timeline(intakes=[], measures=[], flags=[], amendments=[]) == []
