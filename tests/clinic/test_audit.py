import csv
import io
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from clinic import audit, audit_checkpoints, services
from clinic.models import AuditChainHead, AuditEvent, User
from tests.factories import PASSWORD, PatientFactory

Action = AuditEvent.Action


@pytest.fixture(autouse=True)
def _own_checkpoint_file(settings, tmp_path):
    settings.RESTORE_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"


def _events(action=None):
    """Every row, linked first (as the worker would within seconds), in chain order."""
    audit.link_pending()
    events = AuditEvent.objects.order_by("seq")
    return list(events.filter(action=action) if action else events)


def _verify_problems() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit_log", stdout=io.StringIO(), stderr=(err := io.StringIO()))
    return err.getvalue() + str(failure.value)


def _seed_chain(n=5, *, by=None):
    patient = PatientFactory()
    for i in range(n):
        audit.record(action=Action.VIEW, user=by, patient=patient, obj=patient, detail=f"view {i}")
    audit.link_pending()
    return patient


# --- the chain --------------------------------------------------------------------------------


def test_events_are_chained_by_hash(therapist):
    _seed_chain(3, by=therapist)
    events = _events()
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == audit.GENESIS_HASH
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.row_hash
    for event in events:
        assert event.row_hash == audit.compute_hash(event)
    head = AuditChainHead.objects.get()
    assert (head.seq, head.last_hash) == (events[-1].seq, events[-1].row_hash)


def test_record_keeps_who_what_and_where(therapist, rf):
    patient = PatientFactory()
    request = rf.get("/", HTTP_USER_AGENT="Mozilla/5.0 " + "x" * 400, REMOTE_ADDR="203.0.113.9")
    request.user = therapist
    request.request_id = "req-12345678"
    event = audit.log_event(request, Action.VIEW, patient=patient, obj=patient, detail="chart")
    event.refresh_from_db()
    assert event.user == therapist
    assert event.actor == "therapist@test.example"
    assert event.role == "therapist"
    assert event.patient == patient
    assert (event.object_type, event.object_id) == ("clinic.patient", str(patient.uuid))
    assert event.ip == "203.0.113.9"
    assert event.request_id == "req-12345678"
    assert len(event.user_agent) == 200
    assert event.detail == "chart"


def test_unknown_action_is_refused(therapist):
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit.record(action="peek", user=therapist)


def test_verify_passes_on_an_intact_log(therapist):
    _seed_chain(4, by=therapist)
    out = io.StringIO()
    call_command("verify_audit_log", stdout=out)
    assert "Audit log intact" in out.getvalue()


def test_verify_passes_on_an_empty_log(db):
    out = io.StringIO()
    call_command("verify_audit_log", stdout=out)
    assert "0 events" in out.getvalue()


# --- tampering with raw SQL is found ----------------------------------------------------------


def test_verify_reports_an_altered_row(therapist):
    _seed_chain(5, by=therapist)
    target = _events()[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET detail = %s WHERE seq = %s",  # noqa: S608
            ["nothing to see", target.seq],
        )
    report = _verify_problems()
    assert f"ALTERED: row #{target.seq}" in report


def test_verify_reports_a_deleted_row_in_the_middle(therapist):
    _seed_chain(5, by=therapist)
    target = _events()[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq = %s",  # noqa: S608
            [target.seq],
        )
    report = _verify_problems()
    assert f"DELETED: row #{target.seq} is missing" in report


def test_verify_reports_rows_deleted_from_the_end(therapist):
    _seed_chain(5, by=therapist)
    last = _events()[-1]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq = %s",  # noqa: S608
            [last.seq],
        )
    report = _verify_problems()
    assert "DELETED" in report
    assert "newest rows were removed" in report


