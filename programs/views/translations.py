"""An exercise's translations in the library editor: edit one language, mark it reviewed.

Staff (admins and therapists) edit; only a clinician (a therapist) marks a translation
reviewed, because the review is a clinician vouching that the patient reads the same advice.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clinic.permissions import staff_required, therapist_required

from .. import library
from ..exercise_translations import ExerciseTranslation, english_hash
from ..models import Exercise
from ..translation_forms import ExerciseTranslationForm


def _language_label(language: str) -> str:
    labels = dict(ExerciseTranslation.Language.choices)
    if language not in labels:
        raise Http404("Exercises are not translated into this language.")
    return labels[language]


def _translation(exercise: Exercise, language: str, user) -> ExerciseTranslation | None:
    return (
        ExerciseTranslation.objects.for_user(user)
        .filter(exercise=exercise, language=language)
        .first()
    )


@staff_required
@require_http_methods(["GET", "POST"])
def exercise_translation(request, slug, language):
    label = _language_label(language)
    exercise = get_object_or_404(
        Exercise.objects.for_user(request.user).prefetch_related("contraindications"), slug=slug
    )
    translation = _translation(exercise, language, request.user)
    form = ExerciseTranslationForm(request.POST or None, exercise=exercise, translation=translation)
    if request.method == "POST" and form.is_valid():
        was_reviewed = translation is not None and translation.reviewed
        saved = library.save_translation(
            exercise=exercise, language=language, text=form.text(), by=request.user
        )
        if was_reviewed and not saved.reviewed:
            messages.warning(
                request,
                _(
                    "The %(language)s text of “%(name)s” was saved. It changed after its review, "
                    "so it is not reviewed any more: a clinician should read it again."
                )
                % {"language": label, "name": exercise.name},
            )
        else:
            messages.success(
                request,
                _("The %(language)s text of “%(name)s” was saved.")
                % {"language": label, "name": exercise.name},
            )
        return redirect(f"{exercise.get_absolute_url()}#translations")
    return render(
        request,
        "programs/exercise_translation_form.html",
        {
            "exercise": exercise,
            "translation": translation,
            "review_holds": translation is not None
            and translation.review_holds(english_hash(exercise)),
            "language": language,
            "language_label": label,
            "form": form,
        },
    )


@therapist_required
@require_POST
def exercise_translation_review(request, slug, language):
    label = _language_label(language)
    exercise = get_object_or_404(Exercise.objects.for_user(request.user), slug=slug)
    translation = _translation(exercise, language, request.user)
    if translation is None:
        raise Http404("This exercise has no translation in this language yet.")
    try:
        library.mark_translation_reviewed(translation=translation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The %(language)s text of “%(name)s” is marked reviewed by you.")
            % {"language": label, "name": exercise.name},
        )
    return redirect(f"{exercise.get_absolute_url()}#translations")
