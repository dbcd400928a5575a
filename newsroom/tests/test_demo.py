"""The demo command builds a consistent, browsable network, the same for the same seed."""

import pytest
from wagtail.models import Page, Site

from conftest import DEMO_ARTICLES
from newsroom.demo.text import CopyDesk
from newsroom.models import ArticlePage, GalleryPage, SectionPage, VideoPage

pytestmark = pytest.mark.django_db


def test_demo_network_has_two_sites_sections_articles_and_galleries():
    assert set(Site.objects.values_list("hostname", flat=True)) == {"localhost", "sport.localhost"}
    assert ArticlePage.objects.live().exact_type(ArticlePage).count() == DEMO_ARTICLES
    assert GalleryPage.objects.live().count() == 6
    for section in SectionPage.objects.filter(numchild=0):
        raise AssertionError(f"{section} has no articles")


def test_each_site_has_a_video_story_with_a_video_made_for_the_demo():
    stories = VideoPage.objects.live()
    assert {story.get_site().hostname for story in stories} == {"localhost", "sport.localhost"}
    for story in stories:
        video = story.video
        assert video.video_codec in ("h264", "vp9") and 2 <= video.duration <= 4
        assert video.thumbnail and video.captions
        assert video.file.size < 200_000


def test_bulk_created_tree_is_consistent():
    """treebeard's own check: no bad paths, depths or child counts after bulk inserts."""
    assert all(not problems for problems in Page.find_problems())


def test_articles_have_bylines_tags_and_pictures():
    for article in ArticlePage.objects.live()[:20]:  # wire drafts come without pictures
        assert article.authors.exists()
        assert article.tags.count() >= 2
        assert article.lead_image_id is not None
        assert any(block.block_type == "paragraph" for block in article.body)


def test_bulk_created_article_can_be_edited_and_republished():
    article = ArticlePage.objects.first()
    article.title = "Edited by the desk"
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    assert article.title == "Edited by the desk" and article.live


def test_same_seed_writes_the_same_copy():
    first, second = CopyDesk(3), CopyDesk(3)
    assert [first.headline("news") for _ in range(5)] == [second.headline("news") for _ in range(5)]
    assert first.body([]) == second.body([])
