"""Demo data for record access and the FHIR API: requests for a copy of the record, and one
integration token. Idempotent, like the rest of the demo.

The token's value is random and thrown away (only its hash is stored, as for any token), so
the demo token cannot be used: create a new one on the Integrations page to try the API.
"""

import secrets
from datetime import timedelta

from django.utils import timezone

from clinic.models import Patient, User
from interop.models import AccessRequest, IntegrationToken
from interop.services import TOKEN_PREFIX, hash_token

DEMO_TOKEN_NAME = "Harbor Spine referrals (demo)"  # noqa: S105 (a name, not a secret)


def seed_access_requests(staff: dict[str, User], patients: dict[str, Patient]) -> None:
    """Jordan Rivera's open request (asked in the portal 12 days ago) and Priya Natarajan's,
    made at the front desk and released two days ago, so her portal shows the download."""
    admin = staff["admin@restore.example"]
    now = timezone.now()
    rivera = patients["rivera"]
    if not rivera.access_requests.exists():
        asked = now - timedelta(days=12)
        AccessRequest.objects.create(
            patient=rivera,
            requested_at=asked,
            requested_by=rivera.user or admin,
            channel=AccessRequest.Channel.PORTAL,
            due_on=AccessRequest.first_due_on(asked),
        )
    natarajan = patients["natarajan"]
    if not natarajan.access_requests.exists():
        asked = now - timedelta(days=9)
        AccessRequest.objects.create(
            patient=natarajan,
            requested_at=asked,
            requested_by=admin,
            channel=AccessRequest.Channel.STAFF,
            note="Asked at the front desk for a copy to take to her physician.",
            due_on=AccessRequest.first_due_on(asked),
            status=AccessRequest.Status.FULFILLED,
            fulfilled_at=now - timedelta(days=2),
            fulfilled_by=admin,
        )


def seed_integration_token(staff: dict[str, User]) -> None:
    if IntegrationToken.objects.filter(name=DEMO_TOKEN_NAME).exists():
        return
    unusable = TOKEN_PREFIX + secrets.token_urlsafe(32)  # never shown, never stored
    IntegrationToken.objects.create(
        name=DEMO_TOKEN_NAME,
        token_hash=hash_token(unusable),
        prefix=unusable[:10],
        created_by=staff["admin@restore.example"],
    )


def seed(*, staff: dict[str, User], patients: dict[str, Patient]) -> None:
    seed_access_requests(staff, patients)
    seed_integration_token(staff)
