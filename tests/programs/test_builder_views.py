"""The builder page and its htmx writes: access, safety marks, version conflicts, ordering."""

import re

import pytest
from django.urls import reverse

from clinic.models import ClinicProfile
from programs.models import Program, ProgramItem, ProgramRevision
from tests.factories import (
    ContraindicationFactory,
    ExerciseFactory,
    ProgramFactory,
    ProgramItemFactory,
    RedFlagFactory,
    published_program,
    screened,
)
from tests.programs.builder_helpers import (
    HTMX,
    approval_exercise,
    caution_exercise,
    hidden_exercise,
    hip_patient_tags,
    program_with_items,
    url,
)


@pytest.fixture
def program(patient_record):
    return program_with_items(2, patient=patient_record)


def _item_data(item, version, **changes):
    data = {
        "sets": item.sets,
        "reps": item.reps or "",
        "hold_s": item.hold_s or "",
        "duration_min": item.duration_min or "",
        "side": item.side,
        "times_per_day": item.times_per_day,
        "days_per_week": item.days_per_week,
        "tempo": item.tempo,
        "note": item.note,
        "version": version,
    }
    data.update(changes)
    return {f"item-{item.pk}-{key}": value for key, value in data.items()}


# --- access -----------------------------------------------------------------------------------

BUILDER_GETS = ["program-builder", "builder-search"]
BUILDER_POSTS = [
    "program-details",
    "program-item-add",
    "program-items-reorder",
    "program-publish",
    "program-archive",
    "program-restore",
]
ITEM_POSTS = ["program-item-update", "program-item-override", "program-item-remove"]


def _builder_urls(program):
    item = program.items.first()
    urls = [(url(name, program), "get") for name in BUILDER_GETS]
    urls += [(url(name, program), "post") for name in BUILDER_POSTS]
    urls += [(url(name, program, item_id=item.pk), "post") for name in ITEM_POSTS]
    return urls


def test_anonymous_is_sent_to_login_from_every_builder_url(client, program):
    for address, method in _builder_urls(program):
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert response.url.startswith(reverse("login")), address


def test_patient_never_reaches_a_builder_url_even_for_their_own_program(patient_client, program):
    for address, method in _builder_urls(program):
        assert getattr(patient_client, method)(address).status_code == 403, address


def test_clinic_admin_does_not_prescribe(admin_client_, program):
    for address, method in _builder_urls(program):
        assert getattr(admin_client_, method)(address).status_code == 403, address


def test_get_on_post_only_builder_urls_is_405(therapist_client, program):
    for address, method in _builder_urls(program):
        if method == "post":
            assert therapist_client.get(address).status_code == 405, address


def test_unknown_program_is_404(therapist_client, program):
    program_uuid = "00000000-0000-0000-0000-000000000000"
    address = reverse("programs:program-builder", kwargs={"uuid": program_uuid})
    assert therapist_client.get(address).status_code == 404


