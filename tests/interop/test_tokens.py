from django.urls import reverse

from clinic.models import AuditEvent
from interop import services
from interop.models import IntegrationToken


def test_admin_creates_a_token_shown_once_and_stored_hashed(admin_client_, admin):
    response = admin_client_.post(reverse("interop:token-create"), {"name": "Harbor Spine EHR"})
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw.startswith("rst_") and raw in response.text
    token = IntegrationToken.objects.get()
    assert token.token_hash == services.hash_token(raw)
    assert raw not in token.token_hash and token.prefix == raw[:10]
    assert token.created_by == admin and token.scope == "read"
    listing = admin_client_.get(reverse("interop:token-list"))
    assert "Harbor Spine EHR" in listing.text and raw not in listing.text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, user=admin).exists()


def test_a_token_needs_a_new_name(admin_client_, admin):
    services.create_integration_token(name="Harbor Spine EHR", by=admin)
    assert admin_client_.post(reverse("interop:token-create"), {"name": ""}).status_code == 422
    again = admin_client_.post(reverse("interop:token-create"), {"name": "harbor spine ehr"})
    assert again.status_code == 422
    assert "already exists" in again.text
    assert IntegrationToken.objects.count() == 1


def test_admin_revokes_a_token(admin_client_, admin):
    token, raw = services.create_integration_token(name="Old partner", by=admin)
    response = admin_client_.post(reverse("interop:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == admin and not token.is_active
    assert services.authenticate_token(raw) is None


def test_only_the_clinic_admin_manages_tokens(therapist_client):
    assert therapist_client.get(reverse("interop:token-list")).status_code == 403
    assert therapist_client.post(reverse("interop:token-create"), {"name": "x"}).status_code == 403
