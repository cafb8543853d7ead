"""Exercise pictures on the program pages: thumbnails in the builder, and on the preview and
revision pages the pictures frozen in the snapshot, drawn inline and cached."""

import hashlib
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse

from clinic.models import ClinicProfile
from programs import figures, library, services
from programs.figures import picture_key
from programs.handouts import keys as handout_keys
from programs.models import Exercise
from programs.templatetags.snapshot_tags import snapshot_pictures
from tests.factories import (
    ContraindicationFactory,
    ExerciseFactory,
    IntakeFactory,
    ProgramItemFactory,
)
from tests.programs.builder_helpers import HTMX, program_with_items, url


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def lying_figure(hip: int = 60) -> dict:
    return {
        "view": "side",
        "props": ["mat"],
        "start": {"trunk": 180},
        "end": {"trunk": 180, "r_hip": hip},
    }


def pictured(**fields) -> Exercise:
    return ExerciseFactory(figure=lying_figure(), **fields)


def figure_url(exercise, which):
    address = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": which})
    return f"{address}?v={library.figure_etag(exercise, which)[:16]}"


def img_tags(content: str, src: str) -> list[str]:
    return [tag for tag in re.findall(r"<img [^>]*>", content) if f'src="{src}' in tag]


# --- the builder ------------------------------------------------------------------------------


def test_each_builder_item_shows_its_start_and_end_picture(therapist_client, patient_record):
    exercise = pictured(name="Bridge", slug="bridge")
    program = program_with_items(0, patient=patient_record)
    ProgramItemFactory(program=program, exercise=exercise)
    content = therapist_client.get(url("program-builder", program)).content.decode()
    item = content[content.index('id="item-') : content.index("Edit dose and note")]
    start = img_tags(item, figure_url(exercise, "start").replace("&", "&amp;"))
    end = img_tags(item, figure_url(exercise, "end").replace("&", "&amp;"))
    assert len(start) == 1 and len(end) == 1
    assert 'alt="Start position: Bridge"' in start[0]
    assert 'alt="End position: Bridge"' in end[0]
    # A fixed box, so the list does not jump while pictures load.
    assert 'width="72" height="54"' in start[0] and 'width="72" height="54"' in end[0]


def test_search_results_show_a_small_start_and_end_picture(therapist_client, patient_record):
    program = program_with_items(1, patient=patient_record)
    exercise = pictured(name="Clamshell", slug="clamshell")
    response = therapist_client.get(url("builder-search", program), {"q": "Clamshell"}, **HTMX)
    content = response.content.decode()
    start = img_tags(content, figure_url(exercise, "start"))
    assert len(start) == 1
    assert 'alt="Start position: Clamshell"' in start[0]
    assert 'width="56" height="42"' in start[0]
    assert len(img_tags(content, figure_url(exercise, "end"))) == 1


def test_the_clinics_photo_is_shown_instead_when_there_is_one(therapist_client, patient_record):
    exercise = pictured(name="Bird dog", slug="bird-dog")
    exercise.photo.save("bird-dog.jpg", ContentFile(b"not really a jpeg"), save=True)
    program = program_with_items(0, patient=patient_record)
    ProgramItemFactory(program=program, exercise=exercise)
    content = therapist_client.get(url("program-builder", program)).content.decode()
    photo_url = reverse("programs:exercise-photo", kwargs={"slug": "bird-dog"})
    photos = img_tags(content, photo_url)
    assert photos and all('alt="Photo of Bird dog"' in tag for tag in photos)
    assert reverse("programs:exercise-figure", kwargs={"slug": "bird-dog", "which": "end"}) not in (
        content
    )


def test_an_exercise_without_pose_data_says_it_has_no_picture(therapist_client, patient_record):
    program = program_with_items(1, patient=patient_record)  # factory exercises have no figure
    content = therapist_client.get(url("program-builder", program)).content.decode()
    assert "No picture yet" in content
    assert "/picture/" not in content


