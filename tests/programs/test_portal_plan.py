"""Today's plan in the portal: only the exercises due today, a done tick per session, the
patient's own days and a moved day; late logs, repeat sessions and resent logs."""

import json
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from clinic.models import AuditEvent
from programs.adherence import patient_adherence
from programs.models import DoneTick, PlanDays, PlanMove, SessionLog
from programs.services import publish_program
from tests.factories import ExerciseFactory, ProgramFactory, ProgramItemFactory, screened
from tests.programs.portal_helpers import log_on

TODAY = timezone.localdate()


def build(patient, doses, *, start):
    """A published program: one exercise per (days_per_week, times_per_day)."""
    program = ProgramFactory(patient=screened(patient), start_date=start)
    for n, (days, times) in enumerate(doses):
        ProgramItemFactory(
            program=program,
            exercise=ExerciseFactory(name=f"Exercise {n + 1} name"),
            order=n,
            days_per_week=days,
            times_per_day=times,
        )
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    return program


@pytest.fixture
def program(patient_record):
    # Started yesterday: the daily one (twice a day) is due today; the 3-day one is due
    # yesterday, tomorrow and the day after next, not today.
    return build(patient_record, [(7, 2), (3, 1)], start=TODAY - timedelta(days=1))


def url(name, program):
    return reverse(f"programs:{name}", kwargs={"uuid": program.uuid})


def page(client, program):
    return client.get(url("portal-program", program))


def test_the_page_shows_todays_exercises_and_the_rest_under_not_today(patient_client, program):
    response = page(patient_client, program)
    plan = response.context["plan"]
    assert [row["item"]["position"] for row in plan["due"]] == [1]
    assert [row["item"]["position"] for row in plan["not_today"]] == [2]
    body = response.content.decode()
    assert "0 of 1 exercise done today." in body
    assert "Not today: 1 exercise" in body
    assert "Do it today instead" in body
    # the whole program is still there to read
    assert body.count('class="card exercise-card"') == 2


def test_twice_a_day_has_two_ticks_and_each_is_set_on_its_own(patient_client, program):
    response = patient_client.post(url("portal-done", program), {"position": 1, "slot": 1})
    assert response.status_code == 302
    slots = page(patient_client, program).context["plan"]["due"][0]["slots"]
    assert [(str(slot["name"]), slot["done"]) for slot in slots] == [
        ("Morning", False),
        ("Evening", True),
    ]
    patient_client.post(url("portal-done", program), {"position": 1, "slot": 0})
    response = page(patient_client, program)
    assert response.context["plan"]["due"][0]["done"]
    assert "1 of 1 exercise done today." in response.content.decode()


def test_the_timer_ticks_with_json_and_a_second_tick_changes_nothing(
    patient_client, patient, program
):
    done = url("portal-done", program)
    answer = patient_client.post(
        done, {"position": 1, "slot": 0}, headers={"accept": "application/json"}
    )
    assert answer.status_code == 200
    assert json.loads(answer.content) == {
        "ok": True,
        "message": "Exercise 1 ticked as done.",
        "position": 1,
        "slot": 0,
        "created": True,
        "next_slot": 1,  # the evening session of this twice-a-day exercise
    }
    again = patient_client.post(
        done, {"position": 1, "slot": 0}, headers={"accept": "application/json"}
    )
    assert json.loads(again.content)["created"] is False
    tick = DoneTick.objects.get()
    assert (tick.date, tick.revision) == (TODAY, program.current_revision)
    events = AuditEvent.objects.filter(object_id=str(tick.pk), action="create")
    assert [event.user for event in events] == [patient]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"position": 9, "slot": 0}, "That exercise is not in your current program."),
        ({"position": 2, "slot": 1}, "That exercise has no such session today."),
        ({"position": 1, "slot": "x"}, "Choose a session."),
        ({"slot": 0}, "Choose an exercise."),
    ],
)
def test_a_tick_for_something_not_in_the_program_is_refused(patient_client, program, data, message):
    answer = patient_client.post(
        url("portal-done", program), data, headers={"accept": "application/json"}
    )
    assert answer.status_code == 400
    assert json.loads(answer.content) == {"ok": False, "message": message}
    assert not DoneTick.objects.exists()


def test_do_it_today_instead_moves_the_next_due_day(patient_client, program):
    response = patient_client.post(url("portal-move", program), {"position": 2}, follow=True)
    move = PlanMove.objects.get()
    assert (move.position, move.from_date, move.to_date) == (2, TODAY + timedelta(days=1), TODAY)
    assert [row["item"]["position"] for row in response.context["plan"]["due"]] == [1, 2]
    assert "moved to today" in response.content.decode()
    # tomorrow is no longer a day for it; the day after next still is
    again = patient_client.post(url("portal-move", program), {"position": 2}, follow=True)
    assert "already on today" in again.content.decode()
    assert PlanMove.objects.count() == 1


