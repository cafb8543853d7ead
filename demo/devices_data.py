"""Remembered devices in the demo (fictional): Jordan Rivera chose "keep me signed in on this
device" on his phone six days ago and used it yesterday, so "Your devices" (his portal) and
"Signed-in devices" (his page, for the care team) each list one device to sign out.

Safe to re-run: a patient who already has a remembered device is left as they are. The token
is random and is not kept anywhere: the listed device cannot actually be used to sign in.
"""

from datetime import timedelta

from django.test import RequestFactory
from django.utils import timezone

from clinic.models import Patient
from clinic.remembered_devices import RememberedDevice, remember_device

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def seed(*, patients: dict[str, Patient]) -> None:
    user = patients["rivera"].user
    if user is None or RememberedDevice.objects.filter(user=user).exists():
        return
    request = RequestFactory().post(
        "/accounts/login/", HTTP_USER_AGENT=IPHONE, REMOTE_ADDR="203.0.113.24"
    )
    device, _token = remember_device(user=user, request=request)
    created = timezone.now() - timedelta(days=6, hours=3)
    RememberedDevice.objects.filter(pk=device.pk).update(
        created_at=created,
        last_used_at=timezone.now() - timedelta(days=1, hours=2),
        expires_at=created + timedelta(days=30),
    )
