"""Create a large fictional dataset for benchmarks: patients, intakes, programs, logs.

Default scale (the one docs/performance.md measures): 50,000 patients, 100,000 intakes, 20,000
programs with revisions and 1,000,000 session logs (and each program's check-in summary,
computed while the logs are made), plus red flags on 1 intake in 40 (one in ten of those still
open, the rest decided, so the dashboard and the patient list have flags to find). Bulk inserts
in batches (COPY on PostgreSQL) make it finish in minutes: 500,000 patients in under 30 on
PostgreSQL. Scaled-down runs keep the same ratios (`--patients 5000` gives 10,000 intakes,
2,000 programs and 100,000 logs). Rows are marked with the `scale.example` email domain.
"""

import io
import json
import random
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from clinic.models import Intake, Patient, RedFlag, User
from clinic.redflags import OVERRIDE_REASONS, RED_FLAG_QUESTIONS
from demo.guard import refuse_without_debug
from programs.adherence import PainPoint, checkin_summary
from programs.models import Exercise, Program, ProgramRevision, SessionLog
from programs.services import SNAPSHOT_SCHEMA, exercise_snapshot, snapshot_hash

FIRST = [
    "Avery", "Blake", "Casey", "Devon", "Emerson", "Finley", "Harper", "Jamie", "Kendall", "Logan",
    "Morgan", "Parker", "Quinn", "Reese", "Rowan", "Sage", "Skyler", "Taylor", "Jordan", "Riley",
]  # fmt: skip
LAST = [
    "Abbott", "Barros", "Carver", "Dalton", "Ellison", "Fairbanks", "Galloway", "Hollis", "Ingram",
    "Jarvis", "Keller", "Lindqvist", "Mercer", "Nakamura", "Osei", "Pruitt", "Quintero",
    "Rasmussen", "Sorensen", "Thorne", "Underhill", "Vasquez", "Whitley", "Yamada", "Zeller",
]  # fmt: skip

LOGS_PER_PROGRAM = 50
# Alert rates near a real clinic's, not what uniform random answers give (87 % of programs had
# spread in the last week, a third had pain up by 2): a log says the symptoms moved further
# down the leg once in 250 (about 3 % of programs in a week), pain drifts down over the
# program (about 1 in 20 has risen by 2), and 1 program in 7 stopped logging 7 to 10 days ago.
SPREAD_PER_LOG = 0.004
SILENT_EVERY_N_PROGRAMS = 7
FLAG_EVERY_N_INTAKES = 40
OPEN_FLAG_EVERY_N_FLAGS = 10


class Progress:
    """A one-line progress bar on stderr (no dependency needed for one bar)."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.stream = label, total, sys.stderr
        self.done = 0
        self.started = time.monotonic()

    def advance(self, n: int) -> None:
        self.done += n
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r{self.label:<14} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done:>9,}/{self.total:,} {elapsed:6.1f}s"
        )
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _signed(name: str, therapist_id: int, visit_date: date) -> dict:
    """An intake's signing fields: signed on the visit day with every consent given."""
    return {
        "status": Intake.Status.SIGNED,
        "signature_name": name,
        "signed_at": timezone.make_aware(datetime.combine(visit_date, datetime.min.time()))
        + timedelta(hours=11),
        "signed_by_staff_id": therapist_id,
        "completed_sections": ["complaint", "red-flags", "body-chart", "pain", "consent"],
        **dict.fromkeys(Intake.CONSENT_FIELDS, True),
    }


