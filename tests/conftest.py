"""The named cast every test can ask for, and test-only settings.

admin      — the clinic admin
therapist  — a therapist; `patient` is in their care
colleague  — another therapist of the same clinic
patient    — a patient with a portal account (the User); `patient_record` is their chart
other_patient — a second patient with a portal account; `other_patient_record` is theirs

Hypothesis runs a light profile locally (5 examples per property, so the loop stays
fast) and the full one in CI (`CI=true`); `HYPOTHESIS_PROFILE=ci` (or `dev`) picks one.

`make quick` leaves out tests marked `slow`: browser tests (tests/e2e/conftest.py), modules
that render PDFs (their `pytestmark`), and the kinds marked here (see
`pytest_collection_modifyitems`).
"""

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import is_hypothesis_test
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("dev", max_examples=5)
hypothesis_settings.register_profile("ci", max_examples=100, print_blob=True)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("true", "1") else "dev")
)


def pytest_configure(config):
    _private_task_queue()
    _private_audit_checkpoints()


def _private_audit_checkpoints():
    """Audit checkpoints go to a file of this process's own, never the development one
    (var/audit-checkpoints.jsonl), whose checkpoints name rows of another database."""
    from django.conf import settings

    if not settings.configured:
        return
    import tempfile

    directory = Path(tempfile.mkdtemp(prefix="restore-audit-"))
    settings.RESTORE_AUDIT_CHECKPOINT_FILE = directory / "audit-checkpoints.jsonl"


def _private_task_queue():
    """Background tasks queued by a test wait in this process's memory, never in the development
    queue (var/huey.sqlite3, or Redis): parallel test workers would share it, and a worker left
    running by `make run` would pick up tasks about rows of a test database. Tests that run
    tasks switch Huey to immediate mode, which keeps using memory."""
    from django.conf import settings

    if not settings.configured:  # pure-Python runs without Django (-p no:django)
        return
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    HUEY.storage_class = MemoryStorage
    HUEY.storage_kwargs = {}
    HUEY.storage = HUEY.create_storage()


def pytest_collection_modifyitems(items):
    for item in items:
        if (
            _db_property(item)
            or _downloads_a_handout(item)
            or _renders_a_pdf(item)
            or _seeds_the_demo(item)
        ):
            item.add_marker(pytest.mark.slow)


def _db_property(item) -> bool:
    """A Hypothesis property that hits the database pays a request or a transaction per
    example."""
    function = getattr(item, "function", None)
    return function is not None and is_hypothesis_test(function) and _uses_db(item)


def _downloads_a_handout(item) -> bool:
    """The access-matrix and header rows for the handout URLs render a PDF first."""
    return "handout-pdf" in item.nodeid


# Calling any of these renders a PDF with WeasyPrint (seeding the demo renders its imaging
# reports).
PDF_RENDERERS = {"render_handout", "render_handout_pdf", "render_current_handouts", "seed_demo"}


def _renders_a_pdf(item) -> bool:
    """A test whose own body calls a PDF renderer, or runs `manage.py seed_demo`."""
    code = getattr(getattr(item, "function", None), "__code__", None)
    if code is None:
        return False
    return bool(PDF_RENDERERS & set(code.co_names)) or "seed_demo" in code.co_consts


def _seeds_the_demo(item) -> bool:
    """The demo app's tests seed the whole demo clinic, which renders its fictional imaging
    reports to PDF."""
    path = Path(str(item.path))
    return path.parent.name == "demo" or path.name.startswith("test_demo_")


def _uses_db(item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    return bool(item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(fixtures))


def _factories():
    # Imported lazily so pure-Python tests can run without Django set up (-p no:django).
    from tests import factories

    return factories


@pytest.fixture(scope="session")
def _test_files(tmp_path_factory):
    """One folder per test process for the files tests write, and an empty static root.
    Not a `tmp_path` per test: making one (a numbered folder and a symlink) costs about 9 ms of
    waiting on the disk of our machines, half a minute over the suite."""
    root = tmp_path_factory.mktemp("files")
    (root / "staticfiles").mkdir()
    return root


_media_folders = itertools.count()


@pytest.fixture(autouse=True)
def _test_settings(settings, _test_files):
    # Each test its own media folder, not made until something is stored in it (as before, when
    # it was `tmp_path / "media"`).
    settings.MEDIA_ROOT = _test_files / f"media-{next(_media_folders)}"
    # WhiteNoise reads all of STATIC_ROOT each time a test client loads the middleware: a
    # `collectstatic` left in the working tree cost every test a third of a second, and would
    # serve its stale copies. Tests serve static files from the finders, and the static root
    # is an empty folder no test writes to.
    settings.STATIC_ROOT = _test_files / "staticfiles"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    # Counts kept in the cache (emails per address and IP, clinic.throttles) start at zero.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin(db):
    return _factories().AdminFactory(
        email="admin@test.example", first_name="Ada", last_name="Admin"
    )


@pytest.fixture
def therapist(db):
    return _factories().TherapistFactory(
        email="therapist@test.example", first_name="Tess", last_name="Therapist", title="LMT"
    )


@pytest.fixture
def colleague(db):
    return _factories().TherapistFactory(
        email="colleague@test.example", first_name="Cole", last_name="Colleague"
    )


@pytest.fixture
def patient_record(therapist):
    user = _factories().PatientUserFactory(
        email="pat@test.example", first_name="Pat", last_name="Rivera"
    )
    return _factories().PatientFactory(
        first_name="Pat",
        last_name="Rivera",
        therapist=therapist,
        user=user,
        email="pat@test.example",
    )


@pytest.fixture
def patient(patient_record):
    return patient_record.user


@pytest.fixture
def other_patient_record(colleague):
    user = _factories().PatientUserFactory(
        email="other@test.example", first_name="Olive", last_name="Other"
    )
    return _factories().PatientFactory(
        first_name="Olive",
        last_name="Other",
        therapist=colleague,
        user=user,
        email="other@test.example",
    )


@pytest.fixture
def other_patient(other_patient_record):
    return other_patient_record.user


def _client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(client, admin):
    return _client_for(client, admin)


@pytest.fixture
def therapist_client(client, therapist):
    return _client_for(client, therapist)


@pytest.fixture
def patient_client(client, patient):
    return _client_for(client, patient)


@pytest.fixture
def world(
    admin, therapist, colleague, patient, patient_record, other_patient, other_patient_record
):
    """The whole cast in one object, for the access matrix and the header crawl."""
    from tests.test_access_matrix import World

    return World(
        admin=admin,
        therapist=therapist,
        colleague=colleague,
        patient_a=patient,
        patient_a_record=patient_record,
        patient_b=other_patient,
        patient_b_record=other_patient_record,
    )
