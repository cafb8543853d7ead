"""seed_demo's templates and programs: idempotent, and patient by patient as the brief says."""

import logging

import pytest

from clinic.models import Intake, RedFlag
from demo import clinic_data as clinic_demo
from demo import program_data as demo
from programs.models import Contraindication, Program, ProtocolTemplate
from tests.factories import ContraindicationFactory, ExerciseFactory, screened

LIBRARY_SLUGS = sorted(
    {slug for spec in demo.TEMPLATES for slug, _ in spec["items"]}
    | {"bird-dog", "side-lying-hip-abduction", "sit-to-stand", "ais-hip-external-rotators"}
)


@pytest.fixture
def cast(db):
    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)
    for patient in patients.values():
        screened(patient)  # the intakes are not seeded here: publishing needs a screen
    return staff, patients


@pytest.fixture
def library(db):
    """Stand-in for the shipped library: the exercises the demo refers to, by slug."""
    exercises = {
        slug: ExerciseFactory(slug=slug, name=slug.replace("-", " ").capitalize(), reps=8)
        for slug in LIBRARY_SLUGS
    }
    ContraindicationFactory(
        exercise=exercises["ais-hip-external-rotators"],
        tag="hip_replacement_posterior",
        action=Contraindication.Action.HIDE,
    )
    return exercises


def test_without_the_library_templates_are_skipped_and_logged(cast, caplog, monkeypatch):
    staff, patients = cast
    monkeypatch.setattr(demo, "seed_library", lambda: None)  # as if the library were not loaded
    with caplog.at_level(logging.WARNING, logger="demo.program_data"):
        demo.seed(staff=staff, patients=patients)
    assert not ProtocolTemplate.objects.exists()
    assert not Program.objects.exists()
    assert "Skipped the template 'Sciatica starter: AIS and stabilisation'" in caplog.text
    assert "ais-bent-knee-hamstring" in caplog.text


def test_seed_gives_the_demo_patients_their_programs(cast, library):
    staff, patients = cast
    # Delgado's intake (from the intake branch) carries the posterior-hip precaution.
    Intake.objects.create(
        patient=patients["delgado"],
        therapist=staff["sam@restore.example"],
        precaution_tags=["hip_replacement_posterior"],
    )
    RedFlag.objects.create(patient=patients["brooks"], code="ces", tier="E")
    demo.seed(staff=staff, patients=patients)

    assert set(ProtocolTemplate.objects.values_list("name", flat=True)) == {
        demo.SCIATICA_STARTER,
        demo.SACROILIAC,
        demo.GRAVITY_REDUCED,
    }
    rivera = Program.objects.get(patient=patients["rivera"])
    assert rivera.current_revision.number == 2
    changes = " ".join(c["text"] for c in rivera.current_revision.changes)
    assert "reps 8 → 10" in changes
    assert "Added Bird dog" in changes
    assert "Moved Supine sciatic nerve slider" in changes
    assert not rivera.has_unpublished_changes

    natarajan = Program.objects.get(patient=patients["natarajan"])
    assert natarajan.current_revision.number == 1

    delgado = Program.objects.get(patient=patients["delgado"])
    overridden = delgado.items.get(exercise__slug="ais-hip-external-rotators")
    assert overridden.override_reason == demo.DELGADO_OVERRIDE
    assert overridden.override_by == staff["sam@restore.example"]
    snapshot_item = next(
        i
        for i in delgado.current_revision.items
        if i["exercise"]["slug"] == "ais-hip-external-rotators"
    )
    assert snapshot_item["override_reason"] == demo.DELGADO_OVERRIDE

    assert not Program.objects.filter(patient=patients["brooks"]).exists()


def test_seed_is_idempotent(cast, library):
    staff, patients = cast
    demo.seed(staff=staff, patients=patients)
    counts = (ProtocolTemplate.objects.count(), Program.objects.count())
    revisions = sorted(Program.objects.values_list("current_revision__number", flat=True))
    demo.seed(staff=staff, patients=patients)
    assert (ProtocolTemplate.objects.count(), Program.objects.count()) == counts
    assert sorted(Program.objects.values_list("current_revision__number", flat=True)) == revisions
