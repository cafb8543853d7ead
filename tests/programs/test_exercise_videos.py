"""Exercise videos: the upload's checks, storage and versions, range requests, who may fetch."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clinic.models import AuditEvent, ClinicProfile
from programs.videos import (
    MP4,
    WEBM,
    ExerciseVideo,
    check_video,
    sniff_video,
    upload_exercise_video,
)
from tests.factories import ExerciseFactory
from tests.programs.portal_helpers import program_with


def webm_bytes(size: int = 1000, doctype: bytes = b"webm") -> bytes:
    """A minimal EBML header (version 1, DocType) followed by filler up to `size` bytes."""
    doc = b"\x42\x82" + bytes([0x80 | len(doctype)]) + doctype
    version = b"\x42\x86\x81\x01"
    body = version + doc
    head = b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(body)]) + body
    return head + (bytes(range(256)) * (size // 256 + 1))[: max(size - len(head), 0)]


def mp4_bytes(size: int = 1000, major: bytes = b"isom", compatible=(b"isom", b"mp41")) -> bytes:
    box = b"ftyp" + major + b"\x00\x00\x02\x00" + b"".join(compatible)
    head = (len(box) + 4).to_bytes(4, "big") + box
    return head + (bytes(range(256)) * (size // 256 + 1))[: max(size - len(head), 0)]


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "video/mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def add_video(exercise, by, content: bytes | None = None, name="clip.webm") -> ExerciseVideo:
    checked = check_video(upload(name, content or webm_bytes(), "video/webm"))
    return upload_exercise_video(exercise=exercise, video=checked, by=by)


# --- the type is read from the content -------------------------------------------------------


def test_sniff_reads_webm_and_mp4_headers():
    assert sniff_video(webm_bytes()) == WEBM
    assert sniff_video(mp4_bytes()) == MP4
    assert sniff_video(mp4_bytes(major=b"mp42", compatible=(b"mp42",))) == MP4


def test_sniff_refuses_other_containers():
    assert sniff_video(webm_bytes(doctype=b"matroska")) is None  # .mkv
    assert sniff_video(mp4_bytes(major=b"qt  ", compatible=(b"qt  ",))) is None  # .mov
    assert sniff_video(png_bytes()) is None
    assert sniff_video(b"") is None
    assert sniff_video(b"\x1a\x45\xdf\xa3\xff") is None  # a truncated EBML header


def test_renamed_png_is_refused():
    with pytest.raises(ValidationError, match="not an MP4 or WebM video"):
        check_video(upload("exercise.mp4", png_bytes()))


def test_over_size_is_refused_with_the_limit(settings):
    settings.RESTORE_VIDEO_MAX_BYTES = 2000
    with pytest.raises(ValidationError) as error:
        check_video(upload("big.webm", webm_bytes(2001), "video/webm"))
    assert "larger than 2.0\xa0KB" in error.value.messages[0]
    assert check_video(upload("ok.webm", webm_bytes(2000), "video/webm")).size == 2000


def test_valid_webm_and_mp4_are_accepted():
    webm = check_video(upload("C:\\Users\\me\\clip.webm", webm_bytes(), "application/octet-stream"))
    assert (webm.kind, webm.original_name, len(webm.sha256)) == (WEBM, "clip.webm", 64)
    assert check_video(upload("clip.bin", mp4_bytes())).kind == MP4


# --- storing, replacing --------------------------------------------------------------------------


@pytest.mark.django_db
def test_replacing_a_video_archives_the_old_one(therapist, admin):
    exercise = ExerciseFactory()
    first = add_video(exercise, therapist)
    assert first.file.name.startswith("exercise-videos/") and first.file.name.endswith(".webm")
    assert "clip" not in first.file.name
    second = add_video(exercise, admin, mp4_bytes(), name="new.mp4")
    first.refresh_from_db()
    assert first.is_archived and first.archived_by == admin
    assert first.file.storage.exists(first.file.name)  # the old file is kept
    assert list(ExerciseVideo.objects.active().filter(exercise=exercise)) == [second]
    assert ExerciseVideo.objects.current_for([exercise.slug]) == {exercise.slug: second}
    events = AuditEvent.objects.filter(object_type="programs.exercisevideo")
    assert events.count() == 2
    assert "1 earlier video archived" in events.order_by("-id").first().detail


@pytest.mark.django_db
def test_upload_page_refuses_with_a_message_next_to_the_field(therapist_client):
    exercise = ExerciseFactory()
    url = reverse("programs:exercise-video-upload", args=[exercise.slug])
    response = therapist_client.post(url, {"video": upload("x.mp4", png_bytes(), "video/mp4")})
    assert response.status_code == 400
    assert "not an MP4 or WebM video" in response.content.decode()
    assert not ExerciseVideo.objects.exists()


@pytest.mark.django_db
def test_upload_page_stores_the_video_and_poster(therapist_client):
    exercise = ExerciseFactory()
    url = reverse("programs:exercise-video-upload", args=[exercise.slug])
    response = therapist_client.post(
        url,
        {
            "video": upload("clip.webm", webm_bytes(), "video/webm"),
            "poster": upload("poster.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    video = ExerciseVideo.objects.get()
    assert video.poster.name.startswith("exercise-videos/posters/")
    page = therapist_client.get(reverse("programs:exercise-media", args=[exercise.slug]))
    assert video.get_absolute_url() in page.content.decode()
    poster = therapist_client.get(video.poster_url())
    assert poster.status_code == 200 and poster["Content-Type"] == "image/png"


# --- range requests ----------------------------------------------------------------------------


@pytest.fixture
def stored(therapist):
    content = webm_bytes(1000)
    return add_video(ExerciseFactory(), therapist, content), content


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_whole_file_says_it_accepts_ranges(therapist_client, stored):
    video, content = stored
    response = therapist_client.get(video.get_absolute_url())
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "1000"
    assert response["Content-Type"] == "video/webm"
    assert "no-store" not in response["Cache-Control"]
    assert _body(response) == content


@pytest.mark.django_db
def test_first_hundred_bytes(therapist_client, stored):
    video, content = stored
    response = therapist_client.get(video.get_absolute_url(), HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 0-99/1000"
    assert response["Content-Length"] == "100"
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == content[:100]


@pytest.mark.django_db
def test_suffix_and_open_ranges(therapist_client, stored):
    video, content = stored
    suffix = therapist_client.get(video.get_absolute_url(), HTTP_RANGE="bytes=-100")
    assert (suffix.status_code, suffix["Content-Range"]) == (206, "bytes 900-999/1000")
    assert _body(suffix) == content[900:]
    open_ended = therapist_client.get(video.get_absolute_url(), HTTP_RANGE="bytes=990-")
    assert (open_ended.status_code, open_ended["Content-Range"]) == (206, "bytes 990-999/1000")
    assert _body(open_ended) == content[990:]
    past_end = therapist_client.get(video.get_absolute_url(), HTTP_RANGE="bytes=950-5000")
    assert past_end["Content-Range"] == "bytes 950-999/1000"


@pytest.mark.django_db
def test_unsatisfiable_range_is_416(therapist_client, stored):
    video, _ = stored
    response = therapist_client.get(video.get_absolute_url(), HTTP_RANGE="bytes=1000-1099")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1000"


@pytest.mark.django_db
def test_malformed_range_or_stale_if_range_sends_the_whole_file(therapist_client, stored):
    video, _ = stored
    assert therapist_client.get(video.get_absolute_url(), HTTP_RANGE="lines=1-2").status_code == 200
    stale = therapist_client.get(
        video.get_absolute_url(), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"other"'
    )
    assert stale.status_code == 200


# --- who may fetch it ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_patient_fetches_only_videos_of_their_own_published_program(
    client, therapist, patient, patient_record, other_patient
):
    program = program_with(patient_record, items=1)
    slug = program.current_revision.items[0]["exercise"]["slug"]
    from programs.models import Exercise

    in_program = add_video(Exercise.objects.get(slug=slug), therapist)
    elsewhere = add_video(ExerciseFactory(), therapist)
    client.force_login(patient)
    assert client.get(in_program.get_absolute_url()).status_code == 200
    assert client.get(elsewhere.get_absolute_url()).status_code == 404
    # Replaced: the archived one is no longer the patient's to fetch.
    newer = add_video(Exercise.objects.get(slug=slug), therapist)
    assert client.get(in_program.get_absolute_url()).status_code == 404
    assert client.get(newer.get_absolute_url(), HTTP_RANGE="bytes=0-9").status_code == 206
    client.force_login(other_patient)
    assert client.get(newer.get_absolute_url()).status_code == 404
    assert client.get(newer.poster_url()).status_code == 404


# --- the handout's QR code -----------------------------------------------------------------------


@pytest.mark.django_db
def test_handout_card_has_a_qr_code_to_the_portal_page_when_a_video_exists(
    therapist, patient_record, settings
):
    from programs.handouts.content import video_links
    from programs.handouts.keys import handout_key
    from programs.handouts.render import render_handout_pdf
    from programs.models import Exercise
    from tests.programs.handout_samples import pdf_pages, squash

    program = program_with(patient_record, items=2)
    revision = program.current_revision
    key_args = {
        "revision": revision,
        "patient": patient_record,
        "clinic": ClinicProfile.load(),
        "paper": "letter",
        "large_print": False,
        "precaution_tags": [],
    }
    before = handout_key(**key_args)
    text = squash(" ".join(pdf_pages(render_handout_pdf(revision=revision).pdf)))
    assert "watchtheclinic'svideo" not in text
    assert video_links(revision) == {}

    second = revision.items[1]["exercise"]["slug"]
    video = add_video(Exercise.objects.get(slug=second), therapist)
    links = video_links(revision)
    follow = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 2})
    assert links == {2: settings.SITE_URL + follow}  # the signed-in portal page, not the file
    assert video.get_absolute_url() not in links[2]
    assert handout_key(**key_args) != before  # the stored handout renders again
    text = squash(" ".join(pdf_pages(render_handout_pdf(revision=revision).pdf)))
    assert text.count("watchtheclinic'svideo") == 1


@pytest.mark.django_db
def test_upload_page_stops_reading_an_over_size_file_and_says_why(therapist_client, settings):
    settings.RESTORE_VIDEO_MAX_BYTES = 2000
    exercise = ExerciseFactory()
    url = reverse("programs:exercise-video-upload", args=[exercise.slug])
    response = therapist_client.post(
        url, {"video": upload("big.webm", webm_bytes(300_000), "video/webm")}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The video is larger than 2.0\xa0KB" in body
    assert "Choose a video file" not in body
    assert not ExerciseVideo.objects.exists()


@pytest.mark.django_db
def test_upload_checks_the_csrf_token(therapist):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(therapist)
    exercise = ExerciseFactory()
    url = reverse("programs:exercise-video-upload", args=[exercise.slug])
    response = client.post(url, {"video": upload("clip.webm", webm_bytes(), "video/webm")})
    assert response.status_code == 403
    assert not ExerciseVideo.objects.exists()


@pytest.mark.django_db
def test_fetching_a_video_records_no_read(client, therapist, patient, patient_record):
    program = program_with(patient_record, items=1)
    from programs.models import Exercise

    slug = program.current_revision.items[0]["exercise"]["slug"]
    video = add_video(Exercise.objects.get(slug=slug), therapist)
    client.force_login(patient)
    before = AuditEvent.objects.count()
    assert client.get(video.get_absolute_url(), HTTP_RANGE="bytes=0-9").status_code == 206
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_taking_a_video_down_keeps_it_in_the_record(
    therapist_client, therapist, patient, patient_record
):
    from django.test import Client

    from programs.models import Exercise

    patient_client = Client()
    patient_client.force_login(patient)

    program = program_with(patient_record, items=1)
    slug = program.current_revision.items[0]["exercise"]["slug"]
    video = add_video(Exercise.objects.get(slug=slug), therapist)
    url = reverse("programs:exercise-video-archive", args=[video.uuid])
    response = therapist_client.post(url)
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.is_archived and video.archived_by == therapist
    assert video.file.storage.exists(video.file.name)
    assert patient_client.get(video.get_absolute_url()).status_code == 404
    assert therapist_client.get(video.get_absolute_url()).status_code == 200  # staff still can
    page = therapist_client.get(reverse("programs:exercise-media", args=[slug])).content.decode()
    assert "1 earlier video, kept in the record" in page
    assert "Take this video down" not in page
    again = therapist_client.post(url, follow=True)
    assert "already taken down" in again.content.decode()


@pytest.mark.django_db
def test_library_page_shows_the_current_video_to_staff(therapist_client, therapist):
    exercise = ExerciseFactory()
    page = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert "The clinic's own video" not in page
    video = add_video(exercise, therapist)
    page = therapist_client.get(exercise.get_absolute_url()).content.decode()
    assert video.get_absolute_url() in page
    assert 'preload="none"' in page
