"""The client's address behind a configured number of our own proxies.

One function (`clinic.audit.client_ip`) names the client for the audit log and for login
throttling. Behind a load balancer and nginx (two hops), REMOTE_ADDR is nginx and the last
X-Forwarded-For entry is the load balancer: taking either makes every user the same client, so
ten wrong passwords from anyone would lock a patient out for everyone.
"""

import runpy

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from clinic import audit
from clinic.models import AuditEvent
from tests.factories import PASSWORD

NGINX = "127.0.0.1"  # REMOTE_ADDR: the proxy nearest to gunicorn
LOAD_BALANCER = "10.0.0.5"
ATTACKER_IP = "203.0.113.66"
PATIENT_IP = "198.51.100.20"


def ip(rf, *, remote=NGINX, forwarded=None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return audit.client_ip(rf.get("/", REMOTE_ADDR=remote, **extra))


# --- which entry is the client ----------------------------------------------------------------


def test_with_no_proxy_it_is_remote_addr_and_forwarded_for_is_ignored(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 0
    assert ip(rf, remote=PATIENT_IP) == PATIENT_IP
    assert ip(rf, remote=ATTACKER_IP, forwarded=PATIENT_IP) == ATTACKER_IP


def test_behind_nginx_it_is_the_entry_nginx_added(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 1
    assert ip(rf, forwarded=PATIENT_IP) == PATIENT_IP
    # Whatever the client wrote itself stands left of it.
    assert ip(rf, forwarded=f"{PATIENT_IP}, {ATTACKER_IP}") == ATTACKER_IP


def test_behind_a_load_balancer_and_nginx_it_is_the_entry_the_load_balancer_added(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 2
    assert ip(rf, forwarded=f"{PATIENT_IP}, {LOAD_BALANCER}") == PATIENT_IP
    assert ip(rf, forwarded=f"{ATTACKER_IP},{LOAD_BALANCER}") == ATTACKER_IP
    spoofed = f"{PATIENT_IP}, 192.0.2.1, {ATTACKER_IP}, {LOAD_BALANCER}"
    assert ip(rf, forwarded=spoofed) == ATTACKER_IP


def test_fewer_entries_than_hops_gives_the_leftmost_which_a_proxy_of_ours_wrote(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 2
    # Came to nginx without passing the load balancer: nginx wrote the only entry.
    assert ip(rf, forwarded=ATTACKER_IP) == ATTACKER_IP
    settings.RESTORE_TRUSTED_PROXY_HOPS = 3
    assert ip(rf, forwarded=f"{PATIENT_IP}, {LOAD_BALANCER}") == PATIENT_IP


def test_without_forwarded_for_it_is_remote_addr(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 2
    assert ip(rf, remote=NGINX) == NGINX
    assert ip(rf, remote=NGINX, forwarded=" , ") == NGINX


def test_the_chosen_entry_must_be_an_ip_address(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 2
    assert ip(rf, forwarded=f"unknown, {LOAD_BALANCER}") is None
    assert ip(rf, forwarded=f"<script>, {LOAD_BALANCER}") is None
    settings.RESTORE_TRUSTED_PROXY_HOPS = 0
    assert ip(rf, remote="") is None


def test_addresses_are_normalised_and_a_port_is_dropped(rf, settings):
    settings.RESTORE_TRUSTED_PROXY_HOPS = 1
    assert ip(rf, forwarded="203.0.113.66:4711") == ATTACKER_IP
    assert ip(rf, forwarded="[2001:DB8:0:0::1]:4711") == "2001:db8::1"
    assert ip(rf, forwarded="2001:db8:0::1") == "2001:db8::1"


def test_axes_asks_the_same_function(rf, settings):
    assert django_settings.AXES_CLIENT_IP_CALLABLE == "clinic.audit.client_ip"
    settings.RESTORE_TRUSTED_PROXY_HOPS = 2
    request = rf.get(
        "/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=f"{PATIENT_IP}, {ATTACKER_IP}, {LOAD_BALANCER}"
    )
    assert get_client_ip_address(request) == audit.client_ip(request) == ATTACKER_IP


# --- the setting ------------------------------------------------------------------------------


def load_settings(monkeypatch, **environment) -> dict:
    for name in ("DJANGO_BEHIND_PROXY", "DJANGO_TRUSTED_PROXY_HOPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(django_settings.BASE_DIR / "config" / "settings.py"))


def test_hops_default_to_none_and_to_nginx_alone_behind_a_proxy(monkeypatch):
    assert load_settings(monkeypatch)["RESTORE_TRUSTED_PROXY_HOPS"] == 0
    behind = load_settings(monkeypatch, DJANGO_BEHIND_PROXY="1")
    assert behind["RESTORE_TRUSTED_PROXY_HOPS"] == 1
    both = load_settings(monkeypatch, DJANGO_BEHIND_PROXY="1", DJANGO_TRUSTED_PROXY_HOPS=" 2 ")
    assert both["RESTORE_TRUSTED_PROXY_HOPS"] == 2


@pytest.mark.parametrize("value", ["-1", "two", "1.5", ""])
def test_hops_that_are_not_a_whole_number_stop_the_app_starting(monkeypatch, value):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_TRUSTED_PROXY_HOPS"):
        load_settings(monkeypatch, DJANGO_TRUSTED_PROXY_HOPS=value)


# --- login throttling and the audit log, through the real login page --------------------------


@pytest.fixture
def behind_load_balancer(settings):
    settings.RESTORE_BEHIND_PROXY = True
    settings.RESTORE_TRUSTED_PROXY_HOPS = 2


def login(client, email, password, client_ip, *, spoofed=""):
    forwarded = ", ".join(part for part in (spoofed, client_ip, LOAD_BALANCER) if part)
    return client.post(
        reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_a_lockout_behind_the_proxies_is_for_the_attacker_only(
    client, patient, behind_load_balancer
):
    for _ in range(9):
        login(client, patient.email, "not-the-password-1", ATTACKER_IP)
    assert login(client, patient.email, "not-the-password-1", ATTACKER_IP).status_code == 429
    assert login(client, patient.email, PASSWORD, ATTACKER_IP).status_code == 429
    # Claiming to be someone else, left of what the load balancer wrote, changes nothing.
    assert (
        login(client, patient.email, PASSWORD, ATTACKER_IP, spoofed=PATIENT_IP).status_code == 429
    )

    response = login(client, patient.email, PASSWORD, PATIENT_IP)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(patient.pk)


def test_the_audit_log_records_the_client_not_a_proxy(client, patient, behind_load_balancer):
    for _ in range(10):
        login(client, patient.email, "not-the-password-1", ATTACKER_IP, spoofed=PATIENT_IP)
    login(client, patient.email, PASSWORD, ATTACKER_IP, spoofed=PATIENT_IP)  # refused: locked
    login(client, patient.email, PASSWORD, PATIENT_IP)

    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.count() == 10
    assert set(failed.values_list("ip", flat=True)) == {ATTACKER_IP}
    locked = AuditEvent.objects.get(action=AuditEvent.Action.LOCKED_OUT)
    assert locked.ip == ATTACKER_IP
    logged_in = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert logged_in.ip == PATIENT_IP
