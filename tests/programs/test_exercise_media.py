"""The clinic's own photo and video link: validated uploads, served only through an access check."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from programs.models import Exercise
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercise(db):
    return ExerciseFactory(slug="bridge", name="Bridge")


def _media_url(exercise):
    return reverse("programs:exercise-media", kwargs={"slug": exercise.slug})


def _photo_url(exercise):
    return reverse("programs:exercise-photo", kwargs={"slug": exercise.slug})


def _image(fmt="JPEG", size=(800, 600), *, exif=False, name=None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (30, 120, 110))
    kwargs = {}
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "CameraMaker"  # Make
        tags[0x0110] = "SecretCam 3000"  # Model
        tags[0x8825] = {1: "N", 2: (42.0, 21.0, 0.0), 3: "W", 4: (71.0, 3.0, 0.0)}  # GPS
        kwargs["exif"] = tags
    image.save(buffer, fmt, **kwargs)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp"}[fmt]
    return SimpleUploadedFile(
        name or f"photo.{extension}", buffer.getvalue(), content_type=f"image/{extension}"
    )


def _upload(client, exercise, photo, video_url=""):
    return client.post(_media_url(exercise), {"photo": photo, "video_url": video_url})


def test_jpeg_is_stored_without_metadata(therapist_client, exercise):
    upload = _image(exif=True)
    assert b"SecretCam" in upload.read()
    upload.seek(0)

    response = _upload(therapist_client, exercise, upload)

    assert response.status_code == 302
    exercise.refresh_from_db()
    stored = exercise.photo.read()
    assert b"SecretCam" not in stored and b"CameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


def test_large_photo_is_resized_to_at_most_1600_px(therapist_client, exercise):
    response = _upload(therapist_client, exercise, _image("PNG", size=(3200, 2000)))

    assert response.status_code == 302
    exercise.refresh_from_db()
    with Image.open(exercise.photo) as image:
        assert image.size == (1600, 1000)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(therapist_client, exercise, fmt):
    assert _upload(therapist_client, exercise, _image(fmt)).status_code == 302
    exercise.refresh_from_db()
    assert exercise.photo.name.endswith(".png" if fmt == "PNG" else ".webp")


@pytest.mark.parametrize("fmt", ["GIF", "BMP"])
def test_other_image_types_are_refused_next_to_the_field(therapist_client, exercise, fmt):
    response = _upload(therapist_client, exercise, _image(fmt))

    assert response.status_code == 200
    errors = response.context["form"].errors["photo"]
    assert "images are not accepted. Use JPEG, PNG or WebP." in errors[0]
    exercise.refresh_from_db()
    assert not exercise.photo


def test_a_fake_image_is_refused(therapist_client, exercise):
    fake = SimpleUploadedFile("photo.jpg", b"<?php echo 'not an image'; ?>", "image/jpeg")

    response = _upload(therapist_client, exercise, fake)

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "This file is not a readable image. Use JPEG, PNG or WebP."
    ]
    exercise.refresh_from_db()
    assert not exercise.photo


def test_a_file_over_5_mb_is_refused(therapist_client, exercise):
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert buffer.tell() > 5 * 1024 * 1024
    big = SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")

    response = _upload(therapist_client, exercise, big, video_url="https://video.example/b")

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "The file is larger than 5 MB. Please choose a smaller image."
    ]
    assert 'value="https://video.example/b"' in response.content.decode()  # typed value kept
    exercise.refresh_from_db()
    assert not exercise.photo and not exercise.video_url


def test_video_link_must_be_https(therapist_client, exercise):
    response = therapist_client.post(_media_url(exercise), {"video_url": "http://video.example/x"})
    assert response.status_code == 200
    assert response.context["form"].errors["video_url"] == [
        "Use a secure link that starts with https://."
    ]

    response = therapist_client.post(_media_url(exercise), {"video_url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "video_url" in response.context["form"].errors


def test_https_video_link_is_saved_and_shown(therapist_client, exercise):
    response = therapist_client.post(_media_url(exercise), {"video_url": "https://video.example/x"})
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.video_url == "https://video.example/x"
    page = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert 'href="https://video.example/x"' in page


def test_photo_is_served_only_through_the_access_checked_view(therapist_client, exercise):
    _upload(therapist_client, exercise, _image())
    exercise.refresh_from_db()

    response = therapist_client.get(_photo_url(exercise))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    page = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert _photo_url(exercise) in page
    assert "/media-not-public/" not in page and exercise.photo.name not in page


def test_anonymous_and_patients_cannot_fetch_photos(therapist_client, patient, exercise):
    _upload(therapist_client, exercise, _image())

    anonymous = Client()
    assert anonymous.get(_photo_url(exercise)).status_code == 302
    as_patient = Client()
    as_patient.force_login(patient)
    assert as_patient.get(_photo_url(exercise)).status_code == 403
    assert (
        as_patient.post(_media_url(exercise), {"video_url": "https://x.example"}).status_code == 403
    )


def test_no_photo_is_404(therapist_client, exercise):
    assert therapist_client.get(_photo_url(exercise)).status_code == 404


def test_replacing_a_photo_keeps_the_old_file_for_published_programs(therapist_client, exercise):
    _upload(therapist_client, exercise, _image())
    exercise.refresh_from_db()
    old = exercise.photo.name

    _upload(therapist_client, exercise, _image("PNG"))

    exercise.refresh_from_db()
    assert exercise.photo.name != old
    assert exercise.photo.storage.exists(old)


def test_clearing_the_photo(therapist_client, exercise):
    _upload(therapist_client, exercise, _image())
    response = therapist_client.post(_media_url(exercise), {"photo-clear": "on", "video_url": ""})
    assert response.status_code == 302
    assert not Exercise.objects.get(pk=exercise.pk).photo