def test_a_newly_added_item_comes_with_its_pictures(therapist_client, patient_record):
    program = program_with_items(1, patient=patient_record)
    exercise = pictured(name="Side plank", slug="side-plank")
    response = therapist_client.post(
        url("program-item-add", program),
        {"version": program.version, "exercise": exercise.pk},
        **HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert img_tags(content, figure_url(exercise, "start").replace("&", "&amp;"))


# --- preview and revision: the snapshot's own pictures -----------------------------------------


def test_preview_draws_the_pictures_inline_with_a_title(therapist_client, patient_record):
    program = program_with_items(0, patient=patient_record)
    ProgramItemFactory(program=program, exercise=pictured(name="Bridge", slug="bridge"))
    content = therapist_client.get(url("program-preview", program)).content.decode()
    assert content.count("<svg") == 2
    assert "<title>Start position: Bridge</title>" in content
    assert "<title>End position: Bridge</title>" in content
    assert "1 · Start" in content and "2 · End" in content


def test_revision_shows_the_pictures_as_published_not_the_library_now(
    client, patient, patient_record
):
    exercise = pictured(name="Bridge", slug="bridge")
    program = program_with_items(0, patient=patient_record)
    ProgramItemFactory(program=program, exercise=exercise)
    revision = services.publish_program(program=program, by=program.therapist)
    published_end = figures.render_svg(
        lying_figure(), "end", size=(320, 240), title="End position: Bridge"
    )
    # The library changes the pose afterwards.
    Exercise.objects.filter(pk=exercise.pk).update(figure=lying_figure(hip=110))
    changed_end = figures.render_svg(
        lying_figure(hip=110), "end", size=(320, 240), title="End position: Bridge"
    )
    assert published_end != changed_end

    client.force_login(patient)  # patients see it too: drawn inline, not from a staff-only URL
    content = client.get(url("revision-detail", revision)).content.decode()

    assert published_end in content
    assert changed_end not in content
    assert "/picture/" not in content


def test_a_name_with_markup_is_escaped_inside_the_picture(therapist_client, patient_record):
    program = program_with_items(0, patient=patient_record)
    hostile = pictured(name='<script>alert("x")</script> & co', slug="hostile")
    ProgramItemFactory(program=program, exercise=hostile)
    content = therapist_client.get(url("program-preview", program)).content.decode()
    assert "<script>alert" not in content
    assert "<title>Start position: &lt;script&gt;alert" in content


def test_pose_data_that_cannot_be_drawn_leaves_the_picture_out_not_the_page(
    therapist_client, patient_record
):
    program = program_with_items(0, patient=patient_record)
    broken = ExerciseFactory(figure={"start": {"trunk": "upside down"}, "end": {}})
    ProgramItemFactory(program=program, exercise=broken)
    response = therapist_client.get(url("program-preview", program))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<svg" not in content
    assert broken.name in content


def test_pictures_are_drawn_once_then_served_from_the_cache(therapist_client, patient_record):
    program = program_with_items(0, patient=patient_record)
    for n in range(50):
        ProgramItemFactory(program=program, exercise=pictured(), order=n)
    revision = services.publish_program(program=program, by=program.therapist)
    address = url("revision-detail", revision)
    # The cache draws through the renderer's module: count the drawings there.
    with mock.patch.object(figures.svg, "render_svg", wraps=figures.render_svg) as draw:
        first = therapist_client.get(address).content.decode()
        assert draw.call_count == 100
        second = therapist_client.get(address).content.decode()
        assert draw.call_count == 100  # nothing redrawn
    assert first.count("<svg") == second.count("<svg") == 100


def test_the_cache_key_follows_the_pose_the_picture_and_its_size():
    base = picture_key(lying_figure(), "start", (320, 240), "Start position: Bridge")
    assert base == picture_key(lying_figure(), "start", (320, 240), "Start position: Bridge")
    assert base != picture_key(lying_figure(70), "start", (320, 240), "Start position: Bridge")
    assert base != picture_key(lying_figure(), "end", (320, 240), "Start position: Bridge")
    assert base != picture_key(lying_figure(), "start", (160, 120), "Start position: Bridge")
    assert base != picture_key(lying_figure(), "start", (320, 240), "Start position: Clam")


def test_the_renderer_version_is_a_hash_of_every_module_of_the_figures_package():
    package = Path(figures.__file__).parent
    modules = sorted(package.glob("*.py"))
    assert len(modules) > 1  # the whole renderer, not one file of it
    digest = hashlib.sha256()
    for path in modules:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    assert digest.hexdigest() == figures.RENDERER_VERSION


def test_a_new_renderer_version_changes_picture_keys_etags_and_handout_keys(monkeypatch):
    exercise = ExerciseFactory.build(figure=lying_figure(), slug="bridge", name="Bridge")
    before = (
        picture_key(lying_figure(), "start", (320, 240), "Start position: Bridge"),
        library.figure_etag(exercise, "start"),
        handout_keys.format_version(),
    )
    monkeypatch.setattr(figures, "RENDERER_VERSION", "0" * 64)
    monkeypatch.setattr(figures.cache, "RENDERER_VERSION", "0" * 64)
    handout_keys.format_version.cache_clear()
    try:
        after = (
            picture_key(lying_figure(), "start", (320, 240), "Start position: Bridge"),
            library.figure_etag(exercise, "start"),
            handout_keys.format_version(),
        )
    finally:
        handout_keys.format_version.cache_clear()
    assert all(old != new for old, new in zip(before, after, strict=True))


def test_a_picture_is_drawn_once_whoever_asks_for_it():
    with mock.patch.object(figures.svg, "render_svg", wraps=figures.render_svg) as draw:
        one = figures.figure_svg(lying_figure(), "end", title="End position: Bridge")
        [two] = figures.figure_svgs([(lying_figure(), "end", (320, 240), "End position: Bridge")])
    assert one == two
    assert draw.call_count == 1


def test_a_pose_that_cannot_be_drawn_is_remembered_and_raises_each_time():
    broken = {"start": {"trunk": "upside down"}, "end": {}}
    with mock.patch.object(figures.svg, "render_svg", wraps=figures.render_svg) as draw:
        for _ in range(2):
            with pytest.raises(figures.FigureError):
                figures.figure_svg(broken, "start")
        assert figures.figure_svgs([(broken, "start", (320, 240), "")]) == [""]
    assert draw.call_count == 1


def test_snapshot_pictures_keep_the_order_and_skip_exercises_without_poses():
    pictures = snapshot_pictures(
        [{"name": "A", "figure": lying_figure()}, {"name": "B", "figure": {}}, {"name": "C"}]
    )
    assert [sorted(p) for p in pictures] == [["end", "start"], [], []]
    assert "<title>Start position: A</title>" in pictures[0]["start"]


# --- what the patient reads ----------------------------------------------------------------------


def test_revision_shows_steps_dose_tips_and_stop_rules_from_the_snapshot(
    client, patient, patient_record
):
    exercise = pictured(
        name="Bridge",
        slug="bridge",
        summary="Strengthens your buttocks.",
        steps=["Lift your hips."],
        cues=["Breathe out as you lift."],
        stop_rules=["Stop if your back hurts."],
        precaution_notes="Watch for lumbar extension (clinician note).",
        equipment=["mat"],
    )
    ContraindicationFactory(
        exercise=exercise, tag="pregnancy", action="caution", note="Keep time on your back short."
    )
    IntakeFactory(patient=patient_record, precaution_tags=["pregnancy"])
    program = program_with_items(0, patient=patient_record)
    ProgramItemFactory(program=program, exercise=exercise, reps=12, sets=2, note="Slowly.")
    revision = services.publish_program(program=program, by=program.therapist)
    Exercise.objects.filter(pk=exercise.pk).update(steps=["Changed later."])

    client.force_login(patient)
    content = client.get(url("revision-detail", revision)).content.decode()

    for text in [
        "Strengthens your buttocks.",
        "Lift your hips.",
        "2 sets of 12",
        "Breathe out as you lift.",
        "Stop if your back hurts.",
        "Keep time on your back short.",  # her caution: the same list as the portal and PDF
        "Slowly.",
        "Exercise mat or carpet",  # the equipment's label, not its key
    ]:
        assert text in content, text
    assert "Changed later." not in content
    assert "clinician note" not in content  # precaution notes are for staff

    client.force_login(program.therapist)
    assert "clinician note" in client.get(url("revision-detail", revision)).content.decode()


@pytest.mark.parametrize("n", [1, 12, 50])
def test_preview_query_count_is_constant(
    n, therapist_client, patient_record, django_assert_num_queries
):
    ClinicProfile.load()
    program = program_with_items(0, patient=patient_record)
    for position in range(n):
        ProgramItemFactory(program=program, exercise=pictured(), order=position)
    # 8 for the page (one is the patient's precautions, for the cautions; one the exercises'
    # translations, prefetched for the preview's snapshot) + 1 for its audit line
    with django_assert_num_queries(9):
        response = therapist_client.get(url("program-preview", program))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 12, 50])
def test_revision_query_count_is_constant(
    n, therapist_client, patient_record, django_assert_num_queries
):
    ClinicProfile.load()
    program = program_with_items(0, patient=patient_record)
    for position in range(n):
        ProgramItemFactory(program=program, exercise=pictured(), order=position)
    revision = services.publish_program(program=program, by=program.therapist)
    # 5 for the page (one is the patient's precautions, for the cautions) + 1 for its audit line
    with django_assert_num_queries(6):
        response = therapist_client.get(url("revision-detail", revision))
    assert response.status_code == 200
