"""load_library: idempotent, updates what the clinic has not edited, never overwrites its edits."""

import copy

import pytest
from django.core.management import call_command

from programs.library import is_clinic_edited, load_library, reset_to_library
from programs.library_data import EXERCISES
from programs.models import Contraindication, Exercise
from tests.factories import ExerciseFactory, ProgramItemFactory

pytestmark = pytest.mark.django_db

FIGURE = {
    "view": "side",
    "props": ["mat"],
    "start": {"trunk": 180},
    "end": {"trunk": 180, "r_hip": 60},
}


def shipped(slug, number, **overrides):
    data = {
        "number": number,
        "slug": slug,
        "name": slug.replace("-", " ").capitalize(),
        "category": "ais_stretch",
        "summary": "A gentle stretch.",
        "target_muscles": ["hamstrings"],
        "joints": ["hip"],
        "equipment": ["rope"],
        "start_position": "Lie on your back.",
        "steps": ["Lift the leg.", "Assist gently for 2 seconds.", "Lower and relax."],
        "agonist": "quadriceps",
        "dose": {
            "sets": 1,
            "reps": 10,
            "hold_s": 2,
            "rest_s": None,
            "duration_min": None,
            "times_per_day": 1,
            "days_per_week": 7,
        },
        "per_side": True,
        "tempo": "move in about 2 s",
        "cues": ["Breathe out into the stretch."],
        "stop_rules": ["Stop if you feel tingling below the knee."],
        "contraindications": [
            {"tag": "acute_radicular", "action": "caution", "note": "Stay short of tingling."}
        ],
        "precaution_notes": "",
        "progressions": [],
        "regressions": [],
        "evidence_note": "",
        "figure": FIGURE,
    }
    data.update(overrides)
    return data


@pytest.fixture
def data():
    return [
        shipped("easy-stretch", 1, progressions=["hard-stretch"]),
        shipped("hard-stretch", 2),
        shipped("other-stretch", 3, regressions=[1]),  # by number: easy-stretch
    ]


def test_first_load_creates_every_exercise_with_rules_and_links(data):
    report = load_library(exercises=data)

    assert report.created == ["easy-stretch", "hard-stretch", "other-stretch"]
    easy = Exercise.objects.get(slug="easy-stretch")
    assert easy.source == Exercise.Source.LIBRARY
    assert easy.reps == 10 and easy.hold_s == 2 and easy.per_side is True
    assert easy.steps[1] == "Assist gently for 2 seconds."
    assert [(c.tag, c.action) for c in easy.contraindications.all()] == [
        ("acute_radicular", "caution")
    ]
    # Its own progression, and the one that names it as a regression.
    assert sorted(easy.progressions.values_list("slug", flat=True)) == [
        "hard-stretch",
        "other-stretch",
    ]
    assert list(Exercise.objects.get(slug="hard-stretch").regressions.all()) == [easy]
    assert not is_clinic_edited(easy)


def test_second_load_changes_nothing(data):
    load_library(exercises=data)
    stamps = dict(Exercise.objects.values_list("slug", "updated_at"))

    report = load_library(exercises=data)

    assert report.created == [] and report.updated == [] and report.skipped == []
    assert report.unchanged == ["easy-stretch", "hard-stretch", "other-stretch"]
    assert dict(Exercise.objects.values_list("slug", "updated_at")) == stamps


def test_newer_library_updates_an_exercise_the_clinic_has_not_edited(data):
    load_library(exercises=data)
    newer = copy.deepcopy(data)
    newer[1]["steps"] = ["A clearer first step.", "Then this."]
    newer[1]["contraindications"] = [
        {"tag": "osteoporosis", "action": "hide", "note": "No loaded flexion."}
    ]
    newer[1]["dose"]["reps"] = 8

    report = load_library(exercises=newer)

    assert report.updated == ["hard-stretch"]
    assert report.unchanged == ["easy-stretch", "other-stretch"]
    hard = Exercise.objects.get(slug="hard-stretch")
    assert hard.steps == ["A clearer first step.", "Then this."]
    assert hard.reps == 8
    assert list(hard.contraindications.values_list("tag", "action")) == [("osteoporosis", "hide")]
    assert not is_clinic_edited(hard)


