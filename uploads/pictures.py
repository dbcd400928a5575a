"""Checks for pictures that members upload: decode, limit, re-encode, strip metadata.

Nothing a member uploads is stored as sent. The file is identified by its decoded content (not
its name or declared type); its size, pixel count and frame count are checked from the header
before the pixels are decoded, so decompression bombs and animations (of which Herald would keep
the first frame only) are refused cheaply; the camera orientation is applied, and the picture is
re-encoded without any metadata (EXIF, GPS location, comments) under a generated name.

How many files a member may send is ``uploads.services``' allowance, taken before these checks.
"""

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class PictureLimits:
    max_bytes: int
    max_pixels: int
    max_side: int


def default_limits() -> PictureLimits:
    return PictureLimits(
        max_bytes=settings.HERALD_UPLOAD_MAX_BYTES,
        max_pixels=settings.HERALD_UPLOAD_MAX_PIXELS,
        max_side=settings.HERALD_UPLOAD_MAX_SIDE,
    )


def picture_clean(upload, *, limits: PictureLimits | None = None) -> ContentFile:
    """Return a safe re-encoded copy of ``upload``, or raise ``ValidationError`` saying why."""
    limits = limits or default_limits()
    if upload.size > limits.max_bytes:
        raise ValidationError(
            f"This picture is {upload.size / 1_048_576:.1f} MB; the limit is "
            f"{limits.max_bytes / 1_048_576:.0f} MB.",
            code="too_large",
        )
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            kind = probe.format
            width, height = probe.size
            # From the header (APNG's acTL chunk, WebP's frame count): no frame is decoded.
            animated = getattr(probe, "is_animated", False)
            if kind == "MPO":
                # A phone camera's JPEG with extra pictures (a depth map, a preview) after the
                # main one: a JPEG, and Pillow decodes the main picture.
                kind, animated = "JPEG", False
    except Image.DecompressionBombError:
        # Pillow itself refuses canvases over twice its own limit as it reads the header.
        raise ValidationError(
            "This picture has far more pixels than we accept "
            f"({limits.max_pixels / 1_000_000:.0f} megapixels).",
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            "This file is not a picture we can read. Send a JPEG, PNG or WebP picture.",
            code="not_a_picture",
        ) from None
    if kind not in FORMATS:
        raise ValidationError(
            f"{kind} pictures are not accepted. Send a JPEG, PNG or WebP picture.",
            code="format",
        )
    if animated:
        # Herald would keep only the first frame, which is not what the member meant to send.
        raise ValidationError(
            "Animated pictures aren't accepted; send a still picture.", code="animated"
        )
    if width * height > limits.max_pixels:
        raise ValidationError(
            f"This picture is {width} × {height} pixels, more than we accept "
            f"({limits.max_pixels / 1_000_000:.0f} megapixels).",
            code="too_many_pixels",
        )
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            upright = ImageOps.exif_transpose(picture)
            upright.thumbnail((limits.max_side, limits.max_side))
            return _reencode(upright, kind)
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            "This picture is damaged and could not be read. Try another file.", code="damaged"
        ) from None


def _reencode(picture: Image.Image, kind: str) -> ContentFile:
    out = io.BytesIO()
    opaque = kind == "JPEG" or (kind == "WEBP" and picture.mode not in {"RGBA", "LA"})
    mode = "RGB" if opaque else "RGBA"  # PNG and WebP keep their transparency
    converted = picture.convert(mode)
    # A new image from the pixels alone: Pillow writes what an image's info still holds
    # (JPEG comments, colour profiles, text chunks) back into the file it saves.
    clean = Image.frombytes(mode, converted.size, converted.tobytes())
    if opaque:
        clean.save(out, "JPEG", quality=85, optimize=True)
        extension = "jpg"
    else:
        clean.save(out, "PNG", optimize=True)
        extension = "png"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
