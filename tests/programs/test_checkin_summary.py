"""The programs' check-in summary: kept current by every writer, and the dashboard built on it
gives exactly what reading every program's logs gave (the old algorithm, kept here as the
reference)."""

import importlib
import random
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from programs import adherence
from programs.adherence import (
    AlertKind,
    DashboardRow,
    PainPoint,
    alerts_for,
    dashboard_alerts,
    dashboard_programs,
    program_start,
)
from programs.models import Program, ProgramRevision, SessionLog
from programs.services import (
    archive_program,
    publish_program,
    record_check_in,
    refresh_checkin_summary,
    update_program_details,
)
from tests.factories import (
    PatientFactory,
    ProgramFactory,
    ProgramItemFactory,
    SessionLogFactory,
    UserFactory,
    published_program,
)
from tests.programs.portal_helpers import log_on

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SUMMARY_FIELDS = [
    "first_published_at",
    "first_log_on",
    "first_back_pain",
    "first_leg_pain",
    "last_log_on",
    "last_back_pain",
    "last_leg_pain",
    "last_spread_on",
    "pain_rise",
    "silent_since",
]


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def summary(program: Program) -> dict:
    return Program.objects.filter(pk=program.pk).values(*SUMMARY_FIELDS).get()


def published_days_ago(program: Program, days: int) -> Program:
    """Move the program's whole history back `days` days, as the demo data does."""
    ProgramRevision.objects.filter(program=program).update(
        published_at=F("published_at") - timedelta(days=days)
    )
    Program.objects.filter(pk=program.pk).update(start_date=F("start_date") - timedelta(days=days))
    refresh_checkin_summary(program=program)
    program.refresh_from_db()
    return program


def check_in(program: Program, day: date, *, back=3, leg=4, legs="same"):
    return record_check_in(
        program=program,
        by=program.therapist,
        safety_answers={},
        log={
            "exercises_done": [1],
            "back_pain": back,
            "leg_pain": leg,
            "leg_symptoms": legs,
            "comment": "",
        },
        day=day,
    )


# --- what the summary holds -------------------------------------------------------------------


def test_summary_holds_first_and_last_log_the_latest_spread_and_the_rise(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 30)
    check_in(program, ago(20), back=3, leg=4, legs="further_down")
    check_in(program, ago(10), back=6, leg=3, legs="same")
    check_in(program, ago(2), back=4, leg=7, legs="moved_up")

    assert summary(program) == {
        "first_published_at": program.current_revision.published_at,
        "first_log_on": ago(20),
        "first_back_pain": 3,
        "first_leg_pain": 4,
        "last_log_on": ago(2),
        "last_back_pain": 4,
        "last_leg_pain": 7,
        "last_spread_on": ago(20),
        "pain_rise": 3,  # leg 4 → 7; back only 3 → 4
        "silent_since": ago(2),
    }


def test_without_logs_silence_counts_from_the_day_before_the_program_start(patient_record):
    program = published_program(patient=patient_record)
    update_program_details(
        program=program,
        changed_by=program.therapist,
        expected_version=program.version,
        title=program.title,
        goals="",
        notes="",
        start_date=ago(12),
        review_date=None,
    )
    # Published today, so the program started today whatever its start date says.
    assert summary(program)["silent_since"] == ago(1)

    published_days_ago(program, 20)  # published 20 days ago, start date 32 days ago
    assert summary(program)["silent_since"] == ago(21)
    assert summary(program)["pain_rise"] is None
    assert summary(program)["first_log_on"] is None


def test_moving_the_start_date_moves_the_silence(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 30)
    assert summary(program)["silent_since"] == ago(31)

    update_program_details(
        program=program,
        changed_by=program.therapist,
        expected_version=program.version,
        title=program.title,
        goals="",
        notes="",
        start_date=ago(5),
        review_date=None,
    )

    assert summary(program)["silent_since"] == ago(6)


def test_a_single_day_of_logs_has_no_rise(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 5)
    check_in(program, ago(1), back=1, leg=1)
    check_in(program, ago(1), back=9, leg=9)  # the same day, edited
    values = summary(program)
    assert (values["first_back_pain"], values["last_back_pain"]) == (9, 9)
    assert values["pain_rise"] is None


