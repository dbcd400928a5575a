"""Pictures and videos served by Herald itself (the one-machine install; at scale object
storage or the web server does it): Django's static serving, with the caching and the headers
the shipped nginx gives the same files, and the byte ranges (``Range: bytes=…``) a browser asks
for to seek in a video, which Django's static serving does not answer (``ranged``).

Most pictures are kept a day (``HERALD_MEDIA_MAX_AGE``): a newsroom picture or rendition only
changes under a new name. Members' pictures are kept an hour: their avatars
(``HERALD_AVATAR_MAX_AGE``), and the pictures they send, originals and renditions, whose names
start with ``READER_MEDIA_PREFIX`` (``HERALD_READER_MEDIA_MAX_AGE``). A take-down, an erasure
or an account deletion must be able to live with that lifetime: they purge the URLs at the CDN
and Varnish at once (``media_purge_after_commit``), and the hour bounds what a cache that
missed the purge, or a browser, may still show.
"""

import posixpath
import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils._os import safe_join
from django.views.static import serve

from .keys import media_keys
from .purge import purge_after_commit

# Pictures, their renditions and avatars; videos (wagtailmedia's folders: the files, their
# posters) and their captions (video/models.py).
MEDIA_FOLDERS = (
    "images",
    "original_images",
    "avatars",
    "media",
    "media_thumbnails",
    "media_captions",
)
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
RANGE_BLOCK = 64 * 1024
READER_MEDIA_PREFIX = "reader-"


def is_reader_media(path: str) -> bool:
    """A picture a member sent (an original or a rendition of one), by its name."""
    folder = path.split("/", 1)[0]
    return folder in ("images", "original_images") and posixpath.basename(path).startswith(
        READER_MEDIA_PREFIX
    )


def members_media_max_age(path: str) -> int | None:
    """The short lifetime of a member's avatar or sent picture; None for other media."""
    if path.startswith("avatars/"):
        return settings.HERALD_AVATAR_MAX_AGE
    if is_reader_media(path):
        return settings.HERALD_READER_MEDIA_MAX_AGE
    return None


def media_max_age(path: str) -> int:
    short = members_media_max_age(path)
    return settings.HERALD_MEDIA_MAX_AGE if short is None else short


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The first and last byte a ``Range`` header asks for, within a file of ``size`` bytes;
    None when the header is not one range of bytes (the whole file is sent, as RFC 9110
    allows); False when the range starts past the end (416)."""
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None
    if start >= size:
        return False
    return start, end


class _Slice:
    """``length`` bytes of an open file from where it stands: what a 206 response streams."""

    def __init__(self, file, length):
        self.file, self.left = file, length

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size) if size else b""
        self.left -= len(data)
        return data

    def close(self):
        self.file.close()


def ranged(request, response, path):
    """Answer a ``Range`` request for a whole-file response: 206 with the bytes asked for, or
    416 when they are past the end. ``If-Range`` with another date sends the whole file."""
    header = request.headers.get("Range")
    if response.status_code != 200 or not header or request.method not in ("GET", "HEAD"):
        return response
    if_range = request.headers.get("If-Range")
    if if_range and if_range != response.get("Last-Modified"):
        return response
    full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    size = full_path.stat().st_size
    asked = byte_range(header, size)
    if asked is None:
        return response
    response.close()
    if asked is False:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    start, end = asked
    file = full_path.open("rb")
    file.seek(start)
    partial = FileResponse(
        _Slice(file, end - start + 1),
        status=206,
        content_type=response["Content-Type"],
    )
    partial.block_size = RANGE_BLOCK
    partial["Content-Length"] = str(end - start + 1)
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    partial["Last-Modified"] = response["Last-Modified"]
    return partial


def media_serve(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)  # Http404 if missing
    response = ranged(request, response, path)
    response["Accept-Ranges"] = "bytes"
    if response.status_code == 416:  # about one request's header, not the file: keep nowhere
        response["Cache-Control"] = "no-store"
        return response
    response["Cache-Control"] = f"public, max-age={media_max_age(path)}"
    # Varnish in front drops a taken-down picture's files with one xkey purge.
    response["Surrogate-Key"] = " ".join(media_keys(path))
    response["X-Content-Type-Options"] = "nosniff"
    # A picture opened on its own runs nothing, whatever it holds.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def image_file_names(image) -> list[str]:
    """The stored files of a Wagtail image: the original and every rendition made of it."""
    names = [image.file.name] if image.file else []
    names += [rendition.file.name for rendition in image.renditions.all() if rendition.file]
    return names


def media_urls(names) -> list[str]:
    """The absolute URLs a CDN knows the files by: the storage's own (a media domain), or
    ``/media/…`` on every site of the network when Herald serves them on the sites' hosts."""
    from wagtail.models import Site

    from .sites import site_root_url

    urls = [default_storage.url(name) for name in names]
    relative = [url for url in urls if url.startswith("/")]
    if relative:
        roots = [site_root_url(site) for site in Site.objects.all()]
        urls = [url for url in urls if not url.startswith("/")]
        urls += [root + url for url in relative for root in roots]
    return sorted(set(urls))


def media_purge_after_commit(names) -> None:
    """Purge stored media files from Varnish (by key) and CDNs (by URL) once committed: a
    taken-down or erased picture must not stay at the edge for its whole max-age."""
    names = [name for name in names if name]
    if not names:
        return
    keys = [key for name in names for key in media_keys(name)]
    purge_after_commit(keys, media_urls(names))
