"""The link API: issue, find, revoke, complete, email; and the gate in front of link pages."""

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.utils import timezone

from clinic.models import AuditEvent, ClinicProfile, OutboxMessage
from clinic.outbox.at_send import Withdrawn, prepared
from clinic.selfservice import links
from clinic.selfservice.access import ANY_PURPOSE, link_view
from clinic.selfservice.models import PatientLink

pytestmark = pytest.mark.django_db

INTAKE = PatientLink.Purpose.INTAKE
QUESTIONNAIRE = PatientLink.Purpose.QUESTIONNAIRE


def issue(patient_record, therapist, **kwargs):
    kwargs.setdefault("purpose", INTAKE)
    kwargs.setdefault("target_uuid", uuid.uuid4())
    return links.issue_link(patient=patient_record, by=therapist, **kwargs)


def test_issue_link_keeps_only_the_tokens_hash(patient_record, therapist):
    link, token = issue(patient_record, therapist)
    assert len(token) >= 43
    assert link.token_hash == links.hash_token(token) != token
    assert not PatientLink.objects.filter(token_hash=token).exists()
    values = [str(v) for v in PatientLink.objects.values_list().get(pk=link.pk)]
    assert not any(token in value for value in values)
    assert link.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert link.created_by == therapist
    event = AuditEvent.objects.get(action="create", object_id=str(link.uuid))
    assert event.patient == patient_record
    assert token not in event.detail


def test_a_live_link_is_found_by_its_token(patient_record, therapist):
    link, token = issue(patient_record, therapist)
    assert links.find_live_link(token) == link
    assert links.find_live_link(token + "x") is None
    assert links.find_live_link("") is None
    assert links.find_live_link("a" * 500) is None


def test_an_expired_link_is_not_live(patient_record, therapist):
    link, token = issue(patient_record, therapist, days=1)
    PatientLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert links.find_live_link(token) is None
    assert links.why_dead(PatientLink.objects.get(pk=link.pk)) == "expired"


def test_a_revoked_link_is_not_live_and_the_revocation_is_audited(patient_record, therapist):
    link, token = issue(patient_record, therapist)
    links.revoke_link(link=link, by=therapist)
    link.refresh_from_db()
    assert link.revoked_by == therapist and link.revoked_at is not None
    assert links.find_live_link(token) is None
    assert AuditEvent.objects.filter(action="archive", object_id=str(link.uuid)).count() == 1
    links.revoke_link(link=link, by=therapist)  # again: nothing more happens
    assert AuditEvent.objects.filter(action="archive", object_id=str(link.uuid)).count() == 1


def test_completing_a_form_ends_every_live_link_to_it(patient_record, therapist):
    target = uuid.uuid4()
    first, first_token = issue(patient_record, therapist, target_uuid=target)
    second, second_token = issue(patient_record, therapist, target_uuid=target)
    other, other_token = issue(patient_record, therapist)
    assert links.complete_links(target_uuid=target) == 2
    assert links.find_live_link(first_token) is None
    assert links.find_live_link(second_token) is None
    assert links.find_live_link(other_token) == other
    assert links.complete_links(target_uuid=target) == 0


def test_link_path_is_the_open_address(patient_record, therapist):
    _link, token = issue(patient_record, therapist)
    assert links.link_path(token) == f"/f/{token}/"


def test_bad_arguments_are_refused(patient_record, therapist):
    with pytest.raises(ValueError):
        issue(patient_record, therapist, purpose="portal")
    with pytest.raises(ValueError):
        issue(patient_record, therapist, channel="fax")
    with pytest.raises(ValueError):
        issue(patient_record, therapist, days=0)


# --- the email ---------------------------------------------------------------------------------


def test_the_email_carries_a_fresh_token_written_only_when_sent(patient_record, therapist):
    ClinicProfile.objects.update_or_create(pk=1, defaults={"phone": "(617) 555-0100"})
    link, token = issue(patient_record, therapist)
    from django.db import transaction

    with transaction.atomic():
        message = links.email_link(link=link, token=token, by=therapist)
    assert message.kind == OutboxMessage.Kind.SELF_SERVICE_LINK
    assert message.address == "pat@test.example"
    assert token not in message.body_text and "/f/" not in message.body_text
    sent = prepared(OutboxMessage.objects.get(pk=message.pk))
    link.refresh_from_db()
    new_token = sent.body_text.split("/f/")[1].split("/")[0]
    assert links.find_live_link(new_token) == link
    assert links.find_live_link(token) is None  # only the email's copy works
    assert "(617) 555-0100" in sent.body_text
    assert f"{link.expires_at:%Y}" in sent.body_text
    stored = OutboxMessage.objects.get(pk=message.pk)
    assert new_token not in stored.body_text + stored.body_html + str(stored.headers)


