import re
import uuid as uuid_lib
from datetime import date, datetime, time, timedelta

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import imaging_reports, redflags, throttles
from .audit import client_ip
from .flag_states import services as flag_states
from .models import AuditEvent, ClinicProfile, Intake, Patient, SecureMessage, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    # Acted on after login by clinic.remembered_devices, for patients only.
    remember_device = forms.BooleanField(
        required=False,
        label=_("Keep me signed in on this device for 30 days"),
        help_text=_("Patients only. Not on a shared or public computer."),
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most a few emails an hour to one address or from one IP.

    Whether the email went, was held back, or no account has the address, the page that follows
    is the same.
    """

    def save(self, *args, request=None, **kwargs):
        address = self.cleaned_data["email"]
        if throttles.allow_email("password-reset", address=address, ip=client_ip(request)):
            super().save(*args, request=request, **kwargs)


class StaffForm(forms.ModelForm):
    """Add or edit a staff account. Patients are never created here: only by invitation."""

    role = forms.ChoiceField(
        choices=[(User.Role.THERAPIST, _("Therapist")), (User.Role.ADMIN, _("Clinic admin"))]
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "title", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another account already uses this email address."))
        return email


class ClinicProfileForm(forms.ModelForm):
    class Meta:
        model = ClinicProfile
        fields = [
            "name",
            "address",
            "phone",
            "email",
            "alert_email",
            "website",
            "logo",
            "handout_footer",
            "require_staff_2fa",
            "nudge_after_days",
            "screening_window_days",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("nudge_after_days", "screening_window_days"):
            if self.is_bound and name not in self.data:
                # A form posted without it (a page from before it existed) keeps the setting.
                self.fields[name].disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_logo(self):
        from .uploads import clean_image_upload

        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            return clean_image_upload(logo, max_px=600)
        return logo


# --- patients ---------------------------------------------------------------------------------

PHONE_RE = re.compile(r"^[0-9+().\-\s]*(?:(?:ext|x)\.?\s*\d+)?$", re.IGNORECASE)
MAX_AGE_YEARS = 120


def _clean_phone(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        return value
    digits = re.sub(r"\D", "", value)
    if not PHONE_RE.match(value) or len(digits) < 7 or len(digits) > 15:
        raise forms.ValidationError(_("Enter a phone number, e.g. (617) 555-0142."))
    return value


class PatientForm(forms.ModelForm):
    """Register or edit a patient's demographics."""

    class Meta:
        model = Patient
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "sex_at_birth",
            "gender_identity",
            "pronouns",
            "phone",
            "phone_alt",
            "email",
            "address",
            "preferred_contact",
            "consent_email",
            "consent_sms",
            "emergency_contact_name",
            "emergency_contact_relationship",
            "emergency_contact_phone",
            "pcp_name",
            "pcp_practice",
            "pcp_phone",
            "pcp_consent",
            "referral_source",
            "referral_detail",
            "occupation",
            "employer",
            "language",
            "interpreter_needed",
            "insurance",
            "guardian_name",
            "guardian_consent",
            "therapist",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "address": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "gender_identity": _("Gender identity (optional)"),
            "pronouns": _("Pronouns (optional)"),
            "insurance": _("Insurance (optional)"),
            "employer": _("Employer (optional)"),
            "guardian_consent": _("Guardian consents to assessment and treatment"),
            "emergency_contact_name": _("Emergency contact's name"),
            "emergency_contact_relationship": _("Relationship to the patient"),
            "emergency_contact_phone": _("Emergency contact's phone"),
        }
        help_texts = {
            "insurance": _("Only for the patient's own claims; the clinic does not bill insurers."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        therapists = User.objects.therapists()
        if self.instance.therapist_id:
            therapists = therapists | User.objects.filter(pk=self.instance.therapist_id)
        self.fields["therapist"].queryset = therapists.distinct()
        self.fields["therapist"].label = _("Main therapist")
        for name in ("phone", "email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Name"),
                Row(
                    Column("first_name", css_class="col-md-4"),
                    Column("last_name", css_class="col-md-4"),
                    Column("preferred_name", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Birth and identity"),
                Row(
                    Column("date_of_birth", css_class="col-md-3"),
                    Column("sex_at_birth", css_class="col-md-3"),
                    Column("gender_identity", css_class="col-md-3"),
                    Column("pronouns", css_class="col-md-3"),
                ),
            ),
            Fieldset(
                _("Contact"),
                Row(
                    Column("phone", css_class="col-md-4"),
                    Column("phone_alt", css_class="col-md-4"),
                    Column("email", css_class="col-md-4"),
                ),
                "address",
                Row(
                    Column("preferred_contact", css_class="col-md-4"),
                    Column("consent_email", "consent_sms", css_class="col-md-8 pt-md-4"),
                ),
            ),
            Fieldset(
                _("Emergency contact"),
                Row(
                    Column("emergency_contact_name", css_class="col-md-4"),
                    Column("emergency_contact_relationship", css_class="col-md-4"),
                    Column("emergency_contact_phone", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Primary care clinician"),
                Row(
                    Column("pcp_name", css_class="col-md-4"),
                    Column("pcp_practice", css_class="col-md-4"),
                    Column("pcp_phone", css_class="col-md-4"),
                ),
                "pcp_consent",
            ),
            Fieldset(
                _("Referral and work"),
                Row(
                    Column("referral_source", css_class="col-md-4"),
                    Column("referral_detail", css_class="col-md-8"),
                ),
                Row(
                    Column("occupation", css_class="col-md-6"),
                    Column("employer", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("Language and insurance"),
                Row(
                    Column("language", css_class="col-md-4"),
                    Column("interpreter_needed", css_class="col-md-4 pt-md-4"),
                    Column("insurance", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Guardian (patients under 18)"),
                Row(
                    Column("guardian_name", css_class="col-md-6"),
                    Column("guardian_consent", css_class="col-md-6 pt-md-4"),
                ),
            ),
            Fieldset(_("Care"), "therapist"),
        )

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self):
        return " ".join(self.cleaned_data["last_name"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean_phone_alt(self):
        return _clean_phone(self.cleaned_data["phone_alt"])

    def clean_emergency_contact_phone(self):
        return _clean_phone(self.cleaned_data["emergency_contact_phone"])

    def clean_pcp_phone(self):
        return _clean_phone(self.cleaned_data["pcp_phone"])

    def clean_date_of_birth(self):
        dob = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if dob > today:
            raise forms.ValidationError(_("The date of birth is in the future. Check the year."))
        if today.year - dob.year > MAX_AGE_YEARS or dob < date(1900, 1, 1):
            raise forms.ValidationError(_("That would make the patient over 120. Check the year."))
        return dob

    def clean(self):
        cleaned = super().clean()
        dob = cleaned.get("date_of_birth")
        if dob and self._age(dob) < 18 and not cleaned.get("guardian_name"):
            self.add_error("guardian_name", _("The patient is under 18: add a parent or guardian."))
        contact = cleaned.get("preferred_contact")
        if contact == Patient.ContactMethod.EMAIL and not cleaned.get("email"):
            self.add_error("email", _("Email is the preferred contact method: add an address."))
        if contact in (Patient.ContactMethod.SMS, Patient.ContactMethod.PHONE) and not cleaned.get(
            "phone"
        ):
            self.add_error("phone", _("Add a phone number for the preferred contact method."))
        if cleaned.get("consent_email") and not cleaned.get("email"):
            self.add_error("email", _("Add the email address they agreed we may use."))
        if cleaned.get("consent_sms") and not cleaned.get("phone"):
            self.add_error("phone", _("Add the phone number they agreed we may text."))
        first, last = cleaned.get("first_name"), cleaned.get("last_name")
        if first and last and dob:
            twin = Patient.objects.filter(
                first_name__iexact=first, last_name__iexact=last, date_of_birth=dob
            ).exclude(pk=self.instance.pk)
            if twin.exists():
                raise forms.ValidationError(
                    _(
                        "A patient with this name and date of birth is already registered. "
                        "Search the patient list (archived patients too) before adding them again."
                    )
                )
        return cleaned

    @staticmethod
    def _age(dob: date) -> int:
        today = timezone.localdate()
        return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


class PatientSearchForm(forms.Form):
    """The patient list's search box and filters (GET). Bad values fall back to defaults."""

    STATUS_CHOICES = [("active", _("Active")), ("archived", _("Archived")), ("all", _("All"))]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, phone, email or date of birth (e.g. 4/12/1986)."),
    )
    mine = forms.BooleanField(label=_("My patients"), required=False)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label=_("Status"))
    flags = forms.BooleanField(label=_("Open red flags"), required=False)

    DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%d %b %Y", "%b %d %Y")

    def search_date(self) -> date | None:
        text = (self.cleaned_data.get("q") or "").strip().replace(",", "")
        for fmt in self.DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return None


# --- red flags --------------------------------------------------------------------------------


class FlagDecisionForm(forms.Form):
    """A clinician's decision on a red flag: a reason from the list plus a note."""

    reason = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    physician_name = forms.CharField(
        label=_("Physician who cleared the patient"), required=False, max_length=120
    )
    clearance_date = forms.DateField(
        label=_("Date of clearance"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked, what the patient was told, any referral made."),
    )

    def __init__(self, *args, flag, **kwargs):
        super().__init__(*args, **kwargs)
        self.flag = flag
        self.fields["reason"].choices = flag_states.decision_reasons(
            flag, redflags.allowed_override_reasons(flag.tier)
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "reason",
            # Shown only for "physician clearance" once the page's script runs.
            Div(
                "physician_name",
                "clearance_date",
                css_class="clearance-fields",
                data_show_for="physician_clearance",
            ),
            "note",
        )

    def clean_clearance_date(self):
        when = self.cleaned_data.get("clearance_date")
        if when and when > timezone.localdate():
            raise forms.ValidationError(_("The clearance date is in the future."))
        return when

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == "physician_clearance":
            if not cleaned.get("physician_name"):
                self.add_error("physician_name", _("Name the physician who cleared the patient."))
            if not cleaned.get("clearance_date") and "clearance_date" not in self.errors:
                self.add_error("clearance_date", _("Give the date of the clearance."))
        return cleaned

    def decision_note(self) -> str:
        cleaned = self.cleaned_data
        note = cleaned["note"].strip()
        if cleaned.get("reason") == "physician_clearance":
            when = cleaned["clearance_date"].strftime("%d %b %Y")
            return f"Cleared by {cleaned['physician_name'].strip()} on {when}. {note}"
        return note


# --- signing and amending an intake -----------------------------------------------------------


def _name_words(text: str) -> list[str]:
    return re.sub(r"[^\w\s'-]", " ", text.casefold()).split()


def _check_signature(form, cleaned: dict) -> None:
    """The typed name must be the patient's full name, or the guardian's when they sign."""
    typed = _name_words(cleaned.get("signature_name") or "")
    if not typed:
        return
    patient = form.patient
    if cleaned.get("signer") == "guardian":
        on_file = _name_words(patient.guardian_name)
        if on_file and not set(on_file) <= set(typed):
            form.add_error(
                "signature_name",
                _("Type the guardian's full name as registered: %(name)s.")
                % {"name": patient.guardian_name},
            )
        elif not on_file and len(typed) < 2:
            form.add_error("signature_name", _("Type the guardian's first and last name."))
    else:
        needed = _name_words(patient.first_name) + _name_words(patient.last_name)
        if not set(needed) <= set(typed):
            form.add_error(
                "signature_name",
                _("Type the patient's full legal name: %(name)s.") % {"name": patient.full_name},
            )


class SignIntakeForm(forms.Form):
    """Consent, signed by typing the full name."""

    SIGNERS = [("patient", _("The patient")), ("guardian", _("Parent or guardian"))]

    consent_treatment = forms.BooleanField(
        required=True,
        label=_(
            "I agree to assessment and manual therapy. I understand it involves pressure and "
            "draping, and that I can ask to stop at any time."
        ),
        error_messages={"required": _("Treatment consent is needed to sign.")},
    )
    consent_privacy = forms.BooleanField(
        required=True,
        label=_("I have been given the clinic's privacy notice."),
        error_messages={"required": _("The privacy notice must be acknowledged to sign.")},
    )
    consent_communications = forms.BooleanField(
        required=False, label=_("The clinic may contact me by email or text message.")
    )
    consent_share_pcp = forms.BooleanField(
        required=False, label=_("The clinic may share information with my primary care clinician.")
    )
    consent_photo = forms.BooleanField(
        required=False, label=_("Photos or video may be taken to coach my exercises.")
    )
    consent_home_program = forms.BooleanField(
        required=False,
        label=_(
            "I agree to follow a home exercise program my therapist gives me, and to stop "
            "and tell the clinic if an exercise makes my symptoms worse."
        ),
        help_text=_("Without this, the clinic can't give you a home program."),
    )
    signer = forms.ChoiceField(
        choices=SIGNERS, initial="patient", widget=forms.RadioSelect, label=_("Who is signing?")
    )
    signature_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "signature-input"}),
    )

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Consents"),
                "consent_treatment",
                "consent_privacy",
                "consent_communications",
                "consent_share_pcp",
                "consent_photo",
                "consent_home_program",
            ),
            Fieldset(_("Signature"), InlineRadios("signer"), "signature_name"),
        )

    def clean_signature_name(self):
        return " ".join(self.cleaned_data["signature_name"].split())

    def clean(self):
        cleaned = super().clean()
        _check_signature(self, cleaned)
        return cleaned

    def consents(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in Intake.CONSENT_FIELDS}


class HomeProgramConsentForm(forms.Form):
    """Consent to a home program given after the intake was signed, signed like the intake."""

    consent_home_program = forms.BooleanField(
        required=True,
        label=SignIntakeForm.base_fields["consent_home_program"].label,
        error_messages={"required": _("Tick the statement if the patient agrees.")},
    )
    signer = forms.ChoiceField(
        choices=SignIntakeForm.SIGNERS,
        initial="patient",
        widget=forms.RadioSelect,
        label=_("Who is signing?"),
    )
    signature_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "signature-input"}),
    )

    def clean_signature_name(self):
        return " ".join(self.cleaned_data["signature_name"].split())

    def clean(self):
        cleaned = super().clean()
        _check_signature(self, cleaned)
        return cleaned

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "consent_home_program",
            Fieldset(_("Signature"), InlineRadios("signer"), "signature_name"),
        )


class AmendmentReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this being corrected?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Saved with your name and the time, next to the original answers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


# --- audit log --------------------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    patient = forms.CharField(
        label=_("Patient"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": _("Name or record id"), "type": "search"}),
    )
    user = forms.ModelChoiceField(
        label=_("Staff member"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    # Far enough either side for any event; a year like 9999 is a typo (and the day after it,
    # or the first day in another time zone, is past what a date can hold).
    EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.staff_members().order_by(
            "last_name", "first_name"
        )
        self.fields["action"].choices = [("", _("Any action")), *AuditEvent.Action.choices]

    def clean_date_from(self):
        return self._within_range(self.cleaned_data["date_from"])

    def clean_date_to(self):
        return self._within_range(self.cleaned_data["date_to"])

    def _within_range(self, day: date | None) -> date | None:
        if day and not self.EARLIEST <= day <= self.LATEST:
            raise forms.ValidationError(
                _("Enter a date between %(first)s and %(last)s.")
                % {"first": self.EARLIEST.year, "last": self.LATEST.year}
            )
        return day

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filter(self, events):
        if not self.is_valid():
            return events.none()
        data = self.cleaned_data
        patient = data.get("patient", "").strip()
        if patient and _looks_like_uuid(patient):
            events = events.filter(patient__uuid=patient)
        elif patient:
            match = Q(patient__first_name__icontains=patient) | Q(
                patient__last_name__icontains=patient
            )
            parts = patient.split()
            if len(parts) >= 2:
                match |= Q(patient__first_name__icontains=parts[0]) & Q(
                    patient__last_name__icontains=parts[-1]
                )
            events = events.filter(match)
        if data.get("user"):
            events = events.filter(user=data["user"])
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("date_from"):
            events = events.filter(at__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            events = events.filter(at__lt=_start_of(data["date_to"], days=1))
        return events


def _looks_like_uuid(text: str) -> bool:
    try:
        uuid_lib.UUID(text)
    except ValueError:
        return False
    return True


def _start_of(day: date, *, days: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=days), time.min))


# --- imaging and test reports -----------------------------------------------------------------


class ImagingReportForm(forms.Form):
    entry = forms.ChoiceField(label=_("Scan or test"))
    file = forms.FileField(
        label=_("Report file (PDF)"),
        error_messages={
            "required": _("Choose the report PDF to attach."),
            "empty": _("The file is empty (0 bytes). Choose the report PDF again."),
            "invalid": _("No file was received. Choose the report PDF again."),
        },
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: “Radiologist’s report, received by post”."),
    )

    def __init__(self, *args, entries: list[tuple[str, str]], oversize: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", _("Choose the scan or test…")), *entries]
        limit = filesizeformat(imaging_reports.max_bytes())
        self.fields["file"].help_text = _("A PDF of up to %(size)s.") % {"size": limit}
        self.oversize = oversize
        if oversize:
            # The file was refused while it was being received; say why, not "required".
            self.fields["file"].required = False
        self.checked: imaging_reports.CheckedReport | None = None
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_file(self):
        if self.oversize:
            raise forms.ValidationError(imaging_reports.too_large_message())
        self.checked = imaging_reports.check_report_pdf(self.cleaned_data["file"])
        return self.cleaned_data["file"]


class FiledInErrorForm(forms.Form):
    reason = forms.CharField(
        label=_("Why was this report filed in error?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “Another patient’s report”, or “Belongs with the X-ray”."),
        error_messages={"required": _("Say why the report was filed in error.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Say why the report was filed in error."))
        return reason


# --- two-factor sign-in ------------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
                "class": "code-input",
            }
        ),
    )

    def clean_code(self):
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Enter the 6 digits shown in your authenticator app."))
        return code


# --- secure messages --------------------------------------------------------------------------


class SecureMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=SecureMessage.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message first.")},
    )

    def __init__(self, *args, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["body"].label = label


class LanguageForm(forms.Form):
    """The language switch: in the portal's footer and the account menu, and on the login page."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
