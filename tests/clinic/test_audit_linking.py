"""An audit row goes in as one insert, pending; the worker links pending rows into the hash
chain in primary-key order; a row left pending past the window fails verification."""

import csv
import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from clinic import audit, audit_checkpoints, checks, tasks
from clinic.models import AuditChainHead, AuditEvent
from tests.factories import PatientFactory

Action = AuditEvent.Action
TABLE = AuditEvent._meta.db_table


@pytest.fixture(autouse=True)
def _own_checkpoint_file(settings, tmp_path):
    settings.RESTORE_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"


def _record(n, *, by=None, patient=None):
    return [
        audit.record(action=Action.VIEW, user=by, patient=patient, detail=f"view {i}")
        for i in range(n)
    ]


def _verify() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit_log", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _verify_fails() -> str:
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit_log", stdout=io.StringIO(), stderr=err)
    return err.getvalue() + str(failure.value)


# --- writing: one insert, pending ---------------------------------------------------------------


def test_recording_a_row_is_one_insert_and_takes_no_lock(therapist, django_assert_num_queries):
    patient = PatientFactory()
    AuditChainHead.objects.create(pk=1)
    with django_assert_num_queries(1) as captured:
        event = audit.record(action=Action.VIEW, user=therapist, patient=patient, obj=patient)
    assert captured.captured_queries[0]["sql"].startswith(f'INSERT INTO "{TABLE}"')
    event.refresh_from_db()
    assert (event.seq, event.prev_hash, event.row_hash) == (None, "", "")
    assert (event.actor, event.patient, event.object_id) == (
        therapist.email,
        patient,
        str(patient.uuid),
    )
    assert AuditChainHead.objects.get().seq == 0  # the head moves only when rows are linked


def test_a_page_read_costs_one_query_for_its_audit_row(therapist_client, patient_record):
    """The patient page's read row is one INSERT; nothing touches the chain head."""
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    url = reverse("pages:patient-detail", kwargs={"uuid": patient_record.uuid})
    therapist_client.get(url)
    with CaptureQueriesContext(conn) as captured:
        assert therapist_client.get(url).status_code == 200
    audit_sql = [q["sql"] for q in captured.captured_queries if "audit" in q["sql"].lower()]
    assert len(audit_sql) == 1
    assert audit_sql[0].startswith(f'INSERT INTO "{TABLE}"')


# --- linking ------------------------------------------------------------------------------------


def test_linking_numbers_rows_in_primary_key_order_and_chains_their_hashes(therapist):
    events = _record(4, by=therapist)
    # A row whose clock ran behind still takes its place by primary key.
    late_clock = AuditEvent(
        at=timezone.now() - timedelta(seconds=30), action=Action.VIEW, detail="slow clock"
    )
    late_clock.save()
    assert audit.link_pending() == 5
    linked = list(AuditEvent.objects.order_by("pk"))
    assert [e.pk for e in linked] == [e.pk for e in events] + [late_clock.pk]
    assert [e.seq for e in linked] == [1, 2, 3, 4, 5]
    assert linked[0].prev_hash == audit.GENESIS_HASH
    for before, after in zip(linked, linked[1:], strict=False):
        assert after.prev_hash == before.row_hash
    for event in linked:
        assert event.scheme == audit.SCHEME_HMAC
        assert event.row_hash == audit.compute_hash(event)
    head = AuditChainHead.objects.get()
    assert (head.seq, head.last_hash) == (5, linked[-1].row_hash)
    assert audit.verify_chain() == []


def test_linking_again_changes_nothing(therapist):
    _record(3, by=therapist)
    assert audit.link_pending() == 3
    hashes = list(AuditEvent.objects.order_by("seq").values_list("seq", "row_hash"))
    head = AuditChainHead.objects.get()
    assert audit.link_pending() == 0
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", "row_hash")) == hashes
    assert AuditChainHead.objects.get().last_hash == head.last_hash


def test_rows_written_after_a_link_continue_the_chain(therapist):
    _record(2, by=therapist)
    audit.link_pending()
    _record(3, by=therapist)
    assert audit.link_pending() == 3
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert audit.verify_chain() == []


def test_small_batches_make_the_same_chain_as_one(therapist):
    _record(7, by=therapist)
    assert audit.link_pending(batch_size=3) == 7
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 0
    assert AuditChainHead.objects.get().seq == 7
    assert audit.verify_chain() == []


def test_a_row_linked_late_is_logged_as_a_warning(therapist, caplog, settings):
    old = AuditEvent(
        at=timezone.now() - timedelta(seconds=settings.RESTORE_AUDIT_LINK_WINDOW + 60),
        action=Action.VIEW,
    )
    old.save()
    with caplog.at_level(logging.WARNING, logger="clinic.audit"):
        assert audit.link_pending() == 1
    assert "Linked 1 audit row(s) that had waited longer than the 300-second window" in (
        caplog.text
    )


# --- verifying: the window -----------------------------------------------------------------------


def test_rows_pending_within_the_window_verify_and_are_counted(therapist):
    _record(2, by=therapist)
    audit.link_pending()
    _record(3, by=therapist)
    out, _err = _verify()
    assert "Audit log intact: 2 events, chain head #2" in out
    assert "3 newer event(s) are waiting to be linked by the worker" in out
    assert "300-second window" in out


