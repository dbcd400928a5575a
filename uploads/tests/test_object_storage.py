"""Media on S3-compatible object storage, against a local S3 server (moto) on loopback: upload,
renditions, public URLs with their headers, avatars, and deletion. The storage comes from
Herald's own settings code (``HERALD_S3_*``), as in production."""

import io
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage

from tests.servers import free_port

pytestmark = pytest.mark.django_db

BUCKET = "herald-media-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    binary = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("moto_server is missing: `make install` installs moto[server].")
        pytest.skip("moto[server] is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(endpoint, timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.2)
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    import boto3

    from herald.settings.env import object_storage

    for name, value in {
        "HERALD_S3_BUCKET": BUCKET,
        "HERALD_S3_ENDPOINT_URL": s3_endpoint,
        "HERALD_S3_REGION": "us-east-1",
        "HERALD_S3_ACCESS_KEY_ID": "testing",
        "HERALD_S3_SECRET_ACCESS_KEY": "testing",
        "HERALD_S3_ADDRESSING_STYLE": "path",
        "HERALD_MEDIA_MAX_AGE": "3600",
        "HERALD_S3_ACL": "public-read",  # or a bucket policy, or a CDN with origin access
    }.items():
        monkeypatch.setenv(name, value)
    storage, origin = object_storage()
    assert origin == s3_endpoint
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def stored_keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def jpeg_file(name="photo.jpg"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 480), "#336699").save(buffer, "JPEG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


def test_pictures_and_renditions_go_to_object_storage_and_are_served_from_it(
    bucket, django_capture_on_commit_callbacks
):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Harbour", file=jpeg_file())
    rendition = image.get_rendition("fill-200x100")

    keys = stored_keys(bucket)
    assert any(key.startswith("original_images/") for key in keys)
    assert any(key.startswith("images/") for key in keys)
    assert not any(Path(key).name == "photo.jpg" for key in keys if key.startswith("images/"))
    assert rendition.url.startswith(f"{bucket.meta.endpoint_url}/{BUCKET}/images/")
    with urllib.request.urlopen(rendition.url, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "image/jpeg"
        assert response.headers["Cache-Control"] == "public, max-age=3600"
        assert PillowImage.open(io.BytesIO(response.read())).size == (200, 100)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert stored_keys(bucket) == []


def test_member_avatars_are_cleaned_then_stored_in_object_storage(bucket):
    from django.contrib.auth import get_user_model

    from accounts.services import profile_update
    from uploads.pictures import picture_clean

    member = get_user_model().objects.create_user("s3@example.com", "pw-123456789")
    avatar = picture_clean(jpeg_file("my-home-address.jpg"))
    profile_update(member=member, display_name="S3", bio="", avatar=avatar)

    (key,) = [key for key in stored_keys(bucket) if key.startswith("avatars/")]
    assert "my-home-address" not in key
    assert member.avatar.url == f"{bucket.meta.endpoint_url}/{BUCKET}/{key}"


def test_members_pictures_are_stored_with_the_short_media_lifetime(bucket, settings):
    """A member's picture may be taken down or erased: its objects say an hour, not a day."""
    from django.core.files.storage import default_storage

    settings.HERALD_READER_MEDIA_MAX_AGE, settings.HERALD_AVATAR_MAX_AGE = 600, 900
    for name, age in (
        ("original_images/reader-0a1b2c3d.jpg", 600),
        ("images/reader-0a1b2c3d.fill-10x10.jpg", 600),
        ("avatars/0a1b2c3d.jpg", 900),
        ("images/newsroom-photo.fill-10x10.jpg", 3600),  # the bucket's HERALD_MEDIA_MAX_AGE
    ):
        stored = default_storage.save(name, jpeg_file())
        head = bucket.head_object(Bucket=BUCKET, Key=stored)
        assert head["CacheControl"] == f"public, max-age={age}"
