"""Fault drill: the media disk fills up while a handout is being stored.

The download is still served (from the PDF just rendered), nothing half-written is kept (no
row, no partial file), and the next download once there is space stores it as usual.
"""

import errno
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from programs.models import HandoutFile
from tests.programs.handout_samples import pdf_pages, sample_program

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders PDFs


@pytest.fixture
def program(patient_record):
    return sample_program(patient=patient_record, items=2)


@pytest.fixture
def full_disk(monkeypatch):
    """The storage writes part of the file, then the disk is full: what FileSystemStorage leaves
    behind when a write fails with ENOSPC (it closes the file but does not remove it)."""
    attempts = []

    def save_until_full(storage, name, content):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as partial:
            partial.write(content.read()[:1024])
        attempts.append(name)
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(FileSystemStorage, "_save", save_until_full)
    return attempts


def url(program):
    return reverse("programs:handout-pdf", kwargs={"uuid": program.uuid})


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def stored_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "handouts"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_download_is_still_served_when_the_disk_is_full(patient_client, program, full_disk):
    response = patient_client.get(url(program))

    assert full_disk, "the handout was never written"
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rivera-home-program-v1.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    pages = pdf_pages(body(response))
    assert "Pat Rivera" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_nothing_half_written_is_kept(patient_client, program, full_disk, caplog):
    patient_client.get(url(program))

    assert not HandoutFile.objects.exists()
    assert stored_files() == []
    assert "rendered but not stored" in caplog.text
    assert "No space left on device" in caplog.text


def test_next_download_stores_it_once_there_is_space(patient_client, program, monkeypatch):
    def no_space(storage, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as disk:
        disk.setattr(FileSystemStorage, "_save", no_space)
        assert patient_client.get(url(program)).status_code == 200
    assert not HandoutFile.objects.exists()

    response = patient_client.get(url(program))  # space freed

    assert response.status_code == 200
    stored = HandoutFile.objects.get()
    assert response["ETag"] == f'"{stored.key}"'
    assert stored_files() == [Path(settings.MEDIA_ROOT) / stored.file.name]
    pdf = body(response)
    assert pdf == stored_files()[0].read_bytes()
    assert stored.size == len(pdf)