def test_clinic_edits_are_kept_and_reported_as_skipped(data):
    load_library(exercises=data)
    easy = Exercise.objects.get(slug="easy-stretch")
    easy.steps = ["Our own wording."]
    easy.save(update_fields=["steps"])
    newer = copy.deepcopy(data)
    newer[0]["steps"] = ["The library's new wording."]

    report = load_library(exercises=newer)

    assert report.skipped == [("easy-stretch", "edited by the clinic; its changes are kept")]
    easy.refresh_from_db()
    assert easy.steps == ["Our own wording."]
    assert "skipped  easy-stretch" in str(report)


def test_a_clinic_edit_of_the_rules_counts_as_an_edit(data):
    load_library(exercises=data)
    easy = Exercise.objects.get(slug="easy-stretch")
    Contraindication.objects.create(exercise=easy, tag="pregnancy", action="approval")

    report = load_library(exercises=data)

    assert ("easy-stretch", "edited by the clinic; its changes are kept") in report.skipped
    assert easy.contraindications.filter(tag="pregnancy").exists()


def test_photo_video_and_archiving_are_not_edits(data):
    load_library(exercises=data)
    Exercise.objects.filter(slug="hard-stretch").update(
        video_url="https://video.example/hard", archived=True
    )
    newer = copy.deepcopy(data)
    newer[1]["summary"] = "A better summary."

    report = load_library(exercises=newer)

    assert report.updated == ["hard-stretch"]
    hard = Exercise.objects.get(slug="hard-stretch")
    assert hard.summary == "A better summary."
    assert hard.video_url == "https://video.example/hard" and hard.archived is True


def test_a_clinic_exercise_linking_to_a_shipped_one_does_not_freeze_it(data):
    load_library(exercises=data)
    ours = ExerciseFactory(slug="our-bridge", source=Exercise.Source.CLINIC)
    ours.progressions.add(Exercise.objects.get(slug="hard-stretch"))

    report = load_library(exercises=data)

    assert report.skipped == []


def test_clinic_exercise_with_the_same_slug_is_never_taken_over(data):
    ours = ExerciseFactory(slug="hard-stretch", name="Our hard stretch", source="clinic")

    report = load_library(exercises=data)

    assert ("hard-stretch", "the clinic has its own exercise with this slug") in report.skipped
    ours.refresh_from_db()
    assert ours.name == "Our hard stretch" and ours.source == "clinic"


def test_loading_never_deletes_exercises_dropped_from_the_library(data):
    load_library(exercises=data)
    in_use = Exercise.objects.get(slug="other-stretch")
    ProgramItemFactory(exercise=in_use)

    load_library(exercises=data[:2])

    assert Exercise.objects.filter(slug="other-stretch").exists()


def test_reset_brings_back_the_library_version(data):
    load_library(exercises=data)
    easy = Exercise.objects.get(slug="easy-stretch")
    easy.name = "Renamed by us"
    easy.save(update_fields=["name"])
    assert is_clinic_edited(easy)

    reset_to_library(exercise=easy, exercises=data)

    easy.refresh_from_db()
    assert easy.name == "Easy stretch"
    assert not is_clinic_edited(Exercise.objects.get(slug="easy-stretch"))
    assert load_library(exercises=data).skipped == []


def test_invalid_library_data_is_refused_before_anything_is_written(data):
    data[2]["contraindications"] = [{"tag": "not_a_tag", "action": "hide", "note": ""}]

    with pytest.raises(ValueError, match="unknown precaution tag"):
        load_library(exercises=data)

    assert not Exercise.objects.exists()


def test_the_shipped_library_loads_idempotently():
    first = load_library()
    assert len(first.created) == len(EXERCISES)
    assert Exercise.objects.filter(source=Exercise.Source.LIBRARY).count() == len(EXERCISES)

    second = load_library()

    assert second.unchanged == [d["slug"] for d in EXERCISES]
    assert second.created == second.updated == second.skipped == []


def test_management_command_prints_the_report(capsys):
    call_command("load_library")
    call_command("load_library")

    out = capsys.readouterr().out
    assert f"Library: {len(EXERCISES)} created, 0 updated, 0 unchanged, 0 skipped." in out
    assert f"Library: 0 created, 0 updated, {len(EXERCISES)} unchanged, 0 skipped." in out


def test_seed_demo_loads_the_library_before_the_templates_that_use_it():
    from demo import clinic_data as clinic_demo
    from demo import program_data as demo
    from programs.models import ProtocolTemplate

    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)

    demo.seed(staff=staff, patients=patients)
    demo.seed(staff=staff, patients=patients)

    assert Exercise.objects.filter(source=Exercise.Source.LIBRARY).count() == len(EXERCISES)
    assert ProtocolTemplate.objects.count() == len(demo.TEMPLATES)
