from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import ClinicProfile, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class StaffForm(forms.ModelForm):
    """Add or edit a staff account. Patients are never created here: only by invitation."""

    role = forms.ChoiceField(
        choices=[(User.Role.THERAPIST, "Therapist"), (User.Role.ADMIN, "Clinic admin")]
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
            raise forms.ValidationError("Another account already uses this email address.")
        return email


class ClinicProfileForm(forms.ModelForm):
    class Meta:
        model = ClinicProfile
        fields = [
            "name",
            "address",
            "phone",
            "email",
            "website",
            "logo",
            "handout_footer",
            "require_staff_2fa",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_logo(self):
        from .uploads import clean_image_upload

        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            return clean_image_upload(logo, max_px=600)
        return logo
