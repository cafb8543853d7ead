"""People, patients, intakes and red flags.

Clinical rows are never hard-deleted: patients are archived, intakes are amended, flags are
decided. Every model a view can reach has a `for_user(user)` queryset method, and views fetch
through it so that "does not exist" and "not yours" are the same 404.
"""

import hashlib
import re
import secrets
import uuid
from datetime import date
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .indexes import PrefixSearchIndex, TrigramSearchIndex


class TimeStampedModel(models.Model):
    """Shared base for clinical records."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def within(queryset, field: str, allowed: models.QuerySet):
    """Rows of `queryset` whose `field` is in `allowed` (a for_user queryset).

    When `allowed` has no filter at all (staff see every patient), no condition is added:
    `patient_id IN (SELECT id FROM clinic_patient)` is always true but leads SQLite's planner
    to read every patient first, and PostgreSQL's to hash-join them (slow dashboards at scale).
    """
    if not allowed.query.has_filters():
        return queryset
    return queryset.filter(**{f"{field}__in": allowed})


# --- people -----------------------------------------------------------------------------------


class UserQuerySet(models.QuerySet):
    def staff_members(self):
        return self.filter(role__in=[User.Role.ADMIN, User.Role.THERAPIST])

    def therapists(self):
        return self.filter(role=User.Role.THERAPIST, is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", User.Role.ADMIN)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who logs in: clinic admin, therapist or patient. Logs in by email."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Clinic admin")
        THERAPIST = "therapist", _("Therapist")
        PATIENT = "patient", _("Patient")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    title = models.CharField(
        max_length=80, blank=True, help_text="Shown on handouts, e.g. 'LMT, NMT'."
    )
    # Raised to end every open session of the person at once (deactivation). It is part of the
    # sessions' auth hash, so Django logs them out at their next request, and reactivating the
    # account does not bring them back.
    session_version = models.PositiveIntegerField(default=0, editable=False)
    # The language the person reads our pages in (settings.LANGUAGES). Blank: staff read
    # English, a patient reads their record's preferred language (clinic/languages.py).
    language = models.CharField(_("language"), max_length=8, blank=True, choices=settings.LANGUAGES)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.CheckConstraint(
                name="user_role_valid", condition=Q(role__in=["admin", "therapist", "patient"])
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_session_auth_hash(self) -> str:
        return self._with_session_version(super().get_session_auth_hash())

    def get_session_auth_fallback_hash(self):
        # Sessions signed with an older SECRET_KEY: still ended by a new session version.
        for fallback in super().get_session_auth_fallback_hash():
            yield self._with_session_version(fallback)

    def _with_session_version(self, password_hash: str) -> str:
        if not self.session_version:
            return password_hash  # sessions opened before any version was raised stay valid
        return salted_hmac(
            "clinic.User.session_version",
            f"{password_hash}:{self.session_version}",
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_clinic_admin(self) -> bool:
        return self.is_active and self.role == self.Role.ADMIN

    @property
    def is_therapist(self) -> bool:
        return self.is_active and self.role == self.Role.THERAPIST

    @property
    def is_clinic_staff(self) -> bool:
        """Admins and therapists: both may see the clinic's patients."""
        return self.is_active and self.role in (self.Role.ADMIN, self.Role.THERAPIST)

    @property
    def is_patient(self) -> bool:
        return self.is_active and self.role == self.Role.PATIENT

    @property
    def display_name(self) -> str:
        name = self.get_full_name() or self.email
        return f"{name}, {self.title}" if self.title else name


