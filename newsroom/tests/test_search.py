"""Search: filters by section and dates, highlighting, and hostile queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import ArticlePage, SectionPage
from newsroom.search import highlight, search_terms

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}


def _retitle(article, title, *, days_ago=0):
    article.title = title
    # Carried by the revision: publishing keeps a first publication date it already has.
    article.first_published_at = timezone.now() - timedelta(days=days_ago)
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).first_published_at == article.first_published_at


def _results(client, query):
    return client.get(f"/search/?{query}", **NEWS).context["results"]


def test_search_finds_by_title_and_marks_the_words(client):
    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    _retitle(article, "Flamingos return to Zandvlei")
    response = client.get("/search/?q=flamingos", **NEWS)
    assert [a.pk for a in response.context["results"]] == [article.pk]
    assert "<mark>Flamingos</mark> return to Zandvlei" in response.content.decode()


def test_search_filters_by_section_and_dates(client):
    world = SectionPage.objects.get(slug="world")
    tech = SectionPage.objects.get(slug="tech")
    in_world = ArticlePage.objects.live().child_of(world).first()
    in_tech = ArticlePage.objects.live().child_of(tech).first()
    _retitle(in_world, "Quokka census results", days_ago=10)
    _retitle(in_tech, "Quokka census app", days_ago=1)
    assert {a.pk for a in _results(client, "q=quokka")} == {in_world.pk, in_tech.pk}
    assert [a.pk for a in _results(client, f"q=quokka&section={world.pk}")] == [in_world.pk]
    news = SectionPage.objects.get(slug="news")  # a parent section includes its sub-sections
    assert [a.pk for a in _results(client, f"q=quokka&section={news.pk}")] == [in_world.pk]
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert [a.pk for a in _results(client, f"q=quokka&start={since}")] == [in_tech.pk]
    assert [a.pk for a in _results(client, f"q=quokka&end={since}")] == [in_world.pk]


@pytest.mark.parametrize(
    "query",
    [
        "q=",
        "q=" + "x" * 5000,
        "q=%22unclosed+AND+OR+NOT+(*)+-+%2B",
        "q=<script>alert(1)</script>",
        "q=rand&section=abc&start=yesterday&end=2019-13-45",
        "q=rand&section=999999",
        "q=rand&start=2026-01-10&end=2026-01-01",
        "q=rand&page=-1",
    ],
)
def test_odd_searches_get_a_page_not_an_error(client, query):
    response = client.get(f"/search/?{query}", **NEWS)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_highlight_escapes_html_and_matches_whole_words():
    assert highlight("Rand & <b>rands</b> rand", ["rand"]) == (
        "<mark>Rand</mark> &amp; &lt;b&gt;rands&lt;/b&gt; <mark>rand</mark>"
    )
    assert search_terms('"water AND (crisis)" OR not') == ["water", "crisis"]


def test_search_finds_reader_stories_too_and_filters_by_type(client):
    from community.models import ReaderStoryPage

    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    _retitle(article, "Pangolin sightings rise")
    story = ReaderStoryPage.objects.live().filter(url_path__startswith="/localhost/").first()
    story.title = "A pangolin in our garden"
    story.save_revision().publish()
    found = {page.pk: page for page in _results(client, "q=pangolin")}
    assert set(found) == {article.pk, story.pk}
    assert isinstance(found[story.pk], ReaderStoryPage)  # specific pages, ready to show
    assert [p.pk for p in _results(client, "q=pangolin&type=reader")] == [story.pk]
    assert [p.pk for p in _results(client, "q=pangolin&type=articles")] == [article.pk]
    html = client.get("/search/?q=pangolin", **NEWS).content.decode()
    assert "Reader contribution" in html and "<mark>pangolin</mark> in our garden" in html
    bad = client.get("/search/?q=pangolin&type=nonsense", **NEWS)
    assert bad.status_code == 200 and len(bad.context["results"]) == 2  # ignored, not an error