def test_the_patient_chooses_their_own_days(patient_client, program):
    days = [TODAY.weekday(), (TODAY.weekday() + 2) % 7, (TODAY.weekday() + 4) % 7]
    patient_client.post(url("portal-days", program), {"position": 2, "weekdays": days})
    assert sorted(PlanDays.objects.get(position=2).weekday_list) == sorted(days)
    response = page(patient_client, program)
    assert [row["item"]["position"] for row in response.context["plan"]["due"]] == [1, 2]
    assert not response.context["plan"]["not_today"]


def test_choosing_the_wrong_number_of_days_is_refused_with_a_reason(patient_client, program):
    response = patient_client.post(
        url("portal-days", program), {"position": 2, "weekdays": [0, 1]}, follow=True
    )
    assert "Choose 3 days: this exercise is prescribed 3 days a week." in response.content.decode()
    assert not PlanDays.objects.exists()


# --- the log -----------------------------------------------------------------------------------


def answers(**overrides):
    data = {
        "exercises_done": ["1"],
        "back_pain": "3",
        "leg_pain": "2",
        "leg_symptoms": "same",
        "none_of_these": "on",
    }
    data.update(overrides)
    return data


def test_the_log_form_starts_with_todays_ticked_exercises(patient_client, program):
    patient_client.post(url("portal-done", program), {"position": 2, "slot": 0})
    form = patient_client.get(url("portal-log", program)).context["log_form"]
    assert form["exercises_done"].value() == [2]
    assert form["date"].value() == TODAY.isoformat()
    assert form["client_uuid"].value()  # a fresh id on every page


@pytest.mark.parametrize("days_ago", [1, 2])
def test_a_log_for_yesterday_or_the_day_before_is_marked_late(patient_client, program, days_ago):
    day = TODAY - timedelta(days=days_ago)
    response = patient_client.post(
        url("portal-log", program), answers(date=day.isoformat()), follow=True
    )
    log = SessionLog.objects.get()
    assert (log.date, log.late) == (day, True)
    assert "(logged late)" in response.content.decode()


def test_todays_log_is_not_late(patient_client, program):
    patient_client.post(url("portal-log", program), answers(date=TODAY.isoformat()))
    assert SessionLog.objects.get().late is False


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY - timedelta(days=3), "A log can be made for today, yesterday or the day before"),
        (TODAY + timedelta(days=1), "That day has not come yet"),
    ],
)
def test_an_older_or_future_day_is_refused_with_a_clear_message(
    patient_client, program, day, message
):
    response = patient_client.post(url("portal-log", program), answers(date=day.isoformat()))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["log_form"]["back_pain"].value() == "3"  # what was typed is kept
    assert not SessionLog.objects.exists()


def test_two_sessions_on_one_day_are_two_logs(patient_client, program):
    patient_client.post(url("portal-log", program), answers())
    patient_client.post(url("portal-log", program), answers(back_pain="5"))
    assert list(SessionLog.objects.order_by("id").values_list("date", "back_pain")) == [
        (TODAY, 3),
        (TODAY, 5),
    ]


def test_a_resent_log_is_stored_once_and_answers_as_saved(patient_client, program):
    sent = answers(client_uuid=str(uuid.uuid4()))
    first = patient_client.post(url("portal-log", program), sent)
    again = patient_client.post(url("portal-log", program), sent, follow=True)
    assert first.status_code == 302
    assert again.redirect_chain[-1][1] == 302
    assert "Saved" in again.content.decode()
    assert SessionLog.objects.count() == 1
    assert SessionLog.objects.get().client_uuid == uuid.UUID(sent["client_uuid"])


def test_client_ids_are_per_patient(patient_client, program, other_patient):
    from tests.factories import published_program

    shared = uuid.uuid4()
    other = published_program(patient=other_patient.patient_record)
    log_on(other, TODAY)
    SessionLog.objects.filter(program=other).update(client_uuid=shared)
    patient_client.post(url("portal-log", program), answers(client_uuid=str(shared)))
    assert SessionLog.objects.filter(program=program).count() == 1


def test_adherence_counts_a_day_with_two_sessions_once(patient_record, program):
    log_on(program, TODAY)
    log_on(program, TODAY)
    row = patient_adherence(patient_record, today=TODAY)["programs"][0]
    assert row.last_7.done == 1
    assert row.log_count == 2


