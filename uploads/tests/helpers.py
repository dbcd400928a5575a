"""Files and requests the upload tests of several apps share."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

COLOURS = ("red", "green", "blue", "yellow")


def animated(kind="PNG", name=None, frames=4, size=(32, 32)):
    """An animated PNG (APNG) or WebP of a few small frames, each a different colour."""
    pictures = [Image.new("RGB", size, colour) for colour in COLOURS[:frames]]
    out = io.BytesIO()
    pictures[0].save(out, kind, save_all=True, append_images=pictures[1:], duration=100, loop=0)
    name = name or f"moving.{kind.lower()}"
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{kind.lower()}")


def still(kind="PNG", name=None, size=(64, 64)):
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, kind)
    name = name or f"still.{kind.lower()}"
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{kind.lower()}")


BOUNDARY = "HeraldTestBoundary"


def multipart(fields: dict, files: list[tuple[str, str, bytes]]):
    """A ``multipart/form-data`` body written by hand, as a browser sends it.

    Django's test client cannot send a long file name: its files keep at most 255 characters of
    their name. ``files`` holds ``(field, file name, content)``.
    """
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    body = "".join(parts).encode()
    for field, file_name, content in files:
        body += (
            (
                f"--{BOUNDARY}\r\nContent-Disposition: form-data; "
                f'name="{field}"; filename="{file_name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    body += f"--{BOUNDARY}--\r\n".encode()
    return {"data": body, "content_type": f"multipart/form-data; boundary={BOUNDARY}"}
