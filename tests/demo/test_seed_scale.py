import pytest
from django.core.management import CommandError
from django.db.models import Max

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


def test_seed_scale_rows_read_back_whole_on_either_path(library):
    """PostgreSQL writes the big tables with COPY, SQLite with bulk_create: same rows."""
    from django.utils import timezone

    seed_scale("--patients", "20", "--batch", "7")
    signed = Intake.objects.filter(status=Intake.Status.SIGNED).first()
    assert signed.completed_sections == ["complaint", "red-flags", "body-chart", "pain", "consent"]
    assert isinstance(signed.precaution_tags, list)
    assert signed.signed_at is not None and signed.created_at is not None
    log = SessionLog.objects.order_by("-date").first()
    assert log.exercises_done == [1, 2, 3]
    assert log.date == timezone.localdate()
    assert log.comment == "" and log.late is False and log.client_uuid is None
    # The check-in summaries are written for every program, from its own logs (some programs
    # have gone quiet, as in a real clinic, so their last log is older).
    assert not Program.objects.filter(last_log_on__isnull=True).exists()
    last_logs = dict(
        SessionLog.objects.values("program")
        .annotate(last=Max("date"))
        .values_list("program", "last")
    )
    assert dict(Program.objects.values_list("pk", "last_log_on")) == last_logs
    assert timezone.localdate() in last_logs.values()


def test_copy_rows_keeps_text_json_and_nulls_exact(db):
    from django.db import connection, transaction

    from demo.management.commands.seed_scale import copy_rows, copy_updates

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite takes bulk_create")
    from datetime import date

    tricky = "tab\there\nnew line \\N back\\slash \r Ødegaard"
    with transaction.atomic():
        copy_rows(
            Patient,
            [
                Patient(
                    first_name="A", last_name="B", date_of_birth=date(1980, 1, 1), address=tricky
                ),
                Patient(first_name="C", last_name="D", date_of_birth=date(1981, 1, 1)),
            ],
        )
    first, second = Patient.objects.order_by("id")
    assert first.address == tricky and second.address == ""
    assert first.created_at is not None and first.archived_at is None
    with transaction.atomic():
        copy_updates(Patient, [(first.pk, {"address": "x\ty"}), (second.pk, {"address": "plain"})])
    first.refresh_from_db()
    assert first.address == "x\ty"


def _schema(cursor) -> tuple[list, list]:
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        " ORDER BY indexname"
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2"
    )
    return indexes, cursor.fetchall()


def test_seed_scale_builds_back_every_index_and_key_it_loads_without(library):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("indexes are deferred on PostgreSQL only")
    with connection.cursor() as cursor:
        before = _schema(cursor)
    seed_scale("--patients", "20", "--batch", "7")
    with connection.cursor() as cursor:
        assert _schema(cursor) == before


def test_deferred_indexes_are_built_back_when_the_load_fails(db):
    from django.db import connection

    from demo.management.commands.seed_scale import deferred_indexes

    if connection.vendor != "postgresql":
        pytest.skip("indexes are deferred on PostgreSQL only")
    with connection.cursor() as cursor:
        before = _schema(cursor)
        with pytest.raises(RuntimeError), deferred_indexes(SessionLog):
            assert _schema(cursor) != before  # the plain indexes and keys are gone
            raise RuntimeError("the load failed")
        assert _schema(cursor) == before


def test_copy_values_refuses_a_column_it_would_not_escape(db):
    from demo.management.commands.seed_scale import copy_values

    with pytest.raises(ValueError, match="comment is not a plain column"):
        copy_values(SessionLog, ("comment",), [("tab\there",)])
