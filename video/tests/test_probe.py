import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from video.probe import VideoRefused, captions_check, video_poster, video_probe

from .helpers import WEBVTT, video_bytes, video_upload


@pytest.mark.parametrize(("extension", "codec"), [("mp4", "h264"), ("webm", "vp9")])
def test_an_mp4_or_webm_video_is_probed_for_codec_length_and_size(extension, codec, settings):
    probe = video_probe(video_upload(2, extension=extension))
    assert (probe.container, probe.codec, probe.width, probe.height) == (extension, codec, 160, 96)
    assert probe.duration == pytest.approx(2, abs=0.2)


def test_a_file_that_is_not_a_video_is_refused_with_a_message():
    upload = SimpleUploadedFile("clip.mp4", b"this is a press release, not a video" * 40)
    with pytest.raises(VideoRefused, match="could not be read as a video"):
        video_probe(upload)


def test_a_picture_named_mp4_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(out, "PNG")
    with pytest.raises(VideoRefused):
        video_probe(SimpleUploadedFile("clip.mp4", out.getvalue()))


def test_a_webm_named_mp4_is_refused_as_not_what_it_says():
    upload = SimpleUploadedFile("clip.mp4", video_bytes(1, extension="webm"))
    with pytest.raises(VideoRefused, match="not a MP4 video"):
        video_probe(upload)


def test_another_extension_is_refused():
    with pytest.raises(VideoRefused, match="MP4"):
        video_probe(video_upload(1, name="clip.avi"))


def test_a_video_longer_than_the_limit_is_refused(settings):
    settings.HERALD_VIDEO_MAX_SECONDS = 1
    with pytest.raises(VideoRefused, match="at most 1 seconds"):
        video_probe(video_upload(2))


def test_a_file_larger_than_the_limit_is_refused_before_it_is_opened(settings):
    settings.HERALD_VIDEO_MAX_BYTES = 100
    with pytest.raises(VideoRefused, match="at most"):
        video_probe(video_upload(1))


def test_the_poster_is_a_jpeg_of_the_frame_a_second_in():
    upload = video_upload(3)
    poster = video_poster(upload, duration=3)
    picture = Image.open(io.BytesIO(poster))
    assert picture.format == "JPEG"
    assert picture.size == (160, 96)
    # Frame 12 of 12 a second (red 120), not the first frame (red 0); JPEG blurs a little.
    red = picture.getpixel((150, 90))[0]
    assert 100 <= red <= 140


def test_a_short_video_takes_its_poster_from_the_middle():
    poster = video_poster(video_upload(0.5), duration=0.5)
    assert Image.open(io.BytesIO(poster)).format == "JPEG"


def test_webvtt_captions_are_accepted_with_or_without_a_byte_order_mark():
    captions_check(SimpleUploadedFile("captions.vtt", WEBVTT))
    captions_check(SimpleUploadedFile("captions.vtt", b"\xef\xbb\xbf" + WEBVTT))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("captions.srt", b"1\n00:00:00,000 --> 00:00:01,500\nHello\n"),
        ("captions.vtt", b"1\n00:00:00,000 --> 00:00:01,500\nHello\n"),
        ("captions.vtt", b"WEBVTTX\n"),
        ("captions.vtt", b"WEBVTT\n\xff\xfe"),
    ],
)
def test_captions_that_are_not_webvtt_are_refused(name, content):
    with pytest.raises(VideoRefused):
        captions_check(SimpleUploadedFile(name, content))


def test_a_large_upload_spooled_to_disk_is_probed_and_postered_from_its_file():
    from django.core.files.uploadedfile import TemporaryUploadedFile

    data = video_bytes(2)
    upload = TemporaryUploadedFile("clip.mp4", "video/mp4", len(data), None)
    upload.write(data)
    upload.seek(0)
    try:
        assert video_probe(upload).codec == "h264"
        assert Image.open(io.BytesIO(video_poster(upload, duration=2))).format == "JPEG"
    finally:
        upload.close()
