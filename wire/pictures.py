"""Fetch the picture a wire item points to, check it like any upload, keep it as a Wagtail image.

Only http(s) addresses are fetched (redirects too), by Herald's one HTTP client
(``external.http``) with a time limit and a size limit read as the bytes arrive (a server that
lies about its length cannot make us read more); the file is then decoded,
limited and re-encoded without metadata by ``uploads.pictures.picture_clean``.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from external.http import HttpError, HttpTooLarge, http_request
from uploads.pictures import picture_clean

COLLECTION_NAME = "Wire pictures"


class WirePictureError(Exception):
    pass


def _download(url: str) -> bytes:
    if urlsplit(url).scheme not in {"http", "https"}:
        raise WirePictureError("only http and https addresses are fetched")
    limit = settings.HERALD_UPLOAD_MAX_BYTES
    try:
        answer = http_request(
            "GET",
            url,
            headers={"User-Agent": "Herald wire import"},
            timeout=settings.HERALD_WIRE_PICTURE_TIMEOUT,
            max_bytes=limit,
            follow_redirects=True,  # to http(s) only: the client knows no other scheme
        )
    except HttpTooLarge:
        raise WirePictureError(f"larger than {limit // 1_048_576} MB") from None
    except HttpError as exc:
        if exc.status:
            raise WirePictureError(str(exc)) from None  # "the server answered 404"
        raise WirePictureError(f"could not be fetched ({exc})") from None
    return answer.content


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
