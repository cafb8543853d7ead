"""Open sessions follow the clinic's rules at once: requiring two-factor reaches every staff
session at its next request, and deactivating an account ends its sessions for good."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import ClinicProfile, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ENROL = reverse("clinic:two-factor")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _require_two_factor(admin_client, on: bool = True):
    data = {"name": "Harborview NMT"} | ({"require_staff_2fa": "on"} if on else {})
    response = admin_client.post(reverse("clinic:clinic-profile"), data)
    assert response.status_code == 302
    assert ClinicProfile.load().require_staff_2fa is on


def _sent_to_enrol(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(ENROL)


# --- two-factor required ------------------------------------------------------------------------


def test_requiring_two_factor_reaches_open_staff_sessions_at_their_next_request(admin, therapist):
    therapist_client, admin_client = _signed_in(therapist), _signed_in(admin)
    assert therapist_client.get(reverse("pages:dashboard")).status_code == 200

    _require_two_factor(admin_client)

    assert _sent_to_enrol(therapist_client.get(reverse("pages:dashboard")))
    assert _sent_to_enrol(admin_client.get(reverse("clinic:staff-list")))  # the admin's too
    assert therapist_client.get(ENROL).status_code == 200


def test_a_rule_changed_outside_the_page_applies_too(therapist):
    therapist_client = _signed_in(therapist)
    ClinicProfile.objects.update_or_create(id=1, defaults={"require_staff_2fa": True})
    assert _sent_to_enrol(therapist_client.get(reverse("pages:dashboard")))


def test_staff_who_verified_a_code_carry_on(admin, therapist):
    device = TOTPDevice.objects.create(user=therapist, name="Phone", confirmed=True)
    therapist_client = _signed_in(therapist)
    session = therapist_client.session
    session.pop("restore_2fa", None)  # as after typing the code at login
    session["otp_device_id"] = device.persistent_id
    session.save()

    _require_two_factor(_signed_in(admin))

    assert therapist_client.get(reverse("pages:dashboard")).status_code == 200


def test_patients_are_not_asked(admin, patient):
    patient_client = _signed_in(patient)
    _require_two_factor(_signed_in(admin))
    assert patient_client.get(reverse("programs:portal-home")).status_code == 200


def test_turning_the_rule_off_releases_staff_held_at_enrolment(admin, therapist):
    admin_client, therapist_client = _signed_in(admin), _signed_in(therapist)
    _require_two_factor(admin_client)
    assert _sent_to_enrol(therapist_client.get(reverse("pages:dashboard")))

    ClinicProfile.objects.filter(id=1).update(require_staff_2fa=False)

    assert therapist_client.get(reverse("pages:dashboard")).status_code == 200


def _queries_for(client, url) -> int:
    client.get(url)  # warm: the session's own bookkeeping
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_rule_costs_no_query_of_its_own(settings, therapist):
    url = reverse("clinic:two-factor")
    plain = "django.contrib.auth.backends.ModelBackend"
    with_rule = Client()
    with_rule.force_login(therapist, backend="clinic.backends.ClinicBackend")
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, plain]
    without = Client()
    without.force_login(therapist, backend=plain)

    assert _queries_for(with_rule, url) == _queries_for(without, url)


# --- deactivation -------------------------------------------------------------------------------


def _set_active(admin_client, user, active: bool):
    response = admin_client.post(
        reverse("clinic:staff-set-active", args=[user.pk]), {"active": "1" if active else "0"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).is_active is active


def _is_signed_in(client) -> bool:
    response = client.get(reverse("pages:dashboard"))
    return response.status_code == 200 and SESSION_KEY in client.session


def test_deactivating_ends_the_accounts_sessions_at_their_next_request(admin, therapist):
    admin_client, first, second = _signed_in(admin), _signed_in(therapist), _signed_in(therapist)

    _set_active(admin_client, therapist, False)

    response = first.get(reverse("pages:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not _is_signed_in(second)
    assert _is_signed_in(admin_client)


def test_reactivating_does_not_revive_the_old_sessions(admin, therapist):
    admin_client, idle = _signed_in(admin), _signed_in(therapist)
    old_cookie = idle.cookies["sessionid"].value

    _set_active(admin_client, therapist, False)
    _set_active(admin_client, therapist, True)  # the idle session made no request meanwhile

    idle.cookies["sessionid"] = old_cookie
    assert not _is_signed_in(idle)
    fresh = Client()  # signing in again works as ever
    fresh.post(reverse("login"), {"username": therapist.email, "password": PASSWORD})
    assert _is_signed_in(fresh)


def test_a_new_session_version_also_ends_sessions_signed_with_an_older_secret(settings, therapist):
    settings.SECRET_KEY_FALLBACKS = ["an-older-secret-key-for-this-test-only-0123456789"]
    before = list(therapist.get_session_auth_fallback_hash())
    therapist.session_version += 1
    assert not set(before) & set(therapist.get_session_auth_fallback_hash())