def test_the_email_says_nothing_about_health(patient_record, therapist):
    patient_record.notes = "Lumbar radiculopathy"
    link, token = issue(patient_record, therapist)
    from django.db import transaction

    with transaction.atomic():
        message = links.email_link(link=link, token=token, by=therapist)
    sent = prepared(OutboxMessage.objects.get(pk=message.pk))
    text = (sent.subject + sent.body_text + sent.body_html).lower()
    for word in ("rivera", "pain", "intake", "radiculopathy", "diagnos", "back pain", "symptom"):
        assert word not in text, word
    assert "form" in text


def test_an_email_for_a_link_that_ended_is_withdrawn(patient_record, therapist):
    link, token = issue(patient_record, therapist)
    from django.db import transaction

    with transaction.atomic():
        message = links.email_link(link=link, token=token, by=therapist)
    links.revoke_link(link=link, by=therapist)
    with pytest.raises(Withdrawn):
        prepared(OutboxMessage.objects.get(pk=message.pk))


def test_email_link_refuses_a_token_of_another_link(patient_record, therapist):
    link, _token = issue(patient_record, therapist)
    _other, other_token = issue(patient_record, therapist)
    with pytest.raises(ValueError):
        links.email_link(link=link, token=other_token, by=therapist)


# --- the gate ----------------------------------------------------------------------------------


@link_view(INTAKE)
def intake_page(request, token):
    return HttpResponse(f"form of {request.patient_link.patient.first_name}")


@link_view(ANY_PURPOSE)
def any_page(request, token):
    return HttpResponse("ok")


@link_view(INTAKE)
def missing_step(request, token):
    raise Http404("no such step")


def call(rf, view, token, method="get", ip="203.0.113.9"):
    request = getattr(rf, method)("/f/x/", REMOTE_ADDR=ip)
    request.user = AnonymousUser()
    return view(request, token)


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_live_link_opens_its_form_and_the_opening_is_audited(rf, patient_record, therapist):
    link, token = issue(patient_record, therapist)
    response = call(rf, intake_page, token)
    assert response.status_code == 200
    assert response.content == b"form of Pat"
    assert_private(response)
    event = AuditEvent.objects.get(action="view", object_id=str(link.uuid))
    assert event.patient == patient_record
    assert event.user is None and event.actor == "patient (by link)"
    assert "Pre-visit intake" in event.detail
    assert event.ip == "203.0.113.9"


def test_a_post_is_not_audited_as_a_read(rf, patient_record, therapist):
    link, token = issue(patient_record, therapist)
    assert call(rf, intake_page, token, method="post").status_code == 200
    assert not AuditEvent.objects.filter(action="view", object_id=str(link.uuid)).exists()


@pytest.mark.parametrize("end", ["expired", "revoked", "completed"])
def test_an_ended_link_gets_the_plain_page_and_a_refusal_row(rf, patient_record, therapist, end):
    ClinicProfile.objects.update_or_create(
        pk=1, defaults={"name": "Harbor Clinic", "phone": "(617) 555-0100"}
    )
    link, token = issue(patient_record, therapist)
    if end == "expired":
        PatientLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    elif end == "revoked":
        links.revoke_link(link=link, by=therapist)
    else:
        links.complete_links(target_uuid=link.target_uuid)
    response = call(rf, intake_page, token)
    assert response.status_code == 404
    assert_private(response)
    html = response.content.decode()
    assert "t work any more" in html
    assert "Harbor Clinic" in html and "(617) 555-0100" in html
    assert "Pat" not in html and "Rivera" not in html
    event = AuditEvent.objects.get(action="link_refused", object_id=str(link.uuid))
    assert event.patient == patient_record
    assert end in event.detail
    assert not AuditEvent.objects.filter(action="view", object_id=str(link.uuid)).exists()


def test_a_wrong_token_gets_the_plain_page_without_an_audit_row(rf, patient_record, therapist):
    issue(patient_record, therapist)
    before = AuditEvent.objects.count()
    response = call(rf, intake_page, "not-a-token")
    assert response.status_code == 404
    assert_private(response)
    assert AuditEvent.objects.count() == before


def test_a_link_of_another_purpose_does_not_open_the_form(rf, patient_record, therapist):
    _link, token = issue(patient_record, therapist, purpose=QUESTIONNAIRE)
    assert call(rf, intake_page, token).status_code == 404
    assert call(rf, any_page, token).status_code == 200


def test_wrong_tokens_from_one_ip_are_limited(rf, patient_record, therapist):
    _link, token = issue(patient_record, therapist)
    for attempt in range(30):
        assert call(rf, intake_page, f"guess-{attempt}").status_code == 404
    blocked = call(rf, intake_page, token)
    assert blocked.status_code == 429
    assert_private(blocked)
    assert call(rf, intake_page, token, ip="198.51.100.7").status_code == 200


def test_good_links_from_one_ip_are_not_limited(rf, patient_record, therapist):
    _link, token = issue(patient_record, therapist)
    for _ in range(40):
        assert call(rf, intake_page, token, method="post").status_code == 200


def test_a_404_inside_a_link_page_is_the_same_plain_private_page(rf, patient_record, therapist):
    _link, token = issue(patient_record, therapist)
    response = call(rf, missing_step, token)
    assert response.status_code == 404
    assert "t work any more" in response.content.decode()
    assert_private(response)
