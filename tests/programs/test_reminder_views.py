"""The Reminders page in the portal, its calendar file, and the one-click stop link."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from clinic.models import AuditEvent, ClinicProfile
from programs import reminders
from programs.models import ProgramRevision, ReminderPlan
from programs.services.reminders import save_reminder_plan
from tests.factories import published_program

pytestmark = pytest.mark.django_db
PAGE = reverse("programs:portal-reminders")
SAVE = reverse("programs:portal-reminders-save")
PAUSE = reverse("programs:portal-reminders-pause")
RESUME = reverse("programs:portal-reminders-resume")
STOP = reverse("programs:portal-reminders-stop")
CALENDAR = reverse("programs:portal-reminders-calendar")
# A Wednesday morning in New York.
NOW = datetime(2026, 3, 11, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def plan(patient_record):
    return save_reminder_plan(
        patient=patient_record,
        weekdays=[0, 2, 4],
        time_of_day=time(18, 30),
        time_zone="America/New_York",
        by=patient_record.user,
    )


def stop_url(plan) -> str:
    return reverse("programs:reminder-stop", kwargs={"token": reminders.stop_token(plan)})


# --- the page -----------------------------------------------------------------------------------


def test_the_page_suggests_days_from_the_prescription_before_anything_is_saved(
    patient_client, patient_record, therapist
):
    program = published_program(patient=patient_record, items=1, by=therapist)
    revision = program.current_revision
    items = [{**item, "days_per_week": 3} for item in revision.items]
    ProgramRevision.objects.filter(pk=revision.pk).update(
        snapshot={**revision.snapshot, "items": items}
    )
    response = patient_client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Reminders are off" in page
    form = response.context["form"]
    assert form.initial["weekdays"] == [0, 2, 4]
    assert form.initial["time_of_day"] == time(9, 0)
    # Every input has a label: each day, the time, the time zone and the pause date.
    for input_id in [f"id_weekdays_{n}" for n in range(7)] + ["id_time_of_day", "id_time_zone"]:
        assert f'id="{input_id}"' in page and f'for="{input_id}"' in page
    assert not ReminderPlan.objects.exists()


def test_the_portal_links_to_the_reminders_page(patient_client, patient_record, therapist):
    published_program(patient=patient_record, items=1, by=therapist)
    page = patient_client.get(reverse("programs:portal-home")).content.decode()
    assert f'href="{PAGE}"' in page


def test_saving_turns_reminders_on(patient_client, patient_record):
    response = patient_client.post(
        SAVE, {"weekdays": ["1", "3"], "time_of_day": "07:15", "time_zone": "America/Chicago"}
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    plan = ReminderPlan.objects.get(patient=patient_record)
    assert plan.weekday_codes == ["TU", "TH"]
    assert plan.time_of_day == time(7, 15)
    assert plan.time_zone == "America/Chicago"
    assert plan.status == ReminderPlan.Status.ACTIVE
    event = AuditEvent.objects.filter(patient=patient_record, action="update").first()
    assert event.detail == "exercise reminders: on, Tue and Thu at 07:15 (America/Chicago)"
    page = patient_client.get(PAGE).content.decode()
    assert "Reminders are on" in page and "Tue and Thu, at 7:15 AM (America/Chicago)" in page


def test_changing_days_and_time_updates_the_same_plan(patient_client, plan):
    patient_client.post(
        SAVE, {"weekdays": ["6"], "time_of_day": "8:00 pm", "time_zone": "America/New_York"}
    )
    plan.refresh_from_db()
    assert (plan.weekdays, plan.time_of_day) == ([6], time(20, 0))
    assert ReminderPlan.objects.count() == 1


def test_errors_are_shown_next_to_the_field_and_nothing_typed_is_lost(patient_client):
    response = patient_client.post(
        SAVE, {"time_of_day": "quarter past", "time_zone": "America/Denver"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "weekdays": ["Choose at least one day."],
        "time_of_day": ["Enter a time like 09:00 or 6:30 pm."],
    }
    page = response.content.decode()
    assert 'value="quarter past"' in page
    assert '<option value="America/Denver" selected>' in page
    assert "Choose at least one day." in page
    assert not ReminderPlan.objects.exists()


def test_an_unknown_time_zone_is_refused(patient_client):
    response = patient_client.post(
        SAVE, {"weekdays": ["0"], "time_of_day": "09:00", "time_zone": "Mars/Olympus"}
    )
    assert "time_zone" in response.context["form"].errors
    assert not ReminderPlan.objects.exists()


def test_pausing_until_a_date_and_turning_back_on(patient_client, plan):
    response = patient_client.post(PAUSE, {"until": "2026-03-20"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.paused_until) == (ReminderPlan.Status.PAUSED, date(2026, 3, 20))
    assert (
        "No reminders until the end of Friday 20 March" in patient_client.get(PAGE).content.decode()
    )
    patient_client.post(RESUME)
    plan.refresh_from_db()
    assert (plan.status, plan.paused_until) == (ReminderPlan.Status.ACTIVE, None)


@pytest.mark.parametrize(
    ("until", "error"),
    [
        ("2026-03-10", "Choose today or a day after today."),
        ("2026-07-01", "Pause for at most 90 days. To stop for longer, stop the reminders."),
        ("next week", "Enter a date like 2026-03-14."),
    ],
)
def test_a_pause_date_that_does_not_work_is_explained_next_to_it(
    patient_client, plan, until, error
):
    response = patient_client.post(PAUSE, {"until": until})
    assert response.status_code == 200
    assert response.context["pause_form"].errors == {"until": [error]}
    assert f'value="{until}"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ReminderPlan.Status.ACTIVE


def test_stopping_from_the_page(patient_client, plan):
    assert patient_client.post(STOP).status_code == 302
    plan.refresh_from_db()
    assert plan.status == ReminderPlan.Status.STOPPED
    page = patient_client.get(PAGE).content.decode()
    assert "Reminders are off" in page and "Turn on reminders" in page


def test_a_patient_never_sees_or_changes_another_patients_plan(client, plan, other_patient):
    client.force_login(other_patient)
    response = client.get(PAGE)
    assert response.context["plan"] is None  # their own page, with no plan yet
    assert client.post(PAUSE, {"until": "2026-03-20"}).status_code == 404
    assert client.post(STOP).status_code == 404
    assert client.get(CALENDAR).status_code == 404
    plan.refresh_from_db()
    assert plan.status == ReminderPlan.Status.ACTIVE


def test_opening_the_page_and_the_calendar_is_audited(patient_client, plan):
    patient_client.get(PAGE)
    patient_client.get(CALENDAR)
    reads = AuditEvent.objects.filter(patient=plan.patient, action__in=["view", "download"])
    assert [(event.action, event.detail) for event in reads] == [
        ("download", "reminders calendar"),
        ("view", "reminders"),
    ]


def test_staff_have_no_reminders_page(therapist_client):
    assert therapist_client.get(PAGE).status_code == 403
    assert therapist_client.post(SAVE).status_code == 403


@pytest.mark.parametrize("plans", [1, 12, 50])
def test_page_query_count_does_not_grow_with_other_plans(
    patient_client, plan, django_assert_num_queries, plans
):
    from tests.factories import PatientFactory

    for _n in range(plans - 1):
        ReminderPlan.objects.create(patient=PatientFactory())
    ClinicProfile.load()
    # session, user, the plan with its patient, the audit row (1), clinic details, the
    # unread-messages badge
    with django_assert_num_queries(6):
        assert patient_client.get(PAGE).status_code == 200


# --- the calendar file --------------------------------------------------------------------------


def test_the_calendar_file_repeats_weekly_at_the_local_time(patient_client, plan, settings):
    settings.SITE_URL = "https://restore.test"
    response = patient_client.get(CALENDAR)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="exercise-reminders.ics"'
    body = response.content.decode()
    # The lines a calendar program reads, as they are written.
    lines = body.split("\r\n")
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR" in lines
    assert "DTSTART;TZID=America/New_York:20260311T183000" in lines  # today, Wednesday
    assert "BEGIN:VTIMEZONE" in lines and "TZID:America/New_York" in lines

    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Home exercises — Restore Clinic"
    assert event.decoded("dtstart") == datetime(
        2026, 3, 11, 18, 30, tzinfo=event.decoded("dtstart").tzinfo
    )
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=-4)
    assert dict(event["rrule"]) == {"FREQ": ["WEEKLY"], "BYDAY": ["MO", "WE", "FR"]}
    assert event.decoded("duration") == timedelta(minutes=30)
    assert str(event["uid"]) == f"reminders-{plan.uuid}@restore.test"
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["tzid"]) == "America/New_York"
    assert {c.name for c in timezone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert [alarm["action"] for alarm in event.walk("VALARM")] == ["DISPLAY"]
    for private in ("Rivera", "Pat", "pain", "sciatica"):
        assert private.lower() not in str(event["summary"]).lower()
        assert private.lower() not in str(event["description"]).lower()


def test_a_paused_calendar_starts_after_the_pause(patient_client, plan):
    patient_client.post(PAUSE, {"until": "2026-03-20"})  # until Friday 20 March
    body = patient_client.get(CALENDAR).content.decode()
    assert "DTSTART;TZID=America/New_York:20260323T183000" in body  # the next Monday


def test_no_calendar_file_without_reminders(patient_client, plan):
    patient_client.post(STOP)
    assert patient_client.get(CALENDAR).status_code == 404


# --- the one-click stop link --------------------------------------------------------------------


def test_opening_the_stop_link_asks_first_and_stops_nothing(client, plan):
    response = client.get(stop_url(plan))
    assert response.status_code == 200
    assert "Yes, stop reminders" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ReminderPlan.Status.ACTIVE


def test_a_one_click_post_stops_reminders_without_a_session_or_csrf_token(plan):
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        stop_url(plan),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Reminders are stopped" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ReminderPlan.Status.STOPPED
    event = AuditEvent.objects.filter(patient=plan.patient).first()
    assert (event.actor, event.detail) == (
        "stop link",
        "exercise reminders: stopped from the link in a reminder email",
    )
    # Sent again (mail programs retry): still fine, recorded once.
    assert mail_program.post(stop_url(plan)).status_code == 200
    assert AuditEvent.objects.filter(detail__contains="stopped from the link").count() == 1


def test_a_changed_token_stops_nothing(client, plan):
    token = reminders.stop_token(plan)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    url = reverse("programs:reminder-stop", kwargs={"token": forged})
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404
    plan.refresh_from_db()
    assert plan.status == ReminderPlan.Status.ACTIVE


def test_the_token_of_one_plan_does_not_name_another(plan, other_patient_record):
    other = ReminderPlan.objects.create(patient=other_patient_record)
    assert reminders.plan_for_token(reminders.stop_token(plan)) == plan
    assert reminders.plan_for_token(reminders.stop_token(other)) == other
    assert reminders.plan_for_token(str(other.uuid)) is None  # the bare id is not enough
