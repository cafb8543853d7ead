"""Demo data never reaches production."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clinic.models import User
from demo.checks import no_demo_accounts
from demo.clinic_data import DEMO_PASSWORD


@pytest.mark.parametrize("command", ["seed_demo", "seed_scale"])
def test_demo_seeding_refuses_with_debug_off(db, settings, command):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command(command)
    assert not User.objects.exists()


def _check_ids():
    return sorted(error.id for error in no_demo_accounts(None))


def test_deploy_check_passes_a_database_without_demo_data(admin, therapist, patient):
    assert _check_ids() == []


def test_deploy_check_fails_while_demo_accounts_exist(demo_clinic):
    errors = no_demo_accounts(None)
    assert "restore.E010" in [e.id for e in errors]
    assert "admin@restore.example" in errors[0].msg


def test_deploy_check_fails_while_a_staff_account_has_the_demo_password(admin, therapist):
    therapist.set_password(DEMO_PASSWORD)
    therapist.save(update_fields=["password"])
    errors = no_demo_accounts(None)
    assert [e.id for e in errors] == ["restore.E011"]
    assert therapist.email in errors[0].msg
    assert admin.email not in errors[0].msg


def test_deploy_check_is_run_by_check_deploy(demo_clinic, settings):
    settings.DEBUG = True
    with pytest.raises(Exception, match="restore.E010"):
        call_command("check", "--deploy", "--fail-level", "ERROR")
