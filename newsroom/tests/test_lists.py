"""Lists at scale: related stories, capped counts, sub-sections."""

import pytest

from newsroom import selectors
from newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def _news_articles(count):
    return list(
        ArticlePage.objects.live().filter(url_path__startswith="/localhost/").order_by("-pk")
    )[:count]


def _tag(article, *names):
    article.tags.set(list(names))
    article.save()


def test_most_shared_tags_first_then_newest(settings):
    article, two_shared, one_shared_newer, other = _news_articles(4)
    _tag(article, "kelp", "otters")
    _tag(two_shared, "kelp", "otters")
    _tag(one_shared_newer, "kelp")
    _tag(other, "traffic")
    related = selectors.articles_related(article=article, limit=4)
    assert [a.pk for a in related][:2] == [two_shared.pk, one_shared_newer.pk]
    assert other.pk not in {a.pk for a in related} and article.pk not in {a.pk for a in related}
    assert related[0].shared_tags == 2


def test_only_the_most_recently_tagged_stories_are_candidates(settings):
    article, newer, older = _news_articles(3)
    for tagged in (older, newer, article):
        _tag(tagged, "kelp")
    settings.HERALD_RELATED_CANDIDATES = 1
    assert [a.pk for a in selectors.articles_related(article=article, limit=4)] == [newer.pk]
    settings.HERALD_RELATED_CANDIDATES = 300
    found = [a.pk for a in selectors.articles_related(article=article, limit=4)]
    assert newer.pk in found and older.pk in found


def test_lists_count_at_most_the_pages_a_reader_can_reach(settings):
    from newsroom.models import CappedPaginator

    settings.HERALD_LIST_MAX_PAGES = 2
    stories = ArticlePage.objects.live().order_by("-pk")
    assert stories.count() > 10
    paginator = CappedPaginator(stories, 5)
    assert paginator.count == 10 and paginator.num_pages == 2
    assert paginator.get_page(9).number == 2  # beyond the last reachable page: the last one
    assert CappedPaginator(list(range(7)), 5).count == 7  # plain lists are counted as they are


def test_section_children_are_its_live_sub_sections_in_tree_order(client):
    from newsroom.models import SectionPage

    news = SectionPage.objects.get(slug="news", url_path__startswith="/localhost/")
    expected = list(SectionPage.objects.child_of(news).live().order_by("path"))
    assert expected and selectors.section_children(section=news) == expected
    hidden = expected[0]
    hidden.unpublish()
    assert hidden not in selectors.section_children(section=news)


def test_one_definition_of_public_articles_leaves_out_restricted_sections(news_site):
    """Pages, feeds and the API read articles from ``articles_public``: a section an editor
    restricts disappears from all of them at once."""
    from wagtail.models import PageViewRestriction

    from api.selectors import articles as api_articles
    from newsroom.models import SectionPage
    from newsroom.restrictions import forget_restricted_paths
    from syndication.selectors import feed_articles

    root = news_site.root_page
    section = SectionPage.objects.live().child_of(root).first()
    inside = set(ArticlePage.objects.live().descendant_of(section).values_list("pk", flat=True))
    assert inside
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    forget_restricted_paths()
    shown = {
        "pages": {a.pk for a in selectors.articles_latest(root=root, limit=500)},
        "feeds": {a.pk for a in feed_articles(root=root, limit=500)},
        "api": set(api_articles(site=news_site).values_list("pk", flat=True)),
    }
    assert {name: pks & inside for name, pks in shown.items()} == {n: set() for n in shown}
    assert all(shown.values())  # the rest of the site is still there


def test_capped_count_stops_at_the_cap(news_site):
    everything = ArticlePage.objects.live()
    assert selectors.count_capped(everything, 5) == 5
    assert selectors.count_capped(everything, 10_000) == everything.count()
    assert selectors.count_capped([1, 2, 3], 2) == 2
