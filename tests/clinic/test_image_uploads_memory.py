"""An image's pixel count is checked from its header, before anything is decoded.

A PNG of a few hundred kilobytes can say it is 10,000 × 8,800 pixels: decoding it takes over
300 MB. The check runs in a child process whose address space is capped a little above what
Python, Pillow and the upload module need, so a decode would die there with MemoryError.
"""

import io
import json
import os
import struct
import subprocess
import sys
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ValidationError
from PIL import Image

from clinic.forms import ClinicProfileForm
from clinic.models import ClinicProfile
from clinic.uploads import MAX_PIXELS, clean_image_upload

# Room above the child's baseline: plenty for the header, the file and a 1600 px thumbnail,
# far less than the 352 MB that 10,000 × 8,800 pixels take once decoded.
HEADROOM = 250 * 1024 * 1024

TOO_MANY_PIXELS = (
    "The image is too large in pixels (10,000 × 8,800); the most we accept is 40 megapixels. "
    "Please resize it first."
)

CHILD = """
import json, resource, sys

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clinic.uploads import clean_image_upload


def address_space() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize")


path, headroom = sys.argv[1], int(sys.argv[2])
with open(path, "rb") as file:
    data = file.read()
baseline = address_space()
resource.setrlimit(resource.RLIMIT_AS, (baseline + headroom, baseline + headroom))
report = {"baseline": baseline, "django_configured": settings.configured}
try:
    cleaned = clean_image_upload(SimpleUploadedFile(path.rsplit("/", 1)[-1], data))
except forms.ValidationError as error:
    report["refused"] = error.messages
else:
    report["accepted"] = list(Image.open(cleaned).size)
print(json.dumps(report))
"""


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def black_png(width: int, height: int) -> bytes:
    """A valid RGB PNG, all black: compressed row by row, so neither this process nor the
    file ever holds the decoded pixels (10,000 × 8,800 comes to about 1 MB)."""
    compressor = zlib.compressobj(1)
    row = bytes(1 + 3 * width)  # filter byte 0, then black pixels
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def header_only_png(width: int, height: int) -> bytes:
    """A PNG whose header says width × height and whose pixels are one short row: enough for
    everything that reads only the header (a decode would fail on the missing rows)."""
    data = zlib.compress(bytes(1 + 3 * min(width, 16)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def photo(size=(3000, 2000)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_png(tmp_path_factory):
    path = tmp_path_factory.mktemp("uploads") / "huge.png"
    path.write_bytes(black_png(10_000, 8_800))
    return path


def check_with_little_memory(path) -> dict:
    """Run clean_image_upload on the file in a fresh Python, without Django set up, whose
    address space is capped at its size after the imports plus HEADROOM."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and script, a file we wrote
        [sys.executable, "-c", CHILD, str(path), str(HEADROOM)],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["django_configured"] is False
    return report


needs_linux = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and caps RLIMIT_AS"
)


@needs_linux
def test_a_huge_png_is_refused_from_its_header_without_decoding_it(huge_png):
    assert huge_png.stat().st_size < 5 * 1024 * 1024  # small enough to pass the size check
    with Image.open(huge_png) as image:
        assert image.size == (10_000, 8_800)

    report = check_with_little_memory(huge_png)

    assert report["refused"] == [TOO_MANY_PIXELS]


@needs_linux
def test_a_normal_photo_is_accepted_with_the_same_memory(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(photo())

    report = check_with_little_memory(path)

    assert report["accepted"] == [1600, 1067]


def test_one_pixel_over_the_limit_is_refused():
    upload = SimpleUploadedFile("wide.png", header_only_png(MAX_PIXELS + 1, 1))

    with pytest.raises(ValidationError) as refused:
        clean_image_upload(upload)

    assert refused.value.messages == [
        "The image is too large in pixels (40,000,001 × 1); the most we accept is "
        "40 megapixels. Please resize it first."
    ]


def test_a_decompression_bomb_pillow_refuses_on_opening_gets_the_same_answer():
    # Past twice Pillow's own limit, Image.open raises DecompressionBombError by itself.
    size = (20_000, 10_000)
    assert size[0] * size[1] > 2 * Image.MAX_IMAGE_PIXELS
    upload = SimpleUploadedFile("bomb.png", header_only_png(*size))

    with pytest.raises(ValidationError) as refused:
        clean_image_upload(upload)

    assert refused.value.messages == [
        "The image is too large in pixels; the most we accept is 40 megapixels. "
        "Please resize it first."
    ]


@pytest.mark.django_db
def test_the_clinic_logo_form_says_so_next_to_the_field(huge_png):
    upload = SimpleUploadedFile("logo.png", huge_png.read_bytes(), content_type="image/png")
    form = ClinicProfileForm(
        data={"name": "Harborview Neuromuscular Therapy"},
        files={"logo": upload},
        instance=ClinicProfile.load(),
    )

    assert not form.is_valid()
    assert form.errors["logo"] == [TOO_MANY_PIXELS]
