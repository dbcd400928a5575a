from django.core.files.storage import default_storage

from video.checks import video_settings_check
from video.models import Video


def test_a_bad_limit_is_reported_with_how_to_fix_it(settings):
    settings.HERALD_VIDEO_MAX_SECONDS = 0
    errors = video_settings_check(None)
    assert [error.id for error in errors] == ["video.E001"]
    assert "HERALD_VIDEO_MAX_SECONDS is 0" in errors[0].msg


def test_the_media_model_must_be_heralds(settings):
    settings.WAGTAILMEDIA = {"MEDIA_MODEL": "wagtailmedia.Media"}
    assert [error.id for error in video_settings_check(None)] == ["video.E002"]


def test_the_shipped_settings_pass():
    assert video_settings_check(None) == []


def test_videos_posters_and_captions_use_the_default_storage_as_pictures_do():
    """So HERALD_S3_* puts them on object storage with the pictures."""
    for name in ("file", "thumbnail", "captions"):
        assert Video._meta.get_field(name).storage is default_storage


def test_the_admin_takes_a_video_of_the_largest_size_with_its_form(settings):
    """The request-body guard must not refuse a video the form would accept."""
    from herald.asgi_guard import body_limit_for

    settings.HERALD_VIDEO_MAX_BYTES = 500 * 1024 * 1024
    assert body_limit_for("/admin/media/video/add/") > settings.HERALD_VIDEO_MAX_BYTES
    assert body_limit_for("/admin/pages/") == settings.HERALD_UPLOAD_BODY_MAX_BYTES
