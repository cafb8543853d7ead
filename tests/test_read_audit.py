"""Every page that shows a patient's data records that it was read: one audit row per request.

Views record reads; services record writes (see `clinic.audit`). The pages are taken from the
access matrix (`tests/test_access_matrix.py`), so a new URL is covered the day its row is added:

- **A patient's page**: a GET row whose kwargs name something of a patient's (any kwarg builder
  not in `NOT_PATIENT_KWARGS`: a patient, intake, program, revision, flag, measure, report,
  message, access request...). Opened as the first visitor the matrix lets in (200), it writes
  exactly one read row (`READ_ACTIONS`) naming patient A. Pages the matrix fixture cannot show
  (a redirect instead) are put in the state that shows them first (`SHOWN_AFTER`).
- **The patient's own portal page**: a GET row without kwargs that patient A opens and staff
  may not (403): the same, as patient A.
- **A list of many patients** (no kwargs, `LIST_PAGES`): one read row naming no single patient;
  its detail says which list. A list names many patients at once, and one row per listed
  patient would bury the rows that matter.
- **Everything else** without patient kwargs must be named in `NO_PATIENT_DATA`, so a new page
  without kwargs is classified on purpose, not forgotten.

POST rows are left out: the matrix proves they answer GET with 405; each is a write, recorded
by the service that performs it (or an export, recorded by its view as one). A picker of
patient names (the template page's "start for a patient") is not a read of anyone's record.
"""

import dataclasses

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEvent, Intake, RedFlag
from clinic.selfservice.access import ACTOR as LINK_ACTOR
from tests import test_access_matrix as matrix
from tests.test_access_matrix import MATRIX, ROLES, World, login_as

Action = AuditEvent.Action
READ_ACTIONS = {Action.VIEW, Action.DOWNLOAD, Action.EXPORT}

# Kwarg builders that name nothing of a patient's.
NOT_PATIENT_KWARGS = {
    matrix.colleague_pk,
    matrix.password_reset_link,
    matrix.template,
    matrix.library_exercise,
    matrix.library_picture,
    matrix.library_translation,
    matrix.integration_token,
}

# GET pages with a patient's kwargs that record no read row of their own, and why.
NOT_A_READ = {
    # An exercise picture inside the portal's program and follow-along pages, which record the
    # read; it is the library's drawing, the same for every patient, fetched once per exercise
    # each time a page is shown.
    "programs:portal-figure",
    # The clinic's video of a library exercise and its poster, the same for every patient whose
    # program has the exercise; the program and follow-along pages showing it record the read.
    "programs:exercise-video",
    "programs:exercise-video-poster",
    # The builder's library search (htmx, as the therapist types): library exercises marked
    # with the precautions the builder page, which recorded the read, already shows.
    "programs:builder-search",
    # The address a pre-visit intake link lands on only sends the patient on to their next
    # step (the link gate records the opening; the step page records its own read).
    "clinic:self-intake",
    # The FHIR API answers bearer tokens only (401 to every session); each call is recorded
    # with the token as actor (tests/interop/test_fhir_api.py).
    "interop:fhir-patient-everything",
    # The stop link of a reminder email asks "stop reminders?" with the clinic's name and a
    # button: nothing of the patient's. Stopping is a write, recorded by the service.
    "programs:reminder-stop",
    # The address in a form link's email or QR code only forwards to the form (a redirect, no
    # page); it records the opening itself (tests/clinic/selfservice/test_link_views.py), and
    # the form page it opens records its own read.
    "clinic:link-open",
}

LIST_PAGES = {
    "pages:dashboard",
    "clinic:patient-list",
    "clinic:delivery-list",
    "clinic:audit-list",
    "clinic:audit-export",
    "interop:access-request-list",
}

NO_PATIENT_DATA = {
    "home",
    "healthz",
    "manifest",
    "service-worker",
    "favicon",
    # The translated words of our scripts: the same for everyone reading a language.
    "javascript-catalog",
    "login",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "clinic:staff-list",
    "clinic:staff-create",
    "clinic:clinic-profile",
    "clinic:clinic-logo",
    "clinic:two-factor",
    "clinic:two-factor-verify",
    "clinic:patient-create",
    "programs:template-list",
    "programs:exercise-list",
    "programs:exercise-create",
    "interop:token-list",
    "interop:fhir-metadata",
    # The FHIR search answers bearer tokens only; each call is recorded (test_fhir_api.py).
    "interop:fhir-patient-search",
}

_NO_KWARGS = {f.name: f.default for f in dataclasses.fields(matrix.R)}["kw"]


def _get_rows() -> dict[str, matrix.R]:
    return {name: row for name, row in MATRIX.items() if row.method == "GET"}


def _shows_a_patient(row: matrix.R) -> bool:
    return row.kw is not _NO_KWARGS and row.kw not in NOT_PATIENT_KWARGS


def _is_the_patients_own(row: matrix.R) -> bool:
    return (
        row.kw is _NO_KWARGS
        and row.patient_a == 200
        and row.therapist == row.admin == 403  # a page of the portal, for patients only
    )


PATIENT_PAGES = sorted(
    name for name, row in _get_rows().items() if _shows_a_patient(row) and name not in NOT_A_READ
)
PORTAL_PAGES = sorted(name for name, row in _get_rows().items() if _is_the_patients_own(row))


