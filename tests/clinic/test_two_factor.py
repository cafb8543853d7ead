"""Passwords (Argon2, length, common and similar passwords) and TOTP two-factor for staff."""

import base64
import hashlib
import hmac
import re
import struct
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

import config.settings as project_settings
from clinic.models import AuditEvent, ClinicProfile
from tests.factories import PASSWORD

# --- passwords --------------------------------------------------------------------------------


def test_argon2_is_the_first_hasher_in_the_project_settings(settings):
    # (tests/conftest.py swaps in MD5 for speed, so read the settings module itself.)
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    encoded = make_password("a-long-clinic-password", hasher="argon2")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("a-long-clinic-password", encoded)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Sh0rt-pass!", "at least 12 characters"),
        ("password1234", "too common"),
        ("4958203948572049", "entirely numeric"),
        ("tess.therapist", "too similar"),
    ],
)
def test_weak_passwords_are_refused(therapist, settings, password, message):
    settings.AUTH_PASSWORD_VALIDATORS = project_settings.AUTH_PASSWORD_VALIDATORS
    with pytest.raises(ValidationError) as error:
        validate_password(password, user=therapist)
    assert any(message in text for text in error.value.messages)


def test_a_long_unusual_password_is_accepted(therapist, settings):
    settings.AUTH_PASSWORD_VALIDATORS = project_settings.AUTH_PASSWORD_VALIDATORS
    validate_password("piano-harbour-lantern-77", user=therapist)


# --- TOTP codes, computed here from RFC 6238 rather than with the library under test ---------


