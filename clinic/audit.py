"""The tamper-evident audit log: who touched which patient's data, when, from where.

One rule says who writes a row: **services record writes, views record reads.**

- A service records the change it makes, inside its own transaction, with the acting user:

      audit.record(action=audit.Action.UPDATE, user=by, patient=patient, obj=intake)

  The IP address, request id and browser come from the request being served, if any (bound by
  `clinic.middleware.RequestIDMiddleware`); a command or the worker calling the same service
  is recorded with none. A refused write rolls back its row with it.
- A view records that its page showed patient data, one row per request:

      audit.log_event(request, audit.Action.VIEW, patient=patient, obj=intake, detail="sign")

  A page listing many patients records one row naming none (its detail says which list).
  Views never record writes; `tests/test_read_audit.py` checks every page of the project.

A row goes in as ONE insert, "pending": no `seq`, blank hashes. The worker links the pending
rows within seconds (`link_pending()`, every few seconds; `clinic.tasks`), like a transparency
log's merge delay: in primary-key order each gets `seq` = head + 1, `prev_hash` (the previous
row's hash) and `row_hash` = HMAC-SHA256 over its canonical fields, `prev_hash` included, under
a key kept outside the database (`DJANGO_AUDIT_HMAC_KEY`): someone who can write to the
database but lacks the key cannot change a linked row and recompute the chain after it. The row
names its scheme and key id, so keys can be rotated (old ones stay listed in
`DJANGO_AUDIT_HMAC_OLD_KEYS`) and rows written before keyed hashing keep their plain SHA-256.
Linking is serialised by locking the single `AuditChainHead` row (`SELECT ... FOR UPDATE` on
PostgreSQL; SQLite's IMMEDIATE transactions take the write lock at BEGIN), so the chain never
forks, and a request never waits for that lock. Until it is linked a row is not tamper-evident;
`verify_chain()` recomputes every linked row and fails on a row left pending longer than
`RESTORE_AUDIT_LINK_WINDOW` seconds (the worker is down, or the row was inserted outside the
application). Signed checkpoints of the head (`clinic.audit_checkpoints`) catch even someone
who has the key.
"""

import contextvars
import functools
import hashlib
import hmac
import ipaddress
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import IntegrityError, connection, models, transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from .models import AuditChainHead, AuditEvent, Patient

logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
Action = AuditEvent.Action


# --- the request being served -----------------------------------------------------------------


@dataclass(frozen=True)
class RequestContext:
    ip: str | None
    request_id: str
    user_agent: str


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "restore_audit_request", default=None
)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, as our own proxies saw it. The audit log and login throttling
    (django-axes, `AXES_CLIENT_IP_CALLABLE`) both use this, so they agree on who a client is.

    With `RESTORE_TRUSTED_PROXY_HOPS` = 0, Django faces the internet: REMOTE_ADDR, and any
    X-Forwarded-For is the client's own invention. With N proxies in front (nginx = 1, a load
    balancer in front of nginx = 2), each appends the address it received the request from, so
    the client is the N-th X-Forwarded-For entry from the right; entries left of it were sent by
    the client and are ignored. A request with fewer entries than that (one that came in past an
    outer proxy) gets the leftmost entry: every entry then was written by one of our proxies. One
    with no entries at all came straight to Django (a health check): REMOTE_ADDR.
    Returns None when the chosen value is not an IP address."""
    hops = settings.RESTORE_TRUSTED_PROXY_HOPS
    candidate = request.META.get("REMOTE_ADDR", "")
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            candidate = entries[-min(hops, len(entries))]
    return _ip_address(candidate)


def _ip_address(value: str) -> str | None:
    """`value` as a normalised IP address; a port some load balancers add is dropped
    ("203.0.113.5:4711", "[2001:db8::1]:4711")."""
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def context_from_request(request: HttpRequest) -> RequestContext:
    return RequestContext(
        ip=client_ip(request),
        request_id=getattr(request, "request_id", "") or "",
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
    )


def bind_request(request: HttpRequest) -> contextvars.Token:
    return _current.set(context_from_request(request))


def unbind_request(token: contextvars.Token) -> None:
    _current.reset(token)


# --- hashing ----------------------------------------------------------------------------------

HASHED_FIELDS = (
    "seq",
    "at",
    "user_id",
    "actor",
    "role",
    "patient_id",
    "action",
    "object_type",
    "object_id",
    "ip",
    "request_id",
    "user_agent",
    "detail",
    "prev_hash",
)


def canonical(event: AuditEvent) -> bytes:
    """The exact bytes hashed for a row: sorted-key JSON, times in UTC to the microsecond."""
    values = {name: getattr(event, name) for name in HASHED_FIELDS}
    values["at"] = event.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    values["ip"] = str(ipaddress.ip_address(event.ip)) if event.ip else None
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


# Rows written before keyed hashing: plain SHA-256, kept as stored (never rewritten).
SCHEME_SHA256 = "sha256"
# HMAC-SHA256 under the key the row's `key_id` names.
SCHEME_HMAC = "hmac1"


class UnknownKeyError(LookupError):
    """A row names a key id (or scheme) this server has no key for."""


def audit_keys() -> dict[str, bytes]:
    """Every key a row may be hashed with, by id: the current one and the rotated-out ones."""
    keys = {key_id: key.encode() for key_id, key in settings.RESTORE_AUDIT_HMAC_OLD_KEYS.items()}
    keys[settings.RESTORE_AUDIT_HMAC_KEY_ID] = settings.RESTORE_AUDIT_HMAC_KEY.encode()
    return keys


def compute_hash(event: AuditEvent, *, keys: dict[str, bytes] | None = None) -> str:
    """The row's hash by its own scheme. Raises UnknownKeyError for a key id we do not have."""
    if event.scheme == SCHEME_SHA256:
        return hashlib.sha256(canonical(event)).hexdigest()
    if event.scheme == SCHEME_HMAC:
        key = (keys if keys is not None else audit_keys()).get(event.key_id)
        if key is None:
            raise UnknownKeyError(f"no audit key with id {event.key_id!r}")
        return hmac.new(key, canonical(event), hashlib.sha256).hexdigest()
    raise UnknownKeyError(f"unknown hash scheme {event.scheme!r}")


