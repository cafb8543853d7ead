import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django.urls import reverse

from clinic.models import Patient, User

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_ok_when_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_database_fails(client):
    with mock.patch("pages.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503


def test_seed_demo_is_idempotent(demo_clinic):
    models = ("clinic.User", "clinic.Patient")
    counts = [demo_clinic.rows_after_first_seed[label] for label in models]
    assert [demo_clinic.rows_after_second_seed[label] for label in models] == counts
    assert [User.objects.count(), Patient.objects.count()] == counts
    assert User.objects.filter(role=User.Role.ADMIN).exists()
    assert User.objects.filter(role=User.Role.THERAPIST).count() >= 2
    assert Patient.objects.filter(user__isnull=False).count() >= 2


def _run(args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    clean.update(env)
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_start_without_secret_key_stops_with_a_clear_message():
    result = _run(["check"], DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


def _env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key] = value.strip('"')
    values.pop("DATABASE_URL", None)  # the check needs no database
    values.pop("CACHE_URL", None)
    return values


def test_check_deploy_passes_with_production_values():
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], **_env_example())
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_refuses_the_development_secret_key():
    env = _env_example()
    env["DJANGO_SECRET_KEY"] = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
    result = _run(["check", "--deploy"], **env)
    assert result.returncode != 0
    assert "restore.E001" in result.stdout + result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_scale_out_settings_select_redis_cache_and_private_s3_media():
    code = (
        "from django.conf import settings; from django.core.files.storage import default_storage;"
        "print(settings.CACHES['default']['BACKEND']);"
        "print(type(default_storage._wrapped if hasattr(default_storage, '_wrapped') "
        "else default_storage).__name__);"
        "default_storage._setup();"
        "print(default_storage._wrapped.default_acl)"
    )
    result = _run(
        ["shell", "--verbosity", "0", "-c", code],
        DJANGO_DEBUG="1",
        CACHE_URL="redis://127.0.0.1:6379/1",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="restore-test",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[0] == "django.core.cache.backends.redis.RedisCache"
    assert lines[-1] == "private"


def test_env_example_can_be_sourced_by_the_shell():
    """`make check-deploy` and systemd both read .env.example as shell assignments."""
    result = subprocess.run(  # noqa: S603
        ["/bin/bash", "-c", 'set -a && . ./.env.example && echo "$DEFAULT_FROM_EMAIL"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Harborview NMT <no-reply@harborview.example>"
