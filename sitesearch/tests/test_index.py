"""Herald's search index on PostgreSQL: what publishing writes, what searches find and in what
order, and the window that keeps a search of a large archive cheap."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from newsroom.models import ArticlePage
from sitesearch.documents import document_save, documents_from_wagtail_index
from sitesearch.models import SearchDocument

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]
NEWS = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def every_search_renders(settings):
    # Purges wait for a commit that the test's transaction never makes.
    settings.HERALD_PAGE_CACHE = False


def _articles(count):
    return list(
        ArticlePage.objects.live().filter(url_path__startswith="/localhost/").order_by("pk")
    )[:count]


def _publish(article, *, title=None, standfirst=None, days_ago=0):
    if title is not None:
        article.title = title
    if standfirst is not None:
        article.standfirst = standfirst
    # Carried by the revision: publishing keeps a first publication date it already has.
    article.first_published_at = timezone.now() - timezone.timedelta(days=days_ago)
    article.save_revision().publish()


def _found(client, query):
    return [page.pk for page in client.get(f"/search/?q={query}", **NEWS).context["results"]]


def test_publishing_writes_the_document_and_the_search_finds_it(client):
    [article] = _articles(1)
    _publish(article, title="Hadedas nest on the town hall")
    assert SearchDocument.objects.filter(page=article).exists()
    assert _found(client, "hadedas") == [article.pk]
    assert _found(client, "hadeda") == [article.pk]  # stemmed like Wagtail's backend


def test_a_title_match_ranks_above_a_standfirst_match_whatever_the_dates(client):
    in_title, in_standfirst = _articles(2)
    _publish(in_title, title="Aardwolf seen in Karoo", days_ago=5)
    _publish(in_standfirst, title="Night drive", standfirst="An aardwolf crossed.", days_ago=0)
    assert _found(client, "aardwolf") == [in_title.pk, in_standfirst.pk]


def test_a_draft_saved_on_a_live_page_stays_out_of_search_until_published(client):
    [article] = _articles(1)
    _publish(article, title="Council meets")
    article.title = "Council meets about the quagga project"
    revision = article.save_revision()
    assert _found(client, "quagga") == []
    revision.publish()
    assert _found(client, "quagga") == [article.pk]


def test_unpublished_and_deleted_pages_are_not_found(client):
    gone, hidden = _articles(2)
    _publish(gone, title="Pangolin rescue one")
    _publish(hidden, title="Pangolin rescue two")
    ArticlePage.objects.get(pk=hidden.pk).unpublish()
    ArticlePage.objects.get(pk=gone.pk).delete()
    assert _found(client, "pangolin") == []
    assert not SearchDocument.objects.filter(page_id__in=[gone.pk, hidden.pk, 0]).exclude(
        page_id=hidden.pk
    )


def test_only_the_newest_matches_within_the_window_are_ranked_and_the_page_says_so(
    client, settings
):
    settings.HERALD_SEARCH_WINDOW = 2
    old, newer, newest = _articles(3)
    _publish(old, title="Okapi okapi okapi", days_ago=30)  # the best match, but the oldest
    _publish(newer, title="Okapi at the zoo", days_ago=2)
    _publish(newest, title="Okapi born", days_ago=1)
    response = client.get("/search/?q=okapi", **NEWS)
    assert {page.pk for page in response.context["results"]} == {newer.pk, newest.pk}
    assert response.context["more_found"] is True
    assert "More than 2 stories found" in response.content.decode()
    since = (timezone.localdate() - timezone.timedelta(days=40)).isoformat()
    until = (timezone.localdate() - timezone.timedelta(days=20)).isoformat()
    assert _found(client, f"okapi&start={since}&end={until}") == [old.pk]  # dates reach it


def test_rebuild_indexes_live_articles_written_in_bulk(client):
    # The demo's articles are bulk-created, without signals: the command indexes them.
    [article] = _articles(1)
    SearchDocument.objects.all().delete()
    call_command("search_documents", verbosity=0)
    live = ArticlePage.objects.live().count()
    assert SearchDocument.objects.filter(page__live=True).count() >= live
    word = article.title.split()[0]
    assert article.pk in _found(client, word)


def test_documents_copied_from_wagtails_index_equal_those_written_on_publish():
    from wagtail.search.backends import get_search_backend

    [article] = _articles(1)
    _publish(article, title="Eland migration", standfirst="Herds move north.")
    written = _document_text(article.pk)
    get_search_backend().add(ArticlePage.objects.get(pk=article.pk))
    SearchDocument.objects.filter(page=article).delete()
    assert documents_from_wagtail_index() >= 1
    assert _document_text(article.pk) == written
    document_save(ArticlePage.objects.get(pk=article.pk))
    assert _document_text(article.pk) == written


def _document_text(page_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document::text FROM sitesearch_searchdocument WHERE page_id = %s", [page_id]
        )
        row = cursor.fetchone()
    return row[0] if row else None
