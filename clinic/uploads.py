"""Image uploads: JPEG, PNG or WebP only, at most 5 MB and 40 megapixels, re-encoded with Pillow.

Re-encoding drops metadata (EXIF location, camera serials) and anything hidden after the image
data; resizing caps storage and keeps handouts small.

The pixel limit is read from the file's header before anything is decoded: a few hundred
kilobytes of compressed PNG can say 10,000 × 8,800 pixels, which takes over 300 MB to decode.
This module needs no Django settings, so a test can run it in a process with little memory.
"""

import io
from pathlib import Path

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# 40 megapixels is more than a phone camera's photo and decodes in at most 160 MB.
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

NOT_AN_IMAGE = "This file is not a readable image. Use JPEG, PNG or WebP."


def _too_many_pixels(size: tuple[int, int] | None = None) -> forms.ValidationError:
    dimensions = f" ({size[0]:,} × {size[1]:,})" if size else ""
    return forms.ValidationError(
        f"The image is too large in pixels{dimensions}; the most we accept is "
        f"{MAX_PIXELS // 1_000_000} megapixels. Please resize it first.",
        code="too_many_pixels",
    )


def clean_image_upload(upload, *, max_px: int = 1600) -> InMemoryUploadedFile:
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError("The file is larger than 5 MB. Please choose a smaller image.")
    try:
        # Image.open reads only the header: the format and size are known, nothing is decoded
        # yet. Both are checked before the first line of pixels is.
        with Image.open(upload) as probe:
            image_format = probe.format
            if image_format not in ALLOWED_FORMATS:
                raise forms.ValidationError(
                    f"{image_format or 'This'} images are not accepted. Use JPEG, PNG or WebP."
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise _too_many_pixels(probe.size)
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except Image.DecompressionBombError as error:
        # Pillow refuses by itself, on opening, past twice its own limit (MAX_IMAGE_PIXELS,
        # about 89 megapixels). Ours is lower and checked first on everything Pillow opens.
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(NOT_AN_IMAGE) from error
    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_px, max_px))
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True)
    elif image_format == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=85)
    extension = ALLOWED_FORMATS[image_format]
    name = f"{Path(upload.name).stem[:60] or 'image'}.{extension}"
    buffer.seek(0)
    return InMemoryUploadedFile(
        buffer,
        "image",
        name,
        f"image/{extension.replace('jpg', 'jpeg')}",
        buffer.getbuffer().nbytes,
        None,
    )
