"""Image uploads: JPEG, PNG or WebP only, at most 5 MB, re-encoded with Pillow.

Re-encoding drops metadata (EXIF location, camera serials) and anything hidden after the image
data; resizing caps storage and keeps handouts small.
"""

import io
from pathlib import Path

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_image_upload(upload, *, max_px: int = 1600) -> InMemoryUploadedFile:
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError("The file is larger than 5 MB. Please choose a smaller image.")
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(
            "This file is not a readable image. Use JPEG, PNG or WebP."
        ) from error
    if image_format not in ALLOWED_FORMATS:
        raise forms.ValidationError(
            f"{image_format or 'This'} images are not accepted. Use JPEG, PNG or WebP."
        )
    if image.width * image.height > 40_000_000:
        raise forms.ValidationError("The image is too large in pixels. Please resize it first.")
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