def test_a_row_pending_past_the_window_fails_verification(therapist, settings):
    _record(2, by=therapist)
    audit.link_pending()
    # As the worker being down for longer than the window leaves it, or a row inserted by
    # someone writing to the database directly.
    stale = AuditEvent(
        at=timezone.now() - timedelta(seconds=settings.RESTORE_AUDIT_LINK_WINDOW + 1),
        action=Action.VIEW,
        detail="never linked",
    )
    stale.save()
    report = _verify_fails()
    assert "UNLINKED: 1 row(s) have waited to be linked" in report
    assert "the worker is not running" in report
    assert "is not being linked: 1 problem(s) found" in report


def test_the_window_is_the_setting(therapist, settings):
    settings.RESTORE_AUDIT_LINK_WINDOW = 600
    AuditEvent(at=timezone.now() - timedelta(seconds=400), action=Action.VIEW).save()
    assert audit.verify_chain() == []
    settings.RESTORE_AUDIT_LINK_WINDOW = 300
    (problem,) = audit.verify_chain()
    assert problem.kind == "unlinked"


def test_a_stale_row_once_linked_verifies_again(therapist, settings):
    AuditEvent(
        at=timezone.now() - timedelta(seconds=settings.RESTORE_AUDIT_LINK_WINDOW + 1),
        action=Action.VIEW,
    ).save()
    assert [p.kind for p in audit.verify_chain()] == ["unlinked"]
    audit.link_pending()
    assert audit.verify_chain() == []


def test_a_linked_row_altered_is_still_found(therapist):
    _record(3, by=therapist)
    audit.link_pending()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET detail = 'x' WHERE seq = 2")  # noqa: S608
    assert "ALTERED: row #2 does not match its hash" in _verify_fails()


def test_a_linked_row_turned_back_into_a_pending_one_is_found(therapist):
    """Setting a linked row's seq back to empty would let the linker re-link a changed row;
    the chain then misses that number."""
    _record(3, by=therapist)
    audit.link_pending()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET seq = NULL, prev_hash = '', row_hash = '', "  # noqa: S608
            "detail = 'x' WHERE seq = 2"
        )
    assert "DELETED: row #2 is missing" in _verify_fails()


def test_a_checkpoint_links_the_pending_rows_first(therapist):
    _record(3, by=therapist)
    checkpoint = audit_checkpoints.write_checkpoint()
    assert checkpoint.seq == 3
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 0


def test_verify_checkpoints_ignores_pending_rows(therapist):
    _record(2, by=therapist)
    audit_checkpoints.write_checkpoint()
    _record(2, by=therapist)  # pending: the log still "ends" at the checkpointed row
    assert audit_checkpoints.verify_checkpoints() == []


# --- the worker ----------------------------------------------------------------------------------


def test_the_minute_task_links_then_comes_back_every_few_seconds(therapist):
    HUEY.flush()
    _record(2, by=therapist)
    tasks.link_audit_log_this_minute.call_local()
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 0
    # Queued with their times; the consumer holds each until it is due.
    follow_ups = [task for task in HUEY.pending() if task.name == "link_audit_log"]
    assert len(follow_ups) == 11
    waits = sorted((task.eta - follow_ups[0].eta).total_seconds() for task in follow_ups)
    assert [round(wait) for wait in waits] == list(range(0, 55, 5))
    HUEY.flush()
    _record(1, by=therapist)
    tasks.link_audit_log.call_local()
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 0
    assert audit.verify_chain() == []


def test_the_link_window_setting_is_checked(settings):
    for bad in ("5m", "", 10, 86401):
        settings.RESTORE_AUDIT_LINK_WINDOW = bad
        (error,) = checks.restore_audit_link_window(None)
        assert error.id == "restore.E005"
        assert repr(bad) in error.msg
    for good in (60, 300, 86400):
        settings.RESTORE_AUDIT_LINK_WINDOW = good
        assert checks.restore_audit_link_window(None) == []


# --- pending rows show, in time order ------------------------------------------------------------


def test_pending_rows_show_in_the_audit_list_newest_first(admin_client_, therapist):
    patient = PatientFactory()
    audit.record(action=Action.VIEW, user=therapist, patient=patient, detail="linked")
    audit.link_pending()
    audit.record(action=Action.UPDATE, user=therapist, patient=patient, detail="pending")
    response = admin_client_.get(reverse("clinic:audit-list"))
    assert response.status_code == 200
    details = [event.detail for event in response.context["events"]]
    assert details[:2] == ["pending", "linked"]
    assert response.context["events"][0].seq is None


def test_pending_rows_are_exported_with_an_empty_seq(admin_client_, therapist):
    audit.record(action=Action.VIEW, user=therapist, detail="linked")
    audit.link_pending()
    audit.record(action=Action.VIEW, user=therapist, detail="pending")
    response = admin_client_.get(reverse("clinic:audit-export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_detail = {row[12]: row for row in rows[1:]}
    assert by_detail["pending"][0] == "" and by_detail["pending"][14] == ""
    assert by_detail["linked"][0].isdigit() and len(by_detail["linked"][14]) == 64


def test_a_pending_row_reads_as_pending(therapist):
    (event,) = _record(1, by=therapist)
    assert str(event).startswith("pending ")
