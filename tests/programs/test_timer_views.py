"""The timer plan where people see it: the builder flags a dose the timer cannot follow (without
blocking publishing), and the follow page carries the exact phases and the timer's words."""

from django.urls import reverse

from programs.models import Exercise
from programs.services import publish_program
from tests.factories import ExerciseFactory, ProgramFactory, ProgramItemFactory, screened
from tests.programs.builder_helpers import HTMX, url


def _ais_item(program, **dose):
    ais = ExerciseFactory(category=Exercise.Category.AIS_STRETCH, name="AIS test stretch")
    return ProgramItemFactory(program=program, exercise=ais, **dose)


def test_builder_flags_ais_prescribed_as_30_second_holds(therapist_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    bad = _ais_item(program, order=1, reps=10, hold_s=30)
    good = _ais_item(program, order=2, reps=10, hold_s=2)
    body = therapist_client.get(url("program-builder", program)).content.decode()
    bad_li = body[body.index(f'id="item-{bad.pk}"') : body.index(f'id="item-{good.pk}"')]
    good_li = body[body.index(f'id="item-{good.pk}"') :]
    assert "data-timer-problems" in bad_li
    assert "a 30-second hold goes against the method" in bad_li
    assert "data-timer-problems" not in good_li.split("</li>")[0]


def test_the_flag_follows_a_dose_edit_and_publishing_is_not_blocked(
    therapist_client, patient_record
):
    program = ProgramFactory(patient=screened(patient_record))
    item = _ais_item(program, order=1, reps=10, hold_s=2)
    data = {
        f"item-{item.pk}-{key}": value
        for key, value in {
            "sets": 1,
            "reps": 10,
            "hold_s": 30,
            "duration_min": "",
            "side": item.side,
            "times_per_day": 1,
            "days_per_week": 7,
            "tempo": "",
            "note": "",
            "version": program.version,
        }.items()
    }
    response = therapist_client.post(
        url("program-item-update", program, item_id=item.pk), data, **HTMX
    )
    assert response.status_code == 200
    assert "goes against the method" in response.content.decode()
    revision = publish_program(program=program, by=program.therapist)
    assert revision.items[0]["hold_s"] == 30


def test_follow_page_carries_the_phases_and_a_walk_reads_in_minutes(patient_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, order=1, reps=None, hold_s=None, duration_min=15)
    publish_program(program=program, by=program.therapist)
    address = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1})
    plan = patient_client.get(address).context["plan"]
    assert [(p["kind"], p["seconds"]) for p in plan["phases"]] == [("ready", 5), ("work", 900)]
    assert plan["total_s"] == 905
    assert plan["words"]["pause"] == "Pause"
    assert plan["words"]["resume"] == "Resume"


def test_the_timer_ticks_the_first_session_of_today_not_yet_done(patient_client, patient_record):
    from programs.daily.services import tick_done

    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, order=1, reps=10, times_per_day=2)
    publish_program(program=program, by=program.therapist)
    address = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1})
    plan = patient_client.get(address).context["plan"]
    assert plan["done_url"] == reverse("programs:portal-done", kwargs={"uuid": program.uuid})
    assert plan["done_fields"] == {"position": 1, "slot": 0}
    program.refresh_from_db()
    tick_done(program=program, position=1, slot=0, by=patient_record.user)
    assert patient_client.get(address).context["plan"]["done_fields"] == {"position": 1, "slot": 1}


def test_a_tick_by_the_timer_names_the_next_session_of_today(patient_client, patient_record):
    """ "Start again" on the same follow-along page ticks the evening session, not the morning
    one twice."""
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, order=1, reps=10, times_per_day=2)
    publish_program(program=program, by=program.therapist)
    done = reverse("programs:portal-done", kwargs={"uuid": program.uuid})
    json_accept = {"accept": "application/json"}
    first = patient_client.post(done, {"position": 1, "slot": 0}, headers=json_accept).json()
    assert (first["ok"], first["slot"], first["next_slot"]) == (True, 0, 1)
    second = patient_client.post(done, {"position": 1, "slot": 1}, headers=json_accept).json()
    assert (second["slot"], second["next_slot"]) == (1, None)