class Command(BaseCommand):
    help = "Create a large fictional dataset for performance benchmarks (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=50_000)
        parser.add_argument("--batch", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, patients: int, batch: int, seed: int, **options):
        refuse_without_debug("seed_scale")
        if patients < 10:
            raise CommandError("--patients must be at least 10.")
        if Patient.objects.filter(email__endswith="@scale.example").exists():
            raise CommandError("Scale data is already loaded (patients @scale.example exist).")
        rng = random.Random(seed)  # noqa: S311 (fictional benchmark data)
        started = time.monotonic()
        therapists = self._therapists()
        exercises = list(
            Exercise.objects.active().prefetch_related("contraindications", "translations")[:36]
        )
        if not exercises:
            raise CommandError("The exercise library is empty: run `manage.py load_library`.")
        today = timezone.localdate()

        with bulk_load_session(), deferred_indexes(Patient, Intake, ProgramRevision, SessionLog):
            patient_ids = self._patients(patients, therapists, rng, batch)
            self._intakes(patient_ids, therapists, rng, batch, today)
            self._red_flags(rng, batch)
            published = timezone.now()
            program_rows = self._programs(
                patient_ids, therapists, exercises, rng, batch, today, published
            )
            summaries = self._logs(program_rows, rng, batch, today, published)
            self._checkin_summaries(summaries, batch)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather soon after: without them the
            # planner guesses row counts for tables that were empty a few minutes ago.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data created in {time.monotonic() - started:.0f} s.")
        )

    def _therapists(self) -> list[User]:
        therapists = []
        for n in range(10):
            user, _ = User.objects.get_or_create(
                email=f"therapist{n}@scale.example",
                defaults={
                    "first_name": "Scale",
                    "last_name": f"Therapist {n}",
                    "role": "therapist",
                },
            )
            therapists.append(user)
        return therapists

    def _patients(self, count, therapists, rng, batch) -> list[tuple[int, int]]:
        progress = Progress("patients", count)
        for start in range(0, count, batch):
            rows = [
                Patient(
                    uuid=uuid.uuid4(),
                    first_name=rng.choice(FIRST),
                    last_name=f"{rng.choice(LAST)}{'' if n % 7 else '-' + rng.choice(LAST)}",
                    date_of_birth=date(1940, 1, 1) + timedelta(days=rng.randrange(0, 60 * 365)),
                    email=f"p{n}@scale.example",
                    phone=f"(617) 5{n % 100:02d}-{n % 10000:04d}",
                    therapist=therapists[n % len(therapists)],
                    archived_at=timezone.now() if n % 10 == 0 else None,
                )
                for n in range(start, min(start + batch, count))
            ]
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    copy_rows(Patient, rows)
                else:
                    Patient.objects.bulk_create(rows, batch_size=batch)
            progress.advance(len(rows))
            reset_queries()  # with DEBUG on, Django would keep every batch's SQL in memory
        return list(
            Patient.objects.filter(email__endswith="@scale.example")
            .order_by("id")
            .values_list("id", "therapist_id")
        )

    def _intakes(self, patient_ids, therapists, rng, batch, today) -> None:
        total = len(patient_ids) * 2
        progress = Progress("intakes", total)
        names = {
            pk: f"{first} {last}"
            for pk, first, last in Patient.objects.filter(
                email__endswith="@scale.example"
            ).values_list("id", "first_name", "last_name")
        }
        pending = []
        for patient_id, therapist_id in patient_ids:
            for visit in range(2):
                visit_date = today - timedelta(days=rng.randrange(0, 900) + visit * 120)
                # One intake of each is signed with every consent (a home program's included),
                # as publishing asks; the other stays a draft.
                signed = visit == 0
                pending.append(
                    Intake(
                        uuid=uuid.uuid4(),
                        patient_id=patient_id,
                        therapist_id=therapist_id,
                        visit_date=visit_date,
                        onset_date=visit_date - timedelta(days=rng.randrange(5, 400)),
                        back_pain_now=rng.randrange(0, 11),
                        leg_pain_now=rng.randrange(0, 11),
                        precaution_tags=rng.choice([[], [], ["acute_radicular"], ["osteoporosis"]]),
                        **(_signed(names[patient_id], therapist_id, visit_date) if signed else {}),
                    )
                )
            if len(pending) >= batch:
                self._flush(Intake, pending, progress)
        self._flush(Intake, pending, progress)

    def _red_flags(self, rng, batch) -> None:
        intakes = list(
            Intake.objects.filter(patient__email__endswith="@scale.example")
            .order_by("id")
            .values_list("id", "patient_id", "therapist_id", "created_at")[::FLAG_EVERY_N_INTAKES]
        )
        progress = Progress("red flags", len(intakes))
        pending = []
        for n, (intake_id, patient_id, therapist_id, created_at) in enumerate(intakes):
            question = rng.choice(RED_FLAG_QUESTIONS)
            decided = n % OPEN_FLAG_EVERY_N_FLAGS != 0
            pending.append(
                RedFlag(
                    uuid=uuid.uuid4(),
                    patient_id=patient_id,
                    intake_id=intake_id,
                    code=question.code,
                    tier=question.tier,
                    reason=question.pathology,
                    raised_by_id=therapist_id,
                    created_at=created_at - timedelta(minutes=n),
                    status=RedFlag.Status.DECIDED if decided else RedFlag.Status.OPEN,
                    decision_reason=OVERRIDE_REASONS[0][0] if decided else "",
                    decided_by_id=therapist_id if decided else None,
                    decided_at=created_at if decided else None,
                )
            )
            if len(pending) >= batch:
                self._flush(RedFlag, pending, progress)
        self._flush(RedFlag, pending, progress)

    def _snapshots(self, exercises, rng, therapists) -> list[dict]:
        snapshots = []
        for _ in range(20):
            chosen = rng.sample(exercises, k=min(len(exercises), rng.randrange(6, 13)))
            items = [
                {
                    "position": n,
                    "sets": 1,
                    "reps": 10,
                    "hold_s": 2,
                    "duration_min": None,
                    "side": "both",
                    "side_label": "Both sides",
                    "times_per_day": 1,
                    "days_per_week": 7,
                    "tempo": exercise.tempo,
                    "note": "",
                    "override_reason": "",
                    "dose_text": "1 set of 10, hold 2 s, each side",
                    "frequency_text": "daily",
                    "exercise": exercise_snapshot(exercise),
                }
                for n, exercise in enumerate(chosen, start=1)
            ]
            therapist = rng.choice(therapists)
            snapshots.append(
                {
                    "schema": SNAPSHOT_SCHEMA,
                    "title": "Home program",
                    "goals": "Walk 30 minutes without leg pain.",
                    "notes": "",
                    "start_date": timezone.localdate().isoformat(),
                    "review_date": None,
                    "therapist": {"name": therapist.get_full_name(), "title": ""},
                    "items": items,
                }
            )
        return snapshots

    def _programs(self, patient_ids, therapists, exercises, rng, batch, today, published):
        count = max(1, len(patient_ids) * 2 // 5)
        snapshots = self._snapshots(exercises, rng, therapists)
        hashes = [snapshot_hash(s) for s in snapshots]
        chosen = rng.sample(patient_ids, k=count)
        progress = Progress("programs", count)
        program_rows = []
        for start in range(0, count, batch):
            chunk = chosen[start : start + batch]
            programs = [
                Program(
                    uuid=uuid.uuid4(),
                    patient_id=patient_id,
                    therapist_id=therapist_id,
                    title="Home program",
                    status=Program.Status.PUBLISHED,
                    start_date=self._start_date(today),
                    has_unpublished_changes=False,
                )
                for patient_id, therapist_id in chunk
            ]
            with transaction.atomic():
                Program.objects.bulk_create(programs, batch_size=batch)
                created = list(
                    Program.objects.filter(uuid__in=[p.uuid for p in programs]).values_list(
                        "id", "patient_id", "therapist_id"
                    )
                )
                revisions = []
                for program_id, _patient_id, therapist_id in created:
                    for number in (1, 2) if program_id % 2 else (1,):
                        pick = rng.randrange(len(snapshots))
                        revisions.append(
                            ProgramRevision(
                                uuid=uuid.uuid4(),
                                program_id=program_id,
                                number=number,
                                published_at=published,
                                published_by_id=therapist_id,
                                snapshot=snapshots[pick],
                                content_hash=hashes[pick],
                            )
                        )
                if connection.vendor == "postgresql":
                    copy_revisions(revisions, snapshots, hashes)
                else:
                    ProgramRevision.objects.bulk_create(revisions, batch_size=batch)
                latest = {}
                for revision_id, program_id in (
                    ProgramRevision.objects.filter(program_id__in=[c[0] for c in created])
                    .order_by("program_id", "number")
                    .values_list("id", "program_id")
                ):
                    latest[program_id] = revision_id
                if connection.vendor == "postgresql":
                    copy_updates(
                        Program,
                        [(pid, {"current_revision_id": rid}) for pid, rid in latest.items()],
                    )
                else:
                    updates = [
                        Program(id=pid, current_revision_id=rid) for pid, rid in latest.items()
                    ]
                    Program.objects.bulk_update(updates, ["current_revision"], batch_size=batch)
            program_rows += [(pid, patient_id, latest[pid]) for pid, patient_id, _ in created]
            progress.advance(len(chunk))
            reset_queries()
        return program_rows

    @staticmethod
    def _start_date(today: date) -> date:
        return today - timedelta(days=LOGS_PER_PROGRAM + 10)

    def _logs(self, program_rows, rng, batch, today, published) -> list[tuple[int, dict]]:
        """Insert the logs; return each program's check-in summary, computed on the way.

        Ten million rows at 500,000 patients: each log is a tuple of the columns that vary,
        not a model instance (building instances cost more than COPY itself).
        """
        total = len(program_rows) * LOGS_PER_PROGRAM
        progress = Progress("session logs", total)
        further = SessionLog.LegSymptoms.FURTHER_DOWN
        others = [choice for choice, _ in SessionLog.LegSymptoms.choices if choice != further]
        # Back in time pain is a little more often higher: it eases over the program.
        steps = (-1, -1, 0, 0, 0, 0, 1, 1, 1, 1)
        start_date = self._start_date(today)
        dates = [today - timedelta(days=day) for day in range(LOGS_PER_PROGRAM + 11)]
        choice, randrange, random_ = rng.choice, rng.randrange, rng.random
        pending = []
        summaries = []
        for program_id, patient_id, revision_id in program_rows:
            back, leg = randrange(2, 9), randrange(0, 9)
            first = last = last_spread = None
            # The start date leaves 10 days before the first of the 50 logs.
            stopped = randrange(7, 11) if program_id % SILENT_EVERY_N_PROGRAMS == 0 else 0
            for day in range(stopped, stopped + LOGS_PER_PROGRAM):  # latest first, back in time
                back = min(10, max(0, back + choice(steps)))
                leg = min(10, max(0, leg + choice(steps)))
                symptoms = further if random_() < SPREAD_PER_LOG else choice(others)
                on = dates[day]
                pending.append(
                    (uuid.uuid4(), patient_id, program_id, revision_id, on, back, leg, symptoms)
                )
                first = PainPoint(on, back, leg)
                last = last or first
                if last_spread is None and symptoms == further:
                    last_spread = on
            summaries.append(
                (
                    program_id,
                    checkin_summary(
                        start_date=start_date,
                        first_published=published,
                        first=first,
                        last=last,
                        last_spread=last_spread,
                    ),
                )
            )
            if len(pending) >= batch:
                self._flush_logs(pending, progress)
        self._flush_logs(pending, progress)
        return summaries

    LOG_COLUMNS = (
        "uuid",
        "patient_id",
        "program_id",
        "revision_id",
        "date",
        "back_pain",
        "leg_pain",
        "leg_symptoms",
    )

    def _flush_logs(self, pending: list[tuple], progress: Progress) -> None:
        if not pending:
            return
        with transaction.atomic():
            if connection.vendor == "postgresql":
                copy_values(SessionLog, self.LOG_COLUMNS, pending, exercises_done=[1, 2, 3])
            else:
                logs = [
                    SessionLog(
                        exercises_done=[1, 2, 3], **dict(zip(self.LOG_COLUMNS, row, strict=True))
                    )
                    for row in pending
                ]
                SessionLog.objects.bulk_create(logs, batch_size=len(logs))
        progress.advance(len(pending))
        pending.clear()
        reset_queries()

    def _checkin_summaries(self, summaries: list[tuple[int, dict]], batch: int) -> None:
        """Write the programs' check-in summaries (what refresh_checkin_summary would)."""
        progress = Progress("check-ins", len(summaries))
        if connection.vendor == "postgresql" and summaries:
            with transaction.atomic():
                copy_updates(Program, [(pk, summary) for pk, summary in summaries])
            progress.advance(len(summaries))
            return
        for start in range(0, len(summaries), batch):
            chunk = summaries[start : start + batch]
            # One UPDATE per program: bulk_update's CASE expressions cost more to build in
            # Python than the statements cost to run.
            with transaction.atomic():
                for program_id, summary in chunk:
                    Program.objects.filter(pk=program_id).update(**summary)
            progress.advance(len(chunk))
            reset_queries()

    @staticmethod
    def _flush(model, pending: list, progress: Progress) -> None:
        if not pending:
            return
        with transaction.atomic():
            if connection.vendor == "postgresql":
                copy_rows(model, pending)
            else:
                model.objects.bulk_create(pending, batch_size=len(pending))
        progress.advance(len(pending))
        pending.clear()
        reset_queries()


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def copy_updates(model, rows: list[tuple[int, dict]]) -> None:
    """Set columns of many rows by primary key: COPY into a temporary table, one UPDATE.

    Each row is `(pk, {attname: value})`, every dict with the same keys. PostgreSQL only.
    """
    names = list(rows[0][1])
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(f.column) for f in fields]
    buffer = io.StringIO()
    for pk, values in rows:
        buffer.write("\t".join([str(pk), *(_copy_text(values[n]) for n in names)]))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        select = f"SELECT id, {', '.join(columns)} FROM {table} WITH NO DATA"  # noqa: S608
        cursor.execute(f"CREATE TEMPORARY TABLE seed_scale_updates ON COMMIT DROP AS {select}")
        cursor.copy_expert(f"COPY seed_scale_updates (id, {', '.join(columns)}) FROM STDIN", buffer)
        assignments = ", ".join(f"{c} = u.{c}" for c in columns)
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM seed_scale_updates u WHERE {table}.id = u.id"  # noqa: S608
        )
        # Dropped now, not only at commit: inside an outer transaction (a test's) the next
        # batch creates it again.
        cursor.execute("DROP TABLE seed_scale_updates")


