"""Forms of the record-access and integration pages (plain action forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class StaffRecordRequestForm(forms.Form):
    """A request the patient made in person, by letter or by phone, recorded by staff."""

    note = forms.CharField(
        label=_("What the patient asked for, and how"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: 'Asked at the front desk for a copy of everything, by email.'"),
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Say what the patient asked for."))
        return note


class ExtensionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why more time is needed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The patient must be told this reason and the new date in writing before the "
            "first 30 days end."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why more time is needed."))
        return reason


class IntegrationTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Integration"),
        max_length=120,
        help_text=_("Who will use the token, e.g. 'Harbor Spine referrals EHR'."),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Name the integration that will use the token."))
        return name
