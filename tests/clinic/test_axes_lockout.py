"""Login throttling: 10 failures for one username from one IP lock that pair for 15 minutes."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEvent
from tests.factories import PASSWORD

ATTACKER_IP = "203.0.113.66"
PATIENT_IP = "198.51.100.20"


def _login(client, email, password, ip):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def _fail(client, email, ip, times):
    for _ in range(times):
        _login(client, email, "not-the-password-1", ip)


def test_settings_lock_by_username_and_ip_combination():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_FAILURE_LIMIT == 10
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_nine_failures_do_not_lock(client, patient):
    _fail(client, patient.email, PATIENT_IP, 9)
    response = _login(client, patient.email, PASSWORD, PATIENT_IP)
    assert response.status_code == 302


def test_tenth_failure_locks_and_the_right_password_is_refused(client, patient):
    _fail(client, patient.email, ATTACKER_IP, 9)
    tenth = _login(client, patient.email, "not-the-password-1", ATTACKER_IP)
    assert tenth.status_code == 429
    response = _login(client, patient.email, PASSWORD, ATTACKER_IP)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Too many attempts" in page
    assert "wait 15 minutes" in page
    assert "even the right password will not be accepted" in page
    assert reverse("password_reset") in page


def test_lockout_ignores_email_case_and_spaces(client, patient):
    _fail(client, patient.email.upper(), ATTACKER_IP, 5)
    _fail(client, f"  {patient.email}  ", ATTACKER_IP, 5)
    assert _login(client, patient.email, PASSWORD, ATTACKER_IP).status_code == 429


def test_an_attacker_elsewhere_cannot_lock_the_patient_out(client, patient):
    _fail(client, patient.email, ATTACKER_IP, 30)
    assert _login(client, patient.email, PASSWORD, ATTACKER_IP).status_code == 429
    response = _login(client, patient.email, PASSWORD, PATIENT_IP)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(patient.pk)


def test_other_accounts_from_the_locked_ip_still_log_in(client, patient, therapist):
    _fail(client, patient.email, ATTACKER_IP, 10)
    assert _login(client, therapist.email, PASSWORD, ATTACKER_IP).status_code == 302


def test_the_lock_expires_by_itself_after_15_minutes(client, patient):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail(client, patient.email, ATTACKER_IP, 10)
        assert _login(client, patient.email, PASSWORD, ATTACKER_IP).status_code == 429
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert _login(client, patient.email, PASSWORD, ATTACKER_IP).status_code == 429
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        response = _login(client, patient.email, PASSWORD, ATTACKER_IP)
    assert response.status_code == 302


def test_failures_during_the_lock_do_not_extend_it(client, patient):
    """An attacker who keeps guessing cannot keep the pair locked for good."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail(client, patient.email, ATTACKER_IP, 10)
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        _fail(client, patient.email, ATTACKER_IP, 20)
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        response = _login(client, patient.email, PASSWORD, ATTACKER_IP)
    assert response.status_code == 302


def test_lockout_is_in_the_audit_log(client, patient):
    _fail(client, patient.email, ATTACKER_IP, 10)
    _login(client, patient.email, PASSWORD, ATTACKER_IP)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count(AuditEvent.Action.LOGIN_FAILED) >= 9
    assert AuditEvent.Action.LOCKED_OUT in actions
    locked = AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT).first()
    assert locked.actor == patient.email
    assert locked.ip == ATTACKER_IP


@pytest.mark.django_db
def test_force_login_still_works_for_tests(client, therapist):
    client.force_login(therapist)
    assert client.get(reverse("pages:dashboard")).status_code == 200
