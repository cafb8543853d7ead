from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from programs.models import Program
from programs.services import dose_text, frequency_text, parse_iso_date, publish_program
from tests.factories import (
    ProgramFactory,
    ProgramItemFactory,
    RedFlagFactory,
    published_program,
    screened,
)


def test_publishing_stores_an_immutable_snapshot_and_becomes_current(patient_record):
    program = published_program(patient=patient_record, items=2)
    revision = program.current_revision
    assert revision.number == 1
    assert program.status == Program.Status.PUBLISHED
    assert [i["position"] for i in revision.items] == [1, 2]
    assert revision.items[0]["exercise"]["name"]
    assert revision.content_hash


def test_second_publish_makes_version_two(patient_record):
    program = published_program(patient=patient_record, items=1)
    ProgramItemFactory(program=program, order=5)
    revision = publish_program(program=program, by=program.therapist)
    assert revision.number == 2
    assert len(revision.items) == 2
    program.refresh_from_db()
    assert program.current_revision == revision


def test_patient_needing_clearance_cannot_receive_a_program(patient_record):
    RedFlagFactory(patient=patient_record, tier="E", code="ces_bladder")
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program)
    with pytest.raises(ValidationError, match="needs clearance"):
        publish_program(program=program, by=program.therapist)
    assert program.revisions.count() == 0


def test_a_soon_flag_does_not_block_publishing(patient_record):
    RedFlagFactory(patient=patient_record, tier="S", code="cancer_history")
    assert published_program(patient=patient_record).current_revision is not None


def test_empty_program_cannot_be_published(patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    with pytest.raises(ValidationError, match="at least one exercise"):
        publish_program(program=program, by=program.therapist)


@pytest.mark.parametrize(
    ("times", "days", "expected"),
    [(1, 7, "daily"), (2, 7, "twice a day"), (1, 3, "once a day, 3 days a week")],
)
def test_frequency_reads_plainly(times, days, expected):
    assert frequency_text(times, days) == expected


def test_dose_text_reads_plainly(db):
    item = ProgramItemFactory.build(sets=1, reps=10, hold_s=2, side="both")
    assert dose_text(item) == "1 set of 10, hold 2 s, each side"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-03-09", date(2026, 3, 9)), ("", None), (None, None), ("next week", None)],
)
def test_a_snapshot_date_parses_back_to_a_date(value, expected):
    assert parse_iso_date(value) == expected


def test_snapshot_dates_show_as_dates_in_the_page_and_portal_filters():
    page = Template("{% load snapshot_tags %}{{ a|display_date }} / {{ b|display_date }}")
    assert page.render(Context({"a": "2026-03-09", "b": "next week"})) == "9 Mar 2026 / next week"
    portal = Template('{% load portal_tags %}{{ a|parse_iso_date|date:"j F Y" }}')
    assert portal.render(Context({"a": "2026-03-09"})) == "9 March 2026"
