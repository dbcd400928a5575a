"""Parts of pages kept rendered while their surrogate keys are unpurged (delivery/fragments.py)."""

import time

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from delivery import fragments
from delivery.fragments import Part, part_cached
from delivery.pagecache import keys_purge

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}


class Renderer:
    def __init__(self, keys=("section-7",), max_age=None):
        self.calls = 0
        self.keys = list(keys)
        self.max_age = max_age

    def __call__(self):
        self.calls += 1
        return Part(f"<p>render {self.calls}</p>", self.keys, self.max_age)


def test_a_part_is_kept_until_one_of_its_keys_is_purged():
    render = Renderer(keys=["section-7", "site-2"])
    assert part_cached("block:7", render).html == "<p>render 1</p>"
    assert part_cached("block:7", render).html == "<p>render 1</p>"
    assert render.calls == 1
    keys_purge(["section-8"])  # another section's change
    assert part_cached("block:7", render).html == "<p>render 1</p>"
    keys_purge(["site-2"])
    assert part_cached("block:7", render).html == "<p>render 2</p>"
    assert part_cached("block:7", render).html == "<p>render 2</p>"


def test_a_purge_during_the_render_keeps_nothing():
    calls = []

    def render():
        calls.append(1)
        keys_purge(["section-7"])  # lands while the part renders
        return Part("<p>old</p>", ["section-7"])

    part_cached("raced", render)
    part_cached("raced", render)
    assert len(calls) == 2


def test_what_ends_by_itself_is_kept_no_longer_and_says_what_is_left(monkeypatch):
    render = Renderer(max_age=100)
    first = part_cached("alerts", render)
    assert first.max_age == 100
    later = time.time() + 60
    monkeypatch.setattr(fragments.time, "time", lambda: later)
    again = part_cached("alerts", render)
    assert render.calls == 1 and 39 <= again.max_age <= 40
    monkeypatch.setattr(fragments.time, "time", lambda: later + 41)
    part_cached("alerts", render)
    assert render.calls == 2


def test_parts_are_not_kept_when_the_setting_is_off(settings):
    settings.HERALD_FRAGMENT_CACHE = False
    render = Renderer()
    part_cached("off", render)
    part_cached("off", render)
    assert render.calls == 2


def test_the_keep_tag_keeps_a_part_by_its_name_and_keys():
    template = Template(
        '{% load parts_tags %}{% keep "block" section keys=keys %}<b>{{ value }}</b>{% endkeep %}'
    )
    request = RequestFactory().get("/")

    def render(value, section=1, preview=False):
        request.is_preview = preview
        context = {"request": request, "value": value, "section": section, "keys": ["section-1"]}
        return template.render(Context(context))

    assert render("first") == "<b>first</b>"
    assert render("second") == "<b>first</b>"  # kept
    assert render("third", section=2) == "<b>third</b>"  # another name
    assert render("preview", preview=True) == "<b>preview</b>"  # previews are never kept
    keys_purge(["section-1"])
    assert render("fourth") == "<b>fourth</b>"


def test_a_new_story_reaches_the_home_pages_section_block(
    client, settings, django_capture_on_commit_callbacks
):
    """The home page's section blocks are kept; publishing in the section purges its key."""
    from newsroom.models import ArticlePage, SectionPage

    settings.HERALD_PAGE_CACHE = False  # every request renders; only the parts are kept
    client.get("/", **NEWS)
    section = SectionPage.objects.get(url_path="/localhost/business/")
    template = ArticlePage.objects.live().descendant_of(section).first()
    story = ArticlePage(
        title="A headline no block showed before",
        slug="a-headline-no-block-showed-before",
        standfirst="Standfirst.",
        body=template.body.raw_data,
    )
    with django_capture_on_commit_callbacks(execute=True):
        section.add_child(instance=story)
        story.save_revision().publish()
    html = client.get("/", **NEWS).content.decode()
    block = html.split('class="block-heading"><a href="/business/">', 1)[1].split("</section>")[0]
    assert "A headline no block showed before" in block


def test_a_part_with_no_keys_is_never_kept():
    """Nothing would ever say it changed, and content is never kept on a guessed lifetime."""
    render = Renderer(keys=[])
    part_cached("keyless", render)
    part_cached("keyless", render)
    assert render.calls == 2


