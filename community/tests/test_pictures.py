"""User Galleries: every file checked on its own, metadata stripped, reviewed, published."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from community import selectors, services
from community.models import Album, ReaderPicture
from newsroom.models import GalleryPage
from notifications.models import Notification

from .conftest import decide, gps_exif, picture_file

pytestmark = pytest.mark.django_db


def post(client, files, **extra):
    data = {"caption": "Flooded road in Umlazi", "credit": "", "place": "", "key": "a" * 32}
    data.update(extra)
    return client.post("/galleries/submit/", {**data, "pictures": files})


def stored_exif(image_file):
    image_file.open("rb")
    try:
        with Image.open(image_file) as picture:
            return dict(picture.getexif()), picture.info.get("exif")
    finally:
        image_file.close()


def test_a_picture_with_gps_is_stored_and_rendered_without_any_metadata(member_client, member):
    upload = picture_file("IMG_2041 my house.jpg", exif=gps_exif())
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload has a GPS location
    upload.seek(0)
    response = post(member_client, [upload])
    assert response.status_code == 302
    picture = ReaderPicture.objects.get(contributor=member)
    assert picture.live is False
    assert "IMG_2041" not in picture.image.file.name and "house" not in picture.image.file.name
    assert stored_exif(picture.image.file) == ({}, None)
    rendition = picture.image.get_rendition("fill-320x213")
    assert stored_exif(rendition.file) == ({}, None)


def test_bad_files_get_their_own_error_and_good_files_are_kept(member_client, member):
    fake = SimpleUploadedFile("holiday.jpg", b"GIF89a not really a jpeg", content_type="image/jpeg")
    gif = picture_file("anim.jpg", kind="GIF")
    bomb = picture_file("bomb.png", kind="PNG", size=(12_000, 12_000), mode="1")
    good = picture_file("good.jpg")
    jpeg = picture_file("cut.jpg", size=(800, 800)).read()
    corrupt = SimpleUploadedFile("cut.jpg", jpeg[: len(jpeg) // 2], content_type="image/jpeg")
    response = post(member_client, [fake, gif, bomb, good, corrupt])
    assert response.status_code == 400
    html = response.content.decode()
    assert "holiday.jpg</strong>: This file is not a picture we can read" in html
    assert "anim.jpg</strong>: GIF pictures are not accepted" in html
    assert "bomb.png</strong>: This picture is 12000 × 12000 pixels" in html
    assert "cut.jpg</strong>:" in html
    assert "good.jpg</strong>" not in html
    assert "1 picture sent to the editors" in html
    assert 'value="Flooded road in Umlazi"' in html  # what was typed stays
    assert ReaderPicture.objects.filter(contributor=member).count() == 1


def test_too_many_files_at_once_keep_the_first_and_name_the_others(member_client, member, settings):
    settings.HERALD_GALLERY_FILES_PER_SUBMISSION = 2
    response = post(member_client, [picture_file(f"p{n}.jpg") for n in range(3)])
    assert response.status_code == 400
    assert "p2.jpg</strong>: Not sent: at most 2 pictures at a time" in response.content.decode()
    assert ReaderPicture.objects.filter(contributor=member).count() == 2


def test_a_caption_is_required_and_a_bad_date_is_refused(member_client, member):
    response = post(member_client, [picture_file()], caption="", taken_on="3024-01-01")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required" in html and "between the years 1900 and 2100" in html
    assert not ReaderPicture.objects.filter(contributor=member).exists()


def test_the_same_form_sent_twice_stores_the_pictures_once(member_client, member):
    post(member_client, [picture_file("a.jpg"), picture_file("b.jpg")], key="b" * 32)
    post(member_client, [picture_file("a.jpg"), picture_file("b.jpg")], key="b" * 32)
    assert ReaderPicture.objects.filter(contributor=member).count() == 2


def test_approved_pictures_appear_in_user_galleries_the_profile_and_news_in_pictures(
    member, member_client, editor, news_site, django_capture_on_commit_callbacks
):
    post(member_client, [picture_file()], album="Floods", taken_on="2026-11-20")
    picture = ReaderPicture.objects.get(contributor=member)
    assert picture.album == Album.objects.get(contributor=member, title="Floods")
    anonymous = Client(HTTP_HOST="localhost")
    assert anonymous.get(f"/galleries/{picture.pk}/").status_code == 404  # not before review
    assert "Flooded road" not in anonymous.get("/galleries/").content.decode()
    gallery = GalleryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    picture.news_gallery = gallery
    picture.save()
    picture.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):  # the purge runs after the commit
        decide(picture, editor)
    picture.refresh_from_db()
    assert picture.live
    assert "Flooded road in Umlazi" in anonymous.get("/galleries/").content.decode()
    detail = anonymous.get(f"/galleries/{picture.pk}/").content.decode()
    assert member.public_name in detail and "Floods" in detail and "20 November 2026" in detail
    share = picture.image.get_rendition("fill-1200x630").url
    assert f'<meta property="og:image" content="http://localhost{share}">' in detail
    assert '<meta property="og:title" content="Flooded road in Umlazi">' in detail
    assert (
        "Flooded road" in anonymous.get(f"/galleries/albums/{picture.album_id}/").content.decode()
    )
    assert "Flooded road" in anonymous.get(f"/profile/{member.username}/").content.decode()
    assert gallery.images.filter(image=picture.image, caption="Flooded road in Umlazi").exists()
    gallery.refresh_from_db()
    assert any(
        block.image_id == picture.image_id
        for block in gallery.get_latest_revision_as_object().images.all()
    )
    assert Notification.objects.filter(member=member, text__contains="is published").exists()


def test_a_refused_picture_shows_the_reason(member, member_client, editor):
    post(member_client, [picture_file()])
    picture = ReaderPicture.objects.get(contributor=member)
    decide(picture, editor, approve=False, reason="Poor quality picture")
    standing = selectors.standing_of(ReaderPicture.objects.get(pk=picture.pk))
    assert standing.state == "refused" and standing.reason == "Poor quality picture."
    assert "Poor quality picture" in member_client.get("/mynews/mine/").content.decode()
    assert not ReaderPicture.objects.get(pk=picture.pk).live


def test_picture_submissions_are_rate_limited(member_client, member, settings):
    settings.HERALD_UPLOAD_ALLOWANCE = 2
    post(member_client, [picture_file("a.jpg"), picture_file("b.jpg")], key="c" * 32)
    response = post(member_client, [picture_file("c.jpg")], key="d" * 32)
    assert response.status_code == 429 and response["Retry-After"]
    assert "as many pictures as we take in 24 hours (2)" in response.content.decode()


def test_unknown_pictures_and_empty_albums_are_404(client, member):
    assert client.get("/galleries/999999/").status_code == 404
    album = Album.objects.create(contributor=member, title="Nothing yet")
    assert client.get(f"/galleries/albums/{album.pk}/").status_code == 404


def test_the_picture_service_checks_each_file_by_its_content(member, news_site):
    text = SimpleUploadedFile("notes.png", b"just text", content_type="image/png")
    stored, errors = services.pictures_submit(
        member=member,
        site=news_site,
        files=[text, picture_file("ok.webp", kind="WEBP")],
        submission=services.PictureSubmission(caption="Mixed", key="e" * 32),
    )
    assert len(stored) == 1 and stored[0].image.file.name.endswith(".jpg")
    assert errors == [("notes.png", errors[0][1])] and "not a picture" in errors[0][1]


def test_suspended_members_cannot_send_pictures(member, member_client, editor):
    from accounts.services import member_suspend

    member_suspend(member=member, by=editor, reason="Spam", until=None)
    response = post(member_client, [picture_file()])
    assert response.status_code == 403
    assert "You are suspended" in response.content.decode()
    assert not ReaderPicture.objects.filter(contributor=member).exists()


def test_a_picture_taken_down_leaves_the_news_gallery_and_deleting_purges(
    member, member_client, editor, django_capture_on_commit_callbacks
):
    post(member_client, [picture_file()], caption="Harbour lights")
    picture = ReaderPicture.objects.get(contributor=member)
    gallery = GalleryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    picture.news_gallery = gallery
    picture.save()
    picture.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        decide(picture, editor)
    assert gallery.images.filter(image=picture.image).exists()
    anonymous = Client(HTTP_HOST="localhost")
    assert "Harbour lights" in anonymous.get("/galleries/").content.decode()  # now cached
    picture.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        picture.unpublish(user=editor)
    assert not gallery.images.filter(image=picture.image).exists()
    assert "Harbour lights" not in anonymous.get("/galleries/").content.decode()


@pytest.mark.parametrize(
    "disguised", ["b\u200bad", "b\u00adad", "b\u200dad", "ba\ufe0fd", "b\u0430d", "\u0392\u0391D"]
)
def test_a_listed_word_in_disguise_in_an_album_name_flags_the_picture(
    member, member_client, disguised
):
    from moderation.models import WordPolicy

    policy = WordPolicy.load()
    policy.banned_words = "bad"
    policy.save()
    post(member_client, [picture_file()], album=f"{disguised} weather")
    picture = ReaderPicture.objects.get(contributor=member)
    assert picture.review_flags == ["Words on the banned or suspect list: bad"]
    assert picture.album.title == f"{disguised} weather"  # stored as typed
