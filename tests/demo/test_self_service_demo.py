"""The demo's unanswered pre-visit intake: Helen Cho's link, emailed by Sam two days ago."""

from django.test import Client
from django.urls import reverse

from clinic.models import OutboxMessage, Patient
from clinic.selfservice.models import PatientLink, SelfIntake
from demo.clinic_data import DEMO_PASSWORD, demo_logins


def test_helen_has_one_pre_visit_intake_link_sent_and_not_answered(demo_clinic):
    cho = Patient.objects.get(last_name="Cho")
    self_intake = SelfIntake.objects.get(patient=cho)
    assert self_intake.status == SelfIntake.Status.SENT
    assert self_intake.requested_by.email == "sam@restore.example"
    link = PatientLink.objects.get(patient=cho)
    assert link.is_live and link.open_count == 0
    assert (link.purpose, link.channel, link.target_uuid) == ("intake", "email", self_intake.uuid)
    assert round((link.expires_at - link.created_at).total_seconds() / 86400) == 7
    message = OutboxMessage.objects.get(kind="self_service_link", patient=cho)
    assert "/f/" not in message.body_text  # the link is written only when it is sent

    staff = Client()
    staff.force_login(link.created_by)
    page = staff.get(reverse("pages:patient-detail", args=[cho.uuid])).content.decode()
    card = page[page.index('id="self-service"') :]
    assert "Sent" in card[: card.index("</section>")]


def test_helen_signs_in_to_her_program_with_a_printed_demo_login(demo_clinic):
    """Invited to a pre-visit intake and logging her hip program from her phone, she is a
    portal patient: her login is among those `make run` prints, her logs are hers."""
    cho = Patient.objects.get(last_name="Cho")
    assert cho.user is not None and cho.user.email == cho.email == "helen@patient.example"
    assert ("Patient", cho.email, DEMO_PASSWORD) in demo_logins()

    phone = Client()
    signed_in = phone.post(reverse("login"), {"username": cho.email, "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302 and "/accounts/login/" not in signed_in["Location"]
    assert phone.get(reverse("programs:portal-home")).status_code == 200
    program = cho.programs.get(title="Hip and buttock settling")
    page = phone.get(reverse("programs:portal-program", args=[program.uuid])).content.decode()
    assert "Hip and buttock settling" in page
