"""The patient portal pages: who may see what, what the patient sees, and query counts."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from programs.models import Program
from programs.services import publish_program
from tests.factories import (
    ContraindicationFactory,
    IntakeFactory,
    ProgramFactory,
    ProgramItemFactory,
    screened,
)
from tests.programs.portal_helpers import log_on, program_with


@pytest.fixture
def program(patient_record):
    return program_with(patient_record, items=2, ais=True)


@pytest.fixture
def other_program(other_patient_record):
    return program_with(other_patient_record, items=2)


def _patient_pages(program):
    return [
        reverse("programs:portal-home"),
        reverse("programs:portal-progress"),
        reverse("programs:portal-program", kwargs={"uuid": program.uuid}),
        reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1}),
        reverse("programs:portal-log", kwargs={"uuid": program.uuid}),
    ]


def _figure_url(revision, position=1, which="animated"):
    return reverse(
        "programs:portal-figure",
        kwargs={"uuid": revision.uuid, "position": position, "which": which},
    )


# --- access ------------------------------------------------------------------------------------


def test_every_portal_page_sends_anonymous_visitors_to_login(client, program):
    urls = [*_patient_pages(program), _figure_url(program.current_revision)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("who", ["therapist_client", "admin_client_"])
def test_patient_pages_are_forbidden_to_staff(request, who, program):
    client = request.getfixturevalue(who)
    for url in _patient_pages(program):
        assert client.get(url).status_code == 403, url


def test_every_patient_page_opens_for_the_owner(patient_client, program):
    for url in _patient_pages(program):
        assert patient_client.get(url).status_code == 200, url


def test_other_patients_program_pages_are_404(patient_client, other_program):
    for url in _patient_pages(other_program)[2:]:
        assert patient_client.get(url).status_code == 404, url


def test_other_patients_picture_is_404(patient_client, other_program):
    response = patient_client.get(_figure_url(other_program.current_revision))
    assert response.status_code == 404


def test_a_program_that_was_never_published_is_404(patient_client, patient_record):
    draft = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=draft)
    url = reverse("programs:portal-program", kwargs={"uuid": draft.uuid})
    assert patient_client.get(url).status_code == 404


def test_an_archived_program_is_404(patient_client, program):
    Program.objects.filter(pk=program.pk).update(status=Program.Status.ARCHIVED)
    url = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    assert patient_client.get(url).status_code == 404


def test_follow_along_for_a_position_not_in_the_program_is_404(patient_client, program):
    url = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 3})
    assert patient_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["programs:portal-home", "programs:portal-progress", "programs:portal-program"]
)
def test_read_only_portal_pages_refuse_post(patient_client, program, name):
    kwargs = {"uuid": program.uuid} if name == "programs:portal-program" else {}
    assert patient_client.post(reverse(name, kwargs=kwargs)).status_code == 405


def test_log_page_refuses_other_methods(patient_client, program):
    url = reverse("programs:portal-log", kwargs={"uuid": program.uuid})
    assert patient_client.put(url).status_code == 405


# --- pictures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["animated", "start", "end"])
def test_patient_gets_the_pictures_of_their_current_revision(patient_client, program, which):
    response = patient_client.get(_figure_url(program.current_revision, which=which))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "no-store" in response["Cache-Control"]  # nothing a logged-in user sees is cached
    body = response.content.decode()
    assert body.startswith("<svg")
    assert ("<animate" in body) == (which == "animated")


def test_staff_may_see_a_revisions_pictures(therapist_client, program):
    assert therapist_client.get(_figure_url(program.current_revision)).status_code == 200


def test_pictures_of_an_older_revision_are_404_for_the_patient(patient_client, program):
    old = program.current_revision
    ProgramItemFactory(program=program, order=9)
    publish_program(program=program, by=program.therapist)
    assert patient_client.get(_figure_url(old)).status_code == 404


def test_a_pose_that_cannot_be_drawn_is_404_not_500(patient_client, patient_record):
    from tests.factories import ExerciseFactory

    program = ProgramFactory(patient=screened(patient_record))
    broken = ExerciseFactory(figure={"start": {"trunk": "sideways"}, "end": {}})
    ProgramItemFactory(program=program, exercise=broken)
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    assert patient_client.get(_figure_url(program.current_revision)).status_code == 404
    page = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert page.status_code == 200
    assert "animated.svg" not in page.content.decode()


def test_unknown_picture_kind_position_or_missing_figure_is_404(patient_client, patient_record):
    program = program_with(patient_record, items=1, figure=False)
    revision = program.current_revision
    assert patient_client.get(_figure_url(revision)).status_code == 404
    assert patient_client.get(_figure_url(revision, which="sideways")).status_code == 404
    assert patient_client.get(_figure_url(revision, position=7)).status_code == 404


# --- what the patient sees ---------------------------------------------------------------------


def test_program_page_shows_the_current_revision_only(patient_client, program):
    Program.objects.filter(pk=program.pk).update(title="Week one plan")
    program.refresh_from_db()
    publish_program(program=program, by=program.therapist)
    Program.objects.filter(pk=program.pk).update(title="Week three plan")
    program.refresh_from_db()
    ProgramItemFactory(program=program, order=9, exercise__name="Hip hinge with dowel")
    publish_program(program=program, by=program.therapist)

    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    body = response.content.decode()
    assert "Week three plan" in body
    assert "Week one plan" not in body
    assert "Hip hinge with dowel" in body
    # A draft change that is not published yet stays invisible.
    ProgramItemFactory(program=program, order=10, exercise__name="Unpublished plank")
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert "Unpublished plank" not in response.content.decode()


def test_program_page_shows_dose_notes_pictures_principles_and_contact(
    client, patient, patient_record, settings
):
    from clinic.models import ClinicProfile

    profile = ClinicProfile.load()
    profile.phone = "(617) 555-0142"
    profile.save()
    program = ProgramFactory(
        patient=patient_record,
        title="Sciatica starter",
        notes="Warm up with a short walk first.",
        review_date=timezone.localdate().replace(year=2031, month=3, day=14),
    )
    from tests.factories import ExerciseFactory
    from tests.programs.portal_helpers import FIGURE

    exercise = ExerciseFactory(
        name="AIS hamstring stretch",
        category="ais_stretch",
        figure=FIGURE,
        steps=["Tighten the front of your thigh.", "Assist gently for up to 2 seconds."],
        precaution_notes="Hamstring tension loads the sciatic nerve (clinician note).",
        stop_rules=["Stop if you feel tingling below the knee."],
    )
    ContraindicationFactory(
        exercise=exercise,
        tag="acute_radicular",
        action="caution",
        note="Keep the range short of leg symptoms.",
    )
    ContraindicationFactory(
        exercise=exercise, tag="pregnancy", action="caution", note="Use the side-lying version."
    )
    IntakeFactory(patient=patient_record, precaution_tags=["acute_radicular"])
    ProgramItemFactory(
        program=program, exercise=exercise, reps=10, hold_s=2, note="Tighter side first."
    )
    screened(patient_record)  # signs a screen that keeps the intake's precaution
    publish_program(program=program, by=program.therapist)
    client.force_login(patient)

    response = client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    body = response.content.decode()
    revision = Program.objects.get(pk=program.pk).current_revision
    assert "AIS hamstring stretch" in body
    assert "1 set of 10, hold 2 s" in body
    assert "Tighter side first." in body
    assert "Warm up with a short walk first." in body
    assert "Assist gently for up to 2 seconds." in body
    # Take care: the caution for her precaution and the exercise's stop rule, the same list
    # the handout prints (programs.services.patient_cautions); never the staff notes.
    assert "Keep the range short of leg symptoms." in body
    assert "Stop if you feel tingling below the knee." in body
    assert "Use the side-lying version." not in body
    assert "clinician note" not in body
    assert _figure_url(revision) in body
    assert "no more than 2 seconds" in body  # the AIS principle
    assert "Repeat as many times as your program says." in body
    assert "8 to 10" not in body  # the dose is the therapist's, not a fixed number
    assert "Within comfort" in body
    assert "Symptoms spreading further down your leg." in body
    assert "Friday 14 March 2031" in body
    assert 'href="tel:+16175550142"' in body
    assert reverse("programs:handout-pdf", kwargs={"uuid": program.uuid}) in body
    assert reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1}) in body


def test_a_new_intake_updates_the_cautions_on_the_cached_cards_and_follow_page(
    patient_client, patient_record
):
    from tests.factories import ExerciseFactory

    exercise = ExerciseFactory(name="Seated nerve slider", stop_rules=[])
    ContraindicationFactory(
        exercise=exercise,
        tag="anticoagulant",
        action="caution",
        note="Use only a very light pull at the end.",
    )
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=exercise)
    publish_program(program=program, by=program.therapist)
    page = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    follow = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1})
    assert "very light pull" not in patient_client.get(page).content.decode()

    IntakeFactory(patient=patient_record, precaution_tags=["anticoagulant"])

    for url in (page, follow):
        body = patient_client.get(url).content.decode()
        assert "Take care" in body
        assert "Use only a very light pull at the end." in body


def test_opening_the_program_is_in_the_audit_log(patient_client, patient, program):
    from clinic.models import AuditEvent

    patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    event = AuditEvent.objects.get(action="view")
    assert (event.user, event.patient) == (patient, program.patient)
    assert event.object_id == str(program.current_revision.uuid)


def test_program_page_links_the_printable_handout(patient_client, program):
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert response.status_code == 200
    handout = reverse("programs:handout-pdf", kwargs={"uuid": program.uuid})
    assert f'href="{handout}"' in response.content.decode()


def test_home_opens_the_only_program_straight_away(patient_client, program):
    response = patient_client.get(reverse("programs:portal-home"))
    assert response.templates[0].name == "portal/program.html"
    assert response.context["program"] == program


def test_home_lists_several_programs_to_choose_from(patient_client, patient_record, program):
    second = program_with(patient_record, items=1, title="Pool program")
    response = patient_client.get(reverse("programs:portal-home"))
    body = response.content.decode()
    assert response.templates[0].name == "portal/home.html"
    assert reverse("programs:portal-program", kwargs={"uuid": program.uuid}) in body
    assert reverse("programs:portal-program", kwargs={"uuid": second.uuid}) in body


def test_home_without_a_program_says_it_is_on_its_way(patient_client):
    response = patient_client.get(reverse("programs:portal-home"))
    assert "hasn't published a home program" in response.content.decode()


def test_program_page_says_when_today_is_logged(patient_client, program):
    log_on(program, timezone.localdate(), back=2, leg=1, done=(1, 2))
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    body = response.content.decode()
    assert "Logged once today (last: back pain 2, leg pain 1)." in body
    assert "Log another session" in body


def test_open_urgent_flag_asks_the_patient_to_pause(patient_client, patient_record, program):
    from tests.factories import RedFlagFactory

    RedFlagFactory(patient=patient_record, tier="U", code="infection_fever")
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert "Please pause your exercises" in response.content.decode()


def test_follow_page_carries_the_timer_plan_as_json(patient_client, program):
    url = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 1})
    response = patient_client.get(url)
    plan = response.context["plan"]
    assert plan["mode"] == "ais"
    assert plan["reps"] == 10
    assert plan["hold_s"] == 2
    assert plan["next_url"] == reverse(
        "programs:portal-follow", kwargs={"uuid": program.uuid, "position": 2}
    )
    body = response.content.decode()
    assert '<script id="follow-plan" type="application/json">' in body
    assert "js/follow.js" in body
    assert "data-follow hidden" in body  # shown by the script: no timer without JavaScript


def test_follow_plan_modes_for_hold_reps_and_minutes(patient_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, order=1, reps=8, hold_s=5, sets=2)
    ProgramItemFactory(program=program, order=2, reps=12, hold_s=None)
    ProgramItemFactory(program=program, order=3, reps=None, hold_s=None, duration_min=15)
    publish_program(program=program, by=program.therapist)

    def plan(position):
        url = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": position})
        return patient_client.get(url).context["plan"]

    assert (plan(1)["mode"], plan(1)["sets"], plan(1)["hold_s"]) == ("hold", 2, 5)
    assert plan(2)["mode"] == "reps"
    assert (plan(3)["mode"], plan(3)["duration_min"], plan(3)["next_url"]) == ("duration", 15, "")


# --- query counts ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clinic_profile(db):
    """The clinic's row exists in a real install; creating it is not the page's cost."""
    from clinic.models import ClinicProfile

    ClinicProfile.load()


@pytest.mark.parametrize("items", [1, 12, 50])
def test_program_page_query_count_is_constant(
    patient_client, patient_record, django_assert_num_queries, items
):
    program = program_with(patient_record, items=items)
    log_on(program, timezone.localdate())
    url = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    # session, user, program + revision, audit (1), precautions (latest intake), today's logs,
    # the plan (own days, moves, today's ticks), the exercises' videos, open flags, clinic
    # profile, the unread-messages badge
    # + the pending step backs and the open ease-off notice
    # + the revision's snapshot, read once per process and revision (then kept decoded)
    # + the forms waiting to be filled in (pre-visit intakes, questionnaires)
    with django_assert_num_queries(18):
        response = patient_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="card exercise-card"') == items
    cache.clear()  # the page's kept body (programs/portal_page.py) is dropped
    with django_assert_num_queries(17):  # the snapshot is kept: one query fewer
        response = patient_client.get(url)
    assert response.content.decode().count('class="card exercise-card"') == items
    # The body kept for the day: session, user, program + revision + page generation, audit
    # (1, one insert), clinic profile, the unread-messages badge, the forms waiting (rendered
    # per view).
    with django_assert_num_queries(8):
        response = patient_client.get(url)
    assert response.content.decode().count('class="card exercise-card"') == items


@pytest.mark.parametrize("items", [1, 12, 50])
def test_home_query_count_is_constant(
    patient_client, patient_record, django_assert_num_queries, items
):
    program_with(patient_record, items=items)
    with django_assert_num_queries(17):  # as the program page: one program opens straight away
        assert patient_client.get(reverse("programs:portal-home")).status_code == 200


@pytest.mark.parametrize("logs", [1, 12, 50])
def test_progress_query_count_is_constant(patient_client, program, django_assert_num_queries, logs):
    today = timezone.localdate()
    for n in range(logs):
        log_on(program, today - timezone.timedelta(days=n))
    # session, user, logs, programs, patient, audit (1), clinic profile, unread-messages badge
    with django_assert_num_queries(8):
        response = patient_client.get(reverse("programs:portal-progress"))
    assert len(response.context["progress"]["days"]) == logs


def test_pictures_are_checked_once_per_revision_not_on_every_view(
    patient_client, program, monkeypatch
):
    """The program page validates each pose once per published revision, then remembers it;
    a new revision is checked afresh."""
    from programs import figures

    calls = []
    real = figures.validate_figure
    monkeypatch.setattr(figures, "validate_figure", lambda f: calls.append(1) or real(f))
    url = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    for _ in range(3):
        assert "animated.svg" in patient_client.get(url).content.decode()
    assert len(calls) == 2  # two items, checked on the first view only

    ProgramItemFactory(program=program, order=9)  # an exercise without a picture
    publish_program(program=program, by=program.therapist)
    patient_client.get(url)
    assert len(calls) == 4  # the new revision's two pictured items, checked afresh


def test_the_progress_chart_dates_are_in_the_patients_language(patient_client, program):
    from django.utils import dateformat, translation

    day = timezone.localdate()
    log_on(program, day)
    program.patient.language = "Spanish"
    program.patient.save(update_fields=["language"])
    patient_client.force_login(program.patient.user)  # the language is read at sign-in
    chart = patient_client.get(reverse("programs:portal-progress")).context["progress"]["chart"]
    with translation.override("es"):
        spanish = dateformat.format(day, translation.gettext("j M"))
    assert spanish == spanish.lower()
    assert chart["day_labels"][-1] == spanish  # "6 dic" where English says "6 Dec"
