"""Handouts carry typed text: prove none of it can make the renderer fetch anything.

Every field that reaches a handout gets hostile markup (file:// and http:// images, ../ paths,
CSS url() and @import, <base href>, <link rel=attachment>). The render must ask the fetcher
only for the pictures we generated, refuse nothing because nothing else was asked, open no
socket, and print the text literally.
"""

import io
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, Storage, storages
from PIL import Image
from pypdf import PdfReader

from clinic.models import ClinicProfile
from programs.handouts.fetcher import (
    MAX_IMAGE_BYTES,
    FetchDenied,
    HandoutURLFetcher,
    media_url,
)
from programs.handouts.render import render_handout_html, render_handout_pdf
from programs.models import Exercise
from programs.services import publish_program
from tests.factories import (
    ContraindicationFactory,
    IntakeFactory,
    PatientFactory,
    TherapistFactory,
)
from tests.programs.handout_samples import pdf_pages, sample_program, squash

pytestmark = pytest.mark.django_db

IMG_FILE = '<img src="file:///etc/passwd">'
IMG_HTTP = '<img src="http://127.0.0.1:9/x.png">'
IMG_TRAVERSAL = '<img src="../../etc/passwd">'
CSS_URL = '<p style="background:url(http://127.0.0.1:9/bg.png)">'
CSS_IMPORT = '<style>@import url("http://127.0.0.1:9/evil.css");</style>'
BASE = '<base href="http://127.0.0.1:9/">'
ATTACHMENT = '<link rel="attachment" href="file:///etc/passwd">'
HOSTILE = [IMG_FILE, IMG_HTTP, IMG_TRAVERSAL, CSS_URL, CSS_IMPORT, BASE, ATTACHMENT]
FORBIDDEN_IN_URLS = ("passwd", "127.0.0.1", "evil", "bg.png", "x.png")


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket is recorded and refused."""
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled in handout tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture
def hostile_revision(db):
    clinic = ClinicProfile.load()
    clinic.name = CSS_IMPORT
    clinic.address = f"{IMG_FILE}\n{BASE}"
    clinic.phone = IMG_FILE
    clinic.email = "front@clinic.example"
    clinic.handout_footer = ATTACHMENT
    clinic.save()
    therapist = TherapistFactory(first_name=IMG_HTTP, last_name="Okafor", title=CSS_URL)
    patient = PatientFactory(
        first_name=IMG_TRAVERSAL, last_name=IMG_FILE, preferred_name="", therapist=therapist
    )
    program = sample_program(
        patient=patient,
        items=2,
        title=BASE,
        goals="\n".join(HOSTILE),
        notes=ATTACHMENT,
    )
    item = program.items.order_by("order").first()
    item.note = CSS_URL
    item.tempo = IMG_HTTP
    item.override_reason = CSS_IMPORT
    item.save()
    Exercise.objects.filter(pk=item.exercise_id).update(
        name=IMG_FILE,
        summary=BASE,
        start_position=IMG_TRAVERSAL,
        steps=HOSTILE,
        cues=[ATTACHMENT, CSS_URL],
        stop_rules=[CSS_IMPORT],
        precaution_notes=IMG_HTTP,
        equipment=[IMG_FILE],
    )
    # A clinic's own exercise can carry typed caution notes, printed for this patient's tag.
    ContraindicationFactory(
        exercise=item.exercise, tag="anticoagulant", action="caution", note=ATTACHMENT + BASE
    )
    IntakeFactory(patient=patient, precaution_tags=["anticoagulant"])
    return publish_program(program=program, by=therapist)


def test_hostile_text_fetches_nothing_but_our_own_pictures(hostile_revision, no_network):
    result = render_handout_pdf(revision=hostile_revision)

    assert no_network == []
    assert result.fetcher.denied == []
    assert result.fetcher.requested, "the render should still ask for its pictures"
    for url in result.fetcher.requested:
        assert url.startswith("restore-asset:"), url
        assert url.split(":", 1)[1] in result.fetcher.assets
        assert not any(word in url for word in FORBIDDEN_IN_URLS)


def test_hostile_text_prints_literally(hostile_revision):
    result = render_handout_pdf(revision=hostile_revision)
    text = squash("\n".join(pdf_pages(result.pdf)))
    for hostile in HOSTILE:
        assert squash(hostile) in text, hostile
    assert squash(f"Take care: {ATTACHMENT}{BASE}") in text
    assert squash(f"Confidential — prepared for {IMG_TRAVERSAL} {IMG_FILE}") in text


def test_hostile_text_adds_no_attachment_and_no_markup(hostile_revision):
    html, _ = render_handout_html(
        revision=hostile_revision,
        patient=hostile_revision.program.patient,
        clinic=ClinicProfile.load(),
    )
    assert "<base" not in html
    assert "<link" not in html
    assert "<style" not in html
    assert 'src="file:///etc/passwd"' not in html
    assert "&lt;link rel=&quot;attachment&quot;" in html
    reader = PdfReader(io.BytesIO(render_handout_pdf(revision=hostile_revision).pdf))
    assert dict(reader.attachments) == {}


# --- the fetcher on its own ---------------------------------------------------------------------


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    root = Path(settings.MEDIA_ROOT)
    (root / "exercises").mkdir(parents=True)
    (root / "clinic").mkdir(parents=True)
    return root


def test_exercise_photo_and_the_clinic_logo_are_served_from_storage(media):
    (media / "exercises" / "bridge.png").write_bytes(_png())
    (media / "clinic" / "logo.png").write_bytes(_png())
    fetcher = HandoutURLFetcher(media_names=["clinic/logo.png"])
    photo = fetcher.fetch(media_url("exercises/bridge.png"))
    logo = fetcher.fetch(media_url("clinic/logo.png"))
    assert photo.content_type == "image/png" and photo.read() == _png()
    assert logo.content_type == "image/png"
    assert fetcher.denied == []


def test_a_media_name_is_quoted_and_unquoted_intact(media):
    (media / "exercises" / "bridge photo é.png").write_bytes(_png())
    url = media_url("exercises/bridge photo é.png")
    assert " " not in url
    assert HandoutURLFetcher().fetch(url).read() == _png()


def test_media_is_never_read_by_a_file_url(media):
    (media / "exercises" / "bridge.png").write_bytes(_png())
    (media / "clinic" / "logo.png").write_bytes(_png())
    fetcher = HandoutURLFetcher(media_names=["clinic/logo.png"])
    for path in (media / "exercises" / "bridge.png", media / "clinic" / "logo.png"):
        with pytest.raises(FetchDenied):
            fetcher.fetch(path.as_uri())


def test_our_static_stylesheet_is_served():
    fetcher = HandoutURLFetcher()
    response = fetcher.fetch((settings.BASE_DIR / "static" / "css" / "handout.css").as_uri())
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.com/logo.png",
        "ftp://127.0.0.1/x.png",
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
        "javascript:alert(1)",
        "restore-asset:not-generated.svg",
        "file://evil.example/etc/passwd",
        "../../etc/passwd",
        "restore-media://127.0.0.1/exercises/x.png",
        "restore-media:http://127.0.0.1:9/x.png",
    ],
)
def test_fetcher_refuses_other_schemes_files_and_hosts(url, media, no_network):
    fetcher = HandoutURLFetcher()
    with pytest.raises(FetchDenied):
        fetcher.fetch(url)
    assert fetcher.requested == [url]
    assert fetcher.denied == [url]
    assert no_network == []


@pytest.mark.parametrize(
    "name",
    [
        "exercises/../clinic/other.png",
        "exercises/%2e%2e/clinic/other.png",
        "exercises/..%2fclinic%2fother.png",
        "exercises//bridge.png",
        "exercises/./bridge.png",
        "/etc/passwd.png",
        "%2Fetc%2Fpasswd.png",
        "exercises\\..\\clinic\\other.png",
        "exercises/bridge.png%00.txt",
        "clinic/logo.png/../other.png",
        "",
    ],
)
def test_fetcher_refuses_traversal_in_media_names(name, media):
    (media / "exercises" / "bridge.png").write_bytes(_png())
    (media / "clinic" / "other.png").write_bytes(_png())
    with pytest.raises(FetchDenied):
        HandoutURLFetcher(media_names=["clinic/logo.png"]).fetch(f"restore-media:{name}")


def test_fetcher_refuses_dot_dot_out_of_the_static_folder():
    static_escape = (settings.BASE_DIR / "static").as_uri() + "/../config/settings.py"
    with pytest.raises(FetchDenied):
        HandoutURLFetcher().fetch(static_escape)


def test_fetcher_refuses_a_symlink_that_leaves_the_folder(media, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(_png())
    (media / "exercises" / "link.png").symlink_to(outside)
    (media / "exercises" / "passwd.png").symlink_to("/etc/passwd")
    (media / "exercises" / "linked-folder").symlink_to(tmp_path)
    fetcher = HandoutURLFetcher()
    for name in ("link.png", "passwd.png", "linked-folder/outside.png"):
        with pytest.raises(FetchDenied):
            fetcher.fetch(media_url(f"exercises/{name}"))


def test_fetcher_refuses_other_media_files_even_next_to_the_logo(media):
    (media / "clinic" / "logo.png").write_bytes(_png())
    (media / "clinic" / "other.png").write_bytes(_png())
    (media / "handouts").mkdir()
    (media / "handouts" / "someone-else.png").write_bytes(_png())
    fetcher = HandoutURLFetcher(media_names=["clinic/logo.png"])
    for name in ("clinic/other.png", "handouts/someone-else.png", "clinic/"):
        with pytest.raises(FetchDenied):
            fetcher.fetch(media_url(name))


def test_fetcher_checks_type_by_name_and_by_content(media):
    (media / "exercises" / "notes.txt").write_text("hello")
    (media / "exercises" / "fake.png").write_text("root:x:0:0:root:/root:/bin/bash")
    (media / "exercises" / "drawing.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = HandoutURLFetcher()
    for name in ("notes.txt", "fake.png", "drawing.svg", "missing.png"):
        with pytest.raises(FetchDenied):
            fetcher.fetch(media_url(f"exercises/{name}"))
    with pytest.raises(FetchDenied):
        fetcher.fetch((settings.BASE_DIR / "static" / "js" / "app.js").as_uri())


def test_fetcher_refuses_a_file_over_the_size_limit(media):
    (media / "exercises" / "huge.png").write_bytes(_png() + b"\0" * MAX_IMAGE_BYTES)
    with pytest.raises(FetchDenied):
        HandoutURLFetcher().fetch(media_url("exercises/huge.png"))


# --- media on object storage (MEDIA_STORAGE=s3) ------------------------------------------------


class RecordingStorage(Storage):
    """Object storage as the fetcher sees S3: keys in memory, no local path (like S3Storage,
    `path()` is not implemented), and every read recorded."""

    opened: list[str] = []

    def __init__(self):
        self._memory = InMemoryStorage(location="/nonexistent-bucket")

    def _open(self, name, mode="rb"):
        RecordingStorage.opened.append(name)
        return self._memory._open(name, mode)

    def _save(self, name, content):
        return self._memory._save(name, content)

    def exists(self, name):
        return self._memory.exists(name)

    def size(self, name):
        return self._memory.size(name)

    def delete(self, name):
        self._memory.delete(name)

    def listdir(self, path):
        return self._memory.listdir(path)


@pytest.fixture
def object_storage(settings):
    RecordingStorage.opened = []
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.RecordingStorage"},
    }
    storage = storages["default"]
    assert isinstance(storage, RecordingStorage)
    with pytest.raises(NotImplementedError):
        storage.path("exercises/x.png")
    return storage


def test_photo_and_logo_on_object_storage_are_printed(object_storage, no_network):
    program = sample_program(items=1)
    exercise = program.items.get().exercise
    exercise.photo.save("bridge-photo.png", ContentFile(_png()), save=True)
    clinic = ClinicProfile.load()
    clinic.logo.save("logo.png", ContentFile(_png()), save=True)
    revision = publish_program(program=program, by=program.therapist)
    assert not (Path(settings.MEDIA_ROOT) / exercise.photo.name).exists()  # not on disk

    result = render_handout_pdf(revision=revision)

    assert result.fetcher.denied == []
    assert exercise.photo.name in RecordingStorage.opened
    assert clinic.logo.name in RecordingStorage.opened
    images = PdfReader(io.BytesIO(result.pdf)).pages[0].images
    assert len(images) == 2  # the photo and the logo
    assert no_network == []


def test_object_storage_is_held_to_the_same_rules(object_storage):
    for name in ("exercises/bridge.png", "clinic/logo.png", "clinic/other.png", "notes.png"):
        object_storage.save(name, ContentFile(_png()))
    object_storage.save("exercises/fake.png", ContentFile(b"<html>not a picture</html>"))
    object_storage.save("exercises/notes.txt", ContentFile(b"hello"))
    object_storage.save("exercises/huge.png", ContentFile(_png() + b"\0" * MAX_IMAGE_BYTES))
    logo_name = "clinic/logo.png"
    fetcher = HandoutURLFetcher(media_names=[logo_name])

    assert fetcher.fetch(media_url("exercises/bridge.png")).read() == _png()
    assert fetcher.fetch(media_url(logo_name)).read() == _png()
    for name in (
        "clinic/other.png",
        "notes.png",
        "exercises/../clinic/other.png",
        "exercises/fake.png",
        "exercises/notes.txt",
        "exercises/huge.png",
        "exercises/missing.png",
    ):
        with pytest.raises(FetchDenied):
            fetcher.fetch(media_url(name))
    assert "clinic/other.png" not in RecordingStorage.opened
    assert "exercises/huge.png" not in RecordingStorage.opened  # refused by size, unread
    assert len(fetcher.denied) == 7


def test_a_logo_that_is_not_an_image_is_left_out_not_fetched_elsewhere(db, no_network):
    clinic = ClinicProfile.load()
    clinic.logo.save("logo.png", ContentFile(b"<html>not an image</html>"), save=True)
    program = sample_program(items=1)
    result = render_handout_pdf(revision=program.current_revision)
    assert len(result.fetcher.denied) == 1
    assert result.fetcher.denied[0].endswith(clinic.logo.name)
    assert no_network == []
    assert "Page 1 of" in pdf_pages(result.pdf)[0]
