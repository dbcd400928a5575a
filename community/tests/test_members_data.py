"""Contributions are part of a member's data export and go with the account (or lose its name)."""

import uuid

import pytest
from django.test import Client

from accounts.services import member_delete, member_export
from community import services
from community.models import Album, ReaderPicture, ReaderStoryPage

from .conftest import decide, picture_file, submit_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributions(member, member_client, news_index, editor):
    published = submit_story(member, news_index, title="Published one")
    decide(published, editor)
    waiting = submit_story(member, news_index, title="Still waiting")
    member_client.post(
        "/galleries/submit/",
        {"caption": "Beach", "album": "Summer", "key": "9" * 32, "pictures": [picture_file()]},
    )
    picture = ReaderPicture.objects.get(contributor=member)
    decide(picture, editor)
    return published, waiting, picture


def test_the_export_holds_stories_and_pictures(member, contributions):
    data = member_export(member=member)["contributions"]
    titles = {story["title"]: story for story in data["stories"]}
    assert titles["Published one"]["published"] is True
    assert titles["Still waiting"]["published"] is False
    assert titles["Still waiting"]["state"] == "Submitted"
    assert titles["Published one"]["state"] == "Published"
    assert "Residents of the valley" in titles["Still waiting"]["text"]
    assert data["pictures"][0]["caption"] == "Beach" and data["pictures"][0]["album"] == "Summer"


def test_deleting_with_remove_takes_every_contribution(member, contributions):
    published, waiting, picture = contributions
    member_delete(member=member, mode="remove")
    assert not ReaderStoryPage.objects.filter(pk__in=[published.pk, waiting.pk]).exists()
    assert not ReaderPicture.objects.filter(pk=picture.pk).exists()
    assert not Album.objects.filter(title="Summer").exists()


def test_deleting_with_anonymise_keeps_published_work_without_the_name(member, contributions):
    published, waiting, picture = contributions
    name = member.public_name
    member_delete(member=member, mode="anonymise")
    kept = ReaderStoryPage.objects.get(pk=published.pk)
    assert kept.live and kept.contributor is None
    assert not ReaderStoryPage.objects.filter(pk=waiting.pk).exists()
    assert ReaderPicture.objects.get(pk=picture.pk).contributor is None
    html = Client(HTTP_HOST="localhost").get(kept.url).content.decode()
    assert "a former member" in html and name not in html


def test_deleting_with_anonymise_removes_unpublished_files_and_the_name_in_news_in_pictures(
    member, member_client, editor, news_index
):
    from wagtail.images import get_image_model

    from newsroom.models import GalleryPage

    gallery = GalleryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    member_client.post(
        "/galleries/submit/",
        {"caption": "Harbour at dawn", "key": "7" * 32, "pictures": [picture_file()]},
    )
    chosen = ReaderPicture.objects.get(contributor=member, caption="Harbour at dawn")
    chosen.news_gallery = gallery  # the editor's choice, saved in the picture's revision
    chosen.save()
    chosen.save_revision(user=editor)
    decide(chosen, editor)
    gallery.refresh_from_db()
    assert gallery.images.get(image=chosen.image).credit == member.public_name
    member_client.post(
        "/galleries/submit/",
        {"caption": "Never reviewed", "key": "8" * 32, "pictures": [picture_file()]},
    )
    waiting = ReaderPicture.objects.get(contributor=member, caption="Never reviewed")
    draft_story = services.story_save(
        member=member,
        index_page=news_index,
        draft=services.StoryDraft(key=uuid.uuid4(), title="Draft", pictures=[picture_file()]),
    )[0]
    unpublished_images = [waiting.image_id, draft_story.pictures.get().image_id]

    member_delete(member=member, mode="anonymise")

    assert not get_image_model().objects.filter(pk__in=unpublished_images).exists()
    assert gallery.images.get(image=chosen.image).credit == ""
    assert gallery.get_latest_revision_as_object().images.get(image=chosen.image).credit == ""
    page = Client(HTTP_HOST="localhost").get(gallery.url).content.decode()
    assert "Harbour at dawn" in page and member.public_name not in page
