"""Requests for a copy of the record, and the tokens integrations read the FHIR API with.

An access request is the patient's right of access under HIPAA (45 CFR 164.524): the clinic
has 30 days to act on it and may extend once, by 30 more days, telling the patient why. A
request is never deleted; it is fulfilled. An integration token is stored only as its SHA-256
hash: the clinic admin sees the token once, when it is made, and revokes it when it is no
longer needed.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.models import Patient, TimeStampedModel, User, within

# HIPAA 164.524(b)(2): act within 30 days of the request; one extension of at most 30 days.
RESPONSE_DAYS = 30
EXTENSION_DAYS = 30
# How long a released copy can be downloaded from the portal; after that, ask again.
DOWNLOAD_DAYS = 30


class AccessRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return within(self, "patient", Patient.objects.for_user(user))
        if user.role == User.Role.PATIENT:
            return self.filter(patient__user=user)
        return self.none()

    def open_requests(self):
        return self.filter(status=AccessRequest.Status.OPEN)


class AccessRequest(TimeStampedModel):
    """A request for a copy of the patient's record, from the portal or recorded by staff."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Fulfilled")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Patient portal")
        STAFF = "staff", _("Recorded by staff (in person, letter or phone)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="access_requests")
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.PORTAL)
    note = models.TextField(_("what was asked for"), blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    extended_at = models.DateTimeField(null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_reason = models.TextField(blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "requested_at", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="accessrequest_status_idx")]
        constraints = [
            models.CheckConstraint(
                name="accessrequest_status_valid", condition=Q(status__in=["open", "fulfilled"])
            ),
            models.UniqueConstraint(
                fields=["patient"],
                condition=Q(status="open"),
                name="accessrequest_one_open_per_patient",
            ),
            models.CheckConstraint(
                name="accessrequest_fulfilment_complete",
                condition=Q(status="open", fulfilled_at__isnull=True, fulfilled_by__isnull=True)
                | Q(status="fulfilled", fulfilled_at__isnull=False, fulfilled_by__isnull=False),
            ),
            models.CheckConstraint(
                name="accessrequest_extension_complete",
                condition=Q(extended_at__isnull=True, extended_by__isnull=True, extension_reason="")
                | (
                    Q(extended_at__isnull=False, extended_by__isnull=False)
                    & ~Q(extension_reason="")
                ),
            ),
        ]

    def __str__(self):
        return (
            f"Record request by {self.patient} on {timezone.localtime(self.requested_at):%d %b %Y}"
        )

    def get_absolute_url(self):
        return reverse("interop:patient-record-access", kwargs={"uuid": self.patient.uuid})

    @staticmethod
    def first_due_on(requested_at) -> date:
        return timezone.localdate(requested_at) + timedelta(days=RESPONSE_DAYS)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def download_until(self) -> date | None:
        if self.fulfilled_at is None:
            return None
        return timezone.localdate(self.fulfilled_at) + timedelta(days=DOWNLOAD_DAYS)

    @property
    def can_download(self) -> bool:
        until = self.download_until
        return until is not None and timezone.localdate() <= until


class IntegrationTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_admin:
            return self.none()
        return self

    def active(self):
        return self.filter(revoked_at__isnull=True)


class IntegrationToken(models.Model):
    """A bearer token one integration uses to read the FHIR API. Only its hash is stored."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")

    name = models.CharField(
        max_length=120, unique=True, help_text=_("Who uses it, e.g. 'Harbor Spine referrals'.")
    )
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.READ)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, so the admin can tell tokens apart; not enough to use.
    prefix = models.CharField(max_length=12, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = IntegrationTokenQuerySet.as_manager()

    class Meta:
        ordering = ["revoked_at", "name"]
        constraints = [
            models.CheckConstraint(name="integrationtoken_scope_valid", condition=Q(scope="read")),
            models.CheckConstraint(
                name="integrationtoken_revocation_complete",
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("interop:token-list")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