def test_verify_reports_an_inserted_row_even_with_a_valid_looking_hash(therapist):
    _seed_chain(3, by=therapist)
    last = _events()[-1]
    forged = AuditEvent(
        seq=last.seq + 1,
        at=timezone.now(),
        actor="intruder@test.example",
        action=Action.VIEW,
        prev_hash=last.row_hash,
    )
    forged.row_hash = audit.compute_hash(forged)
    columns = ["seq", "at", "actor", "role", "action", "object_type", "object_id"]
    columns += ["request_id", "user_agent", "detail", "prev_hash", "row_hash"]
    values = [getattr(forged, name) for name in columns]
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {AuditEvent._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({placeholders})",
            values,
        )
    report = _verify_problems()
    assert "INSERTED" in report


def test_verify_reports_a_row_replaced_in_the_middle(therapist):
    _seed_chain(5, by=therapist)
    victim = _events()[1]
    # A forger rewrites row 2 and recomputes its hash, but row 3 still points at the old one.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET detail = %s WHERE seq = %s",  # noqa: S608
            ["forged", victim.seq],
        )
    forged = AuditEvent.objects.get(seq=victim.seq)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET row_hash = %s WHERE seq = %s",  # noqa: S608
            [audit.compute_hash(forged), victim.seq],
        )
    report = _verify_problems()
    assert f"INSERTED: row #{victim.seq + 1} does not follow" in report


# --- tampering that recomputes the chain is found ----------------------------------------------
# Someone with write access to the database changes rows, then recomputes every later hash and
# moves the chain head, so that each row links to the one before it again.

TABLE = AuditEvent._meta.db_table


def _recompute_chain(*, delete_seq=None, alter_seq=None, scheme="hmac1", keys=None):
    """Delete or alter one row, renumber the rows after a deleted one, recompute every hash
    from there on (with `keys`, the attacker's idea of the audit key) and move the head."""
    events = _events()
    if delete_seq is not None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE seq = %s", [delete_seq])  # noqa: S608
        events = [event for event in events if event.seq != delete_seq]
    start = delete_seq or alter_seq
    prev_hash = audit.GENESIS_HASH
    for position, event in enumerate(events, start=1):
        old_seq = event.seq
        if old_seq < start:
            prev_hash = event.row_hash
            continue
        event.seq = position
        if old_seq == alter_seq:
            event.detail = "nothing to see"
        event.prev_hash = prev_hash
        event.scheme = scheme
        key_id = next(iter(keys)) if keys else ""
        event.key_id = key_id if scheme == "hmac1" else ""
        event.row_hash = audit.compute_hash(event, keys=keys)
        columns = ("seq", "detail", "prev_hash", "row_hash", "scheme", "key_id")
        assignments = ", ".join(f"{column} = %s" for column in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET {assignments} WHERE id = %s",  # noqa: S608
                [*(getattr(event, column) for column in columns), event.pk],
            )
        prev_hash = event.row_hash
    AuditChainHead.objects.filter(pk=1).update(seq=events[-1].seq, last_hash=prev_hash)


def _the_real_key():
    return {settings.RESTORE_AUDIT_HMAC_KEY_ID: settings.RESTORE_AUDIT_HMAC_KEY.encode()}


def test_a_row_deleted_and_the_chain_recomputed_without_the_key_is_found(therapist):
    _seed_chain(5, by=therapist)
    _recompute_chain(delete_seq=3, scheme="sha256")
    report = _verify_problems()
    assert "ALTERED: row #3 has an unkeyed hash after keyed row #1" in report


def test_a_row_altered_and_the_chain_recomputed_with_a_guessed_key_is_found(therapist):
    _seed_chain(5, by=therapist)
    _recompute_chain(alter_seq=2, keys={settings.RESTORE_AUDIT_HMAC_KEY_ID: b"guess"})
    report = _verify_problems()
    assert "ALTERED: row #2 does not match its hash" in report
    assert "ALTERED: row #5 does not match its hash" in report


def test_a_row_altered_and_the_chain_recomputed_with_plain_hashes_is_found(therapist):
    _seed_chain(5, by=therapist)
    _recompute_chain(alter_seq=2, scheme="sha256")
    assert "ALTERED: row #2 has an unkeyed hash" in _verify_problems()


