"""A second `seed_demo` on the same day and code returns at once (demo/fingerprint.py)."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from clinic.models import User
from demo import fingerprint
from demo.clinic_data import STAFF
from demo.management.commands.seed_demo import Command
from tests.factories import UserFactory

ADMIN_EMAIL = STAFF[0][0]


@pytest.fixture
def seeds(monkeypatch, tmp_path):
    """Every real seed recorded instead of run (the seed itself is tested elsewhere), with the
    stamp in a folder of the test's own."""
    calls = []
    monkeypatch.setattr(fingerprint, "stamp_path", lambda: tmp_path / "db.sqlite3.demo-seed")

    def fake_seed(self, options):
        calls.append(options)
        if not User.objects.filter(email=ADMIN_EMAIL).exists():
            UserFactory(email=ADMIN_EMAIL)

    monkeypatch.setattr(Command, "_seed", fake_seed)
    return calls


def run(*args) -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", "--quiet-logins", *args, stdout=out)
    return out.getvalue()


def test_second_run_skips_the_seed(db, seeds):
    run()
    assert len(seeds) == 1
    assert "already seeded" in run()
    assert len(seeds) == 1


def test_force_seeds_again(db, seeds):
    run()
    run("--force")
    assert len(seeds) == 2


def test_a_new_day_seeds_again(db, seeds, monkeypatch):
    run()
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(fingerprint.timezone, "localdate", lambda: tomorrow)
    run()
    assert len(seeds) == 2


def test_a_new_migration_seeds_again(db, seeds, monkeypatch):
    applied = [("clinic", "0001_initial", "2026-01-01 10:00")]

    class Recorder:  # the test database is made without migrations: a stand-in table
        def __init__(self, connection):
            pass

        def has_table(self):
            return True

        @property
        def migration_qs(self):
            class Rows:
                def order_by(self, *fields):
                    return self

                def values_list(self, *fields):
                    return list(applied)

            return Rows()

    monkeypatch.setattr(fingerprint, "MigrationRecorder", Recorder)
    run()
    run()
    assert len(seeds) == 1
    applied.append(("clinic", "0002_more", "2026-01-02 10:00"))
    run()
    assert len(seeds) == 2


def test_a_database_without_the_demo_seeds_again(db, seeds):
    run()
    User.objects.filter(email=ADMIN_EMAIL).delete()
    run()
    assert len(seeds) == 2


def test_a_seed_that_fails_leaves_no_stamp(db, seeds, monkeypatch):
    run()

    def broken(self, options):
        raise RuntimeError("seed failed halfway")

    monkeypatch.setattr(Command, "_seed", broken)
    with pytest.raises(RuntimeError):
        run("--force")
    assert not fingerprint.stamp_path().exists()


def test_no_stamp_for_a_database_that_is_not_a_sqlite_file(settings):
    settings.DATABASES = {
        "default": {**settings.DATABASES["default"], "ENGINE": "django.db.backends.postgresql"}
    }
    assert fingerprint.stamp_path() is None
