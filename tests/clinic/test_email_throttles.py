"""Password-reset and invitation emails are limited per address and per client IP, and the
reset page never says whether an account exists or whether the limit was reached."""

import pytest
from django.urls import reverse

from clinic.models import OutboxMessage
from clinic.throttles import LIMITS
from tests.factories import PatientFactory, PatientUserFactory

pytestmark = pytest.mark.django_db

RESET = LIMITS["password-reset"]


def _reset(client, email, ip="203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def _seen(response) -> tuple:
    return response.status_code, response["Location"]


def test_twenty_resets_for_one_patient_send_three_emails(client, patient, mailoutbox):
    responses = [_reset(client, "pat@test.example") for _ in range(20)]

    assert len(mailoutbox) == RESET.per_address == 3
    assert {mail.to[0] for mail in mailoutbox} == {"pat@test.example"}
    assert {_seen(r) for r in responses} == {(302, reverse("password_reset_done"))}


def test_the_address_limit_does_not_care_about_case_or_spaces(client, patient, mailoutbox):
    for email in ("pat@test.example", "PAT@test.example", " Pat@Test.Example ", "pat@test.example"):
        _reset(client, email)
    assert len(mailoutbox) == 3


def test_one_ip_asking_for_many_addresses_is_limited_too(client, db, mailoutbox):
    for n in range(RESET.per_ip + 5):
        PatientUserFactory(email=f"p{n}@test.example")
    for n in range(RESET.per_ip + 5):
        _reset(client, f"p{n}@test.example")
    assert len(mailoutbox) == RESET.per_ip

    _reset(client, "p14@test.example", ip="198.51.100.20")  # another client still gets one
    assert len(mailoutbox) == RESET.per_ip + 1


def test_the_answer_is_the_same_for_a_known_an_unknown_and_a_held_back_address(
    client, patient, mailoutbox
):
    known = [_seen(_reset(client, "pat@test.example")) for _ in range(5)]  # 3 sent, 2 held back
    unknown = _seen(_reset(client, "nobody@test.example"))
    assert len(mailoutbox) == 3
    assert set(known) == {unknown}
    page = client.get(reverse("password_reset_done"))
    assert page.status_code == 200


def test_the_limit_counts_per_hour(client, patient, mailoutbox, time_machine):
    time_machine.move_to("2026-03-02 09:00Z")
    for _ in range(5):
        _reset(client, "pat@test.example")
    time_machine.move_to("2026-03-02 10:01Z")
    _reset(client, "pat@test.example")
    assert len(mailoutbox) == 4


def test_invitations_to_one_address_are_limited_with_a_message(therapist_client, therapist):
    newcomer = PatientFactory(email="new@test.example", therapist=therapist)
    url = reverse("clinic:patient-invite", kwargs={"uuid": newcomer.uuid})

    responses = [therapist_client.post(url, follow=True) for _ in range(5)]

    invitations = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.INVITATION)
    assert invitations.count() == 3
    held_back = responses[-1]
    assert held_back.redirect_chain[-1][0] == reverse(
        "clinic:patient-invitation", kwargs={"uuid": newcomer.uuid}
    )
    assert "Wait an hour before sending another" in held_back.content.decode()
