"""The exercise library for staff: browse and search, read, create and edit, archive, media.

Pictures and photos are served by views that check access, never from a public media URL.
"""

import logging
import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.htmx import is_htmx_request, vary_on_htmx
from clinic.permissions import staff_required

from .. import library
from ..exercise_translations import english_hash
from ..forms import ContraindicationFormSet, ExerciseFilterForm, ExerciseForm, ExerciseMediaForm
from ..models import Contraindication, Exercise
from ..services import UNIVERSAL_STOP_RULES, frequency_text
from ..videos import ExerciseVideo
from . import videos

logger = logging.getLogger(__name__)

PAGE_SIZE = 48
FIGURE_MAX_AGE = 365 * 24 * 60 * 60


def _short(label: str) -> str:
    """A card-sized label: "Firm chair", not "Stretching rope or yoga strap (2.5–3 m)"."""
    return label.split(" (")[0]


def _exercises(request):
    return Exercise.objects.for_user(request.user)


@staff_required
@require_GET
def exercise_list(request):
    form = ExerciseFilterForm(request.GET)
    exercises = (
        form.filter(_exercises(request)).prefetch_related("contraindications").in_library_order()
    )
    page = Paginator(exercises, PAGE_SIZE).get_page(request.GET.get("page"))
    safe_for = form.value("safe_for")
    equipment = {key: _short(label) for key, label in library.equipment_labels().items()}
    for exercise in page:
        rules = list(exercise.contraindications.all())
        exercise.caution_rule = next((r for r in rules if r.tag == safe_for), None)
        exercise.rule_count = len(rules)
        exercise.equipment_labels = [equipment.get(k, k) for k in exercise.equipment]
    query = form.value("q")
    suggestion = library.precaution_for_query(query) if query and not safe_for else ""
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "querystring": querystring.urlencode(),
        "query": query,
        "safe_for": safe_for,
        "filters_open": any(
            form.value(n) for n in ("category", "region", "equipment", "safe_for", "source")
        )
        or form.value("status") not in ("", "active"),
        "suggested_tag": suggestion,
        "suggested_label": dict(form.fields["safe_for"].choices).get(suggestion, ""),
        "safe_for_label": dict(form.fields["safe_for"].choices).get(safe_for, ""),
    }
    # An htmx search swaps just the results.
    template = "programs/_exercise_results.html" if is_htmx_request(request) else None
    return vary_on_htmx(render(request, template or "programs/exercise_list.html", context))


@staff_required
@require_GET
def exercise_detail(request, slug):
    exercise = get_object_or_404(
        _exercises(request).prefetch_related(
            "contraindications",
            "translations",
            Prefetch("progressions", queryset=Exercise.objects.order_by("name")),
            Prefetch("regressions", queryset=Exercise.objects.order_by("name")),
        ),
        slug=slug,
    )
    animation = ""
    if library.has_figure(exercise):
        try:
            animation = library.figure_svg(exercise, "animated", size=(640, 480))
        except ValueError:  # FigureError: show the exercise without a picture, never a 500
            logger.exception("exercise %s: figure cannot be drawn", exercise.slug)
    labels = {"joints": library.joint_labels(), "equipment": library.equipment_labels()}
    context = {
        "exercise": exercise,
        # The renderer builds this SVG from structured pose data and escapes all text itself.
        "animation": animation,
        "universal_stop_rules": UNIVERSAL_STOP_RULES,
        "rules": sorted(
            exercise.contraindications.all(),
            key=lambda r: (list(Contraindication.Action.values).index(r.action), r.tag),
        ),
        "joint_labels": [labels["joints"].get(k, k) for k in exercise.joints],
        "equipment_labels": [labels["equipment"].get(k, k) for k in exercise.equipment],
        "clinic_edited": library.is_clinic_edited(exercise),
        "frequency": frequency_text(exercise.times_per_day, exercise.days_per_week),
        "clinic_video": ExerciseVideo.objects.active().filter(exercise=exercise).first(),
        "translations": _translations(exercise),
    }
    return render(request, "programs/exercise_detail.html", context)


def _translations(exercise):
    """(code, language name, translation or None, whether its review still holds) for each
    language exercises are written in: a review holds for the English it was compared with."""
    rows = {t.language: t for t in exercise.translations.all()}
    english = english_hash(exercise)
    return [
        (code, label, rows.get(code), bool(rows.get(code)) and rows[code].review_holds(english))
        for code, label in library.translation_languages()
    ]


