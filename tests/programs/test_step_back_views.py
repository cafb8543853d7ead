"""The portal keeps the ease-off advice in sight, pauses every start button while a clearance
flag is open and shows a step back with its line of why; the therapist reviews it."""

import pytest
from django.test import Client
from django.urls import reverse

from clinic.models import AuditEvent
from programs.models import EaseOffNotice, Exercise, StepBack
from tests.factories import ExerciseFactory, RedFlagFactory
from tests.programs.portal_helpers import program_with
from tests.programs.step_back_helpers import flare_up, stepped_back, with_regression


@pytest.fixture
def portal(patient):
    """The patient's own browser (the staff tests use `therapist_client` beside it)."""
    browser = Client()
    browser.force_login(patient)
    return browser


@pytest.fixture
def program(patient_record):
    return with_regression(program_with(patient_record, items=2))


def page(client, program):
    return client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))


def follow(client, program, position=1):
    return client.get(
        reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": position})
    )


def test_the_ease_off_advice_stays_until_a_better_log(portal, program):
    flare_up(program, legs="further_down")
    for _ in range(2):  # a reload does not make it go away
        body = page(portal, program).content.decode()
        assert "data-ease-off" in body
        assert "Ease off" in body and "further down your leg" in body
    flare_up(program, legs="moved_up")
    assert "data-ease-off" not in page(portal, program).content.decode()


