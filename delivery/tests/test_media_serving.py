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