# --- writing ----------------------------------------------------------------------------------


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(pk=1)
        except IntegrityError:
            pass  # another process created it first: lock theirs
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def _describe(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    key = getattr(obj, "uuid", None) or obj.pk
    return obj._meta.label_lower, str(key)


def record(
    *,
    action: str,
    user=None,
    actor: str = "",
    patient: Patient | None = None,
    obj: models.Model | None = None,
    detail: str = "",
    context: RequestContext | None = None,
) -> AuditEvent:
    """Write one event, pending: a single INSERT that takes no lock. The worker links it into
    the chain within seconds (`link_pending()`)."""
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}; add it to AuditEvent.Action.")
    context = context or _current.get() or RequestContext(None, "", "")
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if patient is None and isinstance(obj, Patient):
        patient = obj
    object_type, object_id = _describe(obj)
    event = AuditEvent(
        seq=None,
        at=timezone.now(),
        user=user,
        actor=(actor or (user.email if user else ""))[:254],
        role=getattr(user, "role", "") if user else "",
        patient=patient,
        action=action,
        object_type=object_type,
        object_id=object_id,
        ip=context.ip,
        request_id=context.request_id[:64],
        user_agent=context.user_agent[:200],
        detail=detail[:500],
        prev_hash="",
        row_hash="",
        scheme=SCHEME_HMAC,
        key_id=settings.RESTORE_AUDIT_HMAC_KEY_ID,
    )
    _insert(event)
    return event


def _insert(event: AuditEvent) -> None:
    """The row's INSERT, compiled once per process: the one query of every audited request.
    What `event.save()` would send, without rebuilding the statement each time (no signal
    handler listens to audit rows; the model's own `save()` stays for anyone else)."""
    fields = _insert_fields()
    params = [field.get_db_prep_save(field.pre_save(event, True), connection) for field in fields]
    with connection.cursor() as cursor:
        if connection.features.can_return_columns_from_insert:
            cursor.execute(_insert_sql(returning=True), params)
            event.pk = cursor.fetchone()[0]
        else:
            cursor.execute(_insert_sql(returning=False), params)
            event.pk = connection.ops.last_insert_id(cursor, AuditEvent._meta.db_table, "id")
    event._state.adding = False
    event._state.db = connection.alias


@functools.cache
def _insert_fields() -> tuple[models.Field, ...]:
    return tuple(field for field in AuditEvent._meta.concrete_fields if not field.primary_key)


@functools.cache
def _insert_sql(*, returning: bool) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in _insert_fields())
    values = ", ".join(["%s"] * len(_insert_fields()))
    sql = f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608  # nosec B608
    return sql + (f" RETURNING {quote('id')}" if returning else "")


# --- linking ----------------------------------------------------------------------------------

LINK_BATCH_SIZE = 500
LINKED_FIELDS = ["seq", "prev_hash", "row_hash", "scheme", "key_id"]


def link_window() -> timedelta:
    """How long a row may stay pending before `verify_chain()` calls it a problem."""
    return timedelta(seconds=settings.RESTORE_AUDIT_LINK_WINDOW)


