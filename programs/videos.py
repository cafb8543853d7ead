"""The clinic's own video of an exercise: checked on upload, kept privately, never destroyed.

Staff upload an MP4 or WebM on the exercise's media page. Before anything is stored:

- the file is at most `RESTORE_VIDEO_MAX_BYTES` (50 MB by default);
- its type is read from its first bytes, whatever its name or content type claims: a WebM
  file starts with the EBML header (1A 45 DF A3) whose DocType is "webm"; an MP4 starts with
  an `ftyp` box whose major or compatible brand is one browsers play (`MP4_BRANDS`). A PNG
  renamed to .mp4, a QuickTime .mov or a Matroska .mkv are refused;
- it is stored under a random name in private media (like imaging reports), with its size,
  SHA-256, the name it came with, who uploaded it and when.

A poster image (the still shown before the video plays) may be uploaded with it; it is
re-encoded like every image upload. Without one, the portal shows the exercise's own drawn
start picture.

Replacing a video archives the one before (who and when) instead of deleting it: a patient's
published program may have been shown it, so it stays in the record. The newest active video
of an exercise is the one shown (`ExerciseVideo.objects.current_for`).

Files are served only by `programs.views.videos`, which fetches through `for_user`: clinic
staff any video; a patient only the current video of an exercise in one of their own published
programs (anything else is a 404); and answers HTTP range requests so the player can seek.
A library exercise's video is the same for every patient, so fetching it is not a read of a
patient's record.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import models, transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic import audit
from clinic.models import User

from .models import Exercise, Program

WEBM = "webm"
MP4 = "mp4"
CONTENT_TYPES = {WEBM: "video/webm", MP4: "video/mp4"}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE_ID = b"\x42\x82"
# ISO base media brands that browsers play as MP4 (QuickTime "qt  " and 3GPP are not taken).
MP4_BRANDS = frozenset(
    {
        b"isom",
        b"iso2",
        b"iso3",
        b"iso4",
        b"iso5",
        b"iso6",
        b"mp41",
        b"mp42",
        b"avc1",
        b"dash",
        b"M4V ",
        b"MSNV",
    }
)
SNIFF_BYTES = 4096


def max_bytes() -> int:
    return settings.RESTORE_VIDEO_MAX_BYTES


def too_large_message() -> str:
    return _(
        "The video is larger than %(limit)s. Shorten it or export it at a lower quality "
        "(720p is plenty for an exercise)."
    ) % {"limit": filesizeformat(max_bytes())}


NOT_A_VIDEO = (
    "This file is not an MP4 or WebM video (its content was checked, not its name). "
    "Export the video as MP4 (H.264) or WebM and upload that."
)


# --- reading the type from the content -------------------------------------------------------


def _vint(data: bytes, at: int, *, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at `at`: (value, length). ValueError if malformed."""
    if at >= len(data):
        raise ValueError("truncated")
    first = data[at]
    length = 1
    mask = 0x80
    while length <= 8 and not first & mask:
        mask >>= 1
        length += 1
    if length > 8 or at + length > len(data):
        raise ValueError("bad vint")
    value = first if keep_marker else first & (mask - 1)
    for byte in data[at + 1 : at + length]:
        value = (value << 8) | byte
    return value, length


def _webm_doctype(head: bytes) -> str | None:
    """The DocType of an EBML header ("webm", "matroska"), or None if it is not one."""
    if not head.startswith(EBML_MAGIC):
        return None
    try:
        size, length = _vint(head, 4, keep_marker=False)
        at = 4 + length
        end = min(at + size, len(head))
        while at < end:
            element, id_length = _vint(head, at, keep_marker=True)
            data_size, size_length = _vint(head, at + id_length, keep_marker=False)
            start = at + id_length + size_length
            if element == int.from_bytes(EBML_DOCTYPE_ID):
                return head[start : start + data_size].rstrip(b"\x00").decode("ascii")
            at = start + data_size
    except (ValueError, UnicodeDecodeError):
        return None
    return None


def _mp4_brands(head: bytes) -> set[bytes]:
    """The major and compatible brands of an MP4's leading `ftyp` box (empty if there is none)."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return set()
    size = int.from_bytes(head[0:4])
    if size < 16 or size > len(head) or size % 4:
        return set()
    brands = {head[8:12]}
    brands.update(head[at : at + 4] for at in range(16, size, 4))
    return brands


def sniff_video(head: bytes) -> str | None:
    """WEBM or MP4 from a file's first bytes, or None for anything else."""
    if _webm_doctype(head) == "webm":
        return WEBM
    if _mp4_brands(head) & MP4_BRANDS:
        return MP4
    return None


class VideoSizeLimit(FileUploadHandler):
    """Stops reading an uploaded file once it passes the video size limit.

    Without it Django would write the whole upload to a temporary file before the form sees
    it. The file is skipped and the request remembers which field was too large, so the form
    can say so beside it (as `clinic.imaging_reports.ReportSizeLimit` does for reports).
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_bytes():
            oversize = getattr(self.request, "restore_oversize_uploads", set())
            self.request.restore_oversize_uploads = oversize | {self.field_name}
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file


@dataclass(frozen=True)
class CheckedVideo:
    """An uploaded video that passed every check, ready to store."""

    upload: object
    kind: str
    original_name: str
    size: int
    sha256: str


def clean_original_name(name: str) -> str:
    """The file's own name without folders or control characters (kept as metadata only)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if not unicodedata.category(ch).startswith("C"))
    return " ".join(base.split()).strip(" .")[:200] or "video"


