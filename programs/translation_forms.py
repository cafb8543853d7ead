"""The library editor's form for one exercise's translation into one language."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from .exercise_translations import TEXT_FIELDS, ExerciseTranslation
from .forms import LinesField
from .models import Exercise

NOTE_PREFIX = "note_"


class ExerciseTranslationForm(forms.Form):
    """Every patient-facing text of the exercise, in the language; the English beside each."""

    name = forms.CharField(label=_("Name"), max_length=120)
    summary = forms.CharField(label=_("Summary"), max_length=240, required=False)
    start_position = forms.CharField(
        label=_("Start position"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    steps = LinesField(label=_("Steps"), rows=5, help_text=_("One step per line."))
    cues = LinesField(
        label=_("Tips"), rows=4, help_text=_("One tip per line, in the order of the English.")
    )
    stop_rules = LinesField(label=_("Stop if"), rows=2, help_text=_("One per line."))
    precaution_notes = forms.CharField(
        label=_("Notes for staff"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, exercise: Exercise, translation: ExerciseTranslation | None, **kw):
        self.exercise = exercise
        self.rules = [rule for rule in exercise.contraindications.all() if rule.note]
        if translation is not None and "initial" not in kw:
            kw["initial"] = {
                **translation.text(),
                **{
                    NOTE_PREFIX + tag: note
                    for tag, note in translation.contraindication_notes.items()
                },
            }
        super().__init__(*args, **kw)
        for rule in self.rules:
            self.fields[NOTE_PREFIX + rule.tag] = forms.CharField(
                label=rule.get_tag_display(),
                max_length=300,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # Each field shows the English it translates (`english` on the bound field's widget).
        self.english = {
            "name": exercise.name,
            "summary": exercise.summary,
            "start_position": exercise.start_position,
            "steps": exercise.steps,
            "cues": exercise.cues,
            "stop_rules": exercise.stop_rules,
            "precaution_notes": exercise.precaution_notes,
        }

    def clean(self):
        data = super().clean()
        for name in ("name", "summary", "start_position", "precaution_notes"):
            if data.get(name):
                try:
                    ProhibitNullCharactersValidator()(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if self.exercise.steps and "steps" in data and not data["steps"]:
            self.add_error("steps", _("Write the steps: a patient cannot follow an empty list."))
        return data

    def text(self) -> dict:
        """The translation's fields, as `library.save_translation` takes them."""
        data = self.cleaned_data
        text = {name: data.get(name) or "" for name in TEXT_FIELDS}
        for name in ("steps", "cues", "stop_rules"):
            text[name] = list(data.get(name) or [])
        text["contraindication_notes"] = {
            rule.tag: data[NOTE_PREFIX + rule.tag].strip()
            for rule in self.rules
            if (data.get(NOTE_PREFIX + rule.tag) or "").strip()
        }
        return text

    def rows(self):
        """Each field with the English it translates: {"field", "english", "english_lines"}."""
        names = ["name", "summary", "start_position", "steps", "cues", "stop_rules"]
        pairs = [(self[name], self.english[name]) for name in names]
        pairs += [(self[NOTE_PREFIX + rule.tag], rule.note) for rule in self.rules]
        pairs.append((self["precaution_notes"], self.english["precaution_notes"]))
        for field, english in pairs:
            lines = list(english) if isinstance(english, list) else None
            yield {"field": field, "english": english, "english_lines": lines}
