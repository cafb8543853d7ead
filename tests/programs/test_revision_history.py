"""Published revisions: immutable snapshots, and what changed from one to the next."""

import copy

import pytest

from programs import services
from programs.models import ProgramRevision
from programs.services import summarise_changes
from tests.factories import ExerciseFactory, published_program


def _item(slug, name, item_id=None, **dose):
    item = {
        "position": 1,
        "sets": 1,
        "reps": 10,
        "hold_s": 2,
        "duration_min": None,
        "side": "both",
        "side_label": "Both sides",
        "times_per_day": 1,
        "days_per_week": 7,
        "tempo": "",
        "note": "",
        "override_reason": "",
        "dose_text": "1 set of 10",
        "exercise": {"slug": slug, "name": name},
    }
    if item_id is not None:
        item["item_id"] = item_id
    item.update(dose)
    return item


def _snapshot(*items, **fields):
    return {
        "title": "Sciatica starter",
        "goals": "",
        "notes": "",
        "start_date": "2026-11-01",
        "review_date": None,
        "items": list(items),
        **fields,
    }


BRIDGE = ("glute-bridge", "Glute bridge")
CLAM = ("clamshell", "Clamshell")
SLIDER = ("nerve-slider", "Nerve slider")
BIRD = ("bird-dog", "Bird dog")


def _texts(changes):
    return [c["text"] for c in changes]


def test_first_version_says_how_many_exercises():
    changes = summarise_changes(None, _snapshot(_item(*BRIDGE, 1), _item(*CLAM, 2)))
    assert changes == [
        {
            "kind": "first",
            "exercise": "",
            "text": "First version, with 2 exercises.",
            "facts": {"count": 2},
        }
    ]


def test_dose_changes_read_old_to_new_per_exercise():
    old = _snapshot(_item(*BRIDGE, 1, reps=8), _item(*CLAM, 2))
    new = _snapshot(_item(*BRIDGE, 1, reps=10, hold_s=5, side_label="Left"), _item(*CLAM, 2))
    assert _texts(summarise_changes(old, new)) == [
        "Glute bridge: reps 8 → 10; hold 2 s → 5 s; side Both sides → Left"
    ]


def test_added_and_removed_exercises_are_named():
    old = _snapshot(_item(*BRIDGE, 1), _item(*CLAM, 2))
    new = _snapshot(_item(*BRIDGE, 1), _item(*BIRD, 3, dose_text="1 set of 6"))
    changes = summarise_changes(old, new)
    assert {c["kind"] for c in changes} == {"added", "removed"}
    assert "Removed Clamshell" in _texts(changes)
    assert "Added Bird dog at position 2 (1 set of 6)" in _texts(changes)


def test_a_moved_exercise_is_reported_once_not_everything_it_jumped_over():
    old = _snapshot(_item(*BRIDGE, 1), _item(*CLAM, 2), _item(*BIRD, 3), _item(*SLIDER, 4))
    new = _snapshot(_item(*BRIDGE, 1), _item(*SLIDER, 4), _item(*CLAM, 2), _item(*BIRD, 3))
    assert _texts(summarise_changes(old, new)) == ["Moved Nerve slider from position 4 to 2"]


def test_moving_one_up_past_its_neighbour_after_a_removal_names_the_one_that_moved():
    """Removing the second and moving the fifth up one: the fifth moved, the fourth did not
    (it used to say 'Moved Bird dog from position 3 to 3')."""
    walk = ("graded-walking", "Graded walking")
    old = _snapshot(
        _item(*BRIDGE, 1), _item(*CLAM, 2), _item(*SLIDER, 3), _item(*BIRD, 4), _item(*walk, 5)
    )
    new = _snapshot(_item(*BRIDGE, 1), _item(*SLIDER, 3), _item(*walk, 5), _item(*BIRD, 4))
    texts = _texts(summarise_changes(old, new))
    assert "Removed Clamshell" in texts
    assert "Moved Graded walking from position 5 to 3" in texts
    assert not any(text.startswith("Moved Bird dog") for text in texts)