def test_the_therapist_acknowledges_it_on_the_patient_page(
    therapist_client, portal, program, patient_record
):
    flare_up(program, legs="further_down")
    notice = EaseOffNotice.objects.get()
    patient_page = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert "data-ease-off-row" in patient_page and "Acknowledge" in patient_page
    response = therapist_client.post(
        reverse("programs:ease-off-acknowledge", kwargs={"uuid": notice.uuid})
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert not notice.is_open
    assert "data-ease-off" not in page(portal, program).content.decode()
    assert AuditEvent.objects.filter(detail="ease-off notice acknowledged by the therapist")


def test_an_open_clearance_flag_replaces_every_start_button(portal, program):
    RedFlagFactory(patient=program.patient, tier="U")
    body = page(portal, program).content.decode()
    assert "btn-follow" not in body
    assert "Start with exercise" not in body
    assert body.count("data-paused") == 3  # today's start and both cards
    follow_page = follow(portal, program).content.decode()
    assert "Please pause your exercises" in follow_page
    assert "data-follow" not in follow_page  # no timer to start
    assert 'id="follow-plan"' not in follow_page


def test_without_a_flag_the_start_buttons_are_there(portal, program):
    body = page(portal, program).content.decode()
    assert "btn-follow" in body and "data-paused" not in body
    assert 'id="follow-plan"' in follow(portal, program).content.decode()


def test_the_next_session_shows_the_regression_with_why(portal, program):
    original = program.current_revision.items[0]["exercise"]["name"]
    flare_up(program, legs="further_down")
    body = page(portal, program).content.decode()
    assert "Your therapist chose an easier version for after a flare-up: Easier bridge" in body
    assert f"instead of {original}" in body
    follow_page = follow(portal, program).content.decode()
    assert "Easier bridge" in follow_page and "data-step-back" in follow_page
    assert "1 set of 5" in follow_page


def test_reject_restores_the_original_in_the_portal(therapist_client, portal, program):
    step_back = stepped_back(program)
    response = therapist_client.post(
        reverse("programs:step-back-reject", kwargs={"uuid": step_back.uuid})
    )
    assert response.status_code == 302
    assert StepBack.objects.get().status == StepBack.Status.REJECTED
    assert "Easier bridge" not in page(portal, program).content.decode()


def test_accept_publishes_and_revert_puts_the_original_back(therapist_client, portal, program):
    step_back = stepped_back(program)
    detail = therapist_client.get(step_back.get_absolute_url()).content.decode()
    assert "Proposed by Restore after the log of" in detail
    assert "Accept and publish" in detail
    therapist_client.post(reverse("programs:step-back-accept", kwargs={"uuid": step_back.uuid}))
    step_back.refresh_from_db()
    assert step_back.status == StepBack.Status.ACCEPTED
    program.refresh_from_db()
    assert program.current_revision == step_back.published_revision
    assert program.current_revision.items[0]["exercise"]["name"] == "Easier bridge"
    body = page(portal, program).content.decode()
    assert "Easier bridge" in body and "data-step-back" not in body

    therapist_client.post(reverse("programs:step-back-revert", kwargs={"uuid": step_back.uuid}))
    step_back.refresh_from_db()
    assert step_back.status == StepBack.Status.REVERTED
    program.refresh_from_db()
    assert program.current_revision.items[0]["exercise"]["name"] == step_back.from_exercise.name


def test_the_builder_offers_the_regression_and_saves_it(therapist_client, patient_record):
    program = program_with(patient_record, items=1)
    item = program.items.get()
    easier = ExerciseFactory(name="Gentle slide", category=Exercise.Category.STABILISATION)
    item.exercise.progressions.add(ExerciseFactory(name="Harder one"))
    easier.progressions.add(item.exercise)  # the library lists it as the item's regression
    builder = therapist_client.get(
        reverse("programs:program-builder", kwargs={"uuid": program.uuid})
    )
    assert "No easier version for after a flare-up" in builder.content.decode()
    url = reverse(
        "programs:program-item-regression", kwargs={"uuid": program.uuid, "item_id": item.pk}
    )
    form = therapist_client.get(url).content.decode()
    assert "The library&#x27;s easier versions" in form or "The library's easier versions" in form
    refused = therapist_client.post(url, {"regression": easier.slug, "regression_reps": "ten"})
    assert refused.status_code == 400
    assert "Whole numbers only." in refused.content.decode()
    assert 'value="ten"' in refused.content.decode()
    saved = therapist_client.post(url, {"regression": easier.slug, "regression_reps": "6"})
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.regression.exercise == easier and item.regression.reps == 6
    builder = therapist_client.get(
        reverse("programs:program-builder", kwargs={"uuid": program.uuid})
    )
    assert "After a flare-up: Gentle slide" in builder.content.decode()


def test_the_picture_at_a_stepped_back_place_is_the_easier_exercise(portal, program):
    from tests.programs.portal_helpers import FIGURE

    regression_exercise = Exercise.objects.get(name="Easier bridge")
    regression_exercise.figure = {**FIGURE, "end": {"trunk": 180, "r_hip": 30}}
    regression_exercise.save()
    # The pre-approval is copied at publishing: publish again with the picture in it.
    from programs.services import publish_program

    program.refresh_from_db()
    program.has_unpublished_changes = True
    item = program.items.order_by("order").first()
    item.note = "Slowly."
    item.save()
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    url = reverse(
        "programs:portal-figure",
        kwargs={"uuid": program.current_revision.uuid, "position": 1, "which": "animated"},
    )
    before = portal.get(url).content
    flare_up(program, legs="further_down")
    after = portal.get(url)
    assert after.status_code == 200 and after.content != before
    assert b"Easier bridge" in after.content


def test_accept_behind_the_screening_gate_keeps_the_reason_typed(
    therapist_client, program, monkeypatch
):
    from clinic.screening import ScreeningStatus

    step_back = stepped_back(program)
    shut = ScreeningStatus(
        ok=False, code="expired", message="The screen is out of date.", next_step="Re-screen."
    )
    monkeypatch.setattr("programs.services.programs.screening_status", lambda patient: shut)
    monkeypatch.setattr("programs.views.step_backs.screening_status", lambda patient: shut)
    url = reverse("programs:step-back-accept", kwargs={"uuid": step_back.uuid})
    page = therapist_client.get(step_back.get_absolute_url()).content.decode()
    assert "Publishing is blocked" in page
    refused = therapist_client.post(url, {"screening_override_reason": "short"})
    assert refused.status_code == 400
    assert 'id="decision-error">Write at least' in refused.content.decode()
    assert ">short</textarea>" in refused.content.decode()
    assert StepBack.objects.get().status == StepBack.Status.PENDING
    reason = "Seen in clinic today, re-screen booked for Monday; the easier version is safer."
    assert therapist_client.post(url, {"screening_override_reason": reason}).status_code == 302
    step_back.refresh_from_db()
    assert step_back.status == StepBack.Status.ACCEPTED
    assert step_back.published_revision.screening_override_reason == reason


def test_the_published_version_shows_the_easier_version_to_staff_only(
    therapist_client, portal, program
):
    url = reverse("programs:revision-detail", kwargs={"uuid": program.current_revision.uuid})
    staff_page = therapist_client.get(url).content.decode()
    assert "easier version after a flare-up:</strong> Easier bridge, 1 set of 5" in staff_page
    assert "data-revision-regression" not in portal.get(url).content.decode()


def test_the_easier_exercise_carries_its_own_cautions(portal, patient_record):
    from programs.services import publish_program
    from programs.services.step_backs import set_item_regression
    from tests.factories import ContraindicationFactory

    program = program_with(patient_record, items=2)
    intake = patient_record.intakes.order_by("-visit_date", "-id").first()
    intake.precaution_tags = [*intake.precaution_tags, "osteoporosis"]
    intake.save(update_fields=["precaution_tags"])
    easier = ExerciseFactory(name="Small bridge", category=Exercise.Category.STABILISATION)
    ContraindicationFactory(
        exercise=easier, tag="osteoporosis", action="caution", note="Keep the lift small."
    )
    set_item_regression(
        item=program.items.order_by("order").first(),
        by=program.therapist,
        expected_version=program.version,
        exercise=easier,
    )
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    assert "Keep the lift small." not in page(portal, program).content.decode()
    flare_up(program, legs="further_down")
    assert "Keep the lift small." in page(portal, program).content.decode()
    assert "Keep the lift small." in follow(portal, program).content.decode()


def test_the_line_of_why_names_the_exercises_as_a_spanish_patient_reads_them():
    from types import SimpleNamespace

    from django.utils import translation

    from programs.step_back import step_back_why

    def exercise(english, spanish):
        return {"name": english, "translations": {"es": {"name": spanish}}}

    step_back = SimpleNamespace(
        regression={"exercise": exercise("Easier bridge", "Puente fácil")},
        original={"exercise": exercise("Glute bridge", "Puente de glúteos")},
    )
    with translation.override("es"):
        why = step_back_why(step_back)
    assert "Puente fácil en lugar de Puente de glúteos" in why
    assert why.startswith("Su terapeuta eligió una versión más fácil")
    with translation.override("en"):
        assert "Easier bridge instead of Glute bridge" in step_back_why(step_back)


def test_the_dashboard_alert_links_to_the_step_back_waiting(therapist_client, program):
    step_back = stepped_back(program)  # symptoms further down the leg: the spreading list
    dashboard = therapist_client.get(reverse("pages:dashboard")).content.decode()
    assert "data-step-back-waiting" in dashboard
    assert step_back.get_absolute_url() in dashboard
    therapist_client.post(reverse("programs:step-back-reject", kwargs={"uuid": step_back.uuid}))
    dashboard = therapist_client.get(reverse("pages:dashboard")).content.decode()
    assert "data-step-back-waiting" not in dashboard  # decided: nothing waits
