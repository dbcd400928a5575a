"""Contributions are part of a member's data export and go with the account (or lose its name)."""

import pytest
from django.test import Client

from accounts.services import member_delete, member_export
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