def copy_rows(model, objs: list, *, table: str | None = None, exclude: tuple = ()) -> None:
    """Insert unsaved instances with one `COPY ... FROM STDIN` (PostgreSQL only).

    What bulk_create would write, without building one parameterised INSERT per batch: at
    ten million session logs, compiling and sending the INSERTs costs more than the rows.
    Every concrete column but the primary key (and `exclude`) is written, into the model's
    table or `table`; `auto_now`/`auto_now_add` fields left empty get the same "now"
    bulk_create would give them.
    """
    now = timezone.now()
    fields = [
        f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in exclude
    ]
    converters = []
    for field in fields:
        if field.get_internal_type() == "JSONField":
            encoder = field.encoder

            def convert(value, encoder=encoder, seen={}):  # noqa: B006 (one cache per call)
                # The seed shares one object between many rows (the 20 program snapshots):
                # encode each once. Keyed by id(), valid while `objs` keeps the values alive.
                key = id(value)
                if key not in seen:
                    seen[key] = _copy_text(
                        None if value is None else json.dumps(value, cls=encoder)
                    )
                return seen[key]
        else:
            convert = _copy_text
        stamp = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        converters.append((field.attname, convert, stamp))
    buffer = io.StringIO()
    write = buffer.write
    for obj in objs:
        values = []
        for attname, convert, stamp in converters:
            value = getattr(obj, attname)
            if stamp and value is None:
                value = now
            values.append(convert(value))
        write("\t".join(values))
        write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(table or model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)


