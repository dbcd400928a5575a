"""Videos Herald serves itself answer byte ranges, so a reader can seek (Django's static
serving sends the whole file whatever the Range header says)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from delivery.media import byte_range

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 4  # 1,024 bytes, each position recognisable


@pytest.fixture
def video_name():
    name = default_storage.save("media/herald-test-range.mp4", ContentFile(CONTENT))
    yield name
    default_storage.delete(name)


def _body(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "folder", ["media", "media_thumbnails", "media_captions", "images", "avatars"]
)
def test_video_posters_and_captions_folders_are_served(client, folder):
    name = default_storage.save(f"{folder}/herald-test-served.bin", ContentFile(b"x"))
    try:
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response["Accept-Ranges"] == "bytes"
    finally:
        default_storage.delete(name)


def test_a_whole_video_is_sent_without_a_range(client, video_name):
    response = client.get(f"/media/{video_name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == CONTENT


def test_a_range_is_answered_with_206_and_its_bytes(client, settings, video_name):
    response = client.get(f"/media/{video_name}", HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 100-199/1024"
    assert response["Content-Length"] == "100"
    assert response["Content-Type"] == "video/mp4"
    assert response["Cache-Control"] == f"public, max-age={settings.HERALD_MEDIA_MAX_AGE}"
    assert _body(response) == CONTENT[100:200]


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=1000-", 1000, 1023), ("bytes=-24", 1000, 1023), ("bytes=1000-5000", 1000, 1023)],
)
def test_open_and_suffix_ranges_end_at_the_last_byte(client, video_name, header, first, last):
    response = client.get(f"/media/{video_name}", HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/1024"
    assert _body(response) == CONTENT[first : last + 1]


def test_a_range_past_the_end_is_416_and_kept_nowhere(client, video_name):
    response = client.get(f"/media/{video_name}", HTTP_RANGE="bytes=2000-2100")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"
    assert response["Cache-Control"] == "no-store"


def test_a_range_of_another_unit_or_several_ranges_sends_the_whole_file(client, video_name):
    for header in ("items=0-1", "bytes=0-1,5-6", "bytes=9-3"):
        response = client.get(f"/media/{video_name}", HTTP_RANGE=header)
        assert response.status_code == 200, header
        assert _body(response) == CONTENT


def test_if_range_with_another_date_sends_the_whole_file(client, video_name):
    response = client.get(
        f"/media/{video_name}",
        HTTP_RANGE="bytes=0-9",
        HTTP_IF_RANGE="Wed, 21 Oct 2015 07:28:00 GMT",
    )
    assert response.status_code == 200
    last_modified = response["Last-Modified"]
    response = client.get(
        f"/media/{video_name}", HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=last_modified
    )
    assert response.status_code == 206
    assert _body(response) == CONTENT[:10]


def test_byte_range_parses_what_browsers_send():
    assert byte_range("bytes=0-", 10) == (0, 9)
    assert byte_range("bytes=-0", 10) is False
    assert byte_range("bytes=10-", 10) is False
    assert byte_range("bytes=-", 10) is None
