"""The builder's service functions: defaults, overrides, version checks, ordering, publishing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programs import services
from programs.models import Program, ProgramItem, ProgramRevision, Side
from programs.services import VersionConflict
from tests.factories import (
    ContraindicationFactory,
    ExerciseFactory,
    PatientFactory,
    ProgramFactory,
    ProgramItemFactory,
    ProtocolTemplateFactory,
    RedFlagFactory,
    TemplateItemFactory,
    published_program,
    screened,
)
from tests.programs.builder_helpers import (
    approval_exercise,
    caution_exercise,
    hidden_exercise,
    hip_patient_tags,
    program_with_items,
)

# --- creating programs ------------------------------------------------------------------------


def test_blank_program_is_a_draft_owned_by_its_creator(patient_record, colleague):
    result = services.create_program(patient=patient_record, by=colleague, title="  Hip and back  ")
    program = result.program
    assert program.title == "Hip and back"
    assert program.therapist == colleague
    assert program.updated_by == colleague
    assert program.status == Program.Status.DRAFT
    assert program.items.count() == 0


def test_program_from_template_copies_items_order_and_dose(patient_record, therapist):
    template = ProtocolTemplateFactory(name="Sciatica starter", goals="Walk further")
    first = TemplateItemFactory(template=template, order=1, reps=8, sets=2, tempo="slowly")
    second = TemplateItemFactory(template=template, order=0, duration_min=15, reps=None)
    program = services.create_program(
        patient=patient_record, by=therapist, template=template
    ).program
    items = list(program.items.all())
    assert program.title == "Sciatica starter"
    assert program.goals == "Walk further"
    assert program.template == template
    assert [i.exercise for i in items] == [second.exercise, first.exercise]
    assert (items[1].sets, items[1].reps, items[1].tempo) == (2, 8, "slowly")
    assert items[0].duration_min == 15


def test_template_leaves_out_exercises_the_patient_precautions_hide(patient_record, therapist):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    template = ProtocolTemplateFactory()
    TemplateItemFactory(template=template, exercise=hidden_exercise())
    kept = TemplateItemFactory(template=template)
    result = services.create_program(patient=patient_record, by=therapist, template=template)
    assert [i.exercise for i in result.program.items.all()] == [kept.exercise]
    assert len(result.left_out) == 1
    assert "Hip replacement (posterior or unknown approach)" in result.left_out[0].reason


def test_archived_patient_gets_no_new_program(patient_record, therapist):
    patient_record.archived_at = timezone.now()
    patient_record.save()
    with pytest.raises(ValidationError, match="archived"):
        services.create_program(patient=patient_record, by=therapist, title="X")
    assert not Program.objects.exists()


# --- adding, editing, removing ----------------------------------------------------------------


def test_added_item_starts_from_the_exercise_defaults(patient_record, therapist):
    program = ProgramFactory(patient=screened(patient_record))
    exercise = ExerciseFactory(
        sets=2, reps=12, hold_s=5, per_side=True, times_per_day=2, days_per_week=4, tempo="slow"
    )
    item = services.add_program_item(
        program=program, exercise=exercise, by=therapist, expected_version=1
    )
    assert (item.sets, item.reps, item.hold_s, item.side) == (2, 12, 5, Side.BOTH)
    assert (item.times_per_day, item.days_per_week, item.tempo) == (2, 4, "slow")
    program.refresh_from_db()
    assert program.version == 2
    assert program.updated_by == therapist
    assert program.has_unpublished_changes


def test_items_are_added_at_the_end(patient_record, therapist):
    program = program_with_items(2, patient=patient_record)
    item = services.add_program_item(
        program=program, exercise=ExerciseFactory(), by=therapist, expected_version=1
    )
    assert list(program.items.all())[-1] == item


def test_hidden_exercise_needs_a_written_override_reason(patient_record, therapist):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = ProgramFactory(patient=screened(patient_record))
    exercise = hidden_exercise()
    for reason in ("", "   ", "ok"):
        with pytest.raises(ValidationError) as caught:
            services.add_program_item(
                program=program,
                exercise=exercise,
                by=therapist,
                expected_version=1,
                override_reason=reason,
            )
        assert caught.value.code == "override_required"
    assert program.items.count() == 0
    program.refresh_from_db()
    assert program.version == 1


def test_override_reason_and_author_are_stored(patient_record, therapist):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = ProgramFactory(patient=screened(patient_record))
    item = services.add_program_item(
        program=program,
        exercise=hidden_exercise(),
        by=therapist,
        expected_version=1,
        override_reason="  Surgeon cleared it at the 6-month review.  ",
    )
    assert item.override_reason == "Surgeon cleared it at the 6-month review."
    assert item.override_by == therapist


def test_exercise_hidden_only_for_other_tags_needs_no_reason(patient_record, therapist):
    hip_patient_tags(patient_record, "osteoporosis")
    program = ProgramFactory(patient=screened(patient_record))
    item = services.add_program_item(
        program=program, exercise=hidden_exercise(), by=therapist, expected_version=1
    )
    assert item.override_reason == ""
    assert item.override_by is None


def test_archived_exercise_cannot_be_added(patient_record, therapist):
    program = ProgramFactory(patient=screened(patient_record))
    with pytest.raises(ValidationError, match="archived"):
        services.add_program_item(
            program=program,
            exercise=ExerciseFactory(archived=True),
            by=therapist,
            expected_version=1,
        )


def test_clashes_are_ordered_most_serious_first(patient_record):
    exercise = caution_exercise(tag="acute_radicular")
    ContraindicationFactory(exercise=exercise, tag="osteoporosis", action="hide")
    ContraindicationFactory(exercise=exercise, tag="pregnancy", action="approval")
    ContraindicationFactory(exercise=exercise, tag="cardiovascular", action="caution")
    clashes = services.exercise_clashes(exercise, ["acute_radicular", "pregnancy", "osteoporosis"])
    assert [(c.tag, c.action) for c in clashes] == [
        ("osteoporosis", "hide"),
        ("pregnancy", "approval"),
        ("acute_radicular", "caution"),
    ]
    assert clashes[0].tag_label == "Osteoporosis or fragile bones"


def test_patient_cautions_are_the_caution_notes_for_her_tags_then_the_stop_rules():
    exercise = {
        "stop_rules": ["Stop if tingling spreads.", ""],
        "contraindications": [
            {"tag": "acute_radicular", "action": "caution", "note": "Mid-range only."},
            {"tag": "anticoagulant", "action": "caution", "note": " Very light pull. "},
            {"tag": "hypermobility", "action": "caution", "note": "Mid-range only."},
            {"tag": "pregnancy", "action": "caution", "note": "Side-lying version."},
            {"tag": "osteoporosis", "action": "hide", "note": "No loaded bending."},
            {"tag": "recent_spinal_surgery", "action": "approval", "note": "Ask first."},
            {"tag": "cardiovascular", "action": "caution", "note": ""},
        ],
    }
    tags = [
        "acute_radicular",
        "anticoagulant",
        "hypermobility",
        "osteoporosis",
        "recent_spinal_surgery",
        "cardiovascular",
    ]
    cautions = services.patient_cautions(exercise, tags)
    assert cautions.notes == ("Mid-range only.", "Very light pull.")  # once each, no blanks
    assert cautions.stop_rules == ("Stop if tingling spreads.",)
    assert services.patient_cautions(exercise, []).notes == ()
    assert not services.patient_cautions({}, tags)


def test_dose_update_saves_and_bumps_the_version(patient_record, colleague):
    item = ProgramItemFactory(program=ProgramFactory(patient=screened(patient_record)))
    services.update_program_item(
        item=item,
        by=colleague,
        expected_version=1,
        dose={"reps": 15, "side": Side.LEFT, "note": "Left side is tighter."},
    )
    item.refresh_from_db()
    assert (item.reps, item.side, item.note) == (15, "left", "Left side is tighter.")
    item.program.refresh_from_db()
    assert item.program.version == 2
    assert item.program.updated_by == colleague


def test_dose_outside_the_limits_is_refused_and_nothing_changes(patient_record, therapist):
    item = ProgramItemFactory(program=ProgramFactory(patient=screened(patient_record)), reps=10)
    with pytest.raises(ValidationError):
        services.update_program_item(
            item=item, by=therapist, expected_version=1, dose={"days_per_week": 9}
        )
    item.refresh_from_db()
    item.program.refresh_from_db()
    assert item.days_per_week == 7
    assert item.program.version == 1


def test_only_dosage_fields_can_be_changed_through_the_dose_update(patient_record, therapist):
    item = ProgramItemFactory(program=ProgramFactory(patient=screened(patient_record)))
    with pytest.raises(ValueError, match="override_reason"):
        services.update_program_item(
            item=item,
            by=therapist,
            expected_version=1,
            dose={"override_reason": "sneaky"},
        )


def test_override_cannot_be_emptied_while_the_exercise_is_hidden(patient_record, therapist):
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    program = ProgramFactory(patient=screened(patient_record))
    item = ProgramItemFactory(
        program=program, exercise=hidden_exercise(), override_reason="Cleared by surgeon."
    )
    with pytest.raises(ValidationError):
        services.record_item_override(item=item, reason="", by=therapist, expected_version=1)
    item.refresh_from_db()
    assert item.override_reason == "Cleared by surgeon."


def test_approval_note_is_recorded_with_its_author(patient_record, colleague):
    hip_patient_tags(patient_record, "hip_replacement_anterior")
    item = ProgramItemFactory(
        program=ProgramFactory(patient=screened(patient_record)), exercise=approval_exercise()
    )
    services.record_item_override(
        item=item, reason="Approved: gentle range only.", by=colleague, expected_version=1
    )
    item.refresh_from_db()
    assert item.override_by == colleague


def test_removing_an_item_keeps_published_revisions(patient_record, therapist):
    program = published_program(patient=patient_record, items=2)
    item = program.items.first()
    services.remove_program_item(item=item, by=therapist, expected_version=program.version)
    program.refresh_from_db()
    assert program.items.count() == 1
    assert len(program.current_revision.items) == 2
    assert program.has_unpublished_changes


# --- version checks (no lost edits) -----------------------------------------------------------


@pytest.mark.parametrize(
    "write",
    [
        lambda p, item, user: services.add_program_item(
            program=p, exercise=ExerciseFactory(), by=user, expected_version=1
        ),
        lambda p, item, user: services.update_program_item(
            item=item, by=user, expected_version=1, dose={"reps": 3}
        ),
        lambda p, item, user: services.remove_program_item(item=item, by=user, expected_version=1),
        lambda p, item, user: services.reorder_program_items(
            program=p, item_ids=[item.pk], by=user, expected_version=1
        ),
        lambda p, item, user: services.record_item_override(
            item=item, reason="A long enough reason", by=user, expected_version=1
        ),
        lambda p, item, user: services.update_program_details(
            program=p,
            by=user,
            expected_version=1,
            title="New",
            goals="",
            notes="",
            start_date=p.start_date,
            review_date=None,
        ),
        lambda p, item, user: services.publish_program(program=p, by=user, expected_version=1),
        lambda p, item, user: services.archive_program(program=p, by=user, expected_version=1),
    ],
    ids=["add", "update", "remove", "reorder", "override", "details", "publish", "archive"],
)
def test_a_stale_version_is_refused_and_names_who_saved(
    write, patient_record, therapist, colleague
):
    program = ProgramFactory(patient=screened(patient_record))
    item = ProgramItemFactory(program=program, reps=10)
    # The colleague saves first: the program moves to version 2.
    services.update_program_item(item=item, by=colleague, expected_version=1, dose={"reps": 12})
    with pytest.raises(VersionConflict) as caught:
        write(program, item, therapist)
    assert caught.value.program.version == 2
    assert caught.value.program.updated_by == colleague
    item.refresh_from_db()
    assert item.reps == 12
    assert ProgramItem.objects.filter(program=program).count() == 1
    assert not ProgramRevision.objects.exists()


# --- ordering ---------------------------------------------------------------------------------


def test_reorder_puts_items_in_the_given_order(patient_record, therapist):
    program = program_with_items(3, patient=patient_record)
    a, b, c = program.items.all()
    services.reorder_program_items(
        program=program, item_ids=[c.pk, a.pk, b.pk], by=therapist, expected_version=1
    )
    assert list(program.items.all()) == [c, a, b]
    program.refresh_from_db()
    assert program.version == 2


def test_reorder_to_the_same_order_does_not_bump_the_version(patient_record, therapist):
    program = program_with_items(2, patient=patient_record)
    ids = list(program.items.values_list("pk", flat=True))
    services.reorder_program_items(program=program, item_ids=ids, by=therapist, expected_version=1)
    program.refresh_from_db()
    assert program.version == 1


@pytest.mark.parametrize("case", ["foreign", "missing", "duplicate", "extra"])
def test_reorder_refuses_ids_that_are_not_exactly_this_programs_items(
    case, patient_record, therapist
):
    program = program_with_items(2, patient=patient_record)
    a, b = program.items.all()
    foreign = ProgramItemFactory(order=7)  # another patient's program
    ids = {
        "foreign": [a.pk, foreign.pk],
        "missing": [a.pk],
        "duplicate": [a.pk, a.pk, b.pk],
        "extra": [a.pk, b.pk, foreign.pk],
    }[case]
    with pytest.raises(ValidationError, match="exactly once"):
        services.reorder_program_items(
            program=program, item_ids=ids, by=therapist, expected_version=1
        )
    foreign.refresh_from_db()
    assert foreign.order == 7
    assert list(program.items.all()) == [a, b]


# --- publishing -------------------------------------------------------------------------------


def test_publishing_is_refused_while_a_clearance_flag_is_open(patient_record, therapist):
    RedFlagFactory(patient=patient_record, tier="U")
    program = program_with_items(1, patient=patient_record)
    with pytest.raises(ValidationError) as caught:
        services.publish_program(program=program, by=therapist, expected_version=1)
    assert caught.value.code == "needs_clearance"
    assert not ProgramRevision.objects.exists()


def test_publishing_after_the_flag_is_decided_works(patient_record, therapist):
    flag = RedFlagFactory(patient=patient_record, tier="E")
    flag.status = "decided"
    flag.decided_by = therapist
    flag.decided_at = timezone.now()
    flag.decision_reason = "seen_by_gp"
    flag.save()
    program = program_with_items(1, patient=screened(patient_record))
    assert services.publish_program(program=program, by=therapist).number == 1


def test_publishing_refuses_a_hidden_exercise_without_a_reason(patient_record, therapist):
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=hidden_exercise())
    # The intake changed after the item was added: the rule applies at publish time too.
    hip_patient_tags(patient_record, "hip_replacement_posterior")
    with pytest.raises(ValidationError, match="AIS knee toward the opposite shoulder"):
        services.publish_program(program=program, by=therapist)
    item = program.items.get()
    services.record_item_override(
        item=item,
        reason="Surgeon cleared it at review.",
        by=therapist,
        expected_version=1,
    )
    revision = services.publish_program(program=program, by=therapist)
    snapshot_item = revision.items[0]
    assert snapshot_item["override_reason"] == "Surgeon cleared it at review."
    assert snapshot_item["override_by"] == therapist.get_full_name()


def test_publishing_bumps_the_version_and_clears_unpublished_changes(patient_record, therapist):
    program = program_with_items(1, patient=screened(patient_record))
    services.publish_program(program=program, by=therapist, expected_version=1)
    program.refresh_from_db()
    assert program.version == 2
    assert not program.has_unpublished_changes
    assert program.updated_by == therapist


def test_publishing_an_unchanged_program_again_is_refused(patient_record, therapist):
    program = published_program(patient=patient_record, items=1)
    with pytest.raises(ValidationError, match="Nothing has changed since version 1"):
        services.publish_program(program=program, by=therapist)
    assert program.revisions.count() == 1


def test_archived_program_cannot_be_edited_or_published(patient_record, therapist):
    program = program_with_items(1, patient=patient_record)
    services.archive_program(program=program, by=therapist, expected_version=1)
    program.refresh_from_db()
    with pytest.raises(ValidationError, match="archived"):
        services.add_program_item(
            program=program, exercise=ExerciseFactory(), by=therapist, expected_version=2
        )
    with pytest.raises(ValidationError, match="archived"):
        services.publish_program(program=program, by=therapist)


def test_restore_returns_to_published_or_draft(patient_record, therapist):
    published = published_program(patient=patient_record, items=1)
    draft = program_with_items(1, patient=patient_record)
    for program in (published, draft):
        program.refresh_from_db()
        services.archive_program(program=program, by=therapist, expected_version=program.version)
        program.refresh_from_db()
        assert program.status == Program.Status.ARCHIVED
        services.restore_program(program=program, by=therapist, expected_version=program.version)
        program.refresh_from_db()
    assert published.status == Program.Status.PUBLISHED
    assert draft.status == Program.Status.DRAFT


# --- templates --------------------------------------------------------------------------------


def test_save_as_template_copies_dose_but_not_patient_notes_or_overrides(patient_record, therapist):
    program = ProgramFactory(patient=screened(patient_record), goals="Walk to work")
    ProgramItemFactory(
        program=program, order=0, reps=12, note="Your left side first.", override_reason="x" * 12
    )
    ProgramItemFactory(program=program, order=1, duration_min=20, reps=None)
    template = services.save_program_as_template(
        program=program, name="Walkers", description="For walkers", by=therapist
    )
    items = list(template.items.all())
    assert [i.reps for i in items] == [12, None]
    assert items[1].duration_min == 20
    assert all(i.note == "" for i in items)
    assert template.goals == "Walk to work"
    assert template.created_by == therapist


def test_template_names_are_unique_whatever_the_case(patient_record, therapist):
    ProtocolTemplateFactory(name="Walkers")
    program = program_with_items(1, patient=patient_record)
    with pytest.raises(ValidationError):
        services.save_program_as_template(
            program=program, name="walkers", description="", by=therapist
        )


def test_archived_template_cannot_start_a_program(therapist):
    template = ProtocolTemplateFactory(archived=True)
    with pytest.raises(ValidationError, match="archived"):
        services.create_program(patient=PatientFactory(), by=therapist, template=template)
