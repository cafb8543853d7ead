"""The demo's remembered device: Jordan is kept signed in on his phone, listed once for him and
for his therapist, and the demo token opens nothing."""

from django.test import Client
from django.urls import reverse

from clinic.models import Patient
from clinic.remembered_devices import COOKIE_NAME, RememberedDevice


def test_jordan_has_one_remembered_phone_listed_for_him_and_his_therapist(demo_clinic, client):
    rivera = Patient.objects.get(last_name="Rivera")
    device = RememberedDevice.objects.get()
    assert device.user == rivera.user and device.is_signed_in
    assert device.user_agent == "Safari on iPhone"
    assert device.created_at < device.last_used_at < device.expires_at

    client.force_login(rivera.user)
    assert "Safari on iPhone" in client.get(reverse("clinic:portal-devices")).content.decode()
    staff = Client()
    staff.force_login(rivera.therapist)
    page = staff.get(reverse("clinic:patient-devices", args=[rivera.uuid])).content.decode()
    assert "Safari on iPhone" in page

    guess = Client()
    guess.cookies[COOKIE_NAME] = "demo"
    assert guess.get(reverse("programs:portal-home")).status_code == 302
