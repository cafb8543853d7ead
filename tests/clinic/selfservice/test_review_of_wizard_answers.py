"""The review reads what the patient's wizard really stores: answered by link, sent, then every
section confirmed as the patient said it (none differs from the draft intake made on submit)."""

import pytest
from django.urls import reverse

from clinic.selfservice import links, review
from clinic.selfservice.models import PatientLink, SelfIntake
from tests.clinic.selfservice.test_self_intake import answer_all

pytestmark = pytest.mark.django_db


def test_a_form_sent_by_link_is_reviewed_section_by_section_and_signed(
    client, patient_record, therapist
):
    self_intake = SelfIntake.objects.create(patient=patient_record, requested_by=therapist)
    _, token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=self_intake.uuid,
        by=therapist,
    )
    answer_all(client, token, red_flags={"night_pain": "yes"})
    client.post(
        reverse("clinic:self-intake-sign", kwargs={"token": token}),
        {"esign_consent": "on", "intent": "on", "signature_name": "Pat Rivera"},
    )
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.SUBMITTED

    progress = review.review_progress(self_intake)
    slugs = [row.slug for row in progress.sections]
    assert {"complaint", "red-flags", "body-chart", "pain", "onset"} <= set(slugs)
    assert not [row.slug for row in progress.sections if row.drifted]

    client.force_login(therapist)
    page = client.get(reverse("clinic:self-intake-review", kwargs={"uuid": self_intake.uuid}))
    assert page.status_code == 200
    assert "My low back hurts when I sit." in page.content.decode()
    for slug in slugs:
        url = reverse("clinic:self-intake-confirm", kwargs={"uuid": self_intake.uuid, "slug": slug})
        assert client.post(url).status_code == 302
    assert review.review_progress(self_intake).is_complete
    response = client.post(
        reverse("clinic:intake-sign", kwargs={"uuid": self_intake.intake.uuid}),
        {
            "consent_treatment": "on",
            "consent_privacy": "on",
            "signer": "patient",
            "signature_name": "Pat Rivera",
        },
    )
    assert response.status_code == 302
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.REVIEWED
