"""Library pages for staff: access per role, search and filters, create/edit/archive, pictures."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from clinic.models import ClinicProfile
from programs.library import is_clinic_edited, load_library
from programs.library_data import EXERCISES
from programs.models import Exercise, PrecautionTag
from tests.factories import ContraindicationFactory, ExerciseFactory, ProgramItemFactory

pytestmark = pytest.mark.django_db

FIGURE = {
    "view": "side",
    "work": ["r_leg"],
    "props": ["mat"],
    "start": {"trunk": 180, "l_knee": 90, "l_hip": 45},
    "end": {"trunk": 180, "r_hip": 80, "l_knee": 90, "l_hip": 45},
}


@pytest.fixture
def exercise(db):
    return ExerciseFactory(
        slug="piriformis-stretch",
        name="AIS piriformis stretch",
        category=Exercise.Category.AIS_STRETCH,
        target_muscles=["piriformis", "deep hip rotators"],
        equipment=["rope"],
        joints=["hip", "sacroiliac"],
        figure=FIGURE,
        stop_rules=["Stop if the buttock pain turns sharp."],
    )


def _names(response) -> set[str]:
    return {e.name for e in response.context["page"].object_list}


# --- access ---------------------------------------------------------------------------------

PAGES = [
    ("programs:exercise-list", False),
    ("programs:exercise-create", False),
    ("programs:exercise-detail", True),
    ("programs:exercise-edit", True),
    ("programs:exercise-media", True),
]
POSTS = ["programs:exercise-archive", "programs:exercise-unarchive", "programs:exercise-reset"]


def _url(name, exercise, with_slug=True):
    return reverse(name, kwargs={"slug": exercise.slug}) if with_slug else reverse(name)


@pytest.mark.parametrize(("name", "with_slug"), PAGES)
def test_anonymous_is_sent_to_login(client, exercise, name, with_slug):
    url = _url(name, exercise, with_slug)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "with_slug"), PAGES)
def test_patients_cannot_reach_library_pages(patient_client, exercise, name, with_slug):
    assert patient_client.get(_url(name, exercise, with_slug)).status_code == 403


@pytest.mark.parametrize("name", POSTS)
def test_patients_cannot_change_the_library(patient_client, exercise, name):
    response = patient_client.post(reverse(name, kwargs={"slug": exercise.slug}))
    assert response.status_code == 403
    exercise.refresh_from_db()
    assert exercise.archived is False


@pytest.mark.parametrize(("name", "with_slug"), PAGES)
def test_therapist_and_admin_see_library_pages(therapist_client, admin, exercise, name, with_slug):
    assert therapist_client.get(_url(name, exercise, with_slug)).status_code == 200
    therapist_client.force_login(admin)
    assert therapist_client.get(_url(name, exercise, with_slug)).status_code == 200


@pytest.mark.parametrize("name", POSTS)
def test_state_changes_refuse_get(therapist_client, exercise, name):
    assert therapist_client.get(reverse(name, kwargs={"slug": exercise.slug})).status_code == 405


def test_unknown_exercise_is_404(therapist_client):
    url = reverse("programs:exercise-detail", kwargs={"slug": "no-such-exercise"})
    assert therapist_client.get(url).status_code == 404


def test_pictures_need_a_login(client, exercise):
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": "start"})
    assert client.get(url).status_code == 302


def test_patients_cannot_fetch_library_pictures(patient_client, exercise):
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": "start"})
    assert patient_client.get(url).status_code == 403


# --- search and filters ----------------------------------------------------------------------


@pytest.fixture
def library(exercise):
    bridge = ExerciseFactory(
        name="Bridge", target_muscles=["gluteus maximus"], equipment=["mat"], joints=["lumbar"]
    )
    others = {"target_muscles": [], "joints": []}
    curl = ExerciseFactory(
        name="Seated trunk curl",
        category=Exercise.Category.MOBILITY,
        target_muscles=["lumbar erector spinae"],
        equipment=["chair"],
        joints=["lumbar"],
    )
    ContraindicationFactory(exercise=curl, tag="osteoporosis", action="hide")
    walk = ExerciseFactory(
        name="Pool walking", category=Exercise.Category.AQUATIC, equipment=[], **others
    )
    ContraindicationFactory(exercise=walk, tag="osteoporosis", action="caution", note="Go slow.")
    twist = ExerciseFactory(
        name="Supine twist", target_muscles=["obliques"], equipment=["mat"], joints=[]
    )
    ContraindicationFactory(exercise=twist, tag="osteoporosis", action="approval")
    old = ExerciseFactory(
        name="Old piriformis drill", target_muscles=["piriformis"], joints=[], archived=True
    )
    return {"bridge": bridge, "curl": curl, "walk": walk, "twist": twist, "old": old}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("piriformis", {"AIS piriformis stretch"}),
        ("rope", {"AIS piriformis stretch"}),
        ("strap", {"AIS piriformis stretch"}),  # the equipment's label, "Rope or strap"
        ("gluteus", {"Bridge"}),
        ("PIRIFORMIS rope", {"AIS piriformis stretch"}),
        ("osteoporosis", {"Seated trunk curl", "Pool walking", "Supine twist"}),
        ("aquatic", {"Pool walking"}),
        ("sacroiliac", {"AIS piriformis stretch"}),
        ("zzz-nothing", set()),
    ],
)
def test_one_box_searches_name_muscle_equipment_region_and_tag(
    therapist_client, library, query, expected
):
    response = therapist_client.get(reverse("programs:exercise-list"), {"q": query})
    assert response.status_code == 200
    assert _names(response) == expected


def test_safe_for_osteoporosis_excludes_hidden_and_approval_exercises(therapist_client, library):
    response = therapist_client.get(reverse("programs:exercise-list"), {"safe_for": "osteoporosis"})
    names = _names(response)
    assert "Seated trunk curl" not in names  # hidden
    assert "Supine twist" not in names  # needs approval
    assert {"Pool walking", "Bridge", "AIS piriformis stretch"} <= names
    assert "Go slow." in response.content.decode()  # the caution is shown on the card


def test_typing_the_precaution_that_safe_for_filters_does_not_empty_the_list(
    therapist_client, library
):
    params = {"q": "osteoporosis", "safe_for": "osteoporosis"}
    response = therapist_client.get(reverse("programs:exercise-list"), params)
    assert _names(response) == {"Pool walking", "Bridge", "AIS piriformis stretch"}


def test_search_for_a_precaution_offers_the_safe_for_filter(therapist_client, library):
    response = therapist_client.get(reverse("programs:exercise-list"), {"q": "osteoporosis"})
    assert response.context["suggested_tag"] == "osteoporosis"
    assert "?safe_for=osteoporosis" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "mobility"}, {"Seated trunk curl"}),
        ({"region": "lumbar"}, {"Bridge", "Seated trunk curl"}),
        ({"equipment": "chair"}, {"Seated trunk curl"}),
        ({"equipment": "mat", "q": "twist"}, {"Supine twist"}),
        ({"status": "archived"}, {"Old piriformis drill"}),
        ({"q": "piriformis", "status": "all"}, {"AIS piriformis stretch", "Old piriformis drill"}),
        ({"category": "not-a-category"}, None),  # ignored, never a 500
    ],
)
def test_filters(therapist_client, library, params, expected):
    response = therapist_client.get(reverse("programs:exercise-list"), params)
    assert response.status_code == 200
    if expected is None:
        assert len(_names(response)) == 5
    else:
        assert _names(response) == expected


def test_archived_exercises_are_not_listed_by_default(therapist_client, library):
    response = therapist_client.get(reverse("programs:exercise-list"), {"q": "piriformis"})
    assert "Old piriformis drill" not in _names(response)


def test_htmx_search_returns_only_the_results(therapist_client, library):
    response = therapist_client.get(
        reverse("programs:exercise-list"), {"q": "rope"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "AIS piriformis stretch" in body
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(therapist_client, library):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = therapist_client.get(
        reverse("programs:exercise-list"), {"q": "rope"}, headers=headers
    )
    assert "<html" in response.content.decode()


def test_plain_get_renders_the_whole_page_with_the_form_filled(therapist_client, library):
    response = therapist_client.get(reverse("programs:exercise-list"), {"q": "rope"})
    body = response.content.decode()
    assert "<html" in body and 'value="rope"' in body
    assert 'hx-get="/library/"' in body


@pytest.mark.parametrize("count", [1, 12, 50])
def test_list_query_count_is_constant(therapist_client, django_assert_num_queries, count):
    for n in range(count):
        exercise = ExerciseFactory(name=f"Exercise {n:02d}", figure=FIGURE)
        ContraindicationFactory(exercise=exercise)
    url = reverse("programs:exercise-list")
    ClinicProfile.load()
    # session, user, count, exercises, their contraindications, clinic profile
    with django_assert_num_queries(6):
        response = therapist_client.get(url, {"safe_for": "pregnancy"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 48)


@pytest.mark.parametrize("count", [1, 12, 50])
def test_detail_query_count_is_constant(therapist_client, django_assert_num_queries, count):
    exercise = ExerciseFactory(figure=FIGURE)
    for tag in PrecautionTag.values[: min(count, 12)]:
        ContraindicationFactory(exercise=exercise, tag=tag)
    for _ in range(count):
        exercise.progressions.add(ExerciseFactory())
        exercise.regressions.add(ExerciseFactory())
    ClinicProfile.load()
    # session, user, exercise, contraindications, translations, progressions, regressions, the
    # clinic video, clinic profile
    with django_assert_num_queries(9):
        response = therapist_client.get(exercise.get_absolute_url())
    assert response.status_code == 200


# --- the exercise page ---------------------------------------------------------------------


def test_detail_shows_animation_steps_dose_and_cautions(therapist_client, exercise):
    ContraindicationFactory(
        exercise=exercise, tag="hip_replacement_posterior", action="hide", note="Keep hip ≤ 90°."
    )
    harder = ExerciseFactory(name="Harder stretch")
    exercise.progressions.add(harder)

    body = therapist_client.get(exercise.get_absolute_url()).content.decode()

    assert "<svg" in body and "<animate" in body  # the moving picture, inline
    assert "picture/start.svg?v=" in body and "picture/end.svg?v=" in body
    assert "Lift your hips." in body  # a step
    assert "Hip replacement (posterior or unknown approach)" in body  # plain label, not the tag
    assert "Keep hip ≤ 90°." in body
    assert "Symptoms spreading further down your leg." in body  # universal stop rule
    assert "Stop if the buttock pain turns sharp." in body  # the exercise's own
    assert harder.get_absolute_url() in body
    assert "css/library.css" in body  # reduced-motion rules live there


def test_detail_without_a_figure_still_renders(therapist_client):
    exercise = ExerciseFactory(figure={})
    response = therapist_client.get(exercise.get_absolute_url())
    assert response.status_code == 200
    assert "<animate" not in response.content.decode()


@pytest.mark.parametrize(
    "figure",
    [
        {"start": {"nonsense": 1}, "end": {}},
        {"start": {"trunk": "sideways"}, "end": {"trunk": None}},
        {"start": {"trunk": 180}, "end": {"trunk": 180}, "props": [{"type": "rope"}]},
    ],
)
def test_a_broken_figure_never_causes_a_500(therapist_client, figure):
    exercise = ExerciseFactory(figure=figure)
    assert therapist_client.get(exercise.get_absolute_url()).status_code == 200
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": "end"})
    assert therapist_client.get(url).status_code in (200, 404)


# --- pictures --------------------------------------------------------------------------------


def test_picture_is_svg_with_an_etag_and_a_long_cache_when_versioned(therapist_client, exercise):
    from programs.templatetags.exercise_figures import exercise_figure_url

    url = exercise_figure_url(exercise, "end")
    response = therapist_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response.content.startswith(b"<svg")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "immutable", "max-age=31536000"} <= cache_control
    assert "no-store" not in cache_control  # pictures hold no patient data
    assert "script-src 'self'" in response["Content-Security-Policy"]
    etag = response["ETag"]

    again = therapist_client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_unversioned_picture_must_be_revalidated(therapist_client, exercise):
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": "animated"})
    response = therapist_client.get(url)
    assert response.status_code == 200
    assert b"<animate" in response.content
    assert response["Cache-Control"] == "private, no-cache"


def test_picture_etag_changes_with_the_pose(therapist_client, exercise):
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": "end"})
    first = therapist_client.get(url)["ETag"]
    exercise.figure = {**FIGURE, "end": {**FIGURE["end"], "r_hip": 60}}
    exercise.save(update_fields=["figure"])
    response = therapist_client.get(url, headers={"If-None-Match": first})
    assert response.status_code == 200
    assert response["ETag"] != first


@pytest.mark.parametrize("which", ["middle", "START"])
def test_unknown_picture_kind_is_404(therapist_client, exercise, which):
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": which})
    assert therapist_client.get(url).status_code == 404


def test_exercise_without_figure_has_no_picture(therapist_client):
    exercise = ExerciseFactory(figure={})
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": "start"})
    assert therapist_client.get(url).status_code == 404


# --- create, edit, archive -----------------------------------------------------------------


def _form_data(**overrides):
    data = {
        "name": "Wall slide",
        "category": "functional",
        "summary": "Slide down the wall a little and back up.",
        "target_muscles": "quadriceps\n gluteus maximus \n\n",
        "joints": ["hip", "lumbar"],
        "equipment": ["wall"],
        "start_position": "Stand with your back against a wall.",
        "steps": "Slide down a little.\nHold.\nSlide back up.",
        "agonist": "",
        "sets": "2",
        "reps": "8",
        "hold_s": "3",
        "rest_s": "",
        "duration_min": "",
        "times_per_day": "1",
        "days_per_week": "5",
        "tempo": "",
        "cues": "Breathe out as you slide down.",
        "stop_rules": "",
        "precaution_notes": "",
        "evidence_note": "",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        "rules-0-tag": "balance_impairment",
        "rules-0-action": "caution",
        "rules-0-note": "Keep a chair nearby.",
    }
    data.update(overrides)
    return data


def test_therapist_creates_a_clinic_exercise(therapist_client, exercise):
    data = _form_data(regressions=[exercise.pk])
    response = therapist_client.post(reverse("programs:exercise-create"), data)

    created = Exercise.objects.get(name="Wall slide")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert created.slug == "wall-slide"
    assert created.source == Exercise.Source.CLINIC
    assert created.target_muscles == ["quadriceps", "gluteus maximus"]
    assert created.steps == ["Slide down a little.", "Hold.", "Slide back up."]
    assert created.equipment == ["wall"] and created.days_per_week == 5
    assert list(created.contraindications.values_list("tag", "action", "note")) == [
        ("balance_impairment", "caution", "Keep a chair nearby.")
    ]
    assert list(created.regressions.all()) == [exercise]


def test_invalid_exercise_keeps_what_was_typed_and_saves_nothing(therapist_client):
    data = _form_data(name="", steps="", sets="0", **{"rules-0-action": ""})
    response = therapist_client.post(reverse("programs:exercise-create"), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors and "steps" in form.errors and "sets" in form.errors
    assert "action" in response.context["formset"].forms[0].errors
    body = response.content.decode()
    assert "Slide down the wall a little and back up." in body
    assert "Keep a chair nearby." in body
    assert not Exercise.objects.filter(summary__startswith="Slide down").exists()


def test_a_dose_needs_reps_hold_or_duration(therapist_client):
    data = _form_data(reps="", hold_s="", duration_min="")
    response = therapist_client.post(reverse("programs:exercise-create"), data)
    assert response.status_code == 200
    assert "reps" in response.context["form"].errors


def test_duplicate_precaution_rows_are_refused(therapist_client):
    data = _form_data(
        **{
            "rules-TOTAL_FORMS": "2",
            "rules-1-tag": "balance_impairment",
            "rules-1-action": "hide",
            "rules-1-note": "",
        }
    )
    response = therapist_client.post(reverse("programs:exercise-create"), data)
    assert response.status_code == 200
    assert not Exercise.objects.filter(name="Wall slide").exists()


def test_new_exercise_never_takes_a_reserved_or_used_slug(therapist_client, exercise):
    therapist_client.post(reverse("programs:exercise-create"), _form_data(name="New"))
    therapist_client.post(reverse("programs:exercise-create"), _form_data(name="New"))
    assert set(Exercise.objects.filter(name="New").values_list("slug", flat=True)) == {
        "new-2",
        "new-3",
    }


def _edit_data(exercise, **overrides):
    from programs.forms import ContraindicationFormSet, ExerciseForm

    form = ExerciseForm(instance=exercise, user=exercise_user())
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if name in ("progressions", "regressions"):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, list) and name in ("joints", "equipment"):
            data[name] = value
        else:
            data[name] = field.prepare_value(value) if hasattr(field, "prepare_value") else value
    if data.get("per_side") is False:
        del data["per_side"]
    formset = ContraindicationFormSet(instance=exercise, prefix="rules")
    data.update({f"rules-{k}": v for k, v in formset.management_form.initial.items()})
    for n, rule_form in enumerate(formset.forms):
        for name in ("id", "tag", "action", "note"):
            value = rule_form[name].value()
            data[f"rules-{n}-{name}"] = "" if value is None else value
    data.update(overrides)
    return data


def exercise_user():
    from clinic.models import User

    return User.objects.filter(role=User.Role.THERAPIST).first()


@pytest.mark.slow  # a form round trip for every shipped exercise: `make test` runs the sweep
@pytest.mark.parametrize("slug", [d["slug"] for d in EXERCISES])
def test_every_shipped_exercise_saves_unchanged_without_being_marked_edited(therapist_client, slug):
    load_library()
    shipped = Exercise.objects.get(slug=slug)
    url = reverse("programs:exercise-edit", kwargs={"slug": slug})

    response = therapist_client.post(url, _edit_data(shipped))

    assert response.status_code == 302, response.context["form"].errors
    assert not is_clinic_edited(Exercise.objects.get(pk=shipped.pk))


def test_editing_a_shipped_exercise_marks_it_edited_and_loading_keeps_it(therapist_client):
    load_library()
    shipped = Exercise.objects.filter(source="library").first()
    url = reverse("programs:exercise-edit", kwargs={"slug": shipped.slug})

    response = therapist_client.post(url, _edit_data(shipped, summary="The clinic's summary."))

    assert response.status_code == 302
    shipped.refresh_from_db()
    assert shipped.summary == "The clinic's summary."
    assert is_clinic_edited(shipped)
    assert shipped.slug in dict(load_library().skipped)
    shipped.refresh_from_db()
    assert shipped.summary == "The clinic's summary."
    detail = therapist_client.get(shipped.get_absolute_url()).content.decode()
    assert "Edited by the clinic" in detail


def test_reset_view_restores_the_library_version(therapist_client):
    load_library()
    shipped = Exercise.objects.filter(source="library").first()
    original = shipped.summary
    Exercise.objects.filter(pk=shipped.pk).update(summary="Ours.")

    url = reverse("programs:exercise-reset", kwargs={"slug": shipped.slug})
    assert therapist_client.post(url).status_code == 302

    shipped.refresh_from_db()
    assert shipped.summary == original


def test_reset_of_a_clinic_exercise_is_refused_politely(therapist_client, exercise):
    url = reverse("programs:exercise-reset", kwargs={"slug": exercise.slug})
    response = therapist_client.post(url, follow=True)
    assert response.status_code == 200
    assert "Only exercises shipped with the Restore library can be reset." in (
        response.content.decode()
    )


def test_archive_and_unarchive(therapist_client, exercise):
    archive = reverse("programs:exercise-archive", kwargs={"slug": exercise.slug})
    unarchive = reverse("programs:exercise-unarchive", kwargs={"slug": exercise.slug})

    assert therapist_client.post(archive).status_code == 302
    exercise.refresh_from_db()
    assert exercise.archived is True

    assert therapist_client.post(unarchive).status_code == 302
    exercise.refresh_from_db()
    assert exercise.archived is False


def test_an_exercise_in_a_program_cannot_be_deleted(exercise):
    ProgramItemFactory(exercise=exercise)
    with pytest.raises(ProtectedError):
        exercise.delete()


def test_there_is_no_delete_view(therapist_client, exercise):
    response = therapist_client.post(f"/library/{exercise.slug}/delete/")
    assert response.status_code == 404
    assert Exercise.objects.filter(pk=exercise.pk).exists()


# --- the shipped library -------------------------------------------------------------------


def _slugs(response) -> set[str]:
    return {e.slug for e in response.context["page"].object_list}


def test_shipped_library_finds_piriformis_rope_and_safe_for_osteoporosis(therapist_client):
    load_library()
    url = reverse("programs:exercise-list")

    piriformis = _slugs(therapist_client.get(url, {"q": "piriformis"}))
    assert piriformis and piriformis >= {
        d["slug"] for d in EXERCISES if any("piriformis" in m for m in d["target_muscles"])
    }

    rope = _slugs(therapist_client.get(url, {"q": "rope"}))
    assert rope and rope >= {d["slug"] for d in EXERCISES if "rope" in d["equipment"]}

    safe = _slugs(therapist_client.get(url, {"safe_for": "osteoporosis"}))
    hidden = {
        d["slug"]
        for d in EXERCISES
        for c in d["contraindications"]
        if c["tag"] == "osteoporosis" and c["action"] in ("hide", "approval")
    }
    assert hidden, "the library should hide some exercises for osteoporosis"
    assert safe == {d["slug"] for d in EXERCISES} - hidden


def test_safe_for_keeps_a_caution_for_the_tag_next_to_a_hide_rule_for_another(db):
    exercise = ExerciseFactory()
    ContraindicationFactory(exercise=exercise, tag="osteoporosis", action="caution")
    ContraindicationFactory(exercise=exercise, tag="pregnancy", action="hide")

    assert list(Exercise.objects.safe_for("osteoporosis")) == [exercise]
    assert list(Exercise.objects.safe_for("pregnancy")) == []
