"""A `next` field is followed only to a path on this site; anything else is ignored, never a 500."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from clinic.models import OutboxMessage
from clinic.views.common import local_next
from tests.test_access_matrix import failed_message_a


@pytest.mark.parametrize(
    ("target", "followed"),
    [
        ("/patients/", "/patients/"),
        ("/deliveries/?status=failed", "/deliveries/?status=failed"),
        ("0", ""),  # redirect() would look it up as a URL name
        ("home", ""),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("", ""),
    ],
)
def test_only_a_path_on_this_site_is_followed(target, followed):
    assert local_next(RequestFactory().get("/"), target) == followed


@pytest.mark.parametrize("target", ["0", "-258", "clinic:delivery-list", "\x00"])
def test_resend_with_a_bare_word_as_next_goes_back_to_the_patients_messages(client, world, target):
    uuid = failed_message_a(world)["uuid"]
    client.force_login(world.therapist)
    response = client.post(
        reverse("clinic:message-resend", kwargs={"uuid": uuid}), {"next": target}
    )
    message = OutboxMessage.objects.get(uuid=uuid)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "clinic:patient-messages", kwargs={"uuid": message.patient.uuid}
    )