def test_editing_todays_log_updates_the_summary(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 10)
    check_in(program, ago(5), back=2, leg=2)
    check_in(program, TODAY, back=6, leg=2, legs="further_down")
    assert summary(program)["pain_rise"] == 4
    assert summary(program)["last_spread_on"] == TODAY

    result = check_in(program, TODAY, back=3, leg=2, legs="same")

    assert not result.created
    values = summary(program)
    assert (values["last_back_pain"], values["pain_rise"]) == (3, 1)
    assert values["last_spread_on"] is None


def test_a_log_for_an_earlier_day_becomes_the_first(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 30)
    check_in(program, ago(3), back=5, leg=5)
    log_on(program, ago(25), back=2, leg=5)  # backfilled from a paper diary

    values = summary(program)
    assert (values["first_log_on"], values["first_back_pain"]) == (ago(25), 2)
    assert values["last_log_on"] == ago(3)
    assert values["pain_rise"] == 3


def test_only_the_first_revision_sets_when_the_program_was_published(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 8)
    first = summary(program)["first_published_at"]
    ProgramItemFactory(program=program, order=9)
    publish_program(program=program, published_by=program.therapist)
    assert summary(program)["first_published_at"] == first
    assert first == program.revisions.get(number=1).published_at


def test_a_check_in_leaves_the_programs_edit_stamp_alone(patient_record):
    program = published_program(patient=patient_record)
    before = Program.objects.values_list("updated_at", "version").get(pk=program.pk)
    check_in(program, TODAY)
    assert Program.objects.values_list("updated_at", "version").get(pk=program.pk) == before


def test_the_summary_is_not_in_the_programs_admin_form(client, patient_record):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    program = published_program(patient=patient_record)
    response = client.get(f"/django-admin/programs/program/{program.pk}/change/")
    assert response.status_code == 200
    assert b'name="pain_rise"' not in response.content
    assert b'name="silent_since"' not in response.content