# Columns whose values print as PostgreSQL reads them (`str()` needs no COPY escaping).
PLAIN_TYPES = {
    "UUIDField",
    "ForeignKey",
    "DateField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
}


def copy_values(model, attnames: tuple, rows: list[tuple], **constants) -> None:
    """Insert rows given as tuples of `attnames` values with one COPY (PostgreSQL only).

    For millions of rows where a model instance per row costs more than the COPY: each row
    holds only the columns that vary, none of them None, each a plain value (a key, a UUID, a
    number, a date) or a choice whose values need no escaping. Every other column takes
    `constants` or the model's default, as a new instance would, converted once.
    """
    quote = connection.ops.quote_name
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    for name in attnames:
        field = fields[name]
        plain = field.get_internal_type() in PLAIN_TYPES or (
            field.choices
            and all(_copy_text(str(value)) == str(value) for value, _ in field.choices)
        )
        if not plain:
            raise ValueError(f"{model.__name__}.{name} is not a plain column for copy_values.")
    rest = [f for name, f in fields.items() if name not in attnames]
    template = model(**constants)
    now = timezone.now()
    tail = []
    for field in rest:
        value = getattr(template, field.attname)
        if value is None and (
            getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ):
            value = now
        if field.get_internal_type() == "JSONField" and value is not None:
            value = json.dumps(value, cls=field.encoder)
        tail.append(_copy_text(value))
    suffix = "\t" + "\t".join(tail) + "\n" if tail else "\n"
    buffer = io.StringIO()
    buffer.writelines(["\t".join(map(str, row)) + suffix for row in rows])
    buffer.seek(0)
    columns = [quote(fields[name].column) for name in attnames]
    columns += [quote(f.column) for f in rest]
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def copy_revisions(revisions: list, snapshots: list[dict], hashes: list[str]) -> None:
    """Insert program revisions that share a few snapshots, each snapshot sent once.

    A snapshot is 25 KB of JSON: sent and parsed once per revision it cost more than the rest
    of the seed's programs. Each batch's distinct snapshots go into a temporary table, the
    revisions without them into another, and one INSERT ... SELECT joins them by content hash
    (PostgreSQL copies the stored, already parsed value).
    """
    quote = connection.ops.quote_name
    table = quote(ProgramRevision._meta.db_table)
    fields = [f for f in ProgramRevision._meta.concrete_fields if not f.primary_key]
    columns = [quote(f.column) for f in fields if f.attname != "snapshot"]
    buffer = io.StringIO()
    for content_hash, snapshot in dict(zip(hashes, snapshots, strict=True)).items():
        encoder = ProgramRevision._meta.get_field("snapshot").encoder
        buffer.write(
            f"{_copy_text(content_hash)}\t{_copy_text(json.dumps(snapshot, cls=encoder))}\n"
        )
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE seed_scale_snapshots (content_hash text PRIMARY KEY,"
            " snapshot jsonb NOT NULL) ON COMMIT DROP"
        )
        cursor.copy_expert("COPY seed_scale_snapshots FROM STDIN", buffer)
        cursor.execute(
            "CREATE TEMPORARY TABLE seed_scale_revisions ON COMMIT DROP"  # noqa: S608
            f" AS SELECT * FROM {table} WITH NO DATA"
        )
    copy_rows(ProgramRevision, revisions, table="seed_scale_revisions", exclude=("snapshot",))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}, snapshot)"  # noqa: S608
            f" SELECT {', '.join('r.' + c for c in columns)}, s.snapshot"
            " FROM seed_scale_revisions r JOIN seed_scale_snapshots s"
            " ON s.content_hash = r.content_hash"
        )
        # Dropped now, not only at commit: inside an outer transaction (a test's) the next
        # batch creates them again.
        cursor.execute("DROP TABLE seed_scale_revisions, seed_scale_snapshots")


