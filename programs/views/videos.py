"""Exercise videos: upload on the exercise's media page (staff), and the access-checked file.

The file is served with HTTP range requests (one range per request, as video players ask), so a
player can seek without downloading the whole file: `Range: bytes=0-99` answers 206 with
`Content-Range: bytes 0-99/<size>`; `bytes=500-` and the suffix form `bytes=-500` work too; a
range past the end answers 416 with `Content-Range: bytes */<size>`. A malformed or multi-part
Range header is ignored and the whole file is sent (HTTP allows either).
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from clinic.permissions import staff_required

from ..forms import ExerciseMediaForm
from ..models import Exercise
from ..video_forms import ExerciseVideoForm
from ..videos import (
    ExerciseVideo,
    VideoSizeLimit,
    archive_exercise_video,
    upload_exercise_video,
)

CHUNK = 64 * 1024
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
MAX_AGE = 3600


def media_page(request, exercise, *, form=None, video_form=None, status=200):
    """The exercise's media page: photo and video link, and the clinic's own video."""
    videos = list(ExerciseVideo.objects.for_user(request.user).filter(exercise=exercise))
    return render(
        request,
        "programs/exercise_media.html",
        {
            "form": form or ExerciseMediaForm(instance=exercise),
            "video_form": video_form or ExerciseVideoForm(),
            "exercise": exercise,
            "current_video": next((v for v in videos if not v.is_archived), None),
            "archived_videos": [v for v in videos if v.is_archived],
        },
        status=status,
    )


@csrf_exempt  # checked by csrf_protect below, once the size limit is in place
def exercise_video_upload(request, slug):
    """Upload a video. The size limit must be installed before anything reads the body, and
    CsrfViewMiddleware reads it to find the token, so CSRF is checked inside instead."""
    request.upload_handlers.insert(0, VideoSizeLimit(request))
    return _exercise_video_upload(request, slug)


@csrf_protect
@staff_required
@require_POST
def _exercise_video_upload(request, slug):
    exercise = get_object_or_404(Exercise.objects.for_user(request.user), slug=slug)
    files = request.FILES  # reads the body; VideoSizeLimit notes an oversize file
    oversize = "video" in getattr(request, "restore_oversize_uploads", set())
    form = ExerciseVideoForm(request.POST, files, oversize=oversize)
    if form.is_valid():
        try:
            upload_exercise_video(
                exercise=exercise,
                video=form.cleaned_data["video"],
                poster=form.cleaned_data.get("poster"),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The video of “%(name)s” was saved.") % {"name": exercise.name}
            )
            return redirect("programs:exercise-media", slug=exercise.slug)
    return media_page(request, exercise, video_form=form, status=400)


@staff_required
@require_POST
def exercise_video_archive(request, uuid):
    """Take the current video down without a replacement; it stays in the record."""
    video = get_object_or_404(
        ExerciseVideo.objects.for_user(request.user).select_related("exercise"), uuid=uuid
    )
    try:
        archive_exercise_video(video=video, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The video of “%(name)s” is no longer shown. It is kept in the record.")
            % {"name": video.exercise.name},
        )
    return redirect("programs:exercise-media", slug=video.exercise.slug)


def _byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) of a single satisfiable range; None to send everything; False if none of
    the range is in the file (416)."""
    match = RANGE_RE.match(header.strip().replace(" ", ""))
    if not match or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if end < start:
        return None  # syntactically invalid: ignored
    if start >= size:
        return False
    return start, min(end, size - 1)


def _read(handle, start: int, length: int):
    try:
        handle.seek(start)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


@login_required
@require_safe
def exercise_video(request, uuid):
    """The video file for people who may see it (staff; a patient whose program has it)."""
    video = get_object_or_404(ExerciseVideo.objects.for_user(request.user), uuid=uuid)
    etag = f'"{video.sha256[:32]}"'
    size = video.size
    header = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range")
    wanted = _byte_range(header, size) if header and if_range in (None, etag) else None
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        try:
            handle = video.file.open("rb")
        except FileNotFoundError as error:
            raise Http404("The video file is missing.") from error
        if wanted is None:
            response = FileResponse(handle, content_type=video.content_type)
            response["Content-Length"] = str(size)
        else:
            start, end = wanted
            length = end - start + 1
            response = StreamingHttpResponse(
                _read(handle, start, length), status=206, content_type=video.content_type
            )
            response["Content-Length"] = str(length)
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Cache-Control"] = f"private, max-age={MAX_AGE}"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    # The clinic's video of a library exercise, the same for every patient: no patient data.
    response.holds_no_patient_data = True
    return response


@login_required
@require_safe
def exercise_video_poster(request, uuid):
    """The uploaded poster image of a video (404 without one: pages use the drawn picture)."""
    video = get_object_or_404(ExerciseVideo.objects.for_user(request.user), uuid=uuid)
    if not video.poster:
        raise Http404("This video has no poster.")
    try:
        handle = video.poster.open("rb")
    except FileNotFoundError as error:
        raise Http404("The poster file is missing.") from error
    extension = video.poster.name.rsplit(".", 1)[-1].lower()
    content_type = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "application/octet-stream"
    )
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = f"private, max-age={MAX_AGE}"
    response["Content-Disposition"] = "inline"
    response.holds_no_patient_data = True
    return response
