"""The session log: one entry per session (a second one the same day too), and the safety check."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import RedFlag
from programs.models import SessionLog
from programs.services import record_check_in
from tests.factories import ProgramItemFactory
from tests.programs.portal_helpers import log_on, program_with


@pytest.fixture
def clinic_phone(db):
    from clinic.models import ClinicProfile

    profile = ClinicProfile.load()
    profile.phone = "(617) 555-0142"
    profile.save()


@pytest.fixture
def program(patient_record):
    return program_with(patient_record, items=3)


def _url(program):
    return reverse("programs:portal-log", kwargs={"uuid": program.uuid})


def _answers(**overrides):
    data = {
        "exercises_done": ["1", "3"],
        "back_pain": "4",
        "leg_pain": "6",
        "leg_symptoms": "moved_up",
        "comment": "The bridge felt easier today.",
        "none_of_these": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- access ------------------------------------------------------------------------------------


def test_log_page_sends_anonymous_visitors_to_login(client, program):
    response = client.post(_url(program), _answers())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert SessionLog.objects.count() == 0


def test_staff_cannot_log_for_a_patient(therapist_client, program):
    assert therapist_client.post(_url(program), _answers()).status_code == 403
    assert SessionLog.objects.count() == 0


def test_logging_on_another_patients_program_is_404(patient_client, other_patient_record):
    theirs = program_with(other_patient_record, items=2)
    assert patient_client.post(_url(theirs), _answers()).status_code == 404
    assert SessionLog.objects.count() == 0


# --- saving ------------------------------------------------------------------------------------


def test_patient_logs_todays_session(patient_client, patient_record, program):
    response = patient_client.post(_url(program), _answers())

    assert response.status_code == 302
    assert response["Location"] == reverse("programs:portal-progress")
    log = SessionLog.objects.get()
    assert log.patient == patient_record
    assert log.program == program
    assert log.revision == program.current_revision
    assert log.date == timezone.localdate()
    assert log.exercises_done == [1, 3]
    assert (log.back_pain, log.leg_pain) == (4, 6)
    assert log.leg_symptoms == SessionLog.LegSymptoms.MOVED_UP
    assert log.comment == "The bridge felt easier today."
    assert RedFlag.objects.count() == 0


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in response.context["messages"]]


def test_pain_up_by_two_since_the_first_log_gets_advice_to_ease_off(
    patient_client, program, clinic_phone
):
    log_on(program, timezone.localdate() - timedelta(days=5), back=2, leg=3)
    response = patient_client.post(
        _url(program), _answers(back_pain="5", leg_pain="3"), follow=True
    )
    warnings = [text for level, text in _messages(response) if level == "warning"]
    assert warnings == [
        "Your pain is higher than when you started (back 2 → 5, leg 3 → 3). Ease off: do only "
        "the exercises you can do without pain, and smaller. If it does not settle in a day or "
        "two, call us on (617) 555-0142. Any of the emergency symptoms: call 911."
    ]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("Spanish", "Su dolor está más alto que cuando empezó (espalda 2 → 5, pierna 3 → 3)."),
        (
            "Português",
            "Sua dor está mais alta do que quando você começou (costas 2 → 5, perna 3 → 3).",
        ),
    ],
)
def test_the_advice_to_ease_off_is_in_the_patients_language(
    client, patient_record, program, clinic_phone, language, words
):
    patient_record.language = language
    patient_record.save(update_fields=["language"])
    client.force_login(patient_record.user)
    log_on(program, timezone.localdate() - timedelta(days=5), back=2, leg=3)
    response = client.post(_url(program), _answers(back_pain="5", leg_pain="3"), follow=True)
    warnings = [text for level, text in _messages(response) if level == "warning"]
    assert len(warnings) == 1
    assert warnings[0].startswith(words)
    assert "(617) 555-0142" in warnings[0]
    assert "Ease off" not in warnings[0]
    # The notice kept on the program page reads the same.
    assert words in client.get(reverse("programs:portal-home")).content.decode()


def test_symptoms_further_down_the_leg_get_advice_to_ease_off(patient_client, program):
    response = patient_client.post(
        _url(program), _answers(leg_symptoms="further_down"), follow=True
    )
    warnings = [text for level, text in _messages(response) if level == "warning"]
    assert len(warnings) == 1
    assert warnings[0].startswith("Your symptoms moved further down your leg today. Ease off")


def test_a_steady_or_better_log_gets_only_thanks(patient_client, program):
    log_on(program, timezone.localdate() - timedelta(days=5), back=5, leg=6)
    response = patient_client.post(
        _url(program), _answers(back_pain="6", leg_pain="4"), follow=True
    )
    assert [level for level, _ in _messages(response)] == ["success"]


def test_each_saved_log_is_in_the_audit_log(patient_client, patient, program):
    from clinic.models import AuditEvent

    patient_client.post(_url(program), _answers())
    patient_client.post(_url(program), _answers(back_pain="1"))
    logs = list(SessionLog.objects.order_by("id"))
    assert len(logs) == 2
    for log in logs:
        events = AuditEvent.objects.filter(object_id=str(log.uuid))
        assert [e.action for e in events] == ["create"]
        assert {e.user for e in events} == {patient}


def test_a_second_session_the_same_day_is_its_own_log(patient_client, program):
    patient_client.post(_url(program), _answers())
    first = SessionLog.objects.get()

    response = patient_client.post(
        _url(program), _answers(back_pain="2", exercises_done=["1", "2", "3"], comment="")
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.back_pain == 4 and first.exercises_done == [1, 3]  # the first is kept
    second = SessionLog.objects.exclude(pk=first.pk).get()
    assert second.date == first.date
    assert second.back_pain == 2
    assert second.exercises_done == [1, 2, 3]


def test_the_form_says_today_is_already_logged_and_starts_empty(patient_client, program):
    log_on(program, timezone.localdate(), back=7, leg=2, done=(2,), comment="Stiff morning")
    response = patient_client.get(_url(program))
    body = response.content.decode()
    assert "You logged once today already" in body
    assert response.context["log_form"]["back_pain"].value() is None
    assert "Stiff morning" not in body


def test_yesterdays_log_is_left_alone(patient_client, program):
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    old = log_on(program, yesterday, back=8)
    patient_client.post(_url(program), _answers())
    old.refresh_from_db()
    assert old.back_pain == 8
    assert SessionLog.objects.count() == 2


def test_a_rest_day_with_no_exercises_ticked_is_saved(patient_client, program):
    patient_client.post(_url(program), _answers(exercises_done=None))
    assert SessionLog.objects.get().exercises_done == []


def test_a_log_after_a_new_version_points_at_the_current_revision(patient_client, program):
    from programs.services import publish_program

    patient_client.post(_url(program), _answers())
    ProgramItemFactory(program=program, order=9)
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    patient_client.post(_url(program), _answers(exercises_done=["4"]))
    log = SessionLog.objects.latest("id")
    assert log.revision == program.current_revision
    assert log.exercises_done == [4]


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("back_pain", "11", "Select a valid choice"),
        ("leg_pain", None, "Choose a number from 0"),
        ("leg_symptoms", "everywhere", "Select a valid choice"),
        ("exercises_done", ["9"], "Select a valid choice"),
    ],
)
def test_bad_answers_are_shown_next_to_the_field_and_nothing_is_saved(
    patient_client, program, field, value, message
):
    response = patient_client.post(_url(program), _answers(**{field: value}))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "The bridge felt easier today." in body  # what was typed is kept
    assert SessionLog.objects.count() == 0


def test_the_safety_check_must_be_answered(patient_client, program):
    response = patient_client.post(_url(program), _answers(none_of_these=None))
    assert response.status_code == 200
    assert "Please answer the safety check" in response.content.decode()
    assert SessionLog.objects.count() == 0


# --- the safety check --------------------------------------------------------------------------


def test_an_emergency_answer_opens_a_flag_and_shows_the_instruction(
    patient_client, patient, patient_record, program
):
    response = patient_client.post(
        _url(program), _answers(emergency=["ces_bladder"], none_of_these=None)
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Call 911 or go to the nearest emergency department now" in body
    assert 'href="tel:911"' in body
    assert "Any new trouble peeing, or leaking?" in body
    flag = RedFlag.objects.get()
    assert flag.patient == patient_record
    assert (flag.code, flag.tier) == ("ces_bladder", RedFlag.Tier.EMERGENCY)
    assert flag.source == RedFlag.Source.CHECK_IN
    assert flag.status == RedFlag.Status.OPEN
    assert flag.raised_by == patient
    assert flag.instruction_shown_at is not None
    assert "Home-program check-in" in flag.reason
    from clinic.models import AuditEvent

    assert AuditEvent.objects.filter(action="create", object_id=str(flag.uuid)).exists()
    assert SessionLog.objects.count() == 1  # the rest of the log is kept too


def test_an_urgent_answer_says_to_contact_a_doctor_today(patient_client, program):
    response = patient_client.post(
        _url(program), _answers(urgent=["infection_fever"], none_of_these=None)
    )
    body = response.content.decode()
    assert "Please contact your doctor today" in body
    assert "emergency department now" not in body
    assert RedFlag.objects.get().tier == RedFlag.Tier.URGENT


def test_a_tick_wins_over_none_of_these(patient_client, program):
    patient_client.post(_url(program), _answers(emergency=["dvt_pe"], none_of_these="on"))
    assert RedFlag.objects.get().code == "dvt_pe"


def test_a_yes_is_acted_on_even_when_the_log_is_incomplete(patient_client, program):
    response = patient_client.post(
        _url(program),
        _answers(emergency=["neuro_progressive"], none_of_these=None, back_pain=None),
    )
    assert response.status_code == 200
    assert "only your safety answers were saved" in response.content.decode()
    assert RedFlag.objects.get().code == "neuro_progressive"
    assert SessionLog.objects.count() == 0


def test_saying_yes_again_does_not_open_a_second_flag(patient_client, program):
    # The same page sent twice (its client id with it): one flag and one log.
    answers = _answers(urgent=["thoracic_pain"], none_of_these=None, client_uuid=str(uuid.uuid4()))
    patient_client.post(_url(program), answers)
    patient_client.post(_url(program), answers)
    assert RedFlag.objects.filter(code="thoracic_pain").count() == 1
    assert SessionLog.objects.count() == 1


def test_the_flag_appears_on_the_therapists_dashboard(client, patient, therapist, program):
    client.force_login(patient)
    client.post(_url(program), _answers(emergency=["ces_saddle"], none_of_these=None))
    client.force_login(therapist)
    body = client.get(reverse("pages:dashboard")).content.decode()
    assert "Home-program check-in" in body
    assert "Pat Rivera" in body


def test_only_short_form_questions_are_accepted_by_the_service(program, patient):
    with pytest.raises(ValueError, match="Not check-in questions"):
        record_check_in(
            program=program, by=patient, safety_answers={"cancer_history": True}, log=None
        )