class ClinicProfile(models.Model):
    """The clinic's details: one row, edited by the clinic admin, shown in headers and handouts."""

    name = models.CharField(max_length=120, default="Restore Clinic")
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    alert_email = models.EmailField(
        "alert email address",
        blank=True,
        help_text="Emailed at once, besides the patient's therapist, when a patient reports "
        "an emergency or urgent symptom or a worrying change at a check-in. The email only "
        "says to sign in: it never contains patient details.",
    )
    website = models.URLField(blank=True)
    logo = models.ImageField(upload_to="clinic/", blank=True)
    handout_footer = models.CharField(
        max_length=200, blank=True, help_text="A short line printed at the foot of every handout."
    )
    require_staff_2fa = models.BooleanField(_("require two-factor for all staff"), default=False)
    nudge_after_days = models.PositiveSmallIntegerField(
        "nudge after this many days without a log",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="A patient with a home program who logs nothing for this many days gets one "
        "friendly email asking how it is going (once each quiet spell).",
    )
    screening_window_days = models.PositiveSmallIntegerField(
        "a red-flag screen counts for this many days",
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
        help_text="A home program can be published only after a signed intake or re-assessment "
        "with a red-flag screen this recent (7 to 365 days).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(name="clinicprofile_singleton", condition=Q(id=1)),
            models.CheckConstraint(
                name="clinicprofile_nudge_after_1_60",
                condition=Q(nudge_after_days__gte=1) & Q(nudge_after_days__lte=60),
            ),
            models.CheckConstraint(
                name="clinicprofile_screening_window_7_365",
                condition=Q(screening_window_days__gte=7) & Q(screening_window_days__lte=365),
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def load(cls) -> "ClinicProfile":
        profile, _ = cls.objects.get_or_create(id=1)
        return profile


# --- patients ---------------------------------------------------------------------------------


def caseload_therapist(prefix: str = "") -> models.Case:
    """The patient's therapist while the patient is not archived, else null: "whose caseload
    the patient is in". The index `patient_caseload_idx` holds it, so a therapist's active
    patients are one index range, and PostgreSQL keeps statistics on it, so it knows how many
    each therapist has (from the two columns apart it guesses: the benchmark's first therapist
    has only archived patients, and it read every program of the clinic to find none).
    `prefix` reaches the patient from another model (`"patient__"`); the expression must stay
    as written here for PostgreSQL to match it to the index and its statistics."""
    return models.Case(
        models.When(**{f"{prefix}archived_at__isnull": True}, then=F(f"{prefix}therapist_id"))
    )


# What the patient list's filters and order read: the search's prefix indexes hold them, so the
# search's first rows come from the indexes alone (PatientQuerySet.first_of_search).
SEARCH_INDEX_COVERS = ("id", "last_name", "first_name", "archived_at", "therapist")


class PatientQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return self
        if user.role == User.Role.PATIENT:
            return self.filter(user=user)
        return self.none()

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def caseload(self, therapist):
        """The therapist's active patients, read from `patient_caseload_idx`."""
        return self.alias(caseload_of=caseload_therapist()).filter(caseload_of=therapist.pk)

    def with_open_flags(self):
        """Patients with at least one open red flag (each once, without DISTINCT)."""
        return self.filter(
            models.Exists(
                RedFlag.objects.filter(patient=models.OuterRef("pk"), status=RedFlag.Status.OPEN)
            )
        )

    def search(self, query: str, *, on: date | None = None):
        """Patients matching what was typed in the search box: a date of birth (`on`, when the
        text reads as a date), a phone number (its digits, in any format), an email, or names
        that each word starts (the case-insensitive prefix indexes serve these). A blank query
        matches everyone, in the usual order."""
        query = query.strip()
        if not query:
            return self
        return self.filter(_search_condition(query, on)).order_by(
            # The same order as Meta.ordering (last_name is never null), as an expression no
            # index supplies: otherwise PostgreSQL walks the whole name index hoping to meet
            # 25 matches early, and they sit together wherever their names fall in the
            # alphabet. This way it finds the matches through the search indexes, then sorts.
            Coalesce("last_name", models.Value("")),
            "first_name",
            "id",
        )

    def first_of_search(self, query: str, *, on: date | None = None, rows: int):
        """The first `rows` patients `search(query)` lists, as a subquery of their keys, or
        None when the search is not by name (a date, a phone number, an email, nothing).

        Names are searched across three columns (and the email's start), so no one index gives
        their order, and the search reads every match to sort it: at 500,000 patients five
        letters of a surname match 17,887, 10,783 pages. Here each column is read on its own
        from its prefix index, which holds the sort keys (an index-only scan), the parts are
        joined, sorted and cut to `rows`: a page restricted to these keys reads the rows it
        shows. The rows and their order are `search`'s (the same filters, last_name is never
        null), so a page of it restricted to these is the same page.
        """
        query = query.strip()
        if not query or on is not None or "@" in query or _phone_digits(query):
            return None
        words = query.split()[:4]
        # With one word each part is one column's prefix; with more, each part also keeps
        # the whole condition, so the union is exactly the matches either way.
        rest = _name_search_condition(query) if len(words) > 1 else Q()
        parts = [
            self.filter(Q(**{f"{column}__istartswith": words[0]}), rest)
            .order_by()
            .values_list("id", "last_name", "first_name")
            for column in ("last_name", "first_name", "preferred_name")
        ]
        parts.append(
            self.filter(email__istartswith=query)
            .order_by()
            .values_list("id", "last_name", "first_name")
        )
        first = parts[0].union(*parts[1:]).order_by("last_name", "first_name", "id")[:rows]
        sql, params = first.query.sql_with_params()
        # Django compiled the union, its values stay parameters.
        subquery = f"SELECT first_rows.id FROM ({sql}) first_rows"  # noqa: S608  # nosec B608
        return RawSQL(subquery, params)  # noqa: S611  # nosec B611

    def with_flags_and_last_visit(self):
        """Each patient with `open_flag_count`, `blocked` (an open flag that needs clearance
        before a program) and `last_visit` (the latest intake's visit date), in one query."""
        open_flags = (
            RedFlag.objects.filter(patient=models.OuterRef("pk"), status=RedFlag.Status.OPEN)
            .order_by()
            .values("patient")
            .annotate(count=models.Count("id"))
            .values("count")
        )
        return self.annotate(
            open_flag_count=Coalesce(models.Subquery(open_flags), 0),
            blocked=models.Exists(
                RedFlag.objects.filter(
                    patient=models.OuterRef("pk"),
                    status=RedFlag.Status.OPEN,
                    tier__in=RedFlag.CLEARANCE_TIERS,
                )
            ),
            last_visit=models.Subquery(
                Intake.objects.filter(patient=models.OuterRef("pk"))
                .order_by("-visit_date")
                .values("visit_date")[:1]
            ),
        )


def _search_condition(query: str, on: date | None) -> Q:
    if on is not None:
        return Q(date_of_birth=on)
    digits = _phone_digits(query)
    if digits:
        return Q(phone__regex=r"\D*".join(digits)) | Q(phone_alt__regex=r"\D*".join(digits))
    if "@" in query:
        return Q(email__icontains=query)
    return _name_search_condition(query)


def _phone_digits(query: str) -> str:
    """The digits of a query that reads as a phone number (four or more, no letters), or ""."""
    digits = re.sub(r"\D", "", query)
    return digits if len(digits) >= 4 and not re.search(r"[A-Za-z@]", query) else ""


def _name_search_condition(query: str) -> Q:
    """Names that each word starts, or an email that the whole query starts."""
    condition = Q()
    for word in query.split()[:4]:
        condition &= (
            Q(last_name__istartswith=word)
            | Q(first_name__istartswith=word)
            | Q(preferred_name__istartswith=word)
        )
    return condition | Q(email__istartswith=query)


class Patient(TimeStampedModel):
    """A patient of the clinic. Archived, never deleted."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        INTERSEX = "intersex", _("Intersex")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("Text message")
        EMAIL = "email", _("Email")
        PORTAL = "portal", _("Patient portal")

    class ReferralSource(models.TextChoices):
        SELF = "self", _("Self")
        PHYSICIAN = "physician", _("Physician")
        CHIROPRACTOR = "chiropractor", _("Chiropractor")
        PHYSICAL_THERAPIST = "pt", _("Physical therapist")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("legal first name"), max_length=80)
    last_name = models.CharField(_("legal last name"), max_length=80)
    preferred_name = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField()
    sex_at_birth = models.CharField(max_length=16, choices=Sex.choices, blank=True)
    gender_identity = models.CharField(max_length=80, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    phone_alt = models.CharField(_("other phone"), max_length=40, blank=True)
    email = models.EmailField(blank=True)
    preferred_contact = models.CharField(
        "preferred contact method", max_length=16, choices=ContactMethod.choices, blank=True
    )
    consent_email = models.BooleanField(_("agrees to email"), default=False)
    consent_sms = models.BooleanField(_("agrees to text messages"), default=False)
    emergency_contact_name = models.CharField(max_length=120, blank=True)
    emergency_contact_relationship = models.CharField(max_length=60, blank=True)
    emergency_contact_phone = models.CharField(max_length=40, blank=True)
    pcp_name = models.CharField(_("primary care clinician"), max_length=120, blank=True)
    pcp_practice = models.CharField(_("practice"), max_length=120, blank=True)
    pcp_phone = models.CharField(_("practice phone"), max_length=40, blank=True)
    pcp_consent = models.BooleanField(_("agrees we may contact their clinician"), default=False)
    referral_source = models.CharField(max_length=16, choices=ReferralSource.choices, blank=True)
    referral_detail = models.CharField(_("referred by"), max_length=120, blank=True)
    occupation = models.CharField(max_length=120, blank=True)
    employer = models.CharField(max_length=120, blank=True)
    language = models.CharField(_("preferred language"), max_length=40, default="English")
    interpreter_needed = models.BooleanField(default=False)
    insurance = models.CharField(max_length=120, blank=True)
    guardian_name = models.CharField(max_length=120, blank=True, help_text="For patients under 18.")
    guardian_consent = models.BooleanField(default=False)

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="patients",
        limit_choices_to={"role": "therapist"},
        help_text="The therapist mainly responsible for this patient.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="patient_record",
        help_text="The patient's portal account, created by invitation.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Portal invitations (clinic/invitations.py). The count and time go into the invitation
    # token's hash, so sending a new invitation makes every earlier link stop working.
    invited_at = models.DateTimeField(_("last invited to the portal"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invitation_count = models.PositiveIntegerField(default=0)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="patient_name_idx"),
            models.Index(fields=["date_of_birth"], name="patient_dob_idx"),
            models.Index(fields=["email"], name="patient_email_idx"),
            models.Index(fields=["phone"], name="patient_phone_idx"),
            models.Index(fields=["therapist", "archived_at"], name="patient_therapist_idx"),
            # A therapist's active patients (see caseload_therapist): the dashboard's lists.
            # It holds the columns the expression reads and the key, so counting a caseload's
            # alerts reads this index alone, not every patient's row (PostgreSQL takes an
            # expression's columns from the index only when the index has them as columns).
            models.Index(
                caseload_therapist(),
                F("id"),
                F("archived_at"),
                F("therapist_id"),
                name="patient_caseload_idx",
            ),
            # The patient search's case-insensitive prefix lookups (see PrefixSearchIndex),
            # holding what the search's first rows read (see first_of_search).
            *(
                PrefixSearchIndex(field=field, name=name, cover=SEARCH_INDEX_COVERS)
                for field, name in (
                    ("last_name", "patient_last_name_ci_idx"),
                    ("first_name", "patient_first_name_ci_idx"),
                    ("preferred_name", "patient_preferred_ci_idx"),
                    ("email", "patient_email_ci_idx"),
                )
            ),
            # Substring matching on PostgreSQL (pg_trgm; nothing on SQLite).
            TrigramSearchIndex(field="last_name", name="patient_last_name_trgm_idx"),
            TrigramSearchIndex(field="first_name", name="patient_first_name_trgm_idx"),
            TrigramSearchIndex(field="preferred_name", name="patient_preferred_trgm_idx"),
            TrigramSearchIndex(field="email", name="patient_email_trgm_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="patient_dob_plausible", condition=Q(date_of_birth__gte=date(1900, 1, 1))
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("pages:patient-detail", kwargs={"uuid": self.uuid})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def display_name(self) -> str:
        """Preferred first name with the legal last name, as staff address the patient."""
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def age_on(self, on: date) -> int:
        dob = self.date_of_birth
        return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def clearance_flags(self):
        """Open emergency or urgent flags: each one blocks publishing a home program."""
        return self.red_flags.filter(status=RedFlag.Status.OPEN, tier__in=RedFlag.CLEARANCE_TIERS)

    @property
    def needs_clearance(self) -> bool:
        return self.clearance_flags().exists()

    def can_receive_program(self) -> bool:
        """The one rule the program builder asks: no open E/U flag without a decision.

        A flag referred to the emergency department, or whose referral the patient declined,
        is still open (clinic/flag_states): only a clinician's decision closes it.
        """
        return not self.is_archived and not self.needs_clearance

    def current_intake(self):
        return self.intakes.order_by("-visit_date", "-id").first()

    def precaution_tags(self) -> list[str]:
        """Precaution tags from the latest intake, used by the builder."""
        # One column of the latest intake, not the whole row (the portal reads this per view).
        tags = self.intakes.order_by("-visit_date", "-id").values_list("precaution_tags", flat=True)
        return list(tags.first() or [])


# --- intake -----------------------------------------------------------------------------------


class IntakeQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))


class Intake(TimeStampedModel):
    """One episode's symptom intake. Locked once signed; corrected by amendment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")

    class Source(models.TextChoices):
        CLINIC = "clinic", _("Taken in the clinic")
        PATIENT = "patient", _("Patient-reported")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="intakes")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes_taken"
    )
    visit_date = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    # "patient": made from the patient's own pre-visit answers (clinic/selfservice); the
    # therapist reviews every section before signing.
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.CLINIC)

    # Body chart (clinic/bodychart.py): list of {"region", "side", "symptoms", "worst"}.
    body_chart = models.JSONField(default=list, blank=True)
    # NPRS (0-10 pain ratings), back and leg separately.
    back_pain_now = models.PositiveSmallIntegerField(null=True, blank=True)
    back_pain_best = models.PositiveSmallIntegerField(null=True, blank=True)
    back_pain_worst = models.PositiveSmallIntegerField(null=True, blank=True)
    back_pain_week = models.PositiveSmallIntegerField(null=True, blank=True)
    leg_pain_now = models.PositiveSmallIntegerField(null=True, blank=True)
    leg_pain_best = models.PositiveSmallIntegerField(null=True, blank=True)
    leg_pain_worst = models.PositiveSmallIntegerField(null=True, blank=True)
    leg_pain_week = models.PositiveSmallIntegerField(null=True, blank=True)
    onset_date = models.DateField(null=True, blank=True)

    # The other intake sections, as validated, structured answers keyed by field.
    answers = models.JSONField(default=dict, blank=True)
    # Red-flag answers: {code: "no" | "yes_old" | "yes_new"}.
    red_flag_answers = models.JSONField(default=dict, blank=True)
    # Derived values and precaution tags, computed by services when the intake is saved.
    derived = models.JSONField(default=dict, blank=True)
    precaution_tags = models.JSONField(default=list, blank=True)
    # Slugs of the intake sections saved at least once (see clinic/intake/sections.py).
    completed_sections = models.JSONField(default=list, blank=True)

    # Consent: typed full name, with when and who took it.
    consent_treatment = models.BooleanField(default=False)
    consent_privacy = models.BooleanField(default=False)
    consent_communications = models.BooleanField(default=False)
    consent_share_pcp = models.BooleanField(default=False)
    consent_photo = models.BooleanField(default=False)
    consent_home_program = models.BooleanField(default=False)
    signature_name = models.CharField(max_length=160, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    CONSENT_FIELDS = (
        "consent_treatment",
        "consent_privacy",
        "consent_communications",
        "consent_share_pcp",
        "consent_photo",
        "consent_home_program",
    )

    objects = IntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-id"]
        indexes = [
            models.Index(fields=["patient", "-visit_date"], name="intake_patient_idx"),
            # The dashboard's "Recent intakes": the latest few without sorting every intake.
            models.Index(fields=["-updated_at"], name="intake_updated_idx"),
        ]
        constraints = [
            *[
                models.CheckConstraint(
                    name=f"intake_{field}_0_10",
                    condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 10}),
                )
                for field in (
                    "back_pain_now",
                    "back_pain_best",
                    "back_pain_worst",
                    "back_pain_week",
                    "leg_pain_now",
                    "leg_pain_best",
                    "leg_pain_worst",
                    "leg_pain_week",
                )
            ],
            models.CheckConstraint(
                name="intake_signed_has_signature",
                condition=Q(status="draft") | (Q(signed_at__isnull=False) & ~Q(signature_name="")),
            ),
        ]

    def __str__(self):
        return f"Intake for {self.patient} on {self.visit_date:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("clinic:intake-detail", kwargs={"uuid": self.uuid})

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    def section_answers(self, section: str) -> dict:
        return dict(self.answers.get(section) or {})