def link_pending(*, batch_size: int = LINK_BATCH_SIZE) -> int:
    """Link every pending row into the chain, oldest primary key first; return how many.

    Each batch is one transaction holding the chain head's lock: read up to `batch_size`
    pending rows, give each the next `seq`, `prev_hash` and its HMAC under the current key,
    write them back in one batch of UPDATEs (`_store_links`), move the head. Two linkers at
    once take turns on the lock and the second finds nothing left to do, so running it twice
    is harmless."""
    linked = 0
    keys = audit_keys()
    key_id = settings.RESTORE_AUDIT_HMAC_KEY_ID
    late_before = timezone.now() - link_window()
    late = 0
    while True:
        with transaction.atomic():
            head = _locked_head()
            rows = list(AuditEvent.objects.filter(seq__isnull=True).order_by("pk")[:batch_size])
            if not rows:
                break
            seq, prev_hash = head.seq, head.last_hash
            for event in rows:
                seq += 1
                event.seq = seq
                event.prev_hash = prev_hash
                event.scheme = SCHEME_HMAC
                event.key_id = key_id
                event.row_hash = compute_hash(event, keys=keys)
                prev_hash = event.row_hash
                late += event.at < late_before
            _store_links(rows)
            head.seq, head.last_hash = seq, prev_hash
            head.save(update_fields=["seq", "last_hash"])
        linked += len(rows)
        if len(rows) < batch_size:
            break
    if late:
        logger.warning(
            "Linked %d audit row(s) that had waited longer than the %s-second window: the "
            "worker was not linking (stopped, or behind). manage.py verify_audit_log failed "
            "meanwhile.",
            late,
            settings.RESTORE_AUDIT_LINK_WINDOW,
        )
    return linked


