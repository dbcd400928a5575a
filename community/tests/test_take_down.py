"""Editors take published contributions down with a reason the contributor reads."""

import pytest
from django.test import Client
from django.utils.html import escape

from community import selectors
from community.models import ReaderPicture, ReaderStoryPage
from moderation.models import Decision
from notifications.models import Notification

from .conftest import decide, picture_file, submit_story

pytestmark = pytest.mark.django_db

REASON = "Someone else's work or picture"


@pytest.fixture
def published_story(member, news_index, editor):
    story = submit_story(member, news_index, title="The harbour wall")
    decide(story, editor)
    return ReaderStoryPage.objects.get(pk=story.pk)


def test_a_story_taken_down_says_why_to_the_contributor_and_in_the_queue(
    published_story, member, member_client, editor, editor_client
):
    page = editor_client.get(f"/admin/pages/{published_story.pk}/edit/").content.decode()
    url = f"/admin/contributions/take-down/story/{published_story.pk}/"
    assert url in page  # offered on the story's edit page
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, {"reason": REASON, "comment": "Copied from a blog."})
    assert response.status_code == 302
    story = ReaderStoryPage.objects.get(pk=published_story.pk)
    assert not story.live
    expected = f"{REASON}. Copied from a blog."
    take_down = Decision.objects.get(action="take_down")
    assert (take_down.decided_by, take_down.member, take_down.item) == (editor, member, story)
    assert take_down.reason == expected
    assert take_down.decided_at >= published_story.last_published_at  # after it went live
    standing = selectors.standing_of(story)
    assert (standing.state, standing.reason) == ("unpublished", expected)
    assert escape(expected) in member_client.get("/mynews/mine/").content.decode()
    notice = Notification.objects.filter(member=member).latest("pk").text
    assert notice == f"Your story “The harbour wall” was taken down by the editors: {expected}"
    decisions = editor_client.get("/admin/contributions/").content.decode()
    assert "Taken down" in decisions and escape(expected) in decisions
    assert Client(HTTP_HOST="localhost").get(published_story.url).status_code == 404


def test_a_picture_can_be_taken_down_too(member, member_client, editor, editor_client):
    member_client.post(
        "/galleries/submit/", {"caption": "Pier", "key": "6" * 32, "pictures": [picture_file()]}
    )
    picture = ReaderPicture.objects.get(contributor=member)
    decide(picture, editor)
    response = editor_client.post(
        f"/admin/contributions/take-down/picture/{picture.pk}/", {"reason": "Poor quality picture"}
    )
    assert response.status_code == 302
    picture.refresh_from_db()
    assert not picture.live
    assert selectors.standing_of(picture).reason == "Poor quality picture."


def test_a_take_down_needs_a_reason_and_keeps_what_was_typed(published_story, editor_client):
    url = f"/admin/contributions/take-down/story/{published_story.pk}/"
    response = editor_client.post(url, {"reason": "", "comment": ""})
    assert response.status_code == 400
    assert "Choose a reason or write one." in response.content.decode()
    response = editor_client.post(url, {"reason": "made up", "comment": "Kept words"})
    assert response.status_code == 400 and "Kept words" in response.content.decode()
    assert ReaderStoryPage.objects.get(pk=published_story.pk).live


def test_only_reviewers_take_down_and_odd_addresses_are_not_errors(
    published_story, member_client, editor_client
):
    url = f"/admin/contributions/take-down/story/{published_story.pk}/"
    assert member_client.post(url, {"reason": REASON}).status_code in (302, 403)
    assert ReaderStoryPage.objects.get(pk=published_story.pk).live
    assert editor_client.get("/admin/contributions/take-down/poem/1/").status_code == 404
    assert editor_client.get("/admin/contributions/take-down/story/999999/").status_code == 404
    editor_client.post(url, {"reason": REASON})
    again = editor_client.post(url, {"reason": REASON}, follow=True)  # already down
    assert "nothing to take down" in again.content.decode()
    assert Decision.objects.filter(action="take_down").count() == 1


def test_an_unpublish_from_wagtails_menu_says_no_reason(published_story, member, editor):
    published_story.unpublish(user=editor)
    assert Notification.objects.filter(member=member).latest("pk").text.endswith("editors.")
    assert selectors.standing_of(published_story).reason == ""


def test_a_take_down_that_loses_a_race_says_so_rather_than_failing(
    published_story, editor_client, monkeypatch
):
    from django.core.exceptions import ValidationError

    from community import services

    def already_down(item, **kwargs):
        raise ValidationError("This contribution is not published.")

    monkeypatch.setattr(services, "contribution_take_down", already_down)
    url = f"/admin/contributions/take-down/story/{published_story.pk}/"
    response = editor_client.post(url, {"reason": REASON}, follow=True)
    assert response.status_code == 200
    assert "already taken down" in response.content.decode()


@pytest.fixture
def purges_sent(settings, monkeypatch):
    """What reaches Varnish (keys) and a CDN that purges by URL (URLs), from the purge task."""
    from wagtail.contrib.frontend_cache import utils as frontend_cache_utils

    from delivery import purge

    settings.HERALD_VARNISH_URLS = ["http://127.0.0.1:6081/"]
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend"}
    }
    sent = {"keys": set(), "urls": set()}
    monkeypatch.setattr(purge, "varnish_purge", lambda url, keys: sent["keys"].update(keys) or 1)
    monkeypatch.setattr(
        frontend_cache_utils, "purge_urls_from_cache", lambda urls: sent["urls"].update(urls)
    )
    return sent


def test_a_picture_taken_down_is_purged_from_varnish_and_the_cdn_with_its_files(
    member, member_client, editor, editor_client, purges_sent, django_capture_on_commit_callbacks
):
    import posixpath

    from wagtail.models import Site

    from delivery.keys import media_keys

    member_client.post(
        "/galleries/submit/", {"caption": "Pier", "key": "7" * 32, "pictures": [picture_file()]}
    )
    picture = ReaderPicture.objects.get(contributor=member)
    decide(picture, editor)
    original = picture.image.file.name
    rendition = picture.image.get_rendition("fill-100x100").file.name
    for name in (original, rendition):  # the short lifetime of members' media (delivery.media)
        assert posixpath.basename(name).startswith("reader-")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/contributions/take-down/picture/{picture.pk}/",
            {"reason": "Poor quality picture"},
        )
    assert response.status_code == 302
    root = Site.objects.get(is_default_site=True).root_url
    assert {f"{root}/media/{original}", f"{root}/media/{rendition}"} <= purges_sent["urls"]
    assert set(media_keys(original)) <= purges_sent["keys"]
    assert media_keys(rendition) == media_keys(original)  # one key drops them all at Varnish


def test_an_erased_members_pictures_are_purged_with_their_files(
    member, member_client, editor, purges_sent, django_capture_on_commit_callbacks
):
    from accounts.services import member_delete

    member_client.post(
        "/galleries/submit/", {"caption": "Dune", "key": "8" * 32, "pictures": [picture_file()]}
    )
    picture = ReaderPicture.objects.get(contributor=member)
    decide(picture, editor)
    original = picture.image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        member_delete(member=member, mode="remove")
    assert not ReaderPicture.objects.filter(pk=picture.pk).exists()
    assert any(url.endswith(f"/media/{original}") for url in purges_sent["urls"])
