"""Small videos made on the spot (Pillow frames encoded with PyAV), so no test ships a file."""

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from video.encode import video_encode

WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:01.500\nThe minister arrives.\n"


def frames(count: int, size=(160, 96)):
    """Frames of a white square moving right; frame ``i`` has red ``i * 10``, so the poster's
    colour says which frame it was taken from."""
    for i in range(count):
        picture = Image.new("RGB", size, (min(i * 10, 255), 60, 140))
        ImageDraw.Draw(picture).rectangle((i * 4, 20, i * 4 + 24, 44), fill="white")
        yield picture


def video_bytes(seconds: float = 2, *, fps: int = 12, extension: str = "mp4") -> bytes:
    return video_encode(frames(round(seconds * fps)), fps=fps, extension=extension)


def video_upload(seconds: float = 2, *, extension: str = "mp4", name: str | None = None):
    return SimpleUploadedFile(
        name or f"clip.{extension}",
        video_bytes(seconds, extension=extension),
        content_type=f"video/{extension}",
    )