# --- pages the matrix fixture answers with a redirect -------------------------------------------


def _signed_intake_a(w: World) -> None:
    """Amending needs a signed intake (a draft's amend URL sends the user to the section)."""
    intake = matrix._intake_a(w)
    Intake.objects.filter(pk=intake.pk).update(
        status=Intake.Status.SIGNED,
        signed_at=timezone.now(),
        signed_by_staff=w.therapist,
        signature_name=w.patient_a_record.full_name,
    )


def _emergency_flag_a(w: World) -> None:
    """The safety instruction is shown while an emergency flag of the intake is open."""
    from tests.factories import RedFlagFactory

    intake = matrix._intake_a(w)
    RedFlagFactory(patient=w.patient_a_record, intake=intake, tier=RedFlag.Tier.EMERGENCY)


SHOWN_AFTER = {
    "clinic:intake-amend": (_signed_intake_a, "therapist"),
    "clinic:intake-instruction": (_emergency_flag_a, "therapist"),
}


def _reader(name: str) -> str:
    row = MATRIX[name]
    if name in SHOWN_AFTER:
        return SHOWN_AFTER[name][1]
    readers = [role for role in ROLES if row.expected(role) == 200]
    assert readers, f"{name}: no visitor sees this page; add it to SHOWN_AFTER or NOT_A_READ"
    return readers[0]


def _open(client, world: World, name: str) -> tuple[int, list[AuditEvent]]:
    """GET the page as its first reader; the status and the audit rows the request wrote."""
    row = MATRIX[name]
    if row.setup:
        row.setup(world)
    url = reverse(name, kwargs=row.kw(world))  # builds (and audits) the records first
    if name in SHOWN_AFTER:
        SHOWN_AFTER[name][0](world)
    login_as(client, world, _reader(name))
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)  # an export records before its first byte
    return response.status_code, list(AuditEvent.objects.filter(pk__gt=last).order_by("pk"))


def _describe(events: list[AuditEvent]) -> str:
    return "; ".join(f"{e.action} {e.patient_id} {e.object_type} {e.detail!r}" for e in events)


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PATIENT_PAGES)
def test_a_patients_page_records_one_read_naming_them(client, world, name):
    status, events = _open(client, world, name)
    assert status == 200, f"{name}: expected the page, got {status}"
    assert len(events) == 1, (
        f"{name}: expected one read row, got {_describe(events) or 'none'} (a page that shows "
        "nothing of the patient goes in NOT_A_READ, with the reason)"
    )
    event = events[0]
    assert event.action in READ_ACTIONS, f"{name}: {_describe(events)}"
    assert event.patient == world.patient_a_record, f"{name}: {_describe(events)}"
    if event.actor == LINK_ACTOR:  # a patient answering by link has no account
        assert event.user is None and MATRIX[name].anon == 200, f"{name}: {_describe(events)}"
    else:
        assert event.user is not None and event.user.role == event.role


@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_the_patients_own_portal_page_records_one_read_naming_them(client, world, name):
    status, events = _open(client, world, name)
    assert status == 200
    assert len(events) == 1, f"{name}: expected one read row, got {_describe(events) or 'none'}"
    assert events[0].action in READ_ACTIONS
    assert events[0].patient == world.patient_a_record
    assert events[0].user == world.patient_a


@pytest.mark.parametrize("name", sorted(LIST_PAGES))
def test_a_list_of_patients_records_one_read_naming_no_single_patient(client, world, name):
    status, events = _open(client, world, name)
    assert status == 200
    assert len(events) == 1, f"{name}: expected one read row, got {_describe(events) or 'none'}"
    assert events[0].action in READ_ACTIONS
    assert events[0].patient is None
    assert events[0].detail, f"{name}: the row should say which list was read"


def test_the_patient_list_search_records_what_was_searched(therapist_client, patient_record):
    response = therapist_client.get(reverse("clinic:patient-list"), {"q": "riv", "page": "1"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.patient is None
    assert "riv" in event.detail


def test_every_page_is_classified():
    """A GET page without patient kwargs says whether it shows patient data; the lists above
    name only pages of the matrix, so none of them goes stale."""
    plain = {name for name, row in _get_rows().items() if row.kw is _NO_KWARGS}
    sets = {
        "PORTAL_PAGES": set(PORTAL_PAGES),
        "LIST_PAGES": LIST_PAGES,
        "NO_PATIENT_DATA": NO_PATIENT_DATA,
    }
    unclassified = sorted(plain - set().union(*sets.values()))
    assert not unclassified, (
        f"Say what these pages show, in tests/test_read_audit.py: {unclassified}"
    )
    for label, names in sets.items():
        assert names <= plain, f"{label} names pages that are not plain GET pages: {names - plain}"
    assert sum(len(names) for names in sets.values()) == len(set().union(*sets.values()))
    assert {n for n, r in _get_rows().items() if _shows_a_patient(r)} >= NOT_A_READ
    assert set(SHOWN_AFTER) <= set(PATIENT_PAGES)


def test_patient_pages_are_found_from_the_matrix():
    """The rule finds the pages a tester would try, without a list of them."""
    for name in (
        "clinic:patient-edit",
        "clinic:intake-section",
        "clinic:intake-sign",
        "clinic:measure-create",
        "programs:revision-detail",
        "programs:portal-follow",
        "programs:handout-pdf",
    ):
        assert name in PATIENT_PAGES