class IntakeAmendment(TimeStampedModel):
    """A correction to a signed intake. Keeps what was there before, who changed it and why."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="amendments")
    section = models.CharField(max_length=32)
    # [{"field", "label", "before", "after"}]: display text of each changed answer.
    changes = models.JSONField(default=list)
    reason = models.TextField()
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(name="amendment_has_reason", condition=~Q(reason="")),
        ]

    def __str__(self):
        return f"Amendment to {self.intake} ({self.section}) by {self.amended_by}"


# --- imaging and test reports --------------------------------------------------------------------


def imaging_report_path(instance, filename) -> str:
    """A random name in the private reports folder: nothing about the patient or the upload."""
    return f"imaging-reports/{secrets.token_hex(16)}.pdf"


class ImagingReportQuerySet(models.QuerySet):
    def for_user(self, user):
        # Patients do not see intake pages, so their reports are a 404 like any missing one
        # (the right-of-access export gives them the files).
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))

    def current(self):
        return self.filter(filed_in_error_at__isnull=True)


class ImagingReport(TimeStampedModel):
    """A report file (PDF) of one scan or test listed in an intake's imaging section.

    Stored under a random name in private media and served only by an access-checked view.
    Never deleted or replaced: a file attached by mistake is marked "filed in error" (who,
    when, why) and stays in the record. Reports may be added to a signed intake (they often
    arrive after the visit): the signed answers are unchanged, and `uploaded_at` after
    `intake.signed_at` shows it was a later addition.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="imaging_reports")
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="imaging_reports")
    # The `ref` of the test's row in intake.answers["imaging"], and how that test read then.
    entry = models.CharField(max_length=32)
    entry_label = models.CharField(_("test"), max_length=300)
    file = models.FileField(upload_to=imaging_report_path, max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(help_text="Bytes.")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    pages = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    filed_in_error_at = models.DateTimeField(null=True, blank=True)
    filed_in_error_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_in_error_reason = models.TextField(blank=True)

    objects = ImagingReportQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["intake", "entry"], name="imagingreport_entry_idx")]
        constraints = [
            models.CheckConstraint(name="imagingreport_size_positive", condition=Q(size__gt=0)),
            models.CheckConstraint(
                name="imagingreport_filed_in_error_complete",
                condition=(
                    Q(
                        filed_in_error_at__isnull=True,
                        filed_in_error_by__isnull=True,
                        filed_in_error_reason="",
                    )
                    | (
                        Q(filed_in_error_at__isnull=False, filed_in_error_by__isnull=False)
                        & ~Q(filed_in_error_reason="")
                    )
                ),
            ),
        ]

    def __str__(self):
        return f"Report {self.original_name} ({self.entry_label}) for {self.patient}"

    def get_absolute_url(self):
        return reverse("clinic:imaging-report-download", kwargs={"uuid": self.uuid})

    @property
    def is_filed_in_error(self) -> bool:
        return self.filed_in_error_at is not None

    @property
    def added_after_signing(self) -> bool:
        signed_at = self.intake.signed_at
        return signed_at is not None and self.uploaded_at > signed_at