def totp_code(secret_b32: str, at) -> str:
    key = base64.b32decode(secret_b32.replace(" ", ""))
    counter = int(at.timestamp()) // 30
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def device_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def _enrol(client, now) -> str:
    """Enrol through the page as a person would: read the key off the page, type a code."""
    with time_machine.travel(now, tick=False):
        page = client.get(reverse("clinic:two-factor"))
        assert page.status_code == 200
        secret = re.search(
            r'<code class="secret-key[^"]*">([A-Z2-7 ]+)</code>', page.content.decode()
        )
        secret = secret.group(1)
        response = client.post(reverse("clinic:two-factor"), {"code": totp_code(secret, now)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def _password_login(client, user, now):
    with time_machine.travel(now, tick=False):
        response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


# --- enrolment --------------------------------------------------------------------------------


def test_enrol_page_shows_a_qr_code_and_key(therapist_client):
    response = therapist_client.get(reverse("clinic:two-factor"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="qr-code" role="img"' in page
    assert "style=" not in page.split('<svg class="qr-code"')[1].split("</svg>")[0]
    assert re.search(r'<code class="secret-key[^"]*">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>', page)
    assert not TOTPDevice.objects.exists()  # nothing stored until confirmed


def test_enrolment_with_a_real_code_turns_two_factor_on(therapist_client, therapist):
    now = timezone.now()
    secret = _enrol(therapist_client, now)
    device = TOTPDevice.objects.get(user=therapist)
    assert device.confirmed
    assert device_secret(device) == secret.replace(" ", "")
    event = AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR_ENROL).get()
    assert event.user == therapist
    page = therapist_client.get(reverse("clinic:two-factor")).content.decode()
    assert "Your account asks for a code" in page


def test_enrolment_with_a_wrong_code_stores_nothing(therapist_client):
    page = therapist_client.get(reverse("clinic:two-factor")).content.decode()
    secret = re.search(r'<code class="secret-key[^"]*">([A-Z2-7 ]+)</code>', page).group(1)
    wrong = f"{(int(totp_code(secret, timezone.now())) + 1) % 1_000_000:06d}"
    response = therapist_client.post(reverse("clinic:two-factor"), {"code": wrong})
    assert response.status_code == 200
    assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    response = therapist_client.post(reverse("clinic:two-factor"), {"code": "12ab"})
    assert "Enter the 6 digits" in response.content.decode()


def test_patients_cannot_open_two_factor(patient_client):
    assert patient_client.get(reverse("clinic:two-factor")).status_code == 403


# --- verification at login --------------------------------------------------------------------


@pytest.fixture
def enrolled(therapist):
    return TOTPDevice.objects.create(user=therapist, name="Phone", confirmed=True)


def test_login_with_a_device_asks_for_a_code_before_anything_else(client, therapist, enrolled):
    now = timezone.now()
    _password_login(client, therapist, now)
    with time_machine.travel(now, tick=False):
        response = client.get(reverse("pages:dashboard"))
        assert response.status_code == 302
        assert response["Location"] == (
            f"{reverse('clinic:two-factor-verify')}?next=%2Fdashboard%2F"
        )
        assert client.get(reverse("clinic:staff-list")).status_code == 302
        verify = client.get(response["Location"])
        assert verify.status_code == 200
        assert b'autocomplete="one-time-code"' in verify.content
        done = client.post(response["Location"], {"code": totp_code(device_secret(enrolled), now)})
    assert done.status_code == 302
    assert done["Location"] == "/dashboard/"
    with time_machine.travel(now + timedelta(seconds=5), tick=False):
        assert client.get(reverse("pages:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.TWO_FACTOR_VERIFY, user=therapist
    ).exists()


def test_wrong_code_at_login_keeps_the_gate_closed(client, therapist, enrolled):
    now = timezone.now()
    _password_login(client, therapist, now)
    good = totp_code(device_secret(enrolled), now)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    with time_machine.travel(now, tick=False):
        response = client.post(reverse("clinic:two-factor-verify"), {"code": wrong})
        assert response.status_code == 200
        assert "That code did not match" in response.content.decode()
        assert client.get(reverse("pages:dashboard")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR_FAILED).exists()


def test_a_code_cannot_be_used_twice(client, therapist, enrolled):
    now = timezone.now()
    code = totp_code(device_secret(enrolled), now)
    _password_login(client, therapist, now)
    with time_machine.travel(now, tick=False):
        assert client.post(reverse("clinic:two-factor-verify"), {"code": code}).status_code == 302
        client.post(reverse("logout"))
    _password_login(client, therapist, now + timedelta(seconds=2))
    with time_machine.travel(now + timedelta(seconds=2), tick=False):
        replay = client.post(reverse("clinic:two-factor-verify"), {"code": code})
    assert replay.status_code == 200


def test_logout_is_open_during_verification(client, therapist, enrolled):
    _password_login(client, therapist, timezone.now())
    assert client.post(reverse("logout")).status_code == 302


def test_verify_page_without_a_pending_step_goes_home(therapist_client):
    response = therapist_client.get(reverse("clinic:two-factor-verify"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_verify_ignores_an_offsite_next(client, therapist, enrolled):
    now = timezone.now()
    _password_login(client, therapist, now)
    with time_machine.travel(now, tick=False):
        response = client.post(
            reverse("clinic:two-factor-verify"),
            {"code": totp_code(device_secret(enrolled), now), "next": "https://evil.example/"},
        )
    assert response["Location"] == reverse("home")


# --- required for all staff -------------------------------------------------------------------


def test_required_two_factor_sends_staff_without_a_device_to_enrol(client, therapist):
    profile = ClinicProfile.load()
    profile.require_staff_2fa = True
    profile.save()
    now = timezone.now()
    _password_login(client, therapist, now)
    with time_machine.travel(now, tick=False):
        response = client.get(reverse("pages:dashboard"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("clinic:two-factor"))
        page = client.get(reverse("clinic:two-factor")).content.decode()
        assert "Your clinic requires two-factor sign-in" in page
    _enrol(client, now)
    with time_machine.travel(now + timedelta(seconds=1), tick=False):
        assert client.get(reverse("pages:dashboard")).status_code == 200


def test_required_two_factor_does_not_apply_to_patients(client, patient):
    profile = ClinicProfile.load()
    profile.require_staff_2fa = True
    profile.save()
    _password_login(client, patient, timezone.now())
    assert client.get(reverse("programs:portal-home")).status_code == 200


def test_clinic_admin_can_require_it_from_the_clinic_page(admin_client_):
    response = admin_client_.post(
        reverse("clinic:clinic-profile"), {"name": "Harborview NMT", "require_staff_2fa": "on"}
    )
    assert response.status_code == 302
    assert ClinicProfile.load().require_staff_2fa is True


# --- turning it off and resetting -------------------------------------------------------------


def test_turning_off_needs_a_current_code(client, therapist, enrolled):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        client.force_login(therapist)
        client.post(
            reverse("clinic:two-factor-verify"),
            {"code": totp_code(device_secret(enrolled), now)},
        )
    later = now + timedelta(seconds=60)
    with time_machine.travel(later, tick=False):
        assert client.get(reverse("clinic:two-factor-remove")).status_code == 405
        refused = client.post(reverse("clinic:two-factor-remove"), {"code": "000000"})
        assert refused.status_code == 200
        assert "That code did not match" in refused.content.decode()
        assert TOTPDevice.objects.filter(user=therapist).exists()
    later += timedelta(seconds=5)  # django-otp makes you wait a moment after a wrong code
    with time_machine.travel(later, tick=False):
        response = client.post(
            reverse("clinic:two-factor-remove"), {"code": totp_code(device_secret(enrolled), later)}
        )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=therapist).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR_REMOVE).exists()


def test_staff_cannot_turn_it_off_when_the_clinic_requires_it(therapist_client, therapist):
    TOTPDevice.objects.create(user=therapist, name="Phone", confirmed=True)
    profile = ClinicProfile.load()
    profile.require_staff_2fa = True
    profile.save()
    response = therapist_client.post(reverse("clinic:two-factor-remove"), {"code": "123456"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=therapist).exists()


def test_clinic_admin_resets_a_lost_device(client, admin, colleague, therapist, enrolled):
    client.force_login(colleague)
    assert (
        client.post(reverse("clinic:staff-two-factor-reset", args=[therapist.pk])).status_code
        == 403
    )
    client.force_login(admin)
    response = client.post(reverse("clinic:staff-two-factor-reset", args=[therapist.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=therapist).exists()
    event = AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR_REMOVE).get()
    assert event.user == admin
    assert therapist.email in event.detail
