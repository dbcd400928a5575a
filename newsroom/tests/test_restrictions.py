"""Wagtail's view-restriction checks, answered from the memo of restricted paths: exact for
restricted pages, the pages below them and aliases of them, through moves."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from newsroom import restrictions
from newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def _path(page):
    page.refresh_from_db()
    return page.url_path[len("/localhost") :]


@pytest.fixture
def sections(news_site):
    first, second = SectionPage.objects.live().child_of(news_site.root_page)[:2]
    return first, second


@pytest.fixture
def story(sections):
    return ArticlePage.objects.live().descendant_of(sections[0]).first()


def test_a_page_no_restriction_covers_reads_no_restriction(client, story, settings):
    settings.HERALD_PAGE_CACHE = False
    client.get(_path(story), **NEWS)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_path(story), **NEWS).status_code == 200
    assert not [q for q in captured if "pageviewrestriction" in q["sql"].lower()]


def test_a_story_below_a_restricted_section_asks_readers_to_sign_in(
    client, sections, story, django_capture_on_commit_callbacks
):
    """Its public copy, stored before, goes with the purge the restriction makes."""
    assert client.get(_path(story), **NEWS).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=sections[0], restriction_type="login")
    answer = client.get(_path(story), **NEWS)
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_a_moved_restricted_section_stays_restricted(client, sections, story, settings):
    settings.HERALD_PAGE_CACHE = False
    restricted, other = sections
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    assert client.get(_path(story), **NEWS).status_code == 302  # the memo holds its path now
    restricted.move(other, pos="last-child")
    assert restrictions.is_restricted(ArticlePage.objects.get(pk=story.pk))
    assert client.get(_path(story), **NEWS).status_code == 302


def test_an_alias_of_a_restricted_story_is_restricted_too(client, sections, story):
    PageViewRestriction.objects.create(page=story, restriction_type="login")
    restrictions.restricted_paths()  # remembered before the alias exists
    alias = story.create_alias(parent=sections[1], update_slug=f"{story.slug}-alias")
    assert client.get(_path(alias), **NEWS).status_code == 302
    assert restrictions.is_restricted(alias)
    public = restrictions.public_only(ArticlePage.objects.live())
    assert not public.filter(pk__in=[story.pk, alias.pk]).exists()