# --- red flags --------------------------------------------------------------------------------


class RedFlagQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))

    def open_flags(self):
        return self.filter(status=RedFlag.Status.OPEN)

    def by_severity(self, *then: str):
        """Emergency first, then urgent, then soon: the tier letters do not sort that way."""
        rank = models.Case(
            *(models.When(tier=tier, then=models.Value(i)) for i, tier in enumerate("EUS")),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, *then)


class RedFlag(TimeStampedModel):
    """A positive red-flag answer. Never closes by itself: a clinician decides."""

    class Tier(models.TextChoices):
        EMERGENCY = "E", _("Emergency")
        URGENT = "U", _("Urgent")
        SOON = "S", _("Soon")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DECIDED = "decided", _("Decision recorded")

    class Source(models.TextChoices):
        INTAKE = "intake", _("Intake")
        CHECK_IN = "check_in", _("Home-program check-in")
        REASSESSMENT = "reassessment", _("Re-assessment")
        EXAM = "exam", _("Objective exam")

    class Referral(models.TextChoices):
        """Where an open flag stands between raising and the decision (clinic/flag_states)."""

        NONE = "", _("No referral recorded")
        AWAITING = "awaiting", _("Referred to the emergency department, awaiting outcome")
        DECLINED = "declined", _("Patient declined referral")
        OUTCOME = "outcome", _("Outcome recorded, awaiting a decision")

    CLEARANCE_TIERS = (Tier.EMERGENCY, Tier.URGENT)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="red_flags")
    intake = models.ForeignKey(
        Intake, on_delete=models.PROTECT, null=True, blank=True, related_name="red_flags"
    )
    code = models.CharField(max_length=40)
    tier = models.CharField(max_length=1, choices=Tier.choices)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.INTAKE)
    reason = models.TextField(blank=True, help_text="What answer raised the flag.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    instruction_shown_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=32, blank=True)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    referral_state = models.CharField(
        max_length=8, choices=Referral.choices, blank=True, default=Referral.NONE
    )

    objects = RedFlagQuerySet.as_manager()

    class Meta:
        ordering = ["status", "tier", "-created_at"]
        indexes = [models.Index(fields=["status", "tier"], name="redflag_status_idx")]
        constraints = [
            models.CheckConstraint(
                name="redflag_tier_valid", condition=Q(tier__in=["E", "U", "S"])
            ),
            models.UniqueConstraint(
                fields=["intake", "code"],
                condition=Q(intake__isnull=False),
                name="redflag_one_per_intake_code",
            ),
            models.CheckConstraint(
                name="redflag_decision_complete",
                condition=Q(status="open")
                | (
                    Q(decided_at__isnull=False)
                    & Q(decided_by__isnull=False)
                    & ~Q(decision_reason="")
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_tier_display()} flag {self.code} for {self.patient}"

    def get_absolute_url(self):
        return reverse("clinic:flag-detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def blocks_program(self) -> bool:
        return self.is_open and self.tier in self.CLEARANCE_TIERS

    @property
    def summary(self) -> str:
        """A few plain words on what the flag is about, e.g. "History of cancer"."""
        from .exam.rules import EXAM_FLAG_SUMMARIES
        from .redflags import FLAG_SUMMARIES

        text = FLAG_SUMMARIES.get(self.code) or EXAM_FLAG_SUMMARIES.get(
            self.code, self.code.replace("_", " ")
        )
        return text[:1].upper() + text[1:]


# --- outcome measures -------------------------------------------------------------------------


class PSFSActivityQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))

    def current(self):
        return self.filter(retired_at__isnull=True)


class PSFSActivity(TimeStampedModel):
    """An activity the patient named for the PSFS, re-rated at each follow-up.

    The text is kept with a stable id so later ratings are against the same activity. A new set
    of activities retires the old one (kept for the history), it is never edited or deleted.
    """

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="psfs_activities")
    name = models.CharField(max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = PSFSActivityQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("PSFS activity")
        verbose_name_plural = _("PSFS activities")
        constraints = [
            models.CheckConstraint(name="psfsactivity_name_not_blank", condition=~Q(name="")),
        ]

    def __str__(self):
        return self.name


class OutcomeMeasureQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))


