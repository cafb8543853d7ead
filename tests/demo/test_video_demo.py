"""The demo's exercise video: a real small WebM, attached through the upload checks, once."""

import pytest

from demo import video_data
from programs.videos import WEBM, ExerciseVideo, sniff_video
from tests.factories import ExerciseFactory


def test_the_committed_clip_is_a_small_webm():
    content = video_data.ASSET.read_bytes()
    assert sniff_video(content[:4096]) == WEBM
    assert 10_000 < len(content) < 300_000


@pytest.mark.django_db
def test_seeding_attaches_the_clip_once(therapist, admin):
    exercise = ExerciseFactory(slug=video_data.SLUG)
    staff = {"admin@x": admin, "maya@restore.example": therapist}
    first = video_data.seed(staff=staff)
    assert first.exercise == exercise and first.uploaded_by == therapist and first.kind == WEBM
    assert video_data.seed(staff=staff) == first  # running again changes nothing
    assert ExerciseVideo.objects.count() == 1


def test_the_seeded_demo_shows_jordan_the_video(client, demo_clinic):
    from django.urls import reverse

    from clinic.models import Patient
    from programs.handouts.content import video_links
    from programs.models import Program

    assert ExerciseVideo.objects.count() == 1  # seeded twice: the same file, added once
    video = ExerciseVideo.objects.get()
    rivera = Patient.objects.get(last_name="Rivera")
    program = Program.objects.exclude(current_revision=None).get(patient=rivera)
    client.force_login(rivera.user)
    page = client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert video.get_absolute_url() in page.content.decode()
    assert client.get(video.get_absolute_url(), HTTP_RANGE="bytes=0-99").status_code == 206
    assert len(video_links(program.current_revision)) == 1  # the handout card's QR code
