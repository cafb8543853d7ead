"""'Keep me signed in on this device': patients only, 30 days, a new token on every use, signed
out by the patient, by staff, by logging out, by a password change or "sign out everywhere";
every step audited."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEvent, SecureMessage
from clinic.remembered_devices import COOKIE_NAME, LIFETIME, RememberedDevice, _hash
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PHONE_UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def _login(client, user, *, remember=True):
    data = {"username": user.email, "password": PASSWORD}
    if remember:
        data["remember_device"] = "on"
    return client.post(reverse("login"), data, HTTP_USER_AGENT=PHONE_UA)


def _device_client(token):
    """A browser that has only the device cookie (its session is gone)."""
    other = Client(HTTP_USER_AGENT=PHONE_UA)
    other.cookies[COOKIE_NAME] = token
    return other


def _home(client):
    return client.get(reverse("programs:portal-home"))


def test_a_patient_who_ticks_the_box_gets_a_secure_cookie_and_a_hashed_row(client, patient):
    response = _login(client, patient)
    assert response.status_code == 302
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 30 * 24 * 3600
    device = RememberedDevice.objects.get(user=patient)
    assert device.token_hash == _hash(cookie.value) != cookie.value
    assert device.user_agent == "Chrome on Android"
    assert device.ip == "127.0.0.1"
    assert device.expires_at - device.created_at == LIFETIME
    event = AuditEvent.objects.filter(object_type="clinic.remembereddevice").get()
    assert event.action == AuditEvent.Action.CREATE and event.patient.user == patient


def test_the_cookie_is_secure_outside_development(client, patient, settings):
    settings.SESSION_COOKIE_SECURE = True
    assert _login(client, patient).cookies[COOKIE_NAME]["secure"]


def test_without_the_box_nothing_is_remembered(client, patient):
    assert COOKIE_NAME not in _login(client, patient, remember=False).cookies
    assert not RememberedDevice.objects.exists()


@pytest.mark.parametrize("who", ["therapist", "admin"])
def test_staff_are_never_remembered(client, request, who):
    user = request.getfixturevalue(who)
    response = _login(client, user)
    assert COOKIE_NAME not in response.cookies
    assert not RememberedDevice.objects.exists()


def test_the_device_opens_a_new_session_and_replaces_its_token(client, patient):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    browser = _device_client(token)
    response = _home(browser)
    assert response.status_code == 200
    new_token = response.cookies[COOKIE_NAME].value
    assert new_token != token
    device = RememberedDevice.objects.get()
    assert device.token_hash == _hash(new_token)
    # The old token is spent: a copy of it opens nothing.
    assert _home(_device_client(token)).status_code == 302
    assert AuditEvent.objects.filter(
        object_type="clinic.remembereddevice",
        action=AuditEvent.Action.UPDATE,
        detail__startswith="Signed in again",
    ).exists()


def test_an_idle_session_is_renewed_by_the_device_instead_of_ending(client, patient):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client, patient)
    idle = start + timedelta(seconds=settings.RESTORE_PATIENT_IDLE_SECONDS + 60)
    with time_machine.travel(idle, tick=False):
        response = _home(client)
    assert response.status_code == 200
    assert COOKIE_NAME in response.cookies  # rotated
    expired = AuditEvent.objects.filter(action=AuditEvent.Action.SESSION_EXPIRED, user=patient)
    assert expired.get().detail == "idle"


def test_after_30_days_the_device_opens_nothing(client, patient):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = _login(client, patient).cookies[COOKIE_NAME].value
    with time_machine.travel(start + LIFETIME - timedelta(minutes=1), tick=False):
        response = _home(_device_client(token))
        assert response.status_code == 200
        token = response.cookies[COOKIE_NAME].value
    with time_machine.travel(start + LIFETIME + timedelta(minutes=1), tick=False):
        response = _home(_device_client(token))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert response.cookies[COOKIE_NAME].value == ""  # the stale cookie is removed


def test_a_password_change_ends_every_device(client, patient):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-quite-long-pass-77",
            "new_password2": "another-quite-long-pass-77",
        },
    )
    assert response.status_code == 302
    assert _home(_device_client(token)).status_code == 302
    device = RememberedDevice.objects.get()
    assert device.revoke_reason == RememberedDevice.EndReason.PASSWORD


def test_logging_out_signs_this_device_out(client, patient):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    response = client.post(reverse("logout"))
    assert response.cookies[COOKIE_NAME].value == ""
    assert RememberedDevice.objects.get().revoke_reason == RememberedDevice.EndReason.LOGOUT
    assert _home(_device_client(token)).status_code == 302


def test_the_patient_lists_and_signs_out_a_device(client, patient):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    phone = _device_client(token)
    _home(phone)  # used once from the phone
    page = client.get(reverse("clinic:portal-devices"))
    assert page.status_code == 200
    assert "Chrome on Android" in page.content.decode()
    device = RememberedDevice.objects.get()
    response = client.post(reverse("clinic:portal-device-revoke", args=[device.pk]))
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoke_reason == RememberedDevice.EndReason.PATIENT
    assert device.revoked_by == patient
    assert _home(_device_client(phone.cookies[COOKIE_NAME].value)).status_code == 302
    assert "Chrome on Android" not in client.get(reverse("clinic:portal-devices")).content.decode()


def test_another_patient_cannot_sign_out_my_device(client, patient, other_patient):
    _login(client, patient)
    device = RememberedDevice.objects.get()
    other = Client()
    other.force_login(other_patient)
    assert other.post(reverse("clinic:portal-device-revoke", args=[device.pk])).status_code == 404
    device.refresh_from_db()
    assert device.revoked_at is None


@pytest.mark.parametrize("who", ["therapist", "admin"])
def test_staff_sign_a_patients_device_out(client, patient, patient_record, request, who):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    staff = request.getfixturevalue(who)
    staff_client = Client()
    staff_client.force_login(staff)
    page = staff_client.get(reverse("clinic:patient-devices", args=[patient_record.uuid]))
    assert page.status_code == 200 and "Chrome on Android" in page.content.decode()
    device = RememberedDevice.objects.get()
    response = staff_client.post(
        reverse("clinic:patient-device-revoke", args=[patient_record.uuid, device.pk])
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoke_reason == RememberedDevice.EndReason.STAFF
    assert device.revoked_by == staff
    assert _home(_device_client(token)).status_code == 302
    ended = AuditEvent.objects.get(action=AuditEvent.Action.ARCHIVE, user=staff)
    assert ended.patient == patient_record


def test_staff_cannot_reach_a_device_through_another_patient(
    client, patient, patient_record, other_patient_record, therapist
):
    _login(client, patient)
    device = RememberedDevice.objects.get()
    staff_client = Client()
    staff_client.force_login(therapist)
    url = reverse("clinic:patient-device-revoke", args=[other_patient_record.uuid, device.pk])
    assert staff_client.post(url).status_code == 404


def test_sign_out_everywhere_ends_sessions_and_devices(client, patient):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    elsewhere = Client()
    elsewhere.force_login(patient)
    response = client.post(reverse("clinic:portal-sign-out-everywhere"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert _home(elsewhere).status_code == 302
    assert _home(_device_client(token)).status_code == 302
    assert RememberedDevice.objects.get().revoke_reason == RememberedDevice.EndReason.EVERYWHERE
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCOUNT_CHANGE, user=patient)
    assert event.detail.startswith("Signed out everywhere") and event.patient.user == patient


def test_a_deactivated_patient_is_not_let_back_in(client, patient):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    patient.is_active = False
    patient.save(update_fields=["is_active"])
    assert _home(_device_client(token)).status_code == 302
    assert RememberedDevice.objects.get().revoked_at is not None


def test_an_unknown_token_costs_one_query_and_opens_nothing(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("login"))  # warms what the login page caches
    with CaptureQueriesContext(connection) as plain:
        Client().get(reverse("login"))
    browser = _device_client("x" * 43)
    with CaptureQueriesContext(connection) as with_cookie:
        response = browser.get(reverse("login"))
    assert len(with_cookie) == len(plain) + 1
    assert response.status_code == 200
    assert response.cookies[COOKIE_NAME].value == ""


def test_someone_else_logging_in_on_the_browser_ends_the_device(client, patient, therapist):
    token = _login(client, patient).cookies[COOKIE_NAME].value
    shared = _device_client(token)
    _home(shared)  # the patient's session on the shared browser...
    shared.cookies.pop(settings.SESSION_COOKIE_NAME)  # ...has ended
    response = shared.post(reverse("login"), {"username": therapist.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME].value == ""
    device = RememberedDevice.objects.get()
    assert device.revoke_reason == RememberedDevice.EndReason.LOGOUT


def test_a_form_sent_after_the_session_idled_out_is_accepted_through_the_device(patient):
    browser = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=PHONE_UA)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        browser.get(reverse("login"))
        _login_with_csrf(browser, patient)
        browser.get(reverse("clinic:portal-messages"))
    later = start + timedelta(seconds=settings.RESTORE_PATIENT_IDLE_SECONDS + 120)
    with time_machine.travel(later, tick=False):
        response = browser.post(
            reverse("clinic:portal-message-send"),
            {"body": "Is it fine to walk further?", "csrfmiddlewaretoken": _csrf(browser)},
        )
    assert response.status_code == 302 and response["Location"] == reverse("clinic:portal-messages")
    assert SecureMessage.objects.get().body == "Is it fine to walk further?"


def _csrf(browser):
    return browser.cookies[settings.CSRF_COOKIE_NAME].value


def _login_with_csrf(browser, user):
    response = browser.post(
        reverse("login"),
        {
            "username": user.email,
            "password": PASSWORD,
            "remember_device": "on",
            "csrfmiddlewaretoken": _csrf(browser),
        },
    )
    assert response.status_code == 302


def test_ticking_the_box_again_replaces_the_browsers_old_device(client, patient):
    old_token = _login(client, patient).cookies[COOKIE_NAME].value
    client.cookies.pop(settings.SESSION_COOKIE_NAME)
    client.cookies[COOKIE_NAME] = old_token
    new_token = _login(client, patient).cookies[COOKIE_NAME].value
    assert new_token != old_token
    old, new = RememberedDevice.objects.order_by("pk")
    assert old.revoked_at is not None and new.revoked_at is None
    assert _home(_device_client(new_token)).status_code == 200


def _devices_of(user, n):
    from clinic.remembered_devices import _binding

    for i in range(n):
        RememberedDevice.objects.create(
            user=user,
            token_hash=f"{user.pk:08d}{i:056d}",
            binding=_binding(user),
            user_agent="Firefox on Linux",
            expires_at=timezone.now() + LIFETIME,
        )


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_device_lists_cost_the_same_for_one_device_or_many(patient, patient_record, therapist):
    mine, staff = Client(), Client()
    mine.force_login(patient)
    staff.force_login(therapist)
    portal_url = reverse("clinic:portal-devices")
    staff_url = reverse("clinic:patient-devices", args=[patient_record.uuid])
    _devices_of(patient, 1)
    one = (_count(mine, portal_url), _count(staff, staff_url))
    RememberedDevice.objects.all().delete()
    _devices_of(patient, 4)
    many = (_count(mine, portal_url), _count(staff, staff_url))
    assert one == many
    assert "Firefox on Linux" in mine.get(portal_url).content.decode()