@contextmanager
def bulk_load_session():
    """This connection's settings for a bulk load (PostgreSQL), put back afterwards.

    A commit does not wait for its WAL to reach the disk (a crash loses the last batches,
    never consistency; the seed is rerun anyway), index builds get more memory, and large
    values are compressed with lz4 where the server has it: the snapshots take 24 KB each,
    where pglz gives up on them and stores 31 KB (a 500,000 seed's revisions 7.6 GB, not
    about 10; any reader of this server decompresses either).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        (lz4,) = cursor.fetchone() or (False,)
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        if lz4:
            cursor.execute("SET default_toast_compression = lz4")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("RESET default_toast_compression")


@contextmanager
def deferred_indexes(*models):
    """Load the models' tables without their plain indexes and foreign keys, then build them.

    What pg_restore does: one sort per index and one join per foreign key after the load
    cost far less than keeping five indexes and three key checks per row during it. Unique
    indexes and the primary key stay (they are constraints, and the seed reads by them). The
    definitions come from the catalogue, so what is rebuilt is exactly what was dropped; it is
    rebuilt when the load fails too. PostgreSQL only; SQLite loads with its indexes.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ic.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " JOIN pg_class ic ON ic.oid = i.indexrelid"
            " WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT k.conrelid::regclass::text, k.conname, pg_get_constraintdef(k.oid)"
            " FROM pg_constraint k WHERE k.contype = 'f' AND k.conrelid = ANY(%s::regclass[])",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _ in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote_ident(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote_ident(name)}")
    try:
        yield
    finally:
        progress = Progress("indexes", len(indexes) + len(foreign_keys))
        with connection.cursor() as cursor:
            for _, definition in indexes:
                cursor.execute(definition)
                progress.advance(1)
            for table, name, definition in foreign_keys:
                cursor.execute(
                    f"ALTER TABLE {table} ADD CONSTRAINT {quote_ident(name)} {definition}"
                )
                progress.advance(1)


def quote_ident(name: str) -> str:
    return connection.ops.quote_name(name)