def test_editing_a_log_in_the_admin_updates_both_programs_summaries(client, patient_record):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    program = published_days_ago(published_program(patient=patient_record), 20)
    other = published_days_ago(published_program(patient=patient_record), 20)
    check_in(program, ago(15), back=2, leg=2)
    log = check_in(program, ago(4), back=7, leg=2).log
    assert summary(program)["pain_rise"] == 5

    response = client.post(
        f"/django-admin/programs/sessionlog/{log.pk}/change/",
        {
            "patient": patient_record.pk,
            "program": other.pk,
            "revision": other.current_revision.pk,
            "date": ago(4).isoformat(),
            "exercises_done": "[1]",
            "back_pain": 8,
            "leg_pain": 2,
            "leg_symptoms": "further_down",
            "comment": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert summary(program)["last_log_on"] == ago(15)
    assert summary(program)["pain_rise"] is None
    assert summary(other)["last_back_pain"] == 8
    assert summary(other)["last_spread_on"] == ago(4)


def test_the_migration_backfill_computes_what_the_service_does(therapist):
    programs = []
    for n in range(4):
        program = published_days_ago(published_program(patient=PatientFactory()), 10 + n)
        for day, back in [(9, 2), (6, 5 - n), (1, 3 + n)][:n]:
            log_on(program, ago(day), back=back, legs="further_down" if n == 2 else "same")
        programs.append(program)
    programs.append(ProgramFactory())  # a draft: its summary is first written at publishing
    for program in programs:
        refresh_checkin_summary(program=program)
    expected = {program.pk: summary(program) for program in programs}
    Program.objects.update(**dict.fromkeys(SUMMARY_FIELDS))

    migration = importlib.import_module("programs.migrations.0004_program_checkin_summary")
    migration.backfill(apps, None)

    assert {program.pk: summary(program) for program in programs} == expected


def test_the_factory_keeps_the_summary_current(patient_record):
    program = published_program(patient=patient_record)
    SessionLogFactory(
        patient=patient_record, program=program, revision=program.current_revision, date=TODAY
    )
    assert summary(program)["last_log_on"] == TODAY


# --- the dashboard gives what the old algorithm gave ------------------------------------------
#
# The reference: dashboard_alerts() as it was before the summary, reading four values per
# watched program with correlated subqueries and applying alerts_for() to every program. One
# change: where several programs share the severity at the ALERTS_SHOWN cut, the old code kept
# whichever the database returned first; the reference, like the new code, keeps them by name.


def _old_first_published():
    return Subquery(
        ProgramRevision.objects.filter(program=OuterRef("pk"))
        .order_by("number")
        .values("published_at")[:1]
    )


def _old_packed_log(order: str):
    return Subquery(
        SessionLog.objects.filter(program=OuterRef("pk"))
        .order_by(order)
        .annotate(
            packed=Concat(
                Cast("date", CharField()),
                Value("|"),
                Cast("back_pain", CharField()),
                Value("|"),
                Cast("leg_pain", CharField()),
                output_field=CharField(),
            )
        )
        .values("packed")[:1]
    )


def _old_unpack(packed: str | None) -> PainPoint | None:
    if not packed:
        return None
    day, back, leg = packed.split("|")
    return PainPoint(date.fromisoformat(day), int(back), int(leg))


def old_dashboard_alerts(user, *, everyone=False, today=None, shown_max=50) -> dict:
    today = today or timezone.localdate()
    spread_since = today - timedelta(days=adherence.SPREAD_WINDOW_DAYS - 1)
    rows = (
        dashboard_programs(user, everyone=everyone)
        .order_by()
        .annotate(
            first_published=_old_first_published(),
            first_log=_old_packed_log("date"),
            last_log=_old_packed_log("-date"),
            last_spread=Subquery(
                SessionLog.objects.filter(
                    program=OuterRef("pk"),
                    leg_symptoms=SessionLog.LegSymptoms.FURTHER_DOWN,
                    date__gte=spread_since,
                    date__lte=today,
                )
                .order_by("-date")
                .values("date")[:1]
            ),
        )
        .values_list("pk", "start_date", "first_published", "first_log", "last_log", "last_spread")
    )
    groups = {AlertKind.PAIN_RISING: [], AlertKind.SPREADING: [], AlertKind.SILENT: []}
    for pk, start_date, first_published, first_log, last_log, last_spread in rows:
        for alert in alerts_for(
            start=program_start(start_date, first_published),
            first=_old_unpack(first_log),
            last=_old_unpack(last_log),
            last_spread=last_spread,
            today=today,
        ):
            groups[alert.kind].append((pk, alert))
    programs = Program.objects.select_related("patient", "patient__therapist").in_bulk(
        {pk for found in groups.values() for pk, _ in found}
    )

    def by_name(found):  # the one change, see above
        pk, alert = found
        patient = programs[pk].patient
        return (-alert.severity, patient.last_name, patient.first_name, pk)

    shown = {kind: sorted(found, key=by_name)[:shown_max] for kind, found in groups.items()}
    lists = {
        kind: sorted(
            (DashboardRow(programs[pk], alert) for pk, alert in found),
            key=lambda row: (-row.alert.severity, row.patient.last_name, row.patient.first_name),
        )
        for kind, found in shown.items()
    }
    return {
        "today": today,
        "scope": "all" if everyone or user.is_clinic_admin else "mine",
        "can_narrow": not user.is_clinic_admin,
        "pain_rising": lists[AlertKind.PAIN_RISING],
        "spreading": lists[AlertKind.SPREADING],
        "silent": lists[AlertKind.SILENT],
        "counts": {kind: len(found) for kind, found in groups.items()},
    }


LAST_NAMES = ["Abbott", "abbott", "Davis", "de Vries", "Osei", "Zeller", "Ødegaard"]
FIRST_NAMES = ["Ana", "ana", "Bo", "Zoe"]
SYMPTOMS = [choice for choice, _ in SessionLog.LegSymptoms.choices]


def random_clinic(rng: random.Random, therapists: list) -> None:
    """Programs of every shape, written through the real services where there is one."""
    for n in range(36):
        patient = PatientFactory(
            therapist=rng.choice(therapists),
            last_name=rng.choice(LAST_NAMES),
            first_name=rng.choice(FIRST_NAMES),
        )
        if n % 12 == 0:
            ProgramFactory(patient=patient, start_date=ago(rng.randrange(0, 30)))  # a draft
            continue
        program = published_program(patient=patient, items=1)
        published_days_ago(program, rng.randrange(0, 40))
        if rng.random() < 0.3:  # the therapist moves the start date, either way
            update_program_details(
                program=program,
                changed_by=program.therapist,
                expected_version=program.version,
                title=program.title,
                goals="",
                notes="",
                start_date=program.start_date + timedelta(days=rng.randrange(-10, 10)),
                review_date=None,
            )
        if rng.random() < 0.15:  # a second version: the first still dates the start
            ProgramItemFactory(program=program, order=5)
            publish_program(program=program, published_by=program.therapist)
        program.refresh_from_db()
        days = rng.sample(range(-3, 25), k=rng.choice([0, 0, 1, 2, 3, 5, 8, 12]))
        for day in days:  # in random order: later days first, earlier ones backfilled
            pain = {"back": rng.randrange(0, 11), "leg": rng.randrange(0, 11)}
            legs = "further_down" if rng.random() < 0.3 else rng.choice(SYMPTOMS)
            if rng.random() < 0.6:
                check_in(program, ago(day), legs=legs, **pain)
            else:
                log_on(program, ago(day), legs=legs, **pain)
        for day in days[: rng.randrange(0, 3)]:  # the patient corrects a day
            check_in(program, ago(day), back=rng.randrange(0, 11), legs=rng.choice(SYMPTOMS))
        if n % 9 == 4:
            archive_program(
                program=program, changed_by=program.therapist, expected_version=program.version
            )
        if n % 9 == 7:
            type(patient).objects.filter(pk=patient.pk).update(archived_at=timezone.now())


SMALL_CAP = 3  # so the lists are cut
OFFSETS = (-5, -1, 0, 1, 6, 7, 9, 30)  # days from today the dashboard is asked about


def _comparable(alerts: dict) -> dict:
    comparable = dict(alerts)
    for kind in ("pain_rising", "spreading", "silent"):
        comparable[kind] = [(row.program.pk, row.alert) for row in alerts[kind]]
    return comparable


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dashboard_gives_what_the_old_algorithm_gave(
    seed, therapist, colleague, admin, monkeypatch
):
    random_clinic(random.Random(seed), [therapist, therapist, colleague])
    for shown_max in (50, SMALL_CAP):
        monkeypatch.setattr(adherence, "ALERTS_SHOWN", shown_max)
        for user, everyone in [
            (therapist, False),
            (therapist, True),
            (colleague, False),
            (admin, False),
        ]:
            for offset in OFFSETS:
                today = TODAY + timedelta(days=offset)
                new = dashboard_alerts(user, everyone=everyone, today=today)
                old = old_dashboard_alerts(
                    user, everyone=everyone, today=today, shown_max=shown_max
                )
                assert _comparable(new) == _comparable(old), (user, everyone, offset, shown_max)


def test_the_random_clinic_reaches_every_rule_and_the_cap(therapist, colleague):
    """The comparison above is only worth something if the data reach every rule."""
    random_clinic(random.Random(1), [therapist, therapist, colleague])
    most = dict.fromkeys(("pain_rising", "spreading", "silent"), 0)
    for offset in OFFSETS:
        counts = old_dashboard_alerts(therapist, everyone=True, today=ago(-offset))["counts"]
        most = {kind: max(most[kind], counts[kind]) for kind in most}
    assert all(count > SMALL_CAP for count in most.values()), most
    assert Program.objects.filter(status=Program.Status.ARCHIVED).exists()
    assert Program.objects.filter(patient__archived_at__isnull=False).exists()
    assert Program.objects.filter(current_revision__isnull=True).exists()
    assert SessionLog.objects.filter(date__gt=TODAY).exists()  # "today" before some logs
