"""Pictures Herald serves itself say how long to keep them, as the shipped nginx does."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored():
    names = []

    def store(path):
        names.append(default_storage.save(path, ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg")))
        return names[-1]

    yield store
    for name in names:
        default_storage.delete(name)


def test_pictures_are_kept_for_the_media_age_and_avatars_for_less(client, settings, stored):
    picture = stored("images/herald-test-picture.fill-10x10.jpg")
    avatar = stored("avatars/herald-test-avatar.jpg")
    response = client.get(f"/media/{picture}")
    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={settings.HERALD_MEDIA_MAX_AGE}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    response = client.get(f"/media/{avatar}")
    assert response["Cache-Control"] == f"public, max-age={settings.HERALD_AVATAR_MAX_AGE}"
    assert settings.HERALD_AVATAR_MAX_AGE < settings.HERALD_MEDIA_MAX_AGE


def test_a_missing_picture_is_a_404_that_is_not_kept(client):
    response = client.get("/media/images/no-such-picture.jpg")
    assert response.status_code == 404
    assert "max-age=86400" not in response.get("Cache-Control", "")


def test_only_picture_folders_are_served(client, stored):
    other = stored("documents/herald-test-private.pdf")
    assert client.get(f"/media/{other}").status_code == 404


def test_members_pictures_are_kept_as_briefly_as_avatars_and_tagged_for_purges(
    client, settings, stored
):
    """A picture a member sent (original and renditions) may be taken down or erased at any
    time: an hour, not a day, and a key Varnish can drop all its files by."""
    from delivery.keys import media_keys

    original = stored("original_images/reader-0a1b2c3d4e5f60718293a4b5c6d7e8f9.jpg")
    rendition = stored("images/reader-0a1b2c3d4e5f6071.fill-10x10.jpg")
    newsroom = stored("images/herald-test-newsroom.fill-10x10.jpg")
    short = f"public, max-age={settings.HERALD_READER_MEDIA_MAX_AGE}"
    for name in (original, rendition):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert response["Cache-Control"] == short
        assert response["Surrogate-Key"] == media_keys(original)[0]
    assert settings.HERALD_READER_MEDIA_MAX_AGE < settings.HERALD_MEDIA_MAX_AGE
    long = client.get(f"/media/{newsroom}")
    assert long["Cache-Control"] == f"public, max-age={settings.HERALD_MEDIA_MAX_AGE}"
    assert long["Surrogate-Key"] != media_keys(original)[0]


def test_the_media_key_is_shared_by_an_original_and_its_renditions():
    from delivery.keys import media_keys

    name = "reader-3f2a9c1b7d4e4f0a9b8c7d6e5f4a3b2c"
    key = ["media-reader-3f2a9c1b7"]
    assert media_keys(f"original_images/{name}.jpg") == key
    # Wagtail shortens the original's name in a rendition's to keep it within 60 characters.
    assert media_keys(f"images/{name[:20]}.2e16d0ba.fill-640x360-c100.format-webp.webp") == key
    assert media_keys("avatars/9c1b.png") == ["media-9c1b"]