def test_a_row_deleted_and_recomputed_with_the_key_is_found_by_the_checkpoint(therapist):
    _seed_chain(5, by=therapist)
    audit_checkpoints.write_checkpoint()
    _recompute_chain(delete_seq=3, keys=_the_real_key())
    assert audit.verify_chain() == []  # the key alone let them rebuild a consistent chain
    report = _verify_problems()
    assert "DELETED: the checkpoint of" in report
    assert "records row #5, but the log ends at #4" in report


def test_a_row_altered_and_recomputed_with_the_key_is_found_by_the_checkpoint(therapist):
    _seed_chain(5, by=therapist)
    audit_checkpoints.write_checkpoint()
    _recompute_chain(alter_seq=2, keys=_the_real_key())
    assert audit.verify_chain() == []
    assert "ALTERED: row #5 no longer has the hash checkpointed" in _verify_problems()


def test_every_checkpoint_in_the_file_is_checked_not_only_the_latest(therapist):
    _seed_chain(3, by=therapist)
    audit_checkpoints.write_checkpoint()
    _seed_chain(3, by=therapist)
    audit_checkpoints.write_checkpoint()
    _recompute_chain(alter_seq=2, keys=_the_real_key())
    report = _verify_problems()
    assert "row #3 no longer has the hash checkpointed" in report
    assert "row #6 no longer has the hash checkpointed" in report


def test_a_fresh_log_without_a_checkpoint_verifies_with_a_warning(therapist):
    _seed_chain(3, by=therapist)
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit_log", stdout=out, stderr=err)
    assert "Audit log intact" in out.getvalue()
    assert "No audit checkpoint exists yet" in err.getvalue()


def test_verify_says_which_checkpoints_it_matched(therapist):
    _seed_chain(3, by=therapist)
    audit_checkpoints.write_checkpoint()
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit_log", stdout=out, stderr=err)
    assert "Matches all 1 checkpoint(s)" in out.getvalue()
    assert "latest is #3" in out.getvalue()
    assert err.getvalue() == ""


# --- stored hashes stay as they are: plain rows before keyed ones, rotated keys ----------------


def _append_legacy_row(detail):
    """A row as the application wrote them before keyed hashing: plain SHA-256, no key id."""
    head = AuditChainHead.objects.get_or_create(pk=1)[0]
    event = AuditEvent(
        seq=head.seq + 1,
        at=timezone.now(),
        action=Action.VIEW,
        detail=detail,
        prev_hash=head.last_hash,
        scheme="sha256",
        key_id="",
    )
    event.row_hash = audit.compute_hash(event)
    event.save()
    AuditChainHead.objects.filter(pk=1).update(seq=event.seq, last_hash=event.row_hash)
    return event


def test_plain_rows_written_before_keyed_hashing_still_verify(therapist):
    legacy = [_append_legacy_row(f"old {i}") for i in range(3)]
    _seed_chain(2, by=therapist)
    events = _events()
    assert [e.scheme for e in events] == ["sha256"] * 3 + ["hmac1"] * 2
    assert events[0].row_hash == legacy[0].row_hash
    assert audit.verify_chain() == []


def test_a_plain_row_altered_before_keyed_rows_is_still_found(therapist):
    _append_legacy_row("old")
    _append_legacy_row("old")
    _seed_chain(2, by=therapist)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET detail = 'x' WHERE seq = 1")  # noqa: S608
    assert "ALTERED: row #1 does not match its hash" in _verify_problems()


def test_rows_of_a_rotated_out_key_verify_while_it_is_listed_as_old(therapist, settings):
    _seed_chain(2, by=therapist)
    old_id, old_key = settings.RESTORE_AUDIT_HMAC_KEY_ID, settings.RESTORE_AUDIT_HMAC_KEY
    settings.RESTORE_AUDIT_HMAC_KEY_ID, settings.RESTORE_AUDIT_HMAC_KEY = "k2", "a-new-key-" * 4
    settings.RESTORE_AUDIT_HMAC_OLD_KEYS = {old_id: old_key}
    audit.record(action=Action.VIEW, user=therapist)
    assert [e.key_id for e in _events()][-2:] == [old_id, "k2"]
    assert audit.verify_chain() == []

    settings.RESTORE_AUDIT_HMAC_OLD_KEYS = {}
    report = _verify_problems()
    assert "cannot be checked (no audit key with id" in report
    assert "DJANGO_AUDIT_HMAC_OLD_KEYS" in report


