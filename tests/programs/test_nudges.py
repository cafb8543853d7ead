"""Re-engagement nudges: one friendly email when a patient goes quiet, once per quiet spell; the
clinic's setting for how quiet; and where the therapist sees who was nudged."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, OutboxMessage
from programs import tasks
from programs.models import Program, ReminderPlan
from tests.clinic.conftest import huey_immediate  # noqa: F401 (the fixture, shared)
from tests.factories import SessionLogFactory, published_program

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("huey_immediate")]
# The program is published on Monday 2 March 2026 at 10:00 in New York (the clinic's zone).
PUBLISHED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def at(day: int, hour: int = 11) -> datetime:
    """`hour` o'clock in New York (EST, UTC−5) on `day` March 2026."""
    return datetime(2026, 3, day, 5, 0, tzinfo=UTC) + timedelta(hours=hour)


@pytest.fixture
def emailable(patient_record):
    patient_record.consent_email = True
    patient_record.save(update_fields=["consent_email"])
    return patient_record


@pytest.fixture
def program(emailable, therapist):
    with time_machine.travel(PUBLISHED, tick=False):
        return published_program(patient=emailable, items=2, by=therapist)


def nudges_at(moment: datetime) -> list[OutboxMessage]:
    with time_machine.travel(moment, tick=False):
        tasks.send_nudges()
    return list(OutboxMessage.objects.filter(kind=OutboxMessage.Kind.NUDGE).order_by("id"))


def log_on(program: Program, day: date):
    with time_machine.travel(datetime.combine(day, datetime.min.time(), tzinfo=UTC), tick=False):
        SessionLogFactory(
            patient=program.patient, program=program, revision=program.current_revision, date=day
        )


def test_a_patient_who_never_logs_is_nudged_after_four_days(program, emailable):
    assert nudges_at(at(4)) == []  # three days into the program
    [nudge] = nudges_at(at(5))  # four days without a log (the day before the start counts)
    assert nudge.idempotency_key == f"nudge:{emailable.uuid}:2026-03-01"
    assert nudge.recipient == emailable.user and nudge.patient == emailable


def test_quiet_days_count_from_the_last_log(program):
    log_on(program, date(2026, 3, 6))
    assert nudges_at(at(9)) == []  # three days after the log
    [nudge] = nudges_at(at(10))
    assert nudge.idempotency_key.endswith(":2026-03-06")


def test_one_nudge_per_quiet_spell_and_another_after_a_new_spell(program):
    assert len(nudges_at(at(5))) == 1
    for day in (6, 7, 8):
        for hour in (10, 13, 17):
            assert len(nudges_at(at(day, hour))) == 1  # the same spell: nothing more
    log_on(program, date(2026, 3, 9))
    assert len(nudges_at(at(12))) == 1
    assert len(nudges_at(at(13))) == 2  # a new spell, four days after the last log


def test_the_clinic_chooses_how_many_quiet_days(program):
    profile = ClinicProfile.load()
    profile.nudge_after_days = 2
    profile.save()
    assert len(nudges_at(at(3))) == 1


def test_nudges_go_out_in_the_daytime_only(program):
    assert nudges_at(at(5, hour=7)) == []
    assert nudges_at(at(5, hour=18)) == []
    assert len(nudges_at(at(5, hour=10))) == 1


def test_no_nudge_without_consent_to_email(program, emailable):
    emailable.consent_email = False
    emailable.save(update_fields=["consent_email"])
    assert nudges_at(at(6)) == []


def test_no_nudge_without_a_current_program(program):
    Program.objects.filter(pk=program.pk).update(status=Program.Status.ARCHIVED)
    assert nudges_at(at(6)) == []


def test_no_nudge_for_a_patient_who_stopped_reminders(program, emailable):
    ReminderPlan.objects.create(patient=emailable, status=ReminderPlan.Status.STOPPED)
    assert nudges_at(at(6)) == []


def test_a_patient_who_logs_on_any_current_program_is_not_quiet(program, emailable, therapist):
    with time_machine.travel(PUBLISHED, tick=False):
        second = published_program(patient=emailable, items=1, by=therapist)
    log_on(second, date(2026, 3, 4))
    assert nudges_at(at(6)) == []


def test_the_nudge_email_is_gentle_and_says_nothing_about_health(
    program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nudges_at(at(5))
    [email] = [e for e in mail.outbox if "hello" in e.subject]
    assert email.subject == "A quick hello from Restore Clinic"
    assert email.to == ["pat@test.example"]
    assert "We have not heard from you for a few days" in email.body
    for private in ("Rivera", program.title, "pain"):
        assert private not in email.body and private not in email.alternatives[0].content


# --- what staff see -----------------------------------------------------------------------------


def test_the_dashboard_says_when_a_quiet_patient_was_nudged(program, therapist, client):
    nudges_at(at(5))
    client.force_login(therapist)
    with time_machine.travel(at(10), tick=False):
        response = client.get(reverse("pages:dashboard"))
    [row] = response.context["portal_alerts"]["silent"]
    assert timezone.localdate(row.program.nudged_at) == date(2026, 3, 5)
    assert "Nudged 5 Mar" in response.content.decode()


def test_a_nudge_before_the_last_log_is_not_shown(program, therapist, client):
    nudges_at(at(5))
    log_on(program, date(2026, 3, 6))
    client.force_login(therapist)
    with time_machine.travel(at(14), tick=False):  # quiet again for 8 days, not yet nudged
        response = client.get(reverse("pages:dashboard"))
    [row] = response.context["portal_alerts"]["silent"]
    assert row.program.nudged_at is None
    assert "Nudged" not in response.content.decode()


def test_the_nudge_is_listed_on_the_patients_messages_page(program, emailable, therapist, client):
    nudges_at(at(5))
    client.force_login(therapist)
    response = client.get(reverse("clinic:patient-messages", kwargs={"uuid": emailable.uuid}))
    assert "Check-in nudge" in response.content.decode()
