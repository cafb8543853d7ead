"""Demo state of the clinic's own exercise video: a short clip of the glute bridge.

The clip (demo/assets/glute-bridge.webm, made once by bin/make-demo-video from the exercise's
own drawn figure, no ffmpeg needed here) is attached through the real upload checks and service,
so Ms Rivera sees it on her program card and follow-along page and her handout card carries
its QR code. Idempotent: the same file already attached changes nothing.
"""

import hashlib
import logging
from pathlib import Path

from django.core.files import File

from clinic.models import User
from programs.models import Exercise
from programs.videos import ExerciseVideo, check_video, upload_exercise_video

log = logging.getLogger(__name__)

ASSET = Path(__file__).resolve().parent / "assets" / "glute-bridge.webm"
SLUG = "glute-bridge"


def seed(*, staff: dict[str, User]) -> ExerciseVideo | None:
    exercise = Exercise.objects.filter(slug=SLUG).first()
    if exercise is None or not ASSET.exists():
        log.warning("Demo video: the %s exercise or %s is missing; skipped.", SLUG, ASSET.name)
        return None
    digest = hashlib.sha256(ASSET.read_bytes()).hexdigest()
    current = ExerciseVideo.objects.active().filter(exercise=exercise).first()
    if current is not None and current.sha256 == digest:
        return current
    therapist = staff.get("maya@restore.example") or next(
        user for user in staff.values() if user.is_therapist
    )
    with ASSET.open("rb") as handle:
        checked = check_video(File(handle, name=ASSET.name))
        return upload_exercise_video(exercise=exercise, video=checked, by=therapist)
