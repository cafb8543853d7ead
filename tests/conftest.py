"""The named cast every test can ask for, and test-only settings.

admin      — the clinic admin
therapist  — a therapist; `patient` is in their care
colleague  — another therapist of the same clinic
patient    — a patient with a portal account (the User); `patient_record` is their chart
other_patient — a second patient with a portal account; `other_patient_record` is theirs
demo_clinic — the demo as `make run` seeds it, seeded once for the tests in a row that read it

Hypothesis runs a light profile locally (5 examples per property, so the loop stays
fast) and the full one in CI (`CI=true`); `HYPOTHESIS_PROFILE=ci` (or `dev`) picks one.

`make quick` leaves out tests marked `slow`: browser tests (tests/e2e/conftest.py), modules
that render PDFs (their `pytestmark`), and the kinds marked here (see
`pytest_collection_modifyitems`).
"""

import copy
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import translation
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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(items):
    for item in items:
        if (
            _db_property(item)
            or _downloads_a_handout(item)
            or _renders_a_pdf(item)
            or _seeds_the_demo(item)
        ):
            item.add_marker(pytest.mark.slow)
    _demo_tests_together(items)


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
    return (
        path.parent.name == "demo"
        or path.name.startswith("test_demo_")
        or "demo_clinic" in getattr(item, "fixturenames", ())
    )


def _demo_tests_together(items):
    """The tests that read the shared demo (`demo_clinic`) run one after another, where the
    first of them was collected, and on one xdist worker: the demo is seeded once for all of
    them (see `demo_clinic`)."""
    readers = [item for item in items if "demo_clinic" in getattr(item, "fixturenames", ())]
    if not readers:
        return
    if readers[0].config.pluginmanager.hasplugin("xdist"):  # it defines the mark
        for item in readers:
            item.add_marker(pytest.mark.xdist_group("demo_clinic"))
    first = items.index(readers[0])
    rest = [item for item in items if "demo_clinic" not in getattr(item, "fixturenames", ())]
    items[:] = rest[:first] + readers + rest[first:]


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
def _english_again_after_each_test():
    """A request in Spanish leaves Spanish active in this thread (the test client runs the
    middleware in-process): every test starts from the site's default language."""
    yield
    translation.deactivate()


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


def _admin():
    return _factories().AdminFactory(
        email="admin@test.example", first_name="Ada", last_name="Admin"
    )


def _therapist():
    return _factories().TherapistFactory(
        email="therapist@test.example", first_name="Tess", last_name="Therapist", title="LMT"
    )


def _colleague():
    return _factories().TherapistFactory(
        email="colleague@test.example", first_name="Cole", last_name="Colleague"
    )


def _patient_record(therapist):
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


def _other_patient_record(colleague):
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
def admin(db):
    return _admin()


@pytest.fixture
def therapist(db):
    return _therapist()


@pytest.fixture
def colleague(db):
    return _colleague()


@pytest.fixture
def patient_record(therapist):
    return _patient_record(therapist)


@pytest.fixture
def patient(patient_record):
    return patient_record.user


@pytest.fixture
def other_patient_record(colleague):
    return _other_patient_record(colleague)


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
def world(db):
    """The whole cast in one object, for the access matrix, the header crawl, the form fuzz and
    the read audit (about 1,400 tests, one request or a few each). The cast's rows are made once
    for the tests in a row that ask for it (see `_SharedRows`); each test gets its own deep copy
    of the objects (as Django's `setUpTestData` does), so nothing one test changed on an object
    in memory reaches the next."""
    return copy.deepcopy(_shared_world.value)


def _make_world(request):
    from tests.test_access_matrix import World

    admin, therapist, colleague = _admin(), _therapist(), _colleague()
    patient_a_record = _patient_record(therapist)
    patient_b_record = _other_patient_record(colleague)
    return World(
        admin=admin,
        therapist=therapist,
        colleague=colleague,
        patient_a=patient_a_record.user,
        patient_a_record=patient_a_record,
        patient_b=patient_b_record.user,
        patient_b_record=patient_b_record,
    )