def _plan_page_queries(client, patient, items: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    program = build(patient, [(3, 2)] * items, start=TODAY)
    for position in range(1, items + 1):
        DoneTick.objects.create(
            program=program, revision=program.current_revision, position=position, slot=0
        )
        PlanDays.objects.create(program=program, position=position, weekdays=0b0010101)
        PlanMove.objects.create(
            program=program, position=position, from_date=TODAY + timedelta(1), to_date=TODAY
        )
    log_on(program, TODAY)
    with CaptureQueriesContext(connection) as queries:
        response = page(client, program)
    assert len(response.context["plan"]["due"]) == items  # all moved to today
    program.status = "archived"  # out of the way of the next program
    program.save()
    return len(queries)


def test_program_page_with_a_plan_reads_the_same_queries_for_1_or_12_exercises(
    patient_client, patient_record
):
    """The plan costs three queries (own days, moves, today's ticks) whatever its size; the
    page's whole count is pinned in test_portal_views."""
    assert _plan_page_queries(patient_client, patient_record, 1) == _plan_page_queries(
        patient_client, patient_record, 12
    )


def test_staff_see_a_late_log_marked_late(therapist_client, patient_record, program):
    log = log_on(program, TODAY - timedelta(days=2), comment="Did it before bed")
    SessionLog.objects.filter(pk=log.pk).update(late=True)
    body = therapist_client.get(
        reverse("pages:patient-detail", kwargs={"uuid": patient_record.uuid})
    ).content.decode()
    assert "(logged late," in body


def _home_with(client, patient, count: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(count):
        program = build(patient, [(7, 1), (3, 1)], start=TODAY - timedelta(days=1))
        DoneTick.objects.create(program=program, revision=program.current_revision, position=1)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programs:portal-home"))
    return response, len(queries)


def test_several_programs_each_say_how_much_of_today_is_done(patient_client, patient_record):
    response, _queries = _home_with(patient_client, patient_record, 2)
    assert response.content.decode().count("today 1 of 1 done") == 2


def test_the_programs_list_reads_the_same_queries_for_2_or_4_programs(
    patient_client, patient_record
):
    from programs.models import Program

    _response, two = _home_with(patient_client, patient_record, 2)
    Program.objects.filter(patient=patient_record).update(status="archived")
    _response, four = _home_with(patient_client, patient_record, 4)
    assert two == four


def test_a_tick_set_by_mistake_can_be_taken_back(patient_client, patient, program):
    patient_client.post(url("portal-done", program), {"position": 1, "slot": 0})
    tick_pk = DoneTick.objects.get().pk
    response = patient_client.post(
        url("portal-done", program), {"position": 1, "slot": 0, "undo": "1"}, follow=True
    )
    assert not DoneTick.objects.exists()
    assert "Exercise 1 is no longer ticked." in response.content.decode()
    assert not response.context["plan"]["due"][0]["slots"][0]["done"]
    taken_back = AuditEvent.objects.get(object_id=str(tick_pk), action="update")
    assert taken_back.user == patient


def test_the_same_log_sent_twice_at_once_is_stored_once(patient_record, program, monkeypatch):
    """Two requests with one client id that both pass the look-up: the second insert meets
    the unique constraint and answers with the first log."""
    from programs.models import SessionLogQuerySet
    from programs.services import record_check_in

    sent = {
        "exercises_done": [1],
        "back_pain": 3,
        "leg_pain": 2,
        "leg_symptoms": "same",
        "comment": "",
    }
    client_uuid = uuid.uuid4()
    kwargs = {"program": program, "by": patient_record.user, "safety_answers": {}, "log": sent}
    first = record_check_in(**kwargs, client_uuid=client_uuid)
    monkeypatch.setattr(SessionLogQuerySet, "first", lambda self: None)  # the race
    again = record_check_in(**kwargs, client_uuid=client_uuid)
    assert (again.log.pk, again.created) == (first.log.pk, False)
    assert SessionLog.objects.count() == 1


def test_a_program_starting_later_says_when(patient_client, patient_record):
    later = build(patient_record, [(7, 1)], start=TODAY + timedelta(days=2))
    response = page(patient_client, later)
    assert not response.context["plan"]["due"]
    assert f"Your program starts on {TODAY + timedelta(days=2):%A %-d %B}" in (
        response.content.decode()
    )


def test_a_rest_day_says_so(patient_client, patient_record):
    rest = build(patient_record, [(3, 1)], start=TODAY - timedelta(days=1))
    body = page(patient_client, rest).content.decode()
    assert "A rest day: nothing is planned today." in body


def test_the_late_and_moved_messages_write_the_day_in_the_patients_language(
    client, patient_record, program
):
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    client.force_login(patient_record.user)
    patient_client = client
    day = TODAY - timedelta(days=1)
    with translation.override("es"):
        spanish_day = dateformat.format(day, "l j \\d\\e F")
    response = patient_client.post(
        url("portal-log", program), answers(date=day.isoformat()), follow=True
    )
    body = response.content.decode()
    assert f"Guardado para el {spanish_day} (registrado tarde)" in body
    assert f"{day:%A}" not in body  # no English weekday in the Spanish message

    response = patient_client.post(url("portal-move", program), {"position": 2}, follow=True)
    move = PlanMove.objects.get()
    with translation.override("es"):
        moved_from = dateformat.format(move.from_date, "l j \\d\\e F")
    assert moved_from in response.content.decode()