def check_video(upload) -> CheckedVideo:
    """Check an uploaded file is an MP4 or WebM within the size limit, from its content."""
    if not upload.size:
        raise ValidationError(_("The file is empty (0 bytes). Choose the video again."))
    if upload.size > max_bytes():
        raise ValidationError(too_large_message(), code="too_large")
    upload.seek(0)
    kind = sniff_video(upload.read(SNIFF_BYTES))
    if kind is None:
        raise ValidationError(_(NOT_A_VIDEO), code="not_a_video")
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedVideo(
        upload=upload,
        kind=kind,
        original_name=clean_original_name(upload.name),
        size=upload.size,
        sha256=digest.hexdigest(),
    )


# --- the model --------------------------------------------------------------------------------


def video_path(instance, filename) -> str:
    """A random name in the private videos folder: nothing about the exercise or the upload."""
    return f"exercise-videos/{secrets.token_hex(16)}.{instance.kind}"


def poster_path(instance, filename) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"exercise-videos/posters/{secrets.token_hex(16)}.{extension}"


class ExerciseVideoQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff: every video. A patient: the current video of an exercise in one of their own
        published programs. Anyone else: nothing."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return self
        if user.role != User.Role.PATIENT:
            return self.none()
        slugs = {
            item["exercise"]["slug"]
            for snapshot in Program.objects.for_user(user).values_list(
                "current_revision__snapshot", flat=True
            )
            for item in (snapshot or {}).get("items", [])
        }
        return self.active().filter(exercise__slug__in=slugs)

    def active(self):
        return self.filter(archived_at__isnull=True)

    def current_for(self, slugs) -> dict[str, ExerciseVideo]:
        """The active video of each exercise slug that has one (one query)."""
        return {
            video.exercise.slug: video
            for video in self.active()
            .filter(exercise__slug__in=list(slugs))
            .select_related("exercise")
        }


class ExerciseVideo(models.Model):
    """One uploaded video of an exercise. Replaced ones are archived, never deleted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="videos")
    file = models.FileField(upload_to=video_path, max_length=200)
    kind = models.CharField(max_length=8, choices=[(WEBM, "WebM"), (MP4, "MP4")])
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField("SHA-256", max_length=64)
    original_name = models.CharField(max_length=255)
    poster = models.ImageField(upload_to=poster_path, max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ExerciseVideoQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise"],
                condition=Q(archived_at__isnull=True),
                name="exercisevideo_one_active",
            ),
            models.CheckConstraint(
                name="exercisevideo_kind_valid", condition=Q(kind__in=[WEBM, MP4])
            ),
            models.CheckConstraint(name="exercisevideo_size_positive", condition=Q(size__gt=0)),
            models.CheckConstraint(
                name="exercisevideo_archived_complete",
                condition=Q(archived_at__isnull=True, archived_by__isnull=True)
                | Q(archived_at__isnull=False, archived_by__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Video of {self.exercise} ({self.original_name})"

    def get_absolute_url(self):
        return reverse("programs:exercise-video", kwargs={"uuid": self.uuid})

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def poster_url(self) -> str:
        return reverse("programs:exercise-video-poster", kwargs={"uuid": self.uuid})


# --- services -----------------------------------------------------------------------------------


@transaction.atomic
def upload_exercise_video(
    *, exercise: Exercise, video: CheckedVideo, by: User, poster=None
) -> ExerciseVideo:
    """Store a checked video as the exercise's current one; the one before is archived."""
    if not by.is_clinic_staff:
        raise ValidationError(_("Only clinic staff can add a video."), code="role")
    exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
    now = timezone.now()
    previous = list(ExerciseVideo.objects.active().filter(exercise=exercise))
    for old in previous:
        old.archived_at = now
        old.archived_by = by
        old.save(update_fields=["archived_at", "archived_by"])
    stored = ExerciseVideo(
        exercise=exercise,
        kind=video.kind,
        size=video.size,
        sha256=video.sha256,
        original_name=video.original_name,
        uploaded_by=by,
        uploaded_at=now,
    )
    video.upload.seek(0)
    stored.file.save(f"video.{video.kind}", video.upload, save=False)
    if poster:
        stored.poster.save(poster.name, ContentFile(poster.read()), save=False)
    try:
        stored.save()
    except Exception:
        # The row was never written, so the files are in no record: remove them.
        stored.file.storage.delete(stored.file.name)
        if stored.poster:
            stored.poster.storage.delete(stored.poster.name)
        raise
    audit.record(
        action=audit.Action.CREATE,
        user=by,
        obj=stored,
        detail=f"exercise video added to {exercise.slug}: {stored.kind}, {stored.size} bytes, "
        f"sha256 {stored.sha256}"
        + (f"; {len(previous)} earlier video archived" if previous else ""),
    )
    return stored


@transaction.atomic
def archive_exercise_video(*, video: ExerciseVideo, by: User) -> ExerciseVideo:
    """Stop showing a video without a replacement (the row and file stay in the record)."""
    video = ExerciseVideo.objects.select_for_update().select_related("exercise").get(pk=video.pk)
    if not by.is_clinic_staff:
        raise ValidationError(_("Only clinic staff can take a video down."), code="role")
    if video.is_archived:
        raise ValidationError(_("This video is already taken down."), code="archived")
    video.archived_at = timezone.now()
    video.archived_by = by
    video.save(update_fields=["archived_at", "archived_by"])
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        obj=video,
        detail=f"exercise video of {video.exercise.slug} taken down (kept in the record)",
    )
    return video