def _store_links(rows: list[AuditEvent]) -> None:
    """One parameterised UPDATE per row, sent as a batch. The model's own manager refuses
    updates (append-only): linking is the one write a stored row ever gets, from pending to
    linked, under the chain head's lock. (Django's `bulk_update` builds a CASE expression per
    field and row: about 1.5 ms of CPU a row, against a few microseconds here.)"""
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(name)} = %s" for name in LINKED_FIELDS)
    sql = (
        f"UPDATE {quote(AuditEvent._meta.db_table)} SET {assignments} "  # noqa: S608  # nosec B608
        f"WHERE {quote('id')} = %s"
    )
    params = [[getattr(event, name) for name in LINKED_FIELDS] + [event.pk] for event in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


@dataclass(frozen=True)
class Pending:
    count: int
    oldest: datetime | None


def pending(*, written_before: datetime | None = None) -> Pending:
    """The rows written but not yet linked (only those written before `written_before`, if
    given): how many, and when the oldest was written."""
    rows = AuditEvent.objects.filter(seq__isnull=True)
    if written_before is not None:
        rows = rows.filter(at__lt=written_before)
    stats = rows.aggregate(count=models.Count("pk"), oldest=models.Min("at"))
    return Pending(stats["count"], stats["oldest"])


def log_event(
    request: HttpRequest,
    action: str,
    *,
    patient: Patient | None = None,
    obj: models.Model | None = None,
    detail: str = "",
) -> AuditEvent:
    """Record what the request's user did. The one-liner for views."""
    return record(
        action=action,
        user=request.user,
        patient=patient,
        obj=obj,
        detail=detail,
        context=context_from_request(request),
    )


# --- authentication signals ---------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="restore_audit_login")
def _on_login(sender, request, user, **kwargs):
    context = context_from_request(request) if request is not None else None
    patient = Patient.objects.filter(user=user).first() if user.role == "patient" else None
    record(action=Action.LOGIN, user=user, patient=patient, context=context)


@receiver(user_logged_out, dispatch_uid="restore_audit_logout")
def _on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    context = context_from_request(request) if request is not None else None
    expired = bool(request is not None and getattr(request, "restore_session_expired", ""))
    record(
        action=Action.SESSION_EXPIRED if expired else Action.LOGOUT,
        user=user,
        detail=getattr(request, "restore_session_expired", "") if expired else "",
        context=context,
    )


@receiver(user_login_failed, dispatch_uid="restore_audit_login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or credentials.get("email") or "")[:254]
    context = context_from_request(request) if request is not None else None
    locked = bool(request is not None and getattr(request, "axes_locked_out", False))
    record(
        action=Action.LOCKED_OUT if locked else Action.LOGIN_FAILED,
        actor=username.strip().lower(),
        detail="refused during lockout" if locked else "",
        context=context,
    )


# --- verifying --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    seq: int | None
    kind: str  # "altered", "inserted", "deleted", "unlinked"
    message: str

    def __str__(self):
        return f"{self.kind.upper()}: {self.message}"


def verify_chain(
    *,
    batch_size: int = 2000,
    after: tuple[int, str] | None = None,
    now: datetime | None = None,
) -> list[Problem]:
    """Recompute every linked row's hash and link; compare the end of the chain with the head;
    report rows pending longer than the link window.

    `after` = (seq, hash) of a row already known good (a checkpoint): only the rows after it
    are checked, the first of them against that hash."""
    problems = unlinked_problems(now=now)
    keys = audit_keys()
    expected_seq = 1
    prev_hash = GENESIS_HASH
    rows = AuditEvent.objects.filter(seq__isnull=False).order_by("seq")  # ascending
    # Once one row is keyed, every later row must be: a plain hash after a keyed one is a row
    # rewritten by someone without the key.
    keyed_since: int | None = None
    if after is not None:
        expected_seq, prev_hash = after[0] + 1, after[1]
        rows = rows.filter(seq__gt=after[0])
        keyed_since = (
            AuditEvent.objects.filter(seq__lte=after[0], scheme=SCHEME_HMAC)
            .order_by("seq")
            .values_list("seq", flat=True)
            .first()
        )
    last_seq, last_hash = expected_seq - 1, prev_hash
    for event in rows.iterator(chunk_size=batch_size):
        if event.seq > expected_seq:
            missing = (
                f"#{expected_seq}"
                if event.seq == expected_seq + 1
                else f"#{expected_seq}–#{event.seq - 1}"
            )
            problems.append(Problem(expected_seq, "deleted", f"row {missing} is missing."))
        try:
            recomputed = compute_hash(event, keys=keys)
        except UnknownKeyError as error:
            problems.append(
                Problem(
                    event.seq,
                    "altered",
                    f"row #{event.seq} cannot be checked ({error}): its contents were changed, "
                    "or a rotated-out key is missing from DJANGO_AUDIT_HMAC_OLD_KEYS.",
                )
            )
            recomputed = event.row_hash  # reported; go on to check its link
        if event.scheme == SCHEME_HMAC and keyed_since is None:
            keyed_since = event.seq
        if event.scheme != SCHEME_HMAC and keyed_since is not None:
            problems.append(
                Problem(
                    event.seq,
                    "altered",
                    f"row #{event.seq} has an unkeyed hash after keyed row #{keyed_since}: "
                    "it was rewritten by someone without the audit key.",
                )
            )
        elif recomputed != event.row_hash:
            problems.append(
                Problem(
                    event.seq,
                    "altered",
                    f"row #{event.seq} does not match its hash: its contents were changed.",
                )
            )
        elif event.prev_hash != prev_hash and event.seq == expected_seq:
            # (After a gap the next row cannot link either; the gap is already reported.)
            problems.append(
                Problem(
                    event.seq,
                    "inserted",
                    f"row #{event.seq} does not follow row #{event.seq - 1}: "
                    "rows were inserted, replaced or re-numbered here.",
                )
            )
        prev_hash = event.row_hash
        expected_seq = event.seq + 1
        last_seq, last_hash = event.seq, event.row_hash
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq = head.seq if head else 0
    if last_seq < head_seq:
        problems.append(
            Problem(
                last_seq + 1,
                "deleted",
                f"the chain head records #{head_seq} but the log ends at #{last_seq}: "
                "the newest rows were removed.",
            )
        )
    elif last_seq > head_seq:
        problems.append(
            Problem(
                head_seq + 1,
                "inserted",
                f"rows #{head_seq + 1}–#{last_seq} were added outside the application "
                f"(the chain head ends at #{head_seq}).",
            )
        )
    elif head is not None and last_seq and head.last_hash != last_hash:
        problems.append(
            Problem(last_seq, "altered", f"the last row #{last_seq} differs from the chain head.")
        )
    return problems


def unlinked_problems(*, now: datetime | None = None) -> list[Problem]:
    """A problem if any row has been pending longer than the window: the worker is not linking,
    or someone inserted the row outside the application. Younger pending rows are fine."""
    stale = pending(written_before=(now or timezone.now()) - link_window())
    if not stale.count:
        return []
    return [
        Problem(
            None,
            "unlinked",
            f"{stale.count} row(s) have waited to be linked into the chain for longer than "
            f"the {settings.RESTORE_AUDIT_LINK_WINDOW}-second window (the oldest since "
            f"{stale.oldest.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC): the worker is not "
            "running (manage.py run_huey), or they were inserted outside the application.",
        )
    ]


def chain_head() -> tuple[int, str]:
    head = AuditChainHead.objects.filter(pk=1).first()
    return (head.seq, head.last_hash) if head else (0, GENESIS_HASH)
