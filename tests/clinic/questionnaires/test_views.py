"""Home questionnaires on the staff pages and the patient's answering page (by link)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEvent, OutboxMessage, OutcomeMeasure
from clinic.questionnaires import services
from clinic.questionnaires.models import MeasureSchedule, QuestionnaireRequest
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink

pytestmark = pytest.mark.django_db
Status = QuestionnaireRequest.Status


def make_request(patient, therapist, instrument="rmdq"):
    services.schedule_measure(
        patient=patient,
        instrument=instrument,
        cadence=MeasureSchedule.Cadence.ONCE,
        by=therapist,
    )
    [request] = services.make_due_requests(today=timezone.localdate())
    return request


def link_to(request, channel=PatientLink.Channel.EMAIL):
    link, token = links.issue_link(
        patient=request.patient,
        purpose=PatientLink.Purpose.QUESTIONNAIRE,
        target_uuid=request.uuid,
        channel=channel,
    )
    return reverse("clinic:questionnaire-answer", kwargs={"token": token}), link


def rmdq_post(yes=(3, 8), upto=24, **extra):
    data = {f"item_{n}": "1" if n in yes else "0" for n in range(1, upto + 1)}
    return data | extra


# --- the patient's page ------------------------------------------------------------------------


def test_link_page_shows_the_questions_in_plain_words(client, patient_record, therapist):
    url, _link = link_to(make_request(patient_record, therapist))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your back and everyday life" in html
    assert "I stay at home most of the time because of my back." in html
    assert "0 of 24 answered" in html
    assert "Save and finish later" in html
    # Nothing of the rest of the record, and no menu into it.
    assert patient_record.last_name not in html
    assert "/patients/" not in html


def test_link_page_sends_no_store_and_no_referrer(client, patient_record, therapist):
    url, _link = link_to(make_request(patient_record, therapist))
    for response in (client.get(url), client.post(url, {"save": "1", "item_1": "1"})):
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "no-referrer"


def test_opening_the_link_is_audited(client, patient_record, therapist):
    url, link = link_to(make_request(patient_record, therapist))
    client.get(url)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, patient=patient_record).last()
    assert event.object_id == str(link.uuid) and event.user is None


def test_save_and_finish_later_keeps_what_was_typed(client, patient_record, therapist):
    request = make_request(patient_record, therapist)
    url, _link = link_to(request)
    response = client.post(url, {"save": "1", "item_1": "1", "item_2": "0"})
    assert response.status_code == 200
    assert "Your answers are saved" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.STARTED and request.answers == {"item_1": 1, "item_2": 0}
    # Coming back with the same link shows the answers given.
    html = client.get(url).content.decode()
    assert "2 of 24 answered" in html
    assert 'id="id_item_1_0" value="1" checked' in html


def test_sending_with_questions_missing_marks_them_and_keeps_the_rest(
    client, patient_record, therapist
):
    request = make_request(patient_record, therapist)
    url, _link = link_to(request)
    response = client.post(url, rmdq_post(upto=20, finish="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Please answer this question.") == 4
    assert 'id="id_item_21-error"' in html
    request.refresh_from_db()
    assert request.status == Status.STARTED and len(request.answers) == 20
    assert not OutcomeMeasure.objects.exists()


def test_sending_scores_it_and_shows_thanks_without_the_score(client, patient_record, therapist):
    request = make_request(patient_record, therapist)
    url, link = link_to(request)
    response = client.post(url, rmdq_post(yes=(3, 8, 12), finish="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you" in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "score" not in main.lower() and "/24" not in main and "out of" not in main
    measure = OutcomeMeasure.objects.get()
    assert measure.score == 3 and measure.source == "patient" and measure.recorded_by is None
    request.refresh_from_db()
    link.refresh_from_db()
    assert request.status == Status.COMPLETED and request.measure == measure
    assert link.completed_at is not None
    # The link has done its job.
    assert client.get(url).status_code == 404


def test_nprs_order_errors_sit_next_to_the_field(client, patient_record, therapist):
    url, _link = link_to(make_request(patient_record, therapist, instrument="nprs"))
    response = client.post(
        url, {"finish": "1", "back_now": "6", "back_best": "8", "back_worst": "9", "leg_now": "1"}
    )
    html = response.content.decode()
    assert "The lowest pain is higher than your pain now." in html
    assert 'id="id_back_best-error"' in html
    assert not OutcomeMeasure.objects.exists()


def test_licensed_instrument_without_licence_is_not_shown(
    client, patient_record, therapist, settings
):
    settings.RESTORE_LICENSED_MEASURES = {"start_back": {"items": ["Licensed item"] * 9}}
    request = make_request(patient_record, therapist, instrument="start_back")
    url, _link = link_to(request)
    assert "Licensed item" in client.get(url).content.decode()
    settings.RESTORE_LICENSED_MEASURES = {}
    response = client.get(url)
    assert response.status_code == 404
    assert "Licensed item" not in response.content.decode()


def test_an_intake_link_does_not_open_a_questionnaire(client, patient_record, therapist):
    request = make_request(patient_record, therapist)
    _link, token = links.issue_link(
        patient=patient_record, purpose=PatientLink.Purpose.INTAKE, target_uuid=request.uuid
    )
    url = reverse("clinic:questionnaire-answer", kwargs={"token": token})
    assert client.get(url).status_code == 404


def test_a_cancelled_request_is_not_answered(client, patient_record, therapist):
    request = make_request(patient_record, therapist)
    url, _link = link_to(request)
    services.cancel_request(request=request, by=therapist)
    assert client.get(url).status_code == 404


# --- staff -------------------------------------------------------------------------------------


def test_patient_page_lists_schedules_and_requests(therapist_client, patient_record, therapist):
    make_request(patient_record, therapist, instrument="sbi")
    html = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert "Questionnaires at home" in html
    assert "Sciatica Bothersomeness Index" in html
    assert "Waiting for the patient" in html
    assert reverse("clinic:questionnaire-send", kwargs={"uuid": patient_record.uuid}) in html


def test_schedule_form_creates_a_schedule(therapist_client, patient_record, therapist):
    url = reverse("clinic:questionnaire-schedule", kwargs={"uuid": patient_record.uuid})
    assert therapist_client.get(url).status_code == 200
    response = therapist_client.post(
        url, {"instrument": "rmdq", "cadence": "every", "every_weeks": "2"}
    )
    assert response.status_code == 302
    schedule = MeasureSchedule.objects.get()
    assert schedule.every_weeks == 2 and schedule.created_by == therapist


def test_schedule_form_errors_keep_what_was_typed(therapist_client, patient_record):
    url = reverse("clinic:questionnaire-schedule", kwargs={"uuid": patient_record.uuid})
    response = therapist_client.post(url, {"instrument": "sbi", "cadence": "before_review"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give the review date." in html
    assert 'value="sbi" selected' in html
    assert not MeasureSchedule.objects.exists()


def test_schedule_form_refuses_psfs_without_activities(therapist_client, patient_record):
    url = reverse("clinic:questionnaire-schedule", kwargs={"uuid": patient_record.uuid})
    response = therapist_client.post(url, {"instrument": "psfs", "cadence": "once"})
    assert response.status_code == 200
    assert "PSFS activities first" in response.content.decode()


def test_schedule_form_does_not_offer_licensed_measures_without_licence(
    therapist_client, patient_record, settings
):
    settings.RESTORE_LICENSED_MEASURES = {}
    url = reverse("clinic:questionnaire-schedule", kwargs={"uuid": patient_record.uuid})
    html = therapist_client.get(url).content.decode()
    assert 'value="rmdq"' in html and 'value="odi"' not in html
    response = therapist_client.post(url, {"instrument": "odi", "cadence": "once"})
    assert response.status_code == 200 and not MeasureSchedule.objects.exists()


def test_end_schedule(therapist_client, patient_record, therapist):
    request = make_request(patient_record, therapist)
    url = reverse("clinic:questionnaire-schedule-end", kwargs={"uuid": request.schedule.uuid})
    assert therapist_client.post(url).status_code == 302
    request.refresh_from_db()
    assert request.schedule.ended_at is not None and request.status == Status.CANCELLED


def test_send_now_by_email(therapist_client, patient_record):
    patient_record.consent_email = True
    patient_record.save(update_fields=["consent_email"])
    url = reverse("clinic:questionnaire-send", kwargs={"uuid": patient_record.uuid})
    response = therapist_client.post(url, {"instrument": "rmdq", "channel": "email"})
    assert response.status_code == 302
    request = QuestionnaireRequest.objects.get()
    assert request.schedule is None and request.due_on == timezone.localdate()
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SELF_SERVICE_LINK).count() == 1


def test_send_now_by_email_needs_consent(therapist_client, patient_record):
    url = reverse("clinic:questionnaire-send", kwargs={"uuid": patient_record.uuid})
    response = therapist_client.post(url, {"instrument": "rmdq", "channel": "email"})
    assert response.status_code == 200
    assert "has not agreed to email" in response.content.decode()
    assert not QuestionnaireRequest.objects.exists()


def test_send_now_shows_a_qr_code(therapist_client, patient_record):
    url = reverse("clinic:questionnaire-send", kwargs={"uuid": patient_record.uuid})
    response = therapist_client.post(url, {"instrument": "sbi", "channel": "qr"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "Scan to answer" in html
    link = PatientLink.objects.get()
    assert link.channel == PatientLink.Channel.QR
    assert not OutboxMessage.objects.exists()


def test_cancel_request(therapist_client, patient_record, therapist):
    request = make_request(patient_record, therapist)
    url = reverse("clinic:questionnaire-cancel", kwargs={"uuid": request.uuid})
    assert therapist_client.post(url).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.CANCELLED


def test_patients_cannot_use_the_staff_pages(client, patient, patient_record, therapist):
    request = make_request(patient_record, therapist)
    client.force_login(patient)
    for url in (
        reverse("clinic:questionnaire-schedule", kwargs={"uuid": patient_record.uuid}),
        reverse("clinic:questionnaire-send", kwargs={"uuid": patient_record.uuid}),
    ):
        assert client.get(url).status_code == 403
    for url in (
        reverse("clinic:questionnaire-schedule-end", kwargs={"uuid": request.schedule.uuid}),
        reverse("clinic:questionnaire-cancel", kwargs={"uuid": request.uuid}),
    ):
        assert client.post(url).status_code == 403
    request.refresh_from_db()
    assert request.status == Status.DUE


# --- the trend chart and the measure page ------------------------------------------------------


def answered_rmdq(patient, therapist, yes, days_ago):
    request = make_request(patient, therapist)
    request = services.save_answers(
        request=request, data={f"item_{n}": int(n in yes) for n in range(1, 25)}
    )
    measure = services.submit_questionnaire(request=request)
    OutcomeMeasure.objects.filter(pk=measure.pk).update(
        taken_on=timezone.localdate() - timedelta(days=days_ago)
    )
    return measure


def test_trend_chart_marks_patient_reported_points(therapist_client, patient_record, therapist):
    from clinic.services import record_measure

    record_measure(
        patient=patient_record,
        instrument="rmdq",
        answers={"ticked": [1, 2, 3, 4, 5, 6], "none_apply": False},
        by=therapist,
        taken_on=timezone.localdate() - timedelta(days=14),
    )
    answered_rmdq(patient_record, therapist, yes=(1, 2), days_ago=0)
    html = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert "Patient-reported: answered by the patient at home." in html
    assert html.count('class="badge text-bg-info patient-reported"') == 1
    assert '"patientReported": [false, true]' in html
    assert html.count("(patient-reported)") == 1  # the timeline, for the home answer only


def test_measure_page_says_answered_by_the_patient(therapist_client, patient_record, therapist):
    measure = answered_rmdq(patient_record, therapist, yes=(1,), days_ago=0)
    html = therapist_client.get(measure.get_absolute_url()).content.decode()
    today = timezone.localdate()
    assert f"Answered by the patient on {today.day} {today:%b %Y}" in html
    assert "entered by" not in html


def test_clinic_and_home_chart_says_when_a_series_has_home_answers(
    therapist_client, patient_record, therapist
):
    from clinic.services import record_measure

    record_measure(
        patient=patient_record,
        instrument="rmdq",
        answers={"ticked": [1, 2, 3, 4], "none_apply": False},
        by=therapist,
        taken_on=timezone.localdate() - timedelta(days=14),
    )
    html = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    answered_rmdq(patient_record, therapist, yes=(1,), days_ago=0)
    after = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert "Clinic and home: Roland-Morris, % of 24" not in html
    assert "Clinic and home: Roland-Morris, % of 24" in after


def test_from_the_reminder_email_to_the_answers(client, patient_record, therapist):
    import re

    from clinic.outbox import at_send

    patient_record.consent_email = True
    patient_record.save(update_fields=["consent_email"])
    make_request(patient_record, therapist, instrument="sbi")
    assert services.send_reminders() == 1
    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.SELF_SERVICE_LINK)
    text = at_send.render_at_send(message).text
    assert "sciatica" not in text.lower() and "pain" not in text.lower()
    path = re.search(r"https?://[^/\s]+(/f/[^\s]+/)", text).group(1)
    landing = client.get(path)
    assert landing.status_code == 302
    page = client.get(landing["Location"])
    assert "How much your leg symptoms bother you" in page.content.decode()
    data = {"finish": "1", "item_1": "1", "item_2": "1", "item_3": "1", "item_4": "1"}
    assert "Thank you" in client.post(landing["Location"], data).content.decode()
    assert OutcomeMeasure.objects.get().score == 4


def test_a_signed_in_patient_answering_their_own_link_is_the_recorder(
    patient_client, patient, patient_record, therapist
):
    request = make_request(patient_record, therapist)
    url, _link = link_to(request, channel=PatientLink.Channel.PORTAL)
    response = patient_client.post(url, rmdq_post(finish="1"))
    assert "Thank you" in response.content.decode()
    assert OutcomeMeasure.objects.get().recorded_by == patient