def test_note_title_goals_and_dates_changes_are_listed():
    old = _snapshot(_item(*BRIDGE, 1))
    new = _snapshot(
        _item(*BRIDGE, 1, note="Squeeze your buttocks first."),
        title="Sciatica, week 2",
        goals="Walk 20 minutes",
        review_date="2026-12-01",
    )
    texts = _texts(summarise_changes(old, new))
    assert "Title: “Sciatica starter” → “Sciatica, week 2”" in texts
    assert "Goals changed to “Walk 20 minutes”" in texts
    assert "Review date: none → 2026-12-01" in texts
    assert "Note for Glute bridge: (none) → “Squeeze your buttocks first.”" in texts


def test_items_without_ids_from_older_snapshots_are_matched_by_exercise():
    old = _snapshot(_item(*BRIDGE, reps=8), _item(*CLAM))
    new = _snapshot(_item(*CLAM, 20), _item(*BRIDGE, 21, reps=10))
    texts = _texts(summarise_changes(old, new))
    assert "Glute bridge: reps 8 → 10" in texts
    assert not any(t.startswith(("Added", "Removed")) for t in texts)


def test_the_same_exercise_twice_is_followed_by_item_id():
    old = _snapshot(_item(*BRIDGE, 1, reps=8), _item(*BRIDGE, 2, reps=12))
    new = _snapshot(_item(*BRIDGE, 2, reps=12), _item(*BRIDGE, 1, reps=8))
    texts = _texts(summarise_changes(old, new))
    assert len(texts) == 1 and texts[0].startswith("Moved Glute bridge")


def test_library_text_updates_are_mentioned():
    old = _snapshot(_item(*BRIDGE, 1))
    new = copy.deepcopy(old)
    new["items"][0]["exercise"]["steps"] = ["A clearer first step."]
    assert _texts(summarise_changes(old, new)) == [
        "Instructions for Glute bridge updated from the library"
    ]


# --- through the real services ----------------------------------------------------------------


def test_editing_after_publishing_leaves_the_patients_version_alone(patient_record, therapist):
    program = published_program(patient=patient_record, items=2)
    live = program.current_revision
    frozen = copy.deepcopy(live.snapshot)
    item = program.items.first()
    services.update_program_item(
        item=item, by=therapist, expected_version=program.version, dose={"reps": 3}
    )
    program.refresh_from_db()
    live.refresh_from_db()
    assert program.has_unpublished_changes
    assert program.current_revision == live
    assert live.snapshot == frozen


def test_republishing_records_who_and_what_changed(patient_record, therapist, colleague):
    program = published_program(patient=patient_record, items=2, by=therapist)
    first, second = program.items.all()
    services.update_program_item(
        item=first, by=colleague, expected_version=program.version, dose={"reps": 14}
    )
    program.refresh_from_db()
    services.add_program_item(
        program=program,
        exercise=ExerciseFactory(name="Bird dog"),
        by=colleague,
        expected_version=program.version,
    )
    revision = services.publish_program(program=program, by=colleague)
    assert revision.number == 2
    assert revision.published_by == colleague
    texts = _texts(revision.changes)
    assert f"{first.exercise.name}: reps 10 → 14" in texts
    assert any(t.startswith("Added Bird dog at position 3") for t in texts)
    assert program.revisions.get(number=1).published_by == therapist


def test_snapshot_keeps_the_exercise_text_as_it_was(patient_record, therapist):
    program = published_program(patient=patient_record, items=1)
    exercise = program.items.get().exercise
    old_name = exercise.name
    exercise.name = "Renamed in the library"
    exercise.save()
    revision = ProgramRevision.objects.get(pk=program.current_revision_id)
    assert revision.items[0]["exercise"]["name"] == old_name


@pytest.mark.parametrize("key", ["item_id", "override_by"])
def test_new_snapshot_keys_are_added_without_renaming_old_ones(patient_record, key):
    program = published_program(patient=patient_record, items=1)
    item = program.current_revision.items[0]
    assert key in item
    for old_key in ("position", "dose_text", "frequency_text", "override_reason", "exercise"):
        assert old_key in item