def _exercise_form_page(request, exercise=None):
    creating = exercise is None
    instance = exercise or Exercise()
    form = ExerciseForm(request.POST or None, instance=instance, user=request.user)
    formset = ContraindicationFormSet(request.POST or None, instance=instance, prefix="rules")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        exercise = library.save_exercise(form=form, contraindications=formset, by=request.user)
        messages.success(
            request,
            (
                _("“{name}” was added to the library.")
                if creating
                else _("“{name}” was saved in the library.")
            ).format(name=exercise.name),
        )
        return redirect(exercise)
    return render(
        request,
        "programs/exercise_form.html",
        {"form": form, "formset": formset, "exercise": exercise, "creating": creating},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def exercise_create(request):
    return _exercise_form_page(request)


@staff_required
@require_http_methods(["GET", "POST"])
def exercise_edit(request, slug):
    exercise = get_object_or_404(
        _exercises(request).prefetch_related("contraindications"), slug=slug
    )
    return _exercise_form_page(request, exercise)


@staff_required
@require_POST
def exercise_archive(request, slug):
    exercise = get_object_or_404(_exercises(request), slug=slug)
    library.set_archived(exercise=exercise, archived=True, by=request.user)
    messages.success(
        request,
        _(
            "“{name}” was archived. It no longer appears in searches or the program builder; "
            "programs that use it are unchanged."
        ).format(name=exercise.name),
    )
    return redirect(exercise)


@staff_required
@require_POST
def exercise_unarchive(request, slug):
    exercise = get_object_or_404(_exercises(request), slug=slug)
    library.set_archived(exercise=exercise, archived=False, by=request.user)
    messages.success(request, _("“{name}” is back in the library.").format(name=exercise.name))
    return redirect(exercise)


@staff_required
@require_POST
def exercise_reset(request, slug):
    exercise = get_object_or_404(_exercises(request), slug=slug)
    try:
        library.reset_to_library(exercise=exercise)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“{name}” is back to the Restore library version.").format(name=exercise.name),
        )
    return redirect(exercise)


@staff_required
@require_http_methods(["GET", "POST"])
def exercise_media(request, slug):
    exercise = get_object_or_404(_exercises(request), slug=slug)
    form = ExerciseMediaForm(request.POST or None, request.FILES or None, instance=exercise)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Old photo files are kept: published programs may still show them.
        messages.success(
            request,
            _("The photo and video link of “{name}” were saved.").format(name=exercise.name),
        )
        return redirect(exercise)
    return videos.media_page(request, exercise, form=form)


# --- pictures ---------------------------------------------------------------------------------


@staff_required
@require_GET
def exercise_figure(request, slug, which):
    """One picture as SVG. Cached for a year when the URL carries the picture's content hash."""
    if which not in library.FIGURE_KINDS:
        raise Http404("No such picture.")
    exercise = get_object_or_404(_exercises(request).only("slug", "name", "figure"), slug=slug)
    if not library.has_figure(exercise):
        raise Http404("This exercise has no picture.")
    etag = f'"{library.figure_etag(exercise, which)}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["Cache-Control"] = _figure_cache_control(request, etag)
        not_modified.holds_no_patient_data = True
        return not_modified
    try:
        svg = library.figure_svg(exercise, which)
    except ValueError as error:  # FigureError
        logger.exception("exercise %s: figure cannot be drawn", exercise.slug)
        raise Http404("This picture cannot be drawn.") from error
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = _figure_cache_control(request, etag)
    response.holds_no_patient_data = True  # see clinic.middleware.NoStoreMiddleware
    return response


def _figure_cache_control(request, etag: str) -> str:
    if request.GET.get("v") == etag.strip('"')[:16]:
        return f"private, max-age={FIGURE_MAX_AGE}, immutable"
    return "private, no-cache"


@staff_required
@require_GET
def exercise_photo(request, slug):
    """The clinic's own photo, only for people allowed to see the exercise."""
    exercise = get_object_or_404(_exercises(request).only("slug", "photo"), slug=slug)
    if not exercise.photo:
        raise Http404("This exercise has no photo.")
    etag = f'"{library.content_hash({"photo": exercise.photo.name})[:32]}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified.holds_no_patient_data = True
        return not_modified
    content_type = mimetypes.guess_type(exercise.photo.name)[0] or "application/octet-stream"
    try:
        handle = exercise.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404("The photo file is missing.") from error
    response = FileResponse(handle, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = "inline"
    response.holds_no_patient_data = True  # the clinic's own exercise photo, not a patient's
    return response