@dataclass
class DemoClinic:
    """The demo clinic as `make run` seeds it, shared by the tests that read it. The rows per
    model (by label) were counted after the first seed and again after a second one."""

    media_root: Path
    rows_after_first_seed: dict[str, int]
    rows_after_second_seed: dict[str, int]


class _SharedRows:
    """Rows that the tests in a row asking for one fixture share: made once, in a transaction
    opened before the first of them and rolled back once the next test does not ask for the
    fixture (`pytest_runtest_teardown`). Each test runs in its own savepoint inside it
    (pytest-django's `db`), so what a test writes is undone after it, as for any test."""

    def __init__(self, fixture, make):
        self.fixture, self.make = fixture, make
        self.value = self.atomic = self.blocker = None

    def open(self, request):
        from django.db import connection, transaction

        if {"transactional_db", "live_server"} & set(request.fixturenames):
            pytest.fail(f"{self.fixture} is for tests in a transaction (db), not transactional_db")
        request.getfixturevalue("django_db_setup")
        self.blocker = request.getfixturevalue("django_db_blocker")
        with self.blocker.unblock():
            if connection.in_atomic_block and not _opened:
                pytest.fail(
                    f"{self.fixture} opens the database itself, before the test's transaction: "
                    "drop the django_db mark from this test"
                )
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            _opened.append(self)
            try:
                self.value = self.make(request)
            except BaseException:
                _roll_back_shared_rows()
                raise

    def roll_back(self):
        from django.db import transaction

        atomic, self.atomic, self.value = self.atomic, None, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _seed_demo_clinic(request) -> DemoClinic:
    from django.test import override_settings

    from tests.demo import seed_demo

    media_root = request.getfixturevalue("_test_files") / f"demo-{next(_media_folders)}"
    with override_settings(MEDIA_ROOT=media_root):
        seed_demo()
        first = _rows_per_model()
        seed_demo()
        second = _rows_per_model()
    return DemoClinic(media_root, first, second)


_shared_demo = _SharedRows("demo_clinic", _seed_demo_clinic)
_shared_world = _SharedRows("world", _make_world)
_SHARED = (_shared_demo, _shared_world)
_opened: list[_SharedRows] = []  # innermost last


def _roll_back_shared_rows():
    while _opened:
        _opened.pop().roll_back()


def _rows_per_model() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture(autouse=True)
def _shared_rows_made(request, _test_settings):
    """Makes the shared rows (the seeded demo, the access matrix's cast) a test asks for,
    unless they are there already, with the test settings (the fast password hasher). Autouse,
    so it runs before the fixtures the test asks for (pytest sets up a scope's autouse fixtures
    first): their transaction must be open before `db` opens the test's own inside it."""
    for shared in _SHARED:
        if shared.fixture in request.fixturenames and shared.value is None:
            shared.open(request)


@pytest.fixture
def demo_clinic(db, settings):
    """The demo clinic, seeded once (twice, as a restart of `make run` would) for all the tests
    in a row that ask for it, instead of once or twice per test (a seed is a few seconds of
    CPU: it renders the imaging reports to PDF).

    Each test runs in its own savepoint inside the demo's transaction (pytest-django's `db`),
    so what a test writes is undone after it, as for any test; the demo itself is rolled back
    once the next test does not ask for it. Tests that ask for it go in one xdist group and run
    one after another (`_demo_tests_together`). Media files (the imaging reports, the video)
    are in the demo's own folder, which is this test's MEDIA_ROOT too."""
    settings.MEDIA_ROOT = _shared_demo.value.media_root
    return _shared_demo.value


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    wanted = set(nextitem.fixturenames) if nextitem is not None else set()
    if any(shared.fixture not in wanted for shared in _opened):
        _roll_back_shared_rows()
    return result
