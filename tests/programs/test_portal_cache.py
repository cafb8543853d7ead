"""The program page's kept body (programs/portal_page.py): served again only while nothing it
shows has changed. Each test keeps the page, makes one change through the code that makes it
in the app, and reads the page again."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic import audit
from clinic import services as clinic_services
from clinic.messaging import send_secure_message
from clinic.models import AuditEvent, ClinicProfile, RedFlag
from programs import portal_page
from programs.models import DoneTick, EaseOffNotice, Program, StepBack
from programs.services import archive_program, publish_program
from programs.services.step_backs import acknowledge_ease_off, reject_step_back
from tests.factories import (
    ContraindicationFactory,
    ExerciseFactory,
    IntakeFactory,
    ProgramFactory,
    ProgramItemFactory,
    RedFlagFactory,
    screened,
)
from tests.programs.portal_helpers import program_with
from tests.programs.step_back_helpers import flare_up, with_regression
from tests.programs.test_exercise_videos import add_video

TODAY = timezone.localdate()


@pytest.fixture
def portal(patient):
    browser = Client()
    browser.force_login(patient)
    return browser


@pytest.fixture
def program(patient_record):
    return program_with(patient_record, items=2)


def url(name, program):
    return reverse(f"programs:{name}", kwargs={"uuid": program.uuid})


def kept(client, program) -> str:
    """The page, read twice: the second read must come from the kept body."""
    client.get(url("portal-program", program))
    response = client.get(url("portal-program", program))
    assert response.status_code == 200
    assert "portal_page_body" in response.context, "the page was not kept"
    return response.content.decode()


def fresh(client, program) -> str:
    response = client.get(url("portal-program", program))
    assert response.status_code == 200
    return response.content.decode()


# --- what is put in per request -----------------------------------------------------------


def test_the_kept_page_carries_this_requests_csrf_token_and_it_works(patient, program):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(patient)
    body = kept(browser, program)
    assert "\x00" not in body
    token = body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert f'"X-CSRFToken": "{token}"' in body  # the header's token, of this same request
    response = browser.post(
        url("portal-done", program),
        {"position": 1, "slot": 0, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert DoneTick.objects.filter(program=program, position=1).exists()


def test_every_view_of_the_kept_page_is_audited(portal, program):
    kept(portal, program)
    before = AuditEvent.objects.filter(action=audit.Action.VIEW, patient=program.patient)
    count = before.count()
    fresh(portal, program)
    assert before.count() == count + 1


def test_a_message_after_a_form_is_shown_once_around_the_kept_body(portal, program):
    kept(portal, program)
    response = portal.post(url("portal-done", program), {"position": 1, "slot": 0}, follow=True)
    assert "Exercise 1 ticked as done." in response.content.decode()
    assert "ticked as done." not in fresh(portal, program)


def test_the_unread_messages_badge_is_read_on_every_view(portal, program, therapist):
    assert "unread messages" not in kept(portal, program)
    send_secure_message(patient=program.patient, by=therapist, body="See you Tuesday.")
    body = fresh(portal, program)
    assert "unread messages" in body
    assert "portal_page_body" in portal.get(url("portal-program", program)).context


def test_the_forms_to_fill_card_is_read_on_every_view(portal, program):
    from tests.factories import SelfIntakeFactory

    assert "forms-to-fill" not in kept(portal, program)
    SelfIntakeFactory(patient=program.patient, status="started")
    assert "forms-to-fill" in fresh(portal, program)


def test_each_language_and_day_has_its_own_page(program):
    program = Program.objects.select_related("patient__portal_page").get(pk=program.pk)
    english = portal_page.cache_key(program, today=TODAY, language="en")
    assert english != portal_page.cache_key(program, today=TODAY, language="es")
    assert english != portal_page.cache_key(program, today=TODAY + timedelta(days=1), language="en")


def test_a_patient_without_a_generation_is_served_fresh_and_nothing_is_kept(portal, program):
    portal_page.PortalPage.objects.filter(patient=program.patient).delete()
    fresh(portal, program)
    response = portal.get(url("portal-program", program))
    assert "portal_page_body" not in response.context
    assert response.context["portal_page_key"] is None


# --- every write the page shows ---------------------------------------------------------


def test_a_session_log(portal, program):
    assert "Logged once today" not in kept(portal, program)
    flare_up(program, legs="same")
    assert "Logged once today" in fresh(portal, program)


def test_a_done_tick_and_its_undo(portal, program):
    assert "1 of 2 exercises done today." not in kept(portal, program)
    portal.post(url("portal-done", program), {"position": 1, "slot": 0})
    assert "1 of 2 exercises done today." in kept(portal, program)
    portal.post(url("portal-done", program), {"position": 1, "slot": 0, "undo": 1})
    assert "0 of 2 exercises done today." in fresh(portal, program)


def test_a_day_moved_and_own_days(portal, patient_record):
    program = ProgramFactory(patient=screened(patient_record), start_date=TODAY - timedelta(1))
    for n, days in enumerate((7, 3)):
        ProgramItemFactory(program=program, exercise=ExerciseFactory(), order=n, days_per_week=days)
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    assert "moved to today" not in kept(portal, program)
    portal.post(url("portal-move", program), {"position": 2})
    assert "moved to today" in kept(portal, program)
    days = [(TODAY.weekday() + n) % 7 for n in (1, 3, 5)]
    portal.post(url("portal-days", program), {"position": 2, "weekdays": days})
    checked = [f'id="days-2-{d}" checked' for d in days]
    assert all(box in fresh(portal, program) for box in checked)


def test_a_red_flag_raised_and_decided(portal, program, therapist):
    assert "Please pause your exercises" not in kept(portal, program)
    flag = RedFlagFactory(patient=program.patient, tier="U")
    assert "Please pause your exercises" in kept(portal, program)
    flag.raised_by = therapist
    clinic_services.record_flag_decision(
        flag=flag, reason=_a_reason(flag), note="Seen by her doctor.", by=program.therapist
    )
    assert RedFlag.objects.get(pk=flag.pk).status != RedFlag.Status.OPEN
    assert "Please pause your exercises" not in fresh(portal, program)


def _a_reason(flag):
    from clinic import redflags

    return next(iter(dict(redflags.allowed_override_reasons(flag.tier))))


def test_a_step_back_and_its_rejection(portal, patient_record):
    program = with_regression(program_with(patient_record, items=2))
    assert "Easier bridge" not in kept(portal, program)
    flare_up(program, legs="further_down")
    assert "Easier bridge" in kept(portal, program)
    reject_step_back(step_back=StepBack.objects.get(), by=program.therapist)
    assert "Easier bridge" not in fresh(portal, program)


def test_an_ease_off_notice_and_its_acknowledgement(portal, program):
    assert "data-ease-off" not in kept(portal, program)
    flare_up(program, legs="further_down")
    assert "data-ease-off" in kept(portal, program)
    acknowledge_ease_off(notice=EaseOffNotice.objects.get(), by=program.therapist)
    assert "data-ease-off" not in fresh(portal, program)


def test_a_new_revision_and_archiving(portal, program):
    kept(portal, program)
    ProgramItemFactory(program=program, exercise=ExerciseFactory(name="Bird dog reach"), order=9)
    publish_program(program=Program.objects.get(pk=program.pk), by=program.therapist)
    assert "Bird dog reach" in kept(portal, program)
    current = Program.objects.get(pk=program.pk)
    archive_program(program=current, by=program.therapist, expected_version=current.version)
    assert portal.get(url("portal-program", program)).status_code == 404


def test_an_exercise_video(portal, program, therapist):
    assert "<video" not in kept(portal, program)
    exercise = program.items.order_by("order").first().exercise
    add_video(exercise, therapist)
    assert "<video" in fresh(portal, program)


def test_a_new_intake_changes_the_cautions(portal, patient_record):
    exercise = ExerciseFactory(name="Knee hug")
    ContraindicationFactory(
        exercise=exercise, tag="anticoagulant", action="caution", note="Go gently: bruising."
    )
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=exercise, order=0)
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    assert "Go gently: bruising." not in kept(portal, program)
    IntakeFactory(patient=patient_record, precaution_tags=["anticoagulant"])
    assert "Go gently: bruising." in fresh(portal, program)


def test_the_clinics_details(portal, program, admin):
    def contact_card(body):  # the footer, rendered per request, also prints the phone
        return body.split('id="contact-heading"')[1].split("</section>")[0]

    assert "(617) 555-0199" not in contact_card(kept(portal, program))
    profile = ClinicProfile.load()
    profile.phone = "(617) 555-0199"
    clinic_services.save_clinic_profile(profile=profile, changed=["phone"], by=admin)
    assert 'href="tel:+16175550199"' in contact_card(fresh(portal, program))


def test_spanish_is_kept_apart_from_english(portal, program, patient):
    assert "Your exercises" in kept(portal, program)
    patient.language = "es"
    patient.save()
    assert "Your exercises" not in fresh(portal, program)


def test_the_kept_page_reads_as_the_page_rendered_afresh(portal, program):
    def without_tokens(body):
        body = re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "TOKEN", body)
        body = re.sub(r'"X-CSRFToken": "[^"]+"', "TOKEN", body)
        return re.sub(r'data-session-timeout="[^"]*"', "", body)

    kept_body = kept(portal, program)
    cache.clear()
    response = portal.get(url("portal-program", program))
    assert "portal_page_body" not in response.context
    assert without_tokens(kept_body) == without_tokens(response.content.decode())