# --- the app cannot change or delete rows -----------------------------------------------------


def test_saved_event_cannot_be_updated_or_deleted(therapist):
    event = audit.record(action=Action.VIEW, user=therapist)
    event.detail = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="changed")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.detail == ""


def test_django_admin_shows_the_log_read_only(client, therapist):
    superuser = User.objects.create_superuser(email="root@test.example", password=PASSWORD)
    event = audit.record(action=Action.VIEW, user=therapist)
    client.force_login(superuser)
    assert client.get(reverse("admin:clinic_auditevent_changelist")).status_code == 200
    detail = client.get(reverse("admin:clinic_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert client.get(reverse("admin:clinic_auditevent_add")).status_code == 403
    delete = client.post(
        reverse("admin:clinic_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_and_links_never_fork_the_chain():
    """Threads append and link at once; the lock on the chain head keeps one unbroken chain,
    and no row is linked twice."""
    errors = []

    def append(n):
        try:
            for i in range(5):
                for _attempt in range(200):
                    try:
                        audit.record(action=Action.VIEW, detail=f"thread {n} event {i}")
                        audit.link_pending()
                        break
                    except OperationalError as error:
                        # The in-memory SQLite test database has no busy timeout (a file
                        # database waits 20 s); wait here as the real one would.
                        if "locked" not in str(error):
                            raise
                        time.sleep(0.01)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert audit.link_pending() == 0  # every thread linked what it wrote, or a later one did
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 21))
    assert audit.verify_chain() == []


# --- services record writes, with or without a request ---------------------------------------


def test_a_service_called_outside_a_request_records_its_write_by_the_acting_user(therapist):
    """A command (or the worker) calling a service is audited like a page: `by` is the actor;
    there is no address, request id or browser."""
    patient = PatientFactory()
    services.archive_patient(patient=patient, by=therapist)
    event = AuditEvent.objects.get(action=Action.ARCHIVE)
    assert (event.user, event.actor, event.role) == (therapist, therapist.email, "therapist")
    assert event.patient == patient
    assert (event.ip, event.request_id, event.user_agent) == (None, "", "")
    assert audit.verify_chain() == []


def test_a_service_called_from_a_page_records_the_requests_address_once(
    therapist_client, therapist
):
    patient = PatientFactory(therapist=therapist)
    url = reverse("clinic:patient-archive", kwargs={"uuid": patient.uuid})
    response = therapist_client.post(
        url, REMOTE_ADDR="203.0.113.44", HTTP_USER_AGENT="Clinic browser"
    )
    assert response.status_code == 302
    [event] = AuditEvent.objects.filter(patient=patient)
    assert (event.action, event.user) == (Action.ARCHIVE, therapist)
    assert event.ip == "203.0.113.44"
    assert event.request_id == response["X-Request-ID"]
    assert event.user_agent == "Clinic browser"


def test_a_refused_write_records_nothing(therapist):
    patient = PatientFactory()
    services.archive_patient(patient=patient, by=therapist)
    with pytest.raises(ValidationError):
        services.archive_patient(patient=patient, by=therapist)
    assert AuditEvent.objects.filter(action=Action.ARCHIVE).count() == 1


# --- logins, logouts and role changes are recorded --------------------------------------------


def test_successful_and_failed_logins_are_recorded(client, therapist):
    client.post(
        reverse("login"),
        {"username": "therapist@test.example", "password": "wrong-password-1"},
        REMOTE_ADDR="198.51.100.7",
    )
    failed = _events(Action.LOGIN_FAILED)[-1]
    assert failed.actor == "therapist@test.example"
    assert failed.user is None
    assert failed.ip == "198.51.100.7"
    assert "wrong-password" not in failed.detail
    client.post(
        reverse("login"),
        {"username": "therapist@test.example", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    login = _events(Action.LOGIN)[-1]
    assert login.user == therapist
    assert login.ip == "198.51.100.7"
    assert login.request_id


def test_patient_login_is_filed_under_their_record(client, patient, patient_record):
    client.post(reverse("login"), {"username": patient.email, "password": PASSWORD})
    assert _events(Action.LOGIN)[-1].patient == patient_record


def test_logout_is_recorded(therapist_client, therapist):
    therapist_client.post(reverse("logout"))
    assert _events(Action.LOGOUT)[-1].user == therapist


def test_role_change_is_recorded(admin, therapist):
    services.update_staff_member(
        user=therapist,
        by=admin,
        first_name=therapist.first_name,
        last_name=therapist.last_name,
        email=therapist.email,
        title="LMT",
        role=User.Role.ADMIN,
    )
    event = _events(Action.ROLE_CHANGE)[-1]
    assert event.user == admin
    assert event.object_id == str(therapist.pk)
    assert "therapist → admin" in event.detail


def test_edit_without_role_change_records_no_role_change(admin, therapist):
    services.update_staff_member(user=therapist, by=admin, title="NMT", role="therapist")
    assert _events(Action.ROLE_CHANGE) == []


def test_deactivation_is_recorded_through_the_staff_page(admin_client_, admin, therapist):
    response = admin_client_.post(reverse("clinic:staff-set-active", args=[therapist.pk]))
    assert response.status_code == 302
    event = _events(Action.ACCOUNT_CHANGE)[-1]
    assert event.user == admin
    assert "deactivated" in event.detail


def test_request_id_is_generated_or_kept(client, db):
    response = client.get(reverse("login"))
    assert len(response["X-Request-ID"]) == 32
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="proxy-req-0001")
    assert response["X-Request-ID"] == "proxy-req-0001"
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"


def test_client_ip_behind_proxy_is_the_hop_our_proxy_added(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert audit.client_ip(request) == "203.0.113.5"
    settings.RESTORE_TRUSTED_PROXY_HOPS = 0
    assert audit.client_ip(request) == "10.0.0.2"


# --- the admin page ---------------------------------------------------------------------------


def test_audit_list_is_for_the_clinic_admin_only(client, therapist, patient):
    url = reverse("clinic:audit-list")
    assert client.get(url).status_code == 302
    client.force_login(therapist)
    assert client.get(url).status_code == 403
    client.force_login(patient)
    assert client.get(url).status_code == 403


def test_audit_list_filters_by_patient_user_action_and_date(admin_client_, therapist, colleague):
    jordan = PatientFactory(first_name="Jordan", last_name="Rivera")
    helen = PatientFactory(first_name="Helen", last_name="Cho")
    audit.record(action=Action.VIEW, user=therapist, patient=jordan, detail="jordan-by-tess")
    audit.record(action=Action.EXPORT, user=colleague, patient=helen, detail="helen-by-cole")
    url = reverse("clinic:audit-list")

    page = admin_client_.get(url, {"patient": "rivera"}).content.decode()
    assert "jordan-by-tess" in page and "helen-by-cole" not in page
    page = admin_client_.get(url, {"patient": "Jordan Rivera"}).content.decode()
    assert "jordan-by-tess" in page and "helen-by-cole" not in page
    page = admin_client_.get(url, {"patient": str(helen.uuid)}).content.decode()
    assert "helen-by-cole" in page and "jordan-by-tess" not in page
    page = admin_client_.get(url, {"user": colleague.pk}).content.decode()
    assert "helen-by-cole" in page and "jordan-by-tess" not in page
    page = admin_client_.get(url, {"action": "export"}).content.decode()
    assert "helen-by-cole" in page and "jordan-by-tess" not in page
    today = timezone.localdate()
    page = admin_client_.get(url, {"date_from": today, "date_to": today}).content.decode()
    assert "helen-by-cole" in page and "jordan-by-tess" in page
    tomorrow = today + timedelta(days=1)
    page = admin_client_.get(url, {"date_from": tomorrow}).content.decode()
    assert "helen-by-cole" not in page and "jordan-by-tess" not in page


def test_audit_list_says_what_kind_of_record_was_touched(client, therapist, admin):
    jordan = PatientFactory(first_name="Jordan", last_name="Rivera")
    client.force_login(therapist)
    assert client.get(jordan.get_absolute_url()).status_code == 200
    viewed = AuditEvent.objects.get(action=Action.VIEW)
    assert (viewed.patient, viewed.object_type, viewed.object_id) == (
        jordan,
        "clinic.patient",
        str(jordan.uuid),
    )
    assert viewed.detail == "patient page"
    assert viewed.record_label == "Patient"
    client.force_login(admin)
    page = client.get(reverse("clinic:audit-list")).content.decode()
    # The table's Record column and the phone list both name the kind of record in words.
    assert "Patient<br><code" in page
    assert '<div class="small audit-detail">Patient: patient page</div>' in page
    assert AuditEvent(object_type="clinic.intake").record_label == "Intake"
    assert AuditEvent(object_type="programs.programrevision").record_label == "Program revision"
    assert AuditEvent(object_type="gone.model").record_label == "gone.model"
    assert AuditEvent().record_label == ""


def test_audit_list_reversed_dates_show_a_message_not_a_crash(admin_client_):
    today = timezone.localdate()
    response = admin_client_.get(
        reverse("clinic:audit-list"),
        {"date_from": today, "date_to": today - timedelta(days=3)},
    )
    assert response.status_code == 200
    assert b"The end date is before the start date." in response.content


@pytest.mark.parametrize("count", [1, 12, 50])
def test_audit_list_query_count_is_constant(
    admin_client_, therapist, count, django_assert_num_queries
):
    patients = PatientFactory.create_batch(3)
    for i in range(count):
        audit.record(action=Action.VIEW, user=therapist, patient=patients[i % 3])
    admin_client_.get(reverse("clinic:audit-list"))  # warm: the session is read once
    # session, user, staff for the filter, head, count, page of events (patients joined),
    # the clinic's details for the header, and this read's own row (one insert, pending).
    with django_assert_num_queries(8):
        response = admin_client_.get(reverse("clinic:audit-list"))
    assert response.status_code == 200


def test_audit_list_paginates(admin_client_, therapist):
    for _ in range(55):
        audit.record(action=Action.VIEW, user=therapist)
    first = admin_client_.get(reverse("clinic:audit-list"))
    assert len(first.context["events"]) == 50
    second = admin_client_.get(reverse("clinic:audit-list"), {"page": 2})
    # The log as it stood when the page was opened: this read's own row comes after it.
    assert len(second.context["events"]) == AuditEvent.objects.count() - 1 - 50


def test_csv_export_is_filtered_and_itself_audited(admin_client_, admin, therapist):
    jordan = PatientFactory(first_name="Jordan", last_name="Rivera")
    audit.record(action=Action.VIEW, user=therapist, patient=jordan, detail="=HYPERLINK(1)")
    audit.record(action=Action.VIEW, user=therapist, detail="no patient")
    response = admin_client_.get(reverse("clinic:audit-export"), {"patient": "Rivera"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["seq", "time", "actor", "role", "action"]
    assert len(rows) == 2
    assert rows[1][5] == "Jordan Rivera"
    assert rows[1][12] == "'=HYPERLINK(1)"  # formula injection defused
    export = _events(Action.EXPORT)[-1]
    assert export.user == admin
    assert "Rivera" in export.detail


def test_csv_export_is_for_the_clinic_admin_only(therapist_client, patient_client):
    assert therapist_client.get(reverse("clinic:audit-export")).status_code == 403
    assert patient_client.get(reverse("clinic:audit-export")).status_code == 403


def test_demo_history_is_seeded_once_and_verifies(demo_clinic):
    demo = AuditEvent.objects.filter(request_id__startswith="demo-seed-audit")
    assert demo.count() == 7
    assert demo.filter(action=Action.EXPORT, patient__last_name="Natarajan").exists()
    assert audit.verify_chain() == []
