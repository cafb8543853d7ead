"""The demo's unanswered pre-visit intake: Helen Cho's link, emailed by Sam two days ago."""

from django.test import Client
from django.urls import reverse

from clinic.models import OutboxMessage, Patient
from clinic.selfservice.models import PatientLink, SelfIntake


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
