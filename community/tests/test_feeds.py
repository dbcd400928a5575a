"""The MyNews feeds: valid RSS and Atom of published reader stories, advertised and purged."""

import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own output)

import pytest
from django.test import Client

from community.models import ReaderStoryPage

from .conftest import decide, submit_story

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _xml(url):
    response = Client(HTTP_HOST="localhost").get(url)
    assert response.status_code == 200, url
    return response, ET.fromstring(response.content)  # noqa: S314 (our own output)


def test_rss_lists_published_reader_stories_with_their_contributor(
    member, news_index, editor, django_capture_on_commit_callbacks
):
    _xml("/feeds/mynews/rss/")  # cached now: publishing must purge it
    story = submit_story(member, news_index, title="Feed-worthy story")
    with django_capture_on_commit_callbacks(execute=True):
        decide(story, editor)
    response, rss = _xml("/feeds/mynews/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = rss.findall("channel/item")
    live = ReaderStoryPage.objects.live().filter(url_path__startswith="/localhost/")
    assert len(items) == live.count()
    newest = items[0]
    assert newest.findtext("title") == "Feed-worthy story"
    assert newest.findtext("guid") == newest.findtext("link")
    assert newest.findtext("link").startswith("http://localhost/mynews/")
    assert "Reader contribution" in [c.text for c in newest.findall("category")]
    assert member.public_name in (
        newest.findtext("author")
        or newest.findtext("{http://purl.org/dc/elements/1.1/}creator")
        or ""
    )
    assert "Residents of the valley" in newest.findtext("description")
    drafts = ReaderStoryPage.objects.filter(live=False).values_list("title", flat=True)
    assert not set(drafts) & {item.findtext("title") for item in items}


def test_atom_feed_and_the_feed_is_advertised():
    _response, atom = _xml("/feeds/mynews/atom/")
    assert atom.tag == f"{ATOM}feed"
    entries = atom.findall(f"{ATOM}entry")
    assert entries and all(e.findtext(f"{ATOM}author/{ATOM}name") for e in entries)
    html = Client(HTTP_HOST="localhost").get("/mynews/").content.decode()
    assert 'href="/feeds/mynews/rss/"' in html and 'href="/feeds/mynews/atom/"' in html


def test_a_site_without_mynews_has_no_feed(news_index):
    news_index.unpublish()
    assert Client(HTTP_HOST="localhost").get("/feeds/mynews/rss/").status_code == 404
