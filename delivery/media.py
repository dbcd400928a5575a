"""Pictures served by Herald itself (the one-machine install; at scale object storage or the
web server does it): Django's static serving, with the caching and the headers the shipped
nginx gives the same files.

Most pictures are kept a day (``HERALD_MEDIA_MAX_AGE``): a newsroom picture or rendition only
changes under a new name. Members' pictures are kept an hour: their avatars
(``HERALD_AVATAR_MAX_AGE``), and the pictures they send, originals and renditions, whose names
start with ``READER_MEDIA_PREFIX`` (``HERALD_READER_MEDIA_MAX_AGE``). A take-down, an erasure
or an account deletion must be able to live with that lifetime: they purge the URLs at the CDN
and Varnish at once (``media_purge_after_commit``), and the hour bounds what a cache that
missed the purge, or a browser, may still show.
"""

import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.views.static import serve

from .keys import media_keys
from .purge import purge_after_commit

MEDIA_FOLDERS = ("images", "original_images", "avatars")
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


def media_serve(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)  # Http404 if missing
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