class OutcomeMeasure(TimeStampedModel):
    """One completed questionnaire or rating, scored by clinic/scoring.py.

    ``answers`` keeps the item answers exactly as entered; ``score`` is the headline number used
    for trends (NPRS stores back and leg ratings in ``details`` and leaves ``score`` empty).
    Licensed instruments (ODI, STarT Back) store item *scores* only, never item wording.
    """

    class Instrument(models.TextChoices):
        NPRS = "nprs", _("Pain scores (NPRS)")
        RMDQ = "rmdq", _("Roland-Morris Disability Questionnaire")
        PSFS = "psfs", _("Patient-Specific Functional Scale")
        SBI = "sbi", _("Sciatica Bothersomeness Index")
        START_BACK = "start_back", _("Keele STarT Back")
        ODI = "odi", _("Oswestry Disability Index")

    class Source(models.TextChoices):
        CLINIC = "clinic", _("Recorded by staff")
        PATIENT = "patient", _("Patient-reported")

    # Highest possible headline score per instrument, shown as "score/maximum". The constraint
    # measure_score_in_range below repeats these numbers: change both together.
    SCORE_MAX = {"rmdq": 24, "psfs": 10, "sbi": 24, "start_back": 9, "odi": 100}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="measures")
    intake = models.ForeignKey(
        Intake, on_delete=models.PROTECT, null=True, blank=True, related_name="measures"
    )
    instrument = models.CharField(max_length=16, choices=Instrument.choices)
    taken_on = models.DateField(default=timezone.localdate)
    version = models.CharField(max_length=16, blank=True, help_text="ODI version, e.g. 2.1a.")
    answers = models.JSONField(default=dict)
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    band = models.CharField(max_length=32, blank=True)
    details = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    # Empty when the patient answered through a link without a portal account.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # "patient": the patient answered it themselves (portal or link), not staff with them.
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.CLINIC)

    objects = OutcomeMeasureQuerySet.as_manager()

    class Meta:
        ordering = ["taken_on", "id"]
        indexes = [
            models.Index(fields=["patient", "instrument", "taken_on"], name="measure_patient_idx")
        ]
        constraints = [
            models.CheckConstraint(
                name="measure_instrument_valid",
                condition=Q(instrument__in=["nprs", "rmdq", "psfs", "sbi", "start_back", "odi"]),
            ),
            models.CheckConstraint(
                name="measure_score_in_range",
                condition=Q(score__isnull=True)
                | (
                    Q(score__gte=0)
                    & (
                        Q(instrument__in=["rmdq", "sbi"], score__lte=24)
                        | Q(instrument="psfs", score__lte=10)
                        | Q(instrument="start_back", score__lte=9)
                        | Q(instrument="odi", score__lte=100)
                    )
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_instrument_display()} for {self.patient} on {self.taken_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("clinic:measure-detail", kwargs={"uuid": self.uuid})


# --- audit log (HIPAA §164.312(b)) ---------------------------------------------------------------


class AuditQuerySet(models.QuerySet):
    """Append-only: the app can add rows (through clinic.audit) but never change or remove them."""

    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")

    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_admin:
            return self.none()
        return self


def current_audit_key_id() -> str:
    """The id of the key new audit rows are hashed with (from the environment, see settings)."""
    return settings.RESTORE_AUDIT_HMAC_KEY_ID


class AuditEvent(models.Model):
    """One access to patient data or one security event. Hash-chained, never updated or deleted.

    `row_hash` is an HMAC-SHA256, under a key kept outside the database, over the canonical
    fields and `prev_hash` (the previous row's `row_hash`), so `manage.py verify_audit_log`
    finds any altered, inserted or deleted row, even one whose chain was recomputed.
    Rows are written only by `clinic.audit.record()`, as one insert: "pending", with no `seq`
    and blank hashes. The worker's linker (`clinic.audit.link_pending()`) then gives each pending
    row, in primary-key order, its place in the chain and its hashes, serialised on the chain head.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        ARCHIVE = "archive", _("Archived")
        PUBLISH = "publish", _("Published")
        EXPORT = "export", _("Exported")
        DOWNLOAD = "download", _("Downloaded")
        FLAG_DECISION = "flag_decision", _("Flag decision")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        LOGOUT = "logout", _("Logged out")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        ROLE_CHANGE = "role_change", _("Role changed")
        ACCOUNT_CHANGE = "account_change", _("Account changed")
        TWO_FACTOR_ENROL = "2fa_enrol", _("Two-factor turned on")
        TWO_FACTOR_REMOVE = "2fa_remove", _("Two-factor turned off")
        TWO_FACTOR_VERIFY = "2fa_verify", _("Two-factor verified")
        TWO_FACTOR_FAILED = "2fa_failed", _("Two-factor code refused")
        LINK_REFUSED = "link_refused", _("Form link refused")

    # Empty while the row is pending (written, not yet linked into the chain).
    seq = models.PositiveBigIntegerField(unique=True, null=True, blank=True, editable=False)
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Who, as text: the email at the time (also the attempted username of a failed login).
    actor = models.CharField(max_length=254, blank=True, editable=False)
    role = models.CharField(max_length=16, choices=User.Role.choices, blank=True, editable=False)
    patient = models.ForeignKey(
        Patient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",  # hidden from Patient._meta.related_objects: not part of the export
        editable=False,
    )
    action = models.CharField(max_length=20, choices=Action.choices, editable=False)
    object_type = models.CharField(max_length=100, blank=True, editable=False)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True, editable=False)
    request_id = models.CharField(max_length=64, blank=True, editable=False)
    user_agent = models.CharField(max_length=200, blank=True, editable=False)
    detail = models.CharField(max_length=500, blank=True, editable=False)
    # Both blank while the row is pending.
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    row_hash = models.CharField(max_length=64, blank=True, editable=False)
    # How `row_hash` was made: "hmac1" (HMAC-SHA256 under the key named by `key_id`) for rows
    # the application writes; "sha256" (plain, unkeyed) for rows written before keyed hashing,
    # which keep their stored hashes. A row that appears without one reads as "sha256", and
    # the verifier refuses a plain row after a keyed one.
    scheme = models.CharField(max_length=8, default="hmac1", db_default="sha256", editable=False)
    key_id = models.CharField(
        max_length=16, blank=True, default=current_audit_key_id, db_default="", editable=False
    )

    objects = AuditQuerySet.as_manager()

    class Meta:
        # Time, then insertion: pending rows (no seq yet) show in their place, and NULLs never
        # decide the order (PostgreSQL sorts them first on DESC, SQLite last).
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["patient", "-at"], name="audit_patient_idx"),
            models.Index(fields=["user", "-at"], name="audit_user_idx"),
            models.Index(fields=["action", "-at"], name="audit_action_idx"),
            # The linker's work list: only the pending rows, by primary key.
            models.Index(fields=["id"], condition=Q(seq__isnull=True), name="audit_pending_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="audit_seq_positive", condition=Q(seq__gte=1)),
        ]

    def __str__(self):
        place = f"#{self.seq}" if self.seq is not None else "pending"
        return f"{place} {self.at:%Y-%m-%d %H:%M} {self.actor or 'anonymous'} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit events are append-only: a stored row cannot change.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only: a row cannot be deleted.")

    @property
    def record_label(self) -> str:
        """What kind of record the event touched, in words ("Intake", "Program revision"); the
        stored `object_type` ("clinic.intake") when the model no longer exists."""
        if not self.object_type:
            return ""
        try:
            model = apps.get_model(self.object_type)
        except (LookupError, ValueError):
            return self.object_type
        return capfirst(model._meta.verbose_name)


class AuditChainHead(models.Model):
    """The single row that serialises appends (locked with SELECT ... FOR UPDATE) and remembers
    the last sequence number and hash, so rows deleted from the end of the chain are noticed."""

    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(name="auditchainhead_singleton", condition=Q(id=1))]

    def __str__(self):
        return f"Audit chain at #{self.seq}"


# --- message outbox (clinic/outbox/) -------------------------------------------------------------


class OutboxMessageQuerySet(models.QuerySet):
    def for_user(self, user):
        """The clinic admin sees every message; a therapist, the messages about the patients
        they may see and their own; a patient, none (the portal has no delivery log)."""
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        if user.is_clinic_admin:
            return self
        patients = Patient.objects.for_user(user)
        about = (
            Q(patient__in=patients) if patients.query.has_filters() else Q(patient__isnull=False)
        )
        return self.filter(about | Q(recipient=user))

    def due(self, now):
        """Waiting to be sent, and their time has come."""
        return self.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)

    def lease_expired(self, now):
        """Claimed by a worker that has not finished by the end of its lease (it was killed)."""
        return self.filter(status=OutboxMessage.Status.SENDING, lease_until__lt=now)

    def failed(self):
        return self.filter(status=OutboxMessage.Status.FAILED)


class OutboxMessage(models.Model):
    """One message to one person: written in the transaction of the change that causes it,
    delivered afterwards by the worker (clinic/outbox/), at least once and normally exactly once.

    The text is rendered when the row is written and never carries health information: the
    person's first name, the clinic's name and a link to sign in. Messages with a one-time link
    (an invitation, a staff welcome) are rendered when they are sent instead, so the link is
    never stored (clinic/outbox/at_send.py). `idempotency_key` names the
    event ("program_ready:<revision uuid>:<user id>"): enqueueing the same event twice gives the
    same row, and the email's Message-ID is derived from it, so a repeated send after an
    ambiguous failure carries the same Message-ID.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")

    class Kind(models.TextChoices):
        PROGRAM_READY = "program_ready", _("Home program ready")
        PROGRAM_UPDATED = "program_updated", _("Home program updated")
        REMINDER = "reminder", _("Exercise reminder")
        NUDGE = "nudge", _("Check-in nudge")
        STAFF_ALERT = "staff_alert", _("Staff alert")
        SECURE_MESSAGE = "secure_message", _("Secure message waiting")
        INTAKE_LINK = "intake_link", _("Intake form link")
        SELF_SERVICE_LINK = "self_service_link", _("Self-service form link")
        INVITATION = "invitation", _("Portal invitation")
        STAFF_WELCOME = "staff_welcome", _("Staff account welcome")
        AUDIT_CHECKPOINT = "audit_checkpoint", _("Audit log checkpoint")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=200)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    address = models.CharField(
        "sent to", max_length=254, blank=True, help_text="The email address (or number) used."
    )
    # What the message is about: the patient, and any record as "app.model" + uuid or pk, like
    # the audit log. Not a reverse relation of Patient: the delivery log is the clinic's
    # operational record, not part of the patient's exported chart.
    patient = models.ForeignKey(
        Patient, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=16)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # Extra headers for the channel (List-Unsubscribe on reminders).
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The worker's and the sweeper's queries: due rows, expired leases.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["status", "lease_until"], name="outbox_lease_idx"),
            # The delivery lists: one patient's, and the clinic's, newest first.
            models.Index(fields=["patient", "-created_at"], name="outbox_patient_idx"),
            models.Index(fields=["-created_at"], name="outbox_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], name="outbox_idempotency_key"),
            models.CheckConstraint(name="outbox_key_not_blank", condition=~Q(idempotency_key="")),
            models.CheckConstraint(
                name="outbox_status_valid",
                condition=Q(status__in=["pending", "sending", "sent", "failed", "cancelled"]),
            ),
            models.CheckConstraint(
                name="outbox_pending_has_time",
                condition=~Q(status="pending") | Q(next_attempt_at__isnull=False),
            ),
            models.CheckConstraint(
                name="outbox_sending_has_lease",
                condition=~Q(status="sending") | Q(lease_until__isnull=False),
            ),
            models.CheckConstraint(
                name="outbox_sent_has_time",
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
            ),
            models.CheckConstraint(
                name="outbox_failed_has_error",
                condition=~Q(status="failed") | ~Q(last_error=""),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.address or 'nobody'} ({self.status})"

    @property
    def message_id(self) -> str:
        """The email's Message-ID: the same for every attempt, so a mail server can discard a
        copy sent again after an ambiguous failure. A hash, so the key is not disclosed."""
        digest = hashlib.sha256(self.idempotency_key.encode()).hexdigest()[:40]
        domain = urlsplit(settings.SITE_URL).hostname or "restore.invalid"
        return f"<outbox.{digest}@{domain}>"

    @property
    def can_resend(self) -> bool:
        return self.status == self.Status.FAILED


# --- secure messages --------------------------------------------------------------------------


class MessageThreadQuerySet(models.QuerySet):
    def for_user(self, user):
        """The threads of the patients the user may see: a patient, their own; staff, the
        clinic's patients'."""
        return within(self, "patient", Patient.objects.for_user(user))

    def waiting_for_staff(self):
        """Threads with a patient's message the care team has not opened yet, with
        `unread_count`."""
        return self.annotate(
            unread_count=models.Count(
                "messages",
                filter=Q(messages__from_patient=True)
                & (Q(staff_read_at__isnull=True) | Q(messages__created_at__gt=F("staff_read_at"))),
            )
        ).filter(unread_count__gt=0)


class MessageThread(models.Model):
    """The one conversation between a patient and their care team. Messages are never deleted
    or edited; each side has a read marker (the care team shares one: any of them reading the
    thread reads it for the team)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.OneToOneField(Patient, on_delete=models.PROTECT, related_name="message_thread")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_message_at = models.DateTimeField(null=True, blank=True)
    patient_read_at = models.DateTimeField(null=True, blank=True)
    staff_read_at = models.DateTimeField(null=True, blank=True)

    objects = MessageThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-id"]
        indexes = [models.Index(fields=["-last_message_at"], name="thread_last_message_idx")]

    def __str__(self):
        return f"Messages with {self.patient}"

    def get_absolute_url(self):
        return reverse("clinic:patient-thread", kwargs={"uuid": self.patient.uuid})


class SecureMessageQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(thread__in=MessageThread.objects.for_user(user))

    def unread_by_patient(self):
        """From the care team, after the patient last opened the thread."""
        return self.filter(from_patient=False).filter(
            Q(thread__patient_read_at__isnull=True) | Q(created_at__gt=F("thread__patient_read_at"))
        )

    def unread_by_staff(self):
        """From the patient, after the care team last opened the thread."""
        return self.filter(from_patient=True).filter(
            Q(thread__staff_read_at__isnull=True) | Q(created_at__gt=F("thread__staff_read_at"))
        )


class SecureMessage(models.Model):
    """One message in a thread, from the patient or from someone of their care team."""

    MAX_LENGTH = 5000

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thread = models.ForeignKey(MessageThread, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Which side wrote it, as it was when written (a role can change later).
    from_patient = models.BooleanField()
    body = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SecureMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at"], name="message_thread_idx")]
        constraints = [
            models.CheckConstraint(name="message_body_not_blank", condition=~Q(body="")),
        ]

    def __str__(self):
        return f"Message from {self.author} on {self.created_at:%Y-%m-%d %H:%M}"

    def delete(self, *args, **kwargs):
        raise PermissionError("Secure messages are part of the record: they are never deleted.")


from .exam.models import ExamAmendment, ObjectiveExam  # noqa: E402, F401
from .flag_states.models import FlagFollowUp, RedFlagEvent  # noqa: E402, F401
from .questionnaires.models import MeasureSchedule, QuestionnaireRequest  # noqa: E402, F401
from .reassessment.models import Reassessment, ReassessmentAmendment  # noqa: E402, F401
from .remembered_devices import RememberedDevice  # noqa: E402, F401
from .selfservice.models import PatientLink, SelfIntake, SelfIntakeReview  # noqa: E402, F401
