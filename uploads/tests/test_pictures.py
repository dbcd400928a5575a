"""Uploaded pictures are decoded, limited, re-encoded and stripped before anyone sees them."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from uploads.pictures import PictureLimits, picture_clean

LIMITS = PictureLimits(max_bytes=2_000_000, max_pixels=4_000_000, max_side=800)


def _picture(kind="JPEG", size=(400, 300), exif=None, mode="RGB", name="photo.jpg"):
    picture = Image.new(mode, size, "navy")
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(out, kind, **options)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "SpyCam Inc."  # camera maker
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (33.0, 55.0, 0.0)  # latitude: Cape Town
    gps[3], gps[4] = "E", (18.0, 25.0, 0.0)
    return exif


def test_jpeg_is_reencoded_without_metadata_and_turned_upright():
    cleaned = picture_clean(
        _picture(size=(400, 300), exif=_exif_with_gps_and_rotation()), limits=LIMITS
    )
    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.format == "JPEG"
        assert result.size == (300, 400)  # the orientation was applied
        assert dict(result.getexif()) == {}  # no EXIF left: no GPS, no camera
        assert "exif" not in result.info


def test_stored_name_is_generated_not_the_uploaded_one():
    cleaned = picture_clean(_picture(name="../../etc/passwd.jpg"), limits=LIMITS)
    assert "passwd" not in cleaned.name and cleaned.name.endswith(".jpg")


def test_png_with_transparency_stays_png_and_large_pictures_are_scaled_down():
    cleaned = picture_clean(
        _picture("PNG", size=(1600, 1000), mode="RGBA", name="a.png"), limits=LIMITS
    )
    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.format == "PNG" and max(result.size) == 800


def test_webp_is_accepted():
    cleaned = picture_clean(_picture("WEBP", name="a.webp"), limits=LIMITS)
    assert cleaned.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("fake.jpg", b"<?php echo 'hi'; ?>"), "not_a_picture"),
        (_picture("GIF", name="anim.gif"), "format"),
        (_picture(size=(2100, 2000)), "too_many_pixels"),
    ],
)
def test_bad_files_are_refused_with_a_reason(upload, code):
    with pytest.raises(ValidationError) as caught:
        picture_clean(upload, limits=LIMITS)
    assert caught.value.code == code


def test_decompression_bomb_is_refused_before_decoding():
    """A tiny file declaring a huge canvas: refused from its header alone."""
    bomb = _picture("PNG", size=(10_000, 10_000), mode="1", name="bomb.png")
    assert bomb.size < 100_000
    with pytest.raises(ValidationError) as caught:
        picture_clean(bomb, limits=LIMITS)
    assert caught.value.code == "too_many_pixels"


def test_a_canvas_too_big_for_pillow_to_open_gets_the_pixel_message():
    """Over twice Pillow's own limit, opening the header already refuses it."""
    bomb = SimpleUploadedFile("bomb.png", _png_header(20_000, 20_000), content_type="image/png")
    with pytest.raises(ValidationError, match="far more pixels") as caught:
        picture_clean(bomb, limits=LIMITS)
    assert caught.value.code == "too_many_pixels"


def _png_header(width, height):
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


def test_comments_colour_profiles_and_text_chunks_are_not_kept():
    secret = "home: 12 Secret Lane, lat -29.85"
    jpeg = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(jpeg, "JPEG", comment=secret.encode())
    png = io.BytesIO()
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", secret)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGBA", (300, 200), "navy").save(png, "PNG", pnginfo=text, icc_profile=profile)
    for name, data in (("a.jpg", jpeg.getvalue()), ("a.png", png.getvalue())):
        assert secret.encode() in data  # the sent file carries it
        cleaned = picture_clean(SimpleUploadedFile(name, data), limits=LIMITS).read()
        assert secret.encode() not in cleaned and b"Secret" not in cleaned
        with Image.open(io.BytesIO(cleaned)) as stored:
            assert not {"comment", "icc_profile", "Comment", "exif"} & set(stored.info)


def test_oversized_file_is_refused_before_reading():
    big = SimpleUploadedFile("big.jpg", b"0" * 2_000_001)
    with pytest.raises(ValidationError, match="limit is"):
        picture_clean(big, limits=LIMITS)


def test_truncated_picture_is_refused():
    data = _picture(size=(600, 600)).read()
    with pytest.raises(ValidationError) as caught:
        picture_clean(SimpleUploadedFile("cut.jpg", data[: len(data) // 2]), limits=LIMITS)
    assert caught.value.code in {"damaged", "not_a_picture"}


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_animated_pictures_are_refused_from_their_header(kind, monkeypatch):
    """An APNG or animated WebP would be stored as its first frame: refused, undecoded."""
    from PIL import ImageFile

    from uploads.tests.helpers import animated

    upload = animated(kind)

    def no_decoding(self):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError) as caught:
        picture_clean(upload, limits=LIMITS)
    assert caught.value.code == "animated"
    assert caught.value.messages == ["Animated pictures aren't accepted; send a still picture."]


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_still_png_and_webp_are_still_accepted(kind):
    from uploads.tests.helpers import still

    cleaned = picture_clean(still(kind), limits=LIMITS)
    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.size == (64, 64) and not getattr(result, "is_animated", False)


def test_a_phone_cameras_multi_picture_jpeg_is_kept_as_its_main_picture():
    """Some phones write JPEGs with a second picture after the first (MPO): they are JPEGs."""
    main, extra = Image.new("RGB", (400, 300), "navy"), Image.new("RGB", (200, 150), "red")
    out = io.BytesIO()
    main.save(out, "MPO", save_all=True, append_images=[extra])
    with Image.open(io.BytesIO(out.getvalue())) as probe:
        assert probe.format == "MPO" and probe.n_frames == 2  # what the camera wrote
    clean = picture_clean(SimpleUploadedFile("phone.jpg", out.getvalue()), limits=LIMITS)
    with Image.open(clean) as stored:
        assert stored.format == "JPEG" and stored.size == (400, 300)
        assert getattr(stored, "n_frames", 1) == 1
        assert stored.getpixel((10, 10))[2] > 100  # the navy main picture, not the red one
