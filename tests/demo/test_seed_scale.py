import pytest
from django.core.management import CommandError

from clinic.models import Intake, Patient, RedFlag
from programs.models import Program, ProgramRevision, SessionLog
from tests.demo import seed_scale
from tests.factories import ExerciseFactory


@pytest.fixture
def library(db):
    return ExerciseFactory.create_batch(8)


def test_seed_scale_keeps_the_issue_ratios(library, capsys):
    seed_scale("--patients", "20", "--batch", "7")
    assert Patient.objects.filter(email__endswith="@scale.example").count() == 20
    assert Intake.objects.count() == 40
    assert Program.objects.count() == 8
    assert SessionLog.objects.count() == 8 * 50
    assert ProgramRevision.objects.count() >= 8
    assert not Program.objects.filter(current_revision__isnull=True).exists()
    # The latest revision is the current one.
    for program in Program.objects.all():
        assert program.current_revision == program.revisions.order_by("-number").first()
    assert "session logs" in capsys.readouterr().err


def test_seed_scale_raises_flags_on_one_intake_in_forty_mostly_decided(library):
    seed_scale("--patients", "400", "--batch", "150")
    flags = RedFlag.objects.all()
    assert flags.count() == 800 // 40
    assert flags.filter(status=RedFlag.Status.OPEN).count() == 2
    decided = flags.filter(status=RedFlag.Status.DECIDED)
    assert not decided.filter(decided_by__isnull=True).exists()
    assert all(flag.intake.patient_id == flag.patient_id for flag in flags)


def test_seed_scale_refuses_to_run_twice(library):
    seed_scale("--patients", "10")
    with pytest.raises(CommandError, match="already loaded"):
        seed_scale("--patients", "10")


def test_seed_scale_needs_the_library(db):
    with pytest.raises(CommandError, match="library is empty"):
        seed_scale("--patients", "10")


def test_seed_scale_patients_have_a_signed_intake_with_home_program_consent(library):
    from clinic.models import Intake

    seed_scale("--patients", "12", "--batch", "5")
    intakes = Intake.objects.filter(patient__email__endswith="@scale.example")
    signed = intakes.filter(status=Intake.Status.SIGNED)
    assert signed.count() == 12 == intakes.count() / 2
    assert not signed.filter(consent_home_program=False).exists()
    assert set(signed.values_list("patient_id", flat=True)) == set(
        Patient.objects.filter(email__endswith="@scale.example").values_list("id", flat=True)
    )
