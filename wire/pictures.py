"""Fetch the picture a wire item points to, check it like any upload, keep it as a Wagtail image.

Only http(s) addresses are fetched, with a time limit and a size limit read as the bytes arrive
(a server that lies about its length cannot make us read more); the file is then decoded,
limited and re-encoded without metadata by ``uploads.pictures.picture_clean``.
"""

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from uploads.pictures import picture_clean

COLLECTION_NAME = "Wire pictures"


class WirePictureError(Exception):
    pass


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in {"http", "https"}:
            raise WirePictureError("redirected away from http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def _download(url: str) -> bytes:
    if urlsplit(url).scheme not in {"http", "https"}:
        raise WirePictureError("only http and https addresses are fetched")
    limit = settings.HERALD_UPLOAD_MAX_BYTES
    agent = {"User-Agent": "Herald wire import"}
    request = urllib.request.Request(url, headers=agent)  # noqa: S310 (scheme checked above)
    try:
        with _opener.open(request, timeout=settings.HERALD_WIRE_PICTURE_TIMEOUT) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise WirePictureError(f"the server answered {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise WirePictureError(f"could not be fetched ({exc})") from None
    if len(data) > limit:
        raise WirePictureError(f"larger than {limit // 1_048_576} MB")
    return data


def _collection() -> Collection:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    return existing or Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def picture_fetch(url: str, *, title: str):
    """A new Wagtail image from ``url``, or ``WirePictureError`` saying why not."""
    data = _download(url)
    name = urlsplit(url).path.rsplit("/", 1)[-1][:100] or "wire-picture"
    try:
        clean = picture_clean(SimpleUploadedFile(name, data))
    except ValidationError as error:
        raise WirePictureError(error.messages[0]) from None
    image = get_image_model()(title=title[:255], file=clean, collection=_collection())
    image.save()
    return image