def test_item_of_another_program_is_404(therapist_client, program):
    other = ProgramItemFactory()
    response = therapist_client.post(
        url("program-item-update", program, item_id=other.pk),
        _item_data(other, program.version, reps=3),
        **HTMX,
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.reps == 10


def test_a_colleague_may_edit_another_therapists_program(client, colleague, program):
    client.force_login(colleague)
    item = program.items.first()
    response = client.post(
        url("program-item-update", program, item_id=item.pk),
        _item_data(item, 1, reps=14),
        **HTMX,
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.reps == 14
    program.refresh_from_db()
    assert program.updated_by == colleague


# --- the page ---------------------------------------------------------------------------------


def test_builder_shows_items_dose_and_the_library(therapist_client, program):
    ExerciseFactory(name="Clamshell")
    response = therapist_client.get(url("program-builder", program))
    assert response.status_code == 200
    content = response.content.decode()
    for item in program.items.all():
        assert item.exercise.name in content
    assert "1 set of 10, each side" in content
    assert "Clamshell" in content
    assert 'data-version="1"' in content
    assert "Preview as the patient sees it" in content


def _form_tags(content: str, action: str) -> list[str]:
    return re.findall(rf'<form [^>]*action="{re.escape(action)}"[^>]*>', content)


def test_typing_in_the_details_and_dose_forms_survives_a_logout(therapist_client, program):
    """session.js keeps a draft of every form marked data-keep-draft."""
    content = therapist_client.get(url("program-builder", program)).content.decode()
    details = _form_tags(content, url("program-details", program))
    assert len(details) == 1 and "data-keep-draft" in details[0]
    for item in program.items.all():
        dose = _form_tags(content, url("program-item-update", program, item_id=item.pk))
        assert len(dose) == 1 and "data-keep-draft" in dose[0]
    # Saved forms come back from htmx with the same marker.
    item = program.items.first()
    response = therapist_client.post(
        url("program-item-update", program, item_id=item.pk), _item_data(item, 1), **HTMX
    )
    dose = _form_tags(
        response.content.decode(), url("program-item-update", program, item_id=item.pk)
    )
    assert "data-keep-draft" in dose[0]


def test_builder_marks_each_clash_with_its_reason(therapist_client, patient_record):
    hip_patient_tags(patient_record, "hip_replacement_posterior", "acute_radicular")
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(
        program=program,
        exercise=hidden_exercise(),
        override_reason="Surgeon cleared it at the 6-month review.",
        override_by=program.therapist,
    )
    ProgramItemFactory(program=program, exercise=approval_exercise(tag="acute_radicular"))
    ProgramItemFactory(program=program, exercise=caution_exercise())
    content = therapist_client.get(url("program-builder", program)).content.decode()
    assert "Hidden for hip replacement (posterior or unknown approach)." in content
    assert "Crosses the midline with the hip bent." in content
    assert "Overridden by Tess Therapist:" in content
    assert "Surgeon cleared it at the 6-month review." in content
    assert "Needs clinician approval" in content
    assert "Hip extension with rotation." in content
    assert "Caution — acute nerve-root (radicular) pain." in content
    assert "Mid-range only; stop if symptoms spread." in content


def test_a_hidden_item_without_reason_blocks_the_publish_button(therapist_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=hidden_exercise())
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    content = therapist_client.get(url("program-builder", program)).content.decode()
    assert "No override reason yet" in content
    assert "need a written override reason" in content or "needs a written override" in content
    assert 'disabled aria-describedby="publish-blocked"' in content


def test_patient_needing_clearance_gets_a_blocking_message(therapist_client, patient_record):
    RedFlagFactory(patient=patient_record, tier="E", reason="Saddle numbness, new")
    program = program_with_items(1, patient=patient_record)
    content = therapist_client.get(url("program-builder", program)).content.decode()
    assert "needs clearance — no program can be published" in content
    assert "Saddle numbness, new" in content
    assert 'disabled aria-describedby="publish-blocked"' in content
    flag = patient_record.red_flags.get()
    try:
        flag_url = flag.get_absolute_url()
    except Exception:  # the flag page comes with the intake branch
        flag_url = None
    if flag_url:
        assert f'href="{flag_url}"' in content


def test_publish_is_refused_for_a_patient_needing_clearance(therapist_client, patient_record):
    RedFlagFactory(patient=patient_record, tier="U")
    program = program_with_items(1, patient=patient_record)
    response = therapist_client.post(url("program-publish", program), {"version": 1}, follow=True)
    assert response.status_code == 200
    assert "needs clearance" in response.content.decode()
    assert not ProgramRevision.objects.exists()
    program.refresh_from_db()
    assert program.status == Program.Status.DRAFT


def test_publish_from_the_builder_makes_the_next_version(therapist_client, patient_record):
    program = program_with_items(2, patient=screened(patient_record))
    response = therapist_client.post(url("program-publish", program), {"version": 1})
    assert response.status_code == 302
    assert response.url == program.get_absolute_url()
    program.refresh_from_db()
    assert program.current_revision.number == 1
    assert program.status == Program.Status.PUBLISHED


def test_publish_with_a_stale_version_says_who_changed_it(
    therapist_client, colleague, patient_record
):
    program = program_with_items(1, patient=patient_record)
    Program.objects.filter(pk=program.pk).update(version=4, updated_by=colleague)
    response = therapist_client.post(url("program-publish", program), {"version": 3}, follow=True)
    assert "Cole Colleague changed this program" in response.content.decode()
    assert not ProgramRevision.objects.exists()


def test_archived_program_opens_its_page_not_the_builder(therapist_client, patient_record):
    program = program_with_items(1, patient=patient_record, status=Program.Status.ARCHIVED)
    response = therapist_client.get(url("program-builder", program))
    assert response.status_code == 302
    assert response.url == program.get_absolute_url()


# --- search -----------------------------------------------------------------------------------


def test_search_finds_by_name_and_muscle_and_marks_clashes(therapist_client, patient_record):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = ProgramFactory(patient=screened(patient_record))
    hidden_exercise(target_muscles=["piriformis"])
    ExerciseFactory(name="Glute bridge", target_muscles=["gluteus maximus"])
    ExerciseFactory(name="Archived piriformis", target_muscles=["piriformis"], archived=True)
    response = therapist_client.get(url("builder-search", program), {"q": "PIRIFORMIS"}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "AIS knee toward the opposite shoulder" in content
    assert "Hidden for hip replacement (posterior or unknown approach)" in content
    assert "Override and add" in content
    assert "Glute bridge" not in content
    assert "Archived piriformis" not in content
    by_name = therapist_client.get(url("builder-search", program), {"q": "bridge"}, **HTMX)
    assert "Glute bridge" in by_name.content.decode()


def test_search_filters_by_category(therapist_client, program):
    ExerciseFactory(name="Pool walking", category="aquatic")
    ExerciseFactory(name="Bridge", category="stabilisation")
    content = therapist_client.get(
        url("builder-search", program), {"category": "aquatic"}, **HTMX
    ).content.decode()
    assert "Pool walking" in content
    assert ">Bridge<" not in content


# --- adding -----------------------------------------------------------------------------------


def test_adding_an_exercise_returns_the_new_item_and_the_new_version(therapist_client, program):
    exercise = ExerciseFactory(name="Bird dog", reps=6, hold_s=5, per_side=True)
    response = therapist_client.post(
        url("program-item-add", program), {"version": 1, "exercise": exercise.pk}, **HTMX
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bird dog" in content
    assert "1 set of 6, hold 5 s, each side" in content
    assert 'data-version="2" hx-swap-oob="true"' in content
    assert f'id="result-{exercise.pk}"' in content
    item = program.items.get(exercise=exercise)
    assert (item.reps, item.hold_s) == (6, 5)


def test_adding_without_htmx_redirects_to_the_item(therapist_client, program):
    exercise = ExerciseFactory()
    response = therapist_client.post(
        url("program-item-add", program), {"version": 1, "exercise": exercise.pk}
    )
    item = program.items.get(exercise=exercise)
    assert response.status_code == 302
    assert response.url.endswith(f"#item-{item.pk}")


def test_hidden_exercise_without_reason_is_refused_server_side(therapist_client, patient_record):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = ProgramFactory(patient=screened(patient_record))
    exercise = hidden_exercise()
    response = therapist_client.post(
        url("program-item-add", program),
        {"version": 1, "exercise": exercise.pk, "override_reason": "too short"},
        **HTMX,
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#result-{exercise.pk}"
    content = response.content.decode()
    assert "write why in at least 10 characters" in content
    assert "too short" in content  # what was typed is kept
    assert not program.items.exists()


def test_hidden_exercise_with_a_reason_is_added_with_the_override(
    therapist_client, therapist, patient_record
):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = ProgramFactory(patient=screened(patient_record))
    exercise = hidden_exercise()
    response = therapist_client.post(
        url("program-item-add", program),
        {
            "version": 1,
            "exercise": exercise.pk,
            "override_reason": "Surgeon cleared this at the 6-month review.",
        },
        **HTMX,
    )
    assert response.status_code == 200
    item = program.items.get()
    assert item.override_reason == "Surgeon cleared this at the 6-month review."
    assert item.override_by == therapist
    assert "Overridden by Tess Therapist" in response.content.decode()


def test_unknown_exercise_is_404(therapist_client, program):
    response = therapist_client.post(
        url("program-item-add", program), {"version": 1, "exercise": 999999}, **HTMX
    )
    assert response.status_code == 404


def test_malformed_add_is_400_and_changes_nothing(therapist_client, program):
    response = therapist_client.post(
        url("program-item-add", program), {"version": "x", "exercise": "y"}, **HTMX
    )
    assert response.status_code == 400
    assert program.items.count() == 2


# --- dose editing and version conflicts -------------------------------------------------------


def test_dose_is_saved_inline(therapist_client, program):
    item = program.items.first()
    response = therapist_client.post(
        url("program-item-update", program, item_id=item.pk),
        _item_data(item, 1, reps=12, hold_s=3, side="left", tempo="Breathe out as you lift"),
        **HTMX,
    )
    assert response.status_code == 200
    assert "1 set of 12, hold 3 s, left side" in response.content.decode()
    item.refresh_from_db()
    assert (item.reps, item.hold_s, item.side, item.tempo) == (
        12,
        3,
        "left",
        "Breathe out as you lift",
    )
    program.refresh_from_db()
    assert program.version == 2
    assert program.has_unpublished_changes


def test_bad_dose_shows_the_error_next_to_the_field_and_keeps_the_typing(therapist_client, program):
    item = program.items.first()
    response = therapist_client.post(
        url("program-item-update", program, item_id=item.pk),
        _item_data(item, 1, reps=500, note="Keep this note"),
        **HTMX,
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Ensure this value is less than or equal to 100." in content
    assert 'value="500"' in content
    assert "Keep this note" in content
    item.refresh_from_db()
    assert item.reps == 10


def test_stale_dose_edit_is_refused_and_shows_both_versions(client, therapist, colleague, program):
    item = program.items.first()
    # The colleague saved reps 12 first (version 1 → 2).
    client.force_login(colleague)
    client.post(
        url("program-item-update", program, item_id=item.pk), _item_data(item, 1, reps=12), **HTMX
    )
    # This therapist's page still says version 1; they typed reps 15 and a note.
    client.force_login(therapist)
    response = client.post(
        url("program-item-update", program, item_id=item.pk),
        _item_data(item, 1, reps=15, note="My note"),
        **HTMX,
    )
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#builder-workspace"
    content = response.content.decode()
    assert "Cole Colleague changed this program" in content
    assert "<td>12</td>" in content  # saved now
    assert '<td class="fw-semibold">15</td>' in content  # what they typed
    assert 'value="15"' in content and "My note" in content  # still in the form
    assert f'name="item-{item.pk}-version" value="2"' in content  # ready to save again
    assert 'data-version="2"' in content
    item.refresh_from_db()
    assert item.reps == 12


def test_saving_again_after_a_conflict_applies_the_typed_values(client, therapist, program):
    item = program.items.first()
    Program.objects.filter(pk=program.pk).update(version=2)
    client.force_login(therapist)
    response = client.post(
        url("program-item-update", program, item_id=item.pk),
        _item_data(item, 2, reps=15),
        **HTMX,
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.reps == 15


def test_editing_an_item_someone_removed_says_so(therapist_client, colleague, program):
    item = program.items.first()
    data = _item_data(item, 1, reps=15)
    item_id = item.pk
    item.delete()
    Program.objects.filter(pk=program.pk).update(version=2, updated_by=colleague)
    response = therapist_client.post(
        url("program-item-update", program, item_id=item_id), data, **HTMX
    )
    assert response.status_code == 409
    assert "was removed from the program" in response.content.decode()


def test_stale_reorder_is_refused_and_the_current_order_shown(therapist_client, colleague, program):
    a, b = program.items.all()
    Program.objects.filter(pk=program.pk).update(version=2, updated_by=colleague)
    response = therapist_client.post(
        url("program-items-reorder", program), {"version": 1, "item": [b.pk, a.pk]}, **HTMX
    )
    assert response.status_code == 409
    assert "Your new order was not saved" in response.content.decode()
    assert list(program.items.all()) == [a, b]


def test_stale_details_keep_what_was_typed(therapist_client, colleague, program):
    Program.objects.filter(pk=program.pk).update(
        version=2, updated_by=colleague, title="Their title"
    )
    response = therapist_client.post(
        url("program-details", program),
        {
            "version": 1,
            "title": "My title",
            "goals": "My goals",
            "notes": "",
            "start_date": "2026-11-01",
            "review_date": "",
        },
        **HTMX,
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert 'value="My title"' in content and "My goals" in content
    assert "Cole Colleague changed this program" in content
    program.refresh_from_db()
    assert program.title == "Their title"


def test_details_are_saved(therapist_client, program):
    response = therapist_client.post(
        url("program-details", program),
        {
            "version": 1,
            "title": "Week 2",
            "goals": "Walk 20 minutes",
            "notes": "Warm up first",
            "start_date": "2026-11-01",
            "review_date": "2026-12-01",
        },
        **HTMX,
    )
    assert response.status_code == 200
    program.refresh_from_db()
    assert (program.title, program.goals, str(program.review_date)) == (
        "Week 2",
        "Walk 20 minutes",
        "2026-12-01",
    )


def test_review_date_before_start_is_an_error_next_to_the_field(therapist_client, program):
    response = therapist_client.post(
        url("program-details", program),
        {
            "version": 1,
            "title": "Week 2",
            "goals": "",
            "notes": "",
            "start_date": "2026-11-10",
            "review_date": "2026-11-01",
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "can&#x27;t be before the start date" in response.content.decode()
    program.refresh_from_db()
    assert program.title == "Sciatica starter"


# --- override on an existing item, removal, ordering -------------------------------------------


def test_override_reason_can_be_written_later(therapist_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    item = ProgramItemFactory(program=program, exercise=hidden_exercise())
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    prefix = f"override-{item.pk}"
    short = therapist_client.post(
        url("program-item-override", program, item_id=item.pk),
        {f"{prefix}-version": 1, f"{prefix}-override_reason": "nope"},
        **HTMX,
    )
    assert short.status_code == 422
    item.refresh_from_db()
    assert item.override_reason == ""
    response = therapist_client.post(
        url("program-item-override", program, item_id=item.pk),
        {f"{prefix}-version": 1, f"{prefix}-override_reason": "Cleared by the surgeon today."},
        **HTMX,
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.override_reason == "Cleared by the surgeon today."


def test_remove_takes_the_item_out(therapist_client, program):
    item = program.items.first()
    response = therapist_client.post(
        url("program-item-remove", program, item_id=item.pk), {"version": 1}, **HTMX
    )
    assert response.status_code == 200
    assert not ProgramItem.objects.filter(pk=item.pk).exists()
    assert 'data-version="2"' in response.content.decode()


def test_reorder_saves_the_new_order(therapist_client, program):
    a, b = program.items.all()
    response = therapist_client.post(
        url("program-items-reorder", program), {"version": 1, "item": [b.pk, a.pk]}, **HTMX
    )
    assert response.status_code == 200
    assert list(program.items.all()) == [b, a]


def test_reorder_with_a_foreign_id_is_400_and_changes_nothing(therapist_client, program):
    a, b = program.items.all()
    foreign = ProgramItemFactory(order=9)
    response = therapist_client.post(
        url("program-items-reorder", program),
        {"version": 1, "item": [b.pk, foreign.pk]},
        **HTMX,
    )
    assert response.status_code == 400
    assert "exactly once" in response.content.decode()
    assert list(program.items.all()) == [a, b]
    foreign.refresh_from_db()
    assert foreign.order == 9
    program.refresh_from_db()
    assert program.version == 1


def test_reorder_with_non_numbers_is_400(therapist_client, program):
    response = therapist_client.post(
        url("program-items-reorder", program), {"version": 1, "item": ["abc"]}, **HTMX
    )
    assert response.status_code == 400


# --- query counts -----------------------------------------------------------------------------


def _program_of(n, patient):
    ClinicProfile.load()  # exists in a running clinic; created lazily in tests
    hip_patient_tags(patient, "hip_replacement_posterior", "acute_radicular")
    program = ProgramFactory(patient=patient)
    for position in range(n):
        exercise = ExerciseFactory()
        ContraindicationFactory(exercise=exercise, tag="acute_radicular", action="caution")
        ProgramItemFactory(program=program, exercise=exercise, order=position)
    return program


@pytest.mark.parametrize("n", [1, 12, 50])
def test_builder_query_count_does_not_grow_with_items(
    n, therapist_client, patient_record, django_assert_num_queries
):
    program = _program_of(n, patient_record)
    RedFlagFactory(patient=patient_record, tier="S")
    # 10 to build the page + 3 for the screening gate (clinic window, intakes, re-assessments)
    # + 1 for its audit line (one insert).
    with django_assert_num_queries(14):
        response = therapist_client.get(url("program-builder", program))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 12, 50])
def test_search_query_count_does_not_grow_with_results(
    n, therapist_client, patient_record, django_assert_num_queries
):
    program = _program_of(1, patient_record)
    for _ in range(n):
        ContraindicationFactory(exercise=ExerciseFactory(), tag="acute_radicular")
    with django_assert_num_queries(7):
        response = therapist_client.get(url("builder-search", program), **HTMX)
    assert response.status_code == 200


def test_publishing_a_published_program_again_needs_a_change(therapist_client, patient_record):
    program = published_program(patient=patient_record, items=1)
    response = therapist_client.post(
        url("program-publish", program), {"version": program.version}, follow=True
    )
    assert "Nothing has changed since version 1" in response.content.decode()


def test_dose_update_works_without_javascript(therapist_client, program):
    item = program.items.first()
    response = therapist_client.post(
        url("program-item-update", program, item_id=item.pk), _item_data(item, 1, reps=11)
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert item.reps == 11


def test_bad_dose_without_javascript_rerenders_the_builder_with_the_error(
    therapist_client, program
):
    item = program.items.first()
    response = therapist_client.post(
        url("program-item-update", program, item_id=item.pk), _item_data(item, 1, sets=0)
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Ensure this value is greater than or equal to 1." in content
    assert "Add from the library" in content  # the whole builder page
    item.refresh_from_db()
    assert item.sets == 1


def test_stale_write_without_javascript_shows_the_builder_with_the_conflict(
    therapist_client, colleague, program
):
    Program.objects.filter(pk=program.pk).update(version=2, updated_by=colleague)
    response = therapist_client.post(
        url("program-item-add", program), {"version": 1, "exercise": ExerciseFactory().pk}
    )
    assert response.status_code == 409
    assert "Cole Colleague changed this program" in response.content.decode()
    assert program.items.count() == 2
