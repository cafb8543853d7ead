"""Home questionnaires: scheduling rules, due requests, partial answers, scoring, reminders."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic import measures
from clinic.models import AuditEvent, OutboxMessage, OutcomeMeasure, PSFSActivity
from clinic.questionnaires import services
from clinic.questionnaires.models import MeasureSchedule, QuestionnaireRequest
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink

pytestmark = pytest.mark.django_db
Cadence = MeasureSchedule.Cadence
Status = QuestionnaireRequest.Status

START_BACK_PACK = {"start_back": {"items": [f"Licensed item {n}" for n in range(1, 10)]}}


def schedule(patient, therapist, instrument="rmdq", cadence=Cadence.EVERY, **kwargs):
    kwargs.setdefault("every_weeks", 1 if cadence == Cadence.EVERY else None)
    return services.schedule_measure(
        patient=patient, instrument=instrument, cadence=cadence, by=therapist, **kwargs
    )


def answer_rmdq(request, yes=(2, 5, 9)):
    data = {f"item_{n}": int(n in yes) for n in range(1, 25)}
    return services.save_answers(request=request, data=data)


# --- scheduling --------------------------------------------------------------------------------


def test_every_n_weeks_is_due_today_and_then_every_n_weeks(patient_record, therapist):
    today = timezone.localdate()
    s = schedule(patient_record, therapist, every_weeks=2)
    assert s.next_due_on == today
    [request] = services.make_due_requests(today=today)
    s.refresh_from_db()
    assert request.due_on == today and request.instrument == "rmdq"
    assert s.next_due_on == today + timedelta(weeks=2)


def test_once_asks_once(patient_record, therapist):
    today = timezone.localdate()
    s = schedule(patient_record, therapist, cadence=Cadence.ONCE)
    assert len(services.make_due_requests(today=today)) == 1
    s.refresh_from_db()
    assert s.next_due_on is None
    assert services.make_due_requests(today=today + timedelta(weeks=8)) == []


def test_before_review_is_due_a_few_days_before_the_review(patient_record, therapist):
    today = timezone.localdate()
    review = today + timedelta(days=20)
    s = schedule(patient_record, therapist, cadence=Cadence.BEFORE_REVIEW, review_date=review)
    assert s.next_due_on == review - timedelta(days=services.BEFORE_REVIEW_DAYS)
    assert services.make_due_requests(today=today) == []
    [request] = services.make_due_requests(today=s.next_due_on)
    assert request.due_on == s.next_due_on


def test_before_review_needs_a_future_review_date(patient_record, therapist):
    with pytest.raises(ValidationError) as error:
        schedule(
            patient_record,
            therapist,
            cadence=Cadence.BEFORE_REVIEW,
            review_date=timezone.localdate(),
        )
    assert "review_date" in error.value.message_dict


def test_every_needs_a_number_of_weeks(patient_record, therapist):
    with pytest.raises(ValidationError) as error:
        schedule(patient_record, therapist, every_weeks=None)
    assert "every_weeks" in error.value.message_dict
    with pytest.raises(ValidationError):
        schedule(patient_record, therapist, every_weeks=services.MAX_EVERY_WEEKS + 1)


@pytest.mark.parametrize("instrument", ["odi", "start_back"])
def test_licensed_measures_are_refused_without_the_clinics_licence(
    patient_record, therapist, settings, instrument
):
    settings.RESTORE_LICENSED_MEASURES = {}
    with pytest.raises(ValidationError, match="licence"):
        schedule(patient_record, therapist, instrument=instrument)
    with pytest.raises(ValidationError):
        services.request_now(patient=patient_record, instrument=instrument, by=therapist)
    assert not MeasureSchedule.objects.exists()


def test_start_back_is_scheduled_once_the_licence_is_confirmed(patient_record, therapist, settings):
    settings.RESTORE_LICENSED_MEASURES = START_BACK_PACK
    assert schedule(patient_record, therapist, instrument="start_back").instrument == "start_back"


def test_psfs_needs_the_patients_activities(patient_record, therapist):
    with pytest.raises(ValidationError, match="activities"):
        schedule(patient_record, therapist, instrument="psfs")


def test_ending_a_schedule_cancels_what_is_waiting_and_keeps_answers(patient_record, therapist):
    today = timezone.localdate()
    s = schedule(patient_record, therapist)
    [done] = services.make_due_requests(today=today)
    services.submit_questionnaire(request=answer_rmdq(done))
    waiting = services.make_due_requests(today=today + timedelta(weeks=1))[0]
    link, _token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.QUESTIONNAIRE,
        target_uuid=waiting.uuid,
        channel=PatientLink.Channel.QR,
    )
    services.end_schedule(schedule=s, by=therapist)
    s.refresh_from_db()
    done.refresh_from_db()
    waiting.refresh_from_db()
    link.refresh_from_db()
    assert s.ended_at is not None and s.ended_by == therapist and s.next_due_on is None
    assert done.status == Status.COMPLETED and done.measure is not None
    assert waiting.status == Status.CANCELLED
    assert not link.is_live
    assert services.make_due_requests(today=today + timedelta(weeks=3)) == []


# --- due requests ----------------------------------------------------------------------------


def test_make_due_requests_is_idempotent(patient_record, therapist):
    today = timezone.localdate()
    s = schedule(patient_record, therapist)
    services.make_due_requests(today=today)
    services.make_due_requests(today=today)
    # Even when the schedule is put back, the same date does not make a second request.
    MeasureSchedule.objects.filter(pk=s.pk).update(next_due_on=today)
    services.make_due_requests(today=today)
    assert QuestionnaireRequest.objects.filter(schedule=s, due_on=today).count() == 1


def test_a_schedule_that_fell_behind_asks_once_for_the_latest_date(patient_record, therapist):
    today = timezone.localdate()
    s = schedule(patient_record, therapist)
    [first] = services.make_due_requests(today=today)
    [latest] = services.make_due_requests(today=today + timedelta(weeks=3, days=2))
    first.refresh_from_db()
    s.refresh_from_db()
    assert latest.due_on == today + timedelta(weeks=3)
    assert first.status == Status.CANCELLED
    assert s.next_due_on == today + timedelta(weeks=4)
    assert s.requests.count() == 2


# --- answers ---------------------------------------------------------------------------------


def test_partial_answers_are_kept_and_finished_later(patient_record, therapist):
    s = schedule(patient_record, therapist, instrument="sbi")
    [request] = services.make_due_requests(today=timezone.localdate())
    request = services.save_answers(request=request, data={"item_1": "4", "item_2": 2})
    assert request.status == Status.STARTED
    with pytest.raises(ValidationError):
        services.submit_questionnaire(request=request)
    # Later, the rest; earlier answers stay; junk is dropped.
    request = services.save_answers(
        request=request, data={"item_3": "1", "item_4": 0, "item_9": 3, "item_2": "seven"}
    )
    assert request.answers == {"item_1": 4, "item_2": 2, "item_3": 1, "item_4": 0}
    measure = services.submit_questionnaire(request=request)
    assert measure.score == 7
    assert s.requests.get().status == Status.COMPLETED


def test_a_finished_questionnaire_takes_no_more_answers(patient_record, therapist):
    schedule(patient_record, therapist)
    [request] = services.make_due_requests(today=timezone.localdate())
    services.submit_questionnaire(request=answer_rmdq(request))
    with pytest.raises(ValidationError):
        services.save_answers(request=request, data={"item_1": 1})
    with pytest.raises(ValidationError):
        services.submit_questionnaire(request=request)
    assert OutcomeMeasure.objects.count() == 1


def test_scores_match_the_clinics_scoring(patient_record, therapist):
    schedule(patient_record, therapist)
    [request] = services.make_due_requests(today=timezone.localdate())
    measure = services.submit_questionnaire(request=answer_rmdq(request, yes=(1, 4, 7, 24)))
    expected = measures.score("rmdq", {"ticked": [1, 4, 7, 24], "none_apply": False})
    assert measure.score == expected.score == 4
    assert measure.answers == {"ticked": [1, 4, 7, 24], "none_apply": False}
    assert measure.source == OutcomeMeasure.Source.PATIENT
    assert measure.recorded_by is None


def test_rmdq_with_nothing_true_scores_zero(patient_record, therapist):
    schedule(patient_record, therapist)
    [request] = services.make_due_requests(today=timezone.localdate())
    measure = services.submit_questionnaire(request=answer_rmdq(request, yes=()))
    assert measure.score == 0 and measure.answers["none_apply"] is True


def test_nprs_back_and_leg(patient_record, therapist):
    schedule(patient_record, therapist, instrument="nprs")
    [request] = services.make_due_requests(today=timezone.localdate())
    data = {"back_now": 5, "back_best": 3, "back_worst": 7, "leg_now": 2}
    request = services.save_answers(request=request, data=data)
    measure = services.submit_questionnaire(request=request)
    assert measure.details["back_now"] == 5 and measure.details["leg_now"] == 2
    assert measure.details["back_composite"] == 5.0


def test_psfs_uses_the_patients_own_activities(patient_record, therapist):
    names = ["Lifting my grandson", "Gardening", "Driving to work"]
    activities = [
        PSFSActivity.objects.create(patient=patient_record, name=n, created_by=therapist)
        for n in names
    ]
    schedule(patient_record, therapist, instrument="psfs")
    [request] = services.make_due_requests(today=timezone.localdate())
    ratings = {f"rating_{a.pk}": r for a, r in zip(activities, (4, 6, 8), strict=True)}
    measure = services.submit_questionnaire(
        request=services.save_answers(request=request, data=ratings)
    )
    assert measure.score == 6
    assert [a["name"] for a in measure.answers["activities"]] == names
    assert measure.details["activity_ids"] == [a.pk for a in activities]


def test_licensed_start_back_scores_with_the_keele_rules(patient_record, therapist, settings):
    settings.RESTORE_LICENSED_MEASURES = START_BACK_PACK
    schedule(patient_record, therapist, instrument="start_back")
    [request] = services.make_due_requests(today=timezone.localdate())
    data = {f"item_{n}": 1 for n in range(1, 9)} | {"item_9": 4}
    measure = services.submit_questionnaire(
        request=services.save_answers(request=request, data=data)
    )
    assert measure.score == 9 and measure.band == "high"


def test_licensed_odi_skips_only_section_8_and_scores_as_the_clinic_does(
    patient_record, therapist, settings
):
    statements = [f"Statement {n}" for n in range(6)]
    settings.RESTORE_LICENSED_MEASURES = {"odi": {"version": "2.1a", "sections": [statements] * 10}}
    schedule(patient_record, therapist, instrument="odi")
    [request] = services.make_due_requests(today=timezone.localdate())
    answers = {f"section_{n}": 2 for n in range(1, 11) if n not in (8, 9)}
    request = services.save_answers(request=request, data=answers)
    with pytest.raises(ValidationError):  # section 9 is still needed
        services.submit_questionnaire(request=request)
    request = services.save_answers(request=request, data={"section_9": 1})
    measure = services.submit_questionnaire(request=request)
    expected = measures.score("odi", {"sections": measure.answers["sections"]}, version="2.1a")
    assert measure.answers["sections"][7] is None
    assert measure.score == expected.score == Decimal("37.8")
    assert measure.version == "2.1a"


def test_a_portal_patient_is_the_recorder_and_links_end(patient_record, patient, therapist):
    schedule(patient_record, therapist)
    [request] = services.make_due_requests(today=timezone.localdate())
    link, token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.QUESTIONNAIRE,
        target_uuid=request.uuid,
        channel=PatientLink.Channel.PORTAL,
    )
    measure = services.submit_questionnaire(request=answer_rmdq(request), by=patient)
    assert measure.recorded_by == patient
    assert links.find_live_link(token) is None
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(measure.uuid), user=patient
    ).exists()


@pytest.mark.parametrize("who", ["therapist", "other_patient"])
def test_only_the_patients_own_account_is_the_recorder(patient_record, therapist, who, request):
    schedule(patient_record, therapist)
    [questionnaire] = services.make_due_requests(today=timezone.localdate())
    signed_in = request.getfixturevalue(who)
    measure = services.submit_questionnaire(request=answer_rmdq(questionnaire), by=signed_in)
    assert measure.recorded_by is None


# --- reminders -------------------------------------------------------------------------------


@pytest.fixture
def emailable(patient_record):
    patient_record.consent_email = True
    patient_record.save(update_fields=["consent_email"])
    return patient_record


def reminder_rows():
    return OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SELF_SERVICE_LINK)


def test_reminder_emails_a_link_and_no_health_information(emailable, therapist):
    schedule(emailable, therapist, instrument="sbi")
    assert services.send_reminders() == 1
    [message] = reminder_rows()
    assert message.address == emailable.email
    text = f"{message.subject} {message.body_text} {message.body_html}".lower()
    for word in ("sciatica", "bother", "pain", "back", "leg", "sbi", "score"):
        assert word not in text
    request = QuestionnaireRequest.objects.get()
    link = PatientLink.objects.get(target_uuid=request.uuid)
    assert link.purpose == PatientLink.Purpose.QUESTIONNAIRE and link.patient == emailable
    assert request.reminder_count == 1 and request.reminded_at is not None


def test_at_most_one_reminder_per_request_every_three_days(emailable, therapist):
    schedule(emailable, therapist, cadence=Cadence.ONCE)
    now = timezone.now()
    assert services.send_reminders(now=now) == 1
    assert services.send_reminders(now=now + timedelta(hours=1)) == 0
    assert services.send_reminders(now=now + timedelta(days=2, hours=23)) == 0
    assert services.send_reminders(now=now + timedelta(days=3, minutes=1)) == 1
    assert reminder_rows().count() == 2
    assert QuestionnaireRequest.objects.get().reminder_count == 2


def test_no_reminder_without_email_consent(patient_record, therapist):
    assert patient_record.consent_email is False
    schedule(patient_record, therapist)
    assert services.send_reminders() == 0
    assert not reminder_rows().exists()
    # The request is still made: the patient can find it in the portal.
    assert QuestionnaireRequest.objects.filter(status=Status.DUE).count() == 1


def test_no_reminder_once_answered(emailable, therapist):
    schedule(emailable, therapist, cadence=Cadence.ONCE)
    services.make_due_requests(today=timezone.localdate())
    request = QuestionnaireRequest.objects.get()
    services.submit_questionnaire(request=answer_rmdq(request))
    assert services.send_reminders(now=timezone.now() + timedelta(days=4)) == 0


def test_the_periodic_task_sends_reminders(emailable, therapist):
    from clinic import tasks

    schedule(emailable, therapist, cadence=Cadence.ONCE)
    tasks.send_questionnaire_reminders.call_local()
    assert reminder_rows().count() == 1