def test_facts_are_kept_like_parts():
    from delivery.fragments import Facts, facts_cached

    reads = []

    def read():
        reads.append(1)
        return Facts({"section_id": 7, "reads": len(reads)}, ["page-9"])

    assert facts_cached("article:9", read).value == {"section_id": 7, "reads": 1}
    assert facts_cached("article:9", read).value == {"section_id": 7, "reads": 1}
    keys_purge(["page-9"])
    assert facts_cached("article:9", read).value == {"section_id": 7, "reads": 2}


def _new_story(section, title, **fields):
    from newsroom.models import ArticlePage

    template = ArticlePage.objects.live().descendant_of(section).first()
    story = ArticlePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        standfirst="Standfirst.",
        body=template.body.raw_data,
        **fields,
    )
    section.add_child(instance=story)
    return story


def _article_in(section_path):
    from newsroom.models import ArticlePage, SectionPage

    section = SectionPage.objects.get(url_path=f"/localhost{section_path}")
    article = ArticlePage.objects.live().child_of(section).first()
    return section, article, article.url_path[len("/localhost") :]


def test_a_new_story_reaches_the_side_column_of_its_sections_articles(
    client, settings, django_capture_on_commit_callbacks
):
    settings.HERALD_PAGE_CACHE = False  # every request renders; only the parts are kept
    section, _article, path = _article_in("/business/")
    client.get(path, **NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        story = _new_story(section, "A headline no side column showed")
        story.save_revision().publish()
    html = client.get(path, **NEWS).content.decode()
    aside = html.split('<aside class="article-aside"', 1)[1].split("</aside>")[0]
    assert "A headline no side column showed" in aside


def test_a_new_tag_reaches_the_articles_keys_and_its_read_more(
    client, settings, django_capture_on_commit_callbacks
):
    """The story's keys (its tags, authors, section) are kept between renders, and its publish
    changes them at once."""
    from delivery.cache import surrogate_keys_of
    from newsroom.keys import section_keys, tag_keys

    settings.HERALD_PAGE_CACHE = False
    section, article, path = _article_in("/business/")
    before = set(surrogate_keys_of(client.get(path, **NEWS)))
    assert set(section_keys(section)) <= before
    draft = article.get_latest_revision_as_object()
    draft.tags.add("a-tag-no-story-had")
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    response = client.get(path, **NEWS)
    from taggit.models import Tag

    tag = Tag.objects.get(slug="a-tag-no-story-had")
    assert set(tag_keys(tag)) <= set(surrogate_keys_of(response))
    assert '<a href="/tags/a-tag-no-story-had/">' in response.content.decode()
    assert '"a-tag-no-story-had"' in response.content.decode()  # the JSON-LD's keywords


def test_a_renamed_author_reaches_the_byline_and_the_json_ld(
    client, settings, django_capture_on_commit_callbacks
):
    settings.HERALD_PAGE_CACHE = False
    _section, article, path = _article_in("/business/")
    author = article.authors.first()
    assert author is not None, "the demo's stories have bylines"
    client.get(path, **NEWS)
    author.name = "A Name No Byline Had"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    html = client.get(path, **NEWS).content.decode()
    assert ">A Name No Byline Had</a>" in html
    assert '"name": "A Name No Byline Had"' in html


def test_a_new_story_leads_the_home_page_and_joins_its_latest_list(
    client, settings, django_capture_on_commit_callbacks
):
    """The home page's lead and latest list are kept under the site's latest keys."""
    from newsroom.models import SectionPage

    settings.HERALD_PAGE_CACHE = False
    before = client.get("/", **NEWS).content.decode()
    section = SectionPage.objects.get(url_path="/localhost/business/")
    with django_capture_on_commit_callbacks(execute=True):
        first = _new_story(section, "The first headline no home page showed")
        first.save_revision().publish()
        second = _new_story(section, "The second headline no home page showed")
        second.save_revision().publish()
    html = client.get("/", **NEWS).content.decode()
    assert "headline no home page showed" not in before
    lead = html.split('<section class="lead"', 1)[1].split("</section>")[0]
    assert "The second headline no home page showed" in lead
    latest = html.split('<ol class="latest-list">', 1)[1].split("</ol>")[0]
    assert "The first headline no home page showed" in latest


def test_a_new_gallery_reaches_the_home_pages_news_in_pictures(
    client, settings, django_capture_on_commit_callbacks
):
    from newsroom.models import GalleryImage, GalleryPage, PicturesIndexPage

    settings.HERALD_PAGE_CACHE = False
    client.get("/", **NEWS)
    index = PicturesIndexPage.objects.get(url_path="/localhost/pictures/")
    picture = GalleryImage.objects.filter(page__url_path__startswith="/localhost/").first()
    gallery = GalleryPage(title="A gallery no home page showed", slug="a-new-gallery")
    gallery.images.add(GalleryImage(image=picture.image, caption="A caption."))
    with django_capture_on_commit_callbacks(execute=True):
        index.add_child(instance=gallery)
        gallery.save_revision().publish()
    html = client.get("/", **NEWS).content.decode()
    block = html.split('id="pictures-heading"', 1)[1].split("</section>")[0]
    assert "A gallery no home page showed" in block


def test_a_published_reader_story_reaches_the_home_pages_mynews_block(
    client, settings, django_capture_on_commit_callbacks
):
    from community.models import MyNewsIndexPage, ReaderStoryPage

    settings.HERALD_PAGE_CACHE = False
    client.get("/", **NEWS)
    index = MyNewsIndexPage.objects.get(url_path="/localhost/mynews/")
    story = ReaderStoryPage(
        title="A reader story no home page showed", slug="a-new-reader-story", body="<p>Hi.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        index.add_child(instance=story)
        story.save_revision().publish()
    html = client.get("/", **NEWS).content.decode()
    block = html.split('id="mynews-heading"', 1)[1].split("</section>")[0]
    assert "A reader story no home page showed" in block


def test_a_sections_list_is_kept_per_page_and_a_new_story_reaches_it(
    client, settings, django_capture_on_commit_callbacks
):
    from newsroom.models import SectionPage

    settings.HERALD_PAGE_CACHE = False
    section = SectionPage.objects.get(url_path="/localhost/business/")
    first, second = (client.get(f"/business/?page={n}", **NEWS).content.decode() for n in (1, 2))
    assert first != second, "each page of the list is a part of its own"
    assert client.get("/business/?page=1", **NEWS).content.decode() == first
    with django_capture_on_commit_callbacks(execute=True):
        story = _new_story(section, "A headline no section list showed")
        story.save_revision().publish()
    html = client.get("/business/", **NEWS).content.decode()
    listed = html.split('<section class="story-list"', 1)[1].split("</section>")[0]
    assert "A headline no section list showed" in listed


@pytest.mark.parametrize("query", ["?page=abc", "?page=99999", "?page=2&q=rain"])
def test_a_list_with_an_odd_query_renders_and_is_not_kept(client, settings, query):
    """The paginator shows the first or last page for those; kept, each would be a part more,
    and the page links would carry another reader's query."""
    from delivery.pagecache import page_cache
    from newsroom.models import SectionPage

    settings.HERALD_PAGE_CACHE = False
    section = SectionPage.objects.get(url_path="/localhost/business/")
    raw = query.split("&")[0].removeprefix("?page=")
    name = f"part:tpl:section-list:{section.pk}:{raw}"
    page_cache().delete(name)
    response = client.get(f"/business/{query}", **NEWS)
    assert response.status_code == 200
    assert page_cache().get(name) is None
    client.get(f"/business/?page={raw}" if raw.isdigit() else "/business/?page=1", **NEWS)
    if raw == "2":  # the same page without the other parameter is kept
        assert page_cache().get(name) is not None


def test_an_authors_list_is_its_own_sites(client, settings):
    """An author writing on two sites has a list on each, of that site's stories: the part
    is named by the site's home page."""
    from wagtail.models import Site

    from newsroom.models import ArticlePage, Author

    settings.HERALD_PAGE_CACHE = False
    author = Author.objects.filter(articles__url_path__startswith="/localhost/").first()
    sport_home = Site.objects.get(hostname="sport.localhost").root_page
    sport_story = ArticlePage.objects.live().descendant_of(sport_home).first()
    sport_story.authors.add(author)
    sport_story.save()
    news = client.get(f"/authors/{author.slug}/", **NEWS).content.decode()
    sport = client.get(f"/authors/{author.slug}/", HTTP_HOST="sport.localhost").content.decode()
    news_list = news.split('<section class="story-list"', 1)[1].split("</section>")[0]
    sport_list = sport.split('<section class="story-list"', 1)[1].split("</section>")[0]
    assert news_list != sport_list


def test_within_a_request_each_keys_version_is_read_once(monkeypatch):
    from delivery.pagecache import page_cache

    first, second = Renderer(keys=["site-2", "section-7"]), Renderer(keys=["site-2"])
    part_cached("header", first)
    part_cached("block:7", second)
    cache = page_cache()
    names_read = []
    get_many = cache.get_many

    def counted(names, *args, **kwargs):
        names_read.extend(names)
        return get_many(names, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted)
    with fragments.versions_read_once():
        for _ in range(3):
            assert part_cached("header", first).html == "<p>render 1</p>"
            assert part_cached("block:7", second).html == "<p>render 1</p>"
    assert sorted(names_read) == ["sk:section-7", "sk:site-2"]
    assert first.calls == second.calls == 1


def test_a_purge_during_a_request_reaches_the_next_one():
    render = Renderer(keys=["site-2"])
    part_cached("header", render)
    with fragments.versions_read_once():
        assert part_cached("header", render).html == "<p>render 1</p>"
        keys_purge(["site-2"])
        # This request keeps the versions it read; the page it renders is stored stale.
        assert part_cached("header", render).html == "<p>render 1</p>"
    with fragments.versions_read_once():
        assert part_cached("header", render).html == "<p>render 2</p>"


class StoreReads:
    """The page cache's round trips: each get, get_many, set, add or delete is one."""

    def __init__(self, monkeypatch):
        from delivery.pagecache import page_cache

        self.calls = []
        self._depth = 0  # the local-memory store's get_many calls its own get
        cache = page_cache()
        for method in ("get", "get_many", "set", "set_many", "add", "delete"):
            self._count(monkeypatch, cache, method)

    def _count(self, monkeypatch, cache, method):
        original = getattr(cache, method)

        def counted(*args, **kwargs):
            if not self._depth:
                self.calls.append((method, args[0] if args else None))
            self._depth += 1
            try:
                return original(*args, **kwargs)
            finally:
                self._depth -= 1

        monkeypatch.setattr(cache, method, counted)


def test_a_page_fetches_the_parts_it_read_last_time_in_one_round_trip(monkeypatch):
    header, block = Renderer(keys=["site-2", "section-7"]), Renderer(keys=["site-2"])
    for _ in range(2):  # the first request keeps the parts, the second learns the plan
        with fragments.versions_read_once("localhost/news/"):
            part_cached("header", header)
            part_cached("block:7", block)
    reads = StoreReads(monkeypatch)
    with fragments.versions_read_once("localhost/news/"):
        assert part_cached("header", header).html == "<p>render 1</p>"
        assert part_cached("block:7", block).html == "<p>render 1</p>"
    assert [method for method, _ in reads.calls] == ["get_many"]
    assert sorted(reads.calls[0][1]) == [
        "part:block:7",
        "part:header",
        "sk:section-7",
        "sk:site-2",
    ]
    assert header.calls == block.calls == 1


def test_a_plan_is_a_guess_parts_it_missed_are_read_and_purges_still_reach_the_page():
    header, block = Renderer(keys=["site-2"]), Renderer(keys=["section-7"])
    with fragments.versions_read_once("localhost/news/"):
        part_cached("header", header)
    with fragments.versions_read_once("localhost/news/"):
        # The page now shows a part its plan does not name: it is read (and kept) on its own.
        assert part_cached("header", header).html == "<p>render 1</p>"
        assert part_cached("block:7", block).html == "<p>render 1</p>"
    keys_purge(["section-7"])
    with fragments.versions_read_once("localhost/news/"):
        assert part_cached("header", header).html == "<p>render 1</p>"
        assert part_cached("block:7", block).html == "<p>render 2</p>"
    assert header.calls == 1 and block.calls == 2


@pytest.mark.parametrize("path", ["article", "/"])
def test_a_warm_render_reads_the_store_in_one_round_trip(client, settings, monkeypatch, path):
    """With the page cache off (every render a miss), a warm page reads its route, its kept
    parts and their keys' versions in one round trip (before its plan: 12 for an article, 27
    for the home page)."""
    from newsroom.models import ArticlePage

    settings.HERALD_PAGE_CACHE = False
    if path == "article":
        article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
        path = article.url_path[len("/localhost") :]
    for _ in range(2):
        assert client.get(path, **NEWS).status_code == 200
    reads = StoreReads(monkeypatch)
    assert client.get(path, **NEWS).status_code == 200
    assert [method for method, _ in reads.calls] == ["get_many"], reads.calls
