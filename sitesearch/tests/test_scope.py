"""Scope keys on PostgreSQL: each document says where its page sits, what it is and when it was
first published, and searches find matches by site, section, type and period through them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import ArticlePage, SectionPage
from sitesearch import keys
from sitesearch.models import SearchDocument

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]
NEWS = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def every_search_renders(settings):
    settings.HERALD_PAGE_CACHE = False


def _publish(article, title, *, days_ago=0):
    article.title = title
    article.first_published_at = timezone.now() - timezone.timedelta(days=days_ago)
    article.save_revision().publish()
    return article


def _news_articles(count):
    pages = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").order_by("pk")
    return list(pages[:count])


def _found(client, query):
    response = client.get(f"/search/?q={query}", **NEWS)
    return [page.pk for page in response.context["results"]], response.context["more_found"]


def _scope_keys(page_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme FROM sitesearch_searchdocument, unnest(document) "
            "WHERE page_id = %s AND lexeme LIKE '~%%' ORDER BY lexeme",
            [page_id],
        )
        return [lexeme for (lexeme,) in cursor.fetchall()]


def test_a_document_names_its_site_sections_type_and_period():
    [article] = _news_articles(1)
    _publish(article, "Rain on the reef", days_ago=3)
    article.refresh_from_db()
    ancestors = article.get_ancestors().filter(depth__gte=2)
    expected = [keys.ancestor_key(page.path) for page in ancestors]
    expected += [
        keys.type_key(ContentType.objects.get_for_model(ArticlePage).pk),
        keys.period_key(keys.period_of(article.first_published_at)),
    ]
    assert _scope_keys(article.pk) == sorted(expected)
    assert SearchDocument.objects.get(page=article).published_at == article.first_published_at


def test_a_word_used_only_on_the_other_site_is_not_found_here(client):
    sport = ArticlePage.objects.live().filter(url_path__startswith="/sport/").first()
    _publish(sport, "Springbok scrum wins it")
    assert _found(client, "springbok") == ([], False)
    sport_results = client.get("/search/?q=springbok", HTTP_HOST="sport.localhost")
    assert [page.pk for page in sport_results.context["results"]] == [sport.pk]


def test_matches_older_than_the_stepped_periods_are_found_newest_first(client, settings):
    settings.HERALD_SEARCH_WINDOW = 2
    ancient, old, recent = _news_articles(3)
    # Only the last step, which reads everything older than the weeks stepped through, reaches
    # 400 days back.
    _publish(ancient, "Dassie dassie dassie", days_ago=400)
    assert _found(client, "dassie") == ([ancient.pk], False)
    _publish(old, "Dassie colony", days_ago=100)
    _publish(recent, "Dassie seen", days_ago=1)
    found, more = _found(client, "dassie")
    assert set(found) == {old.pk, recent.pk} and more is True


def test_a_moved_article_is_found_under_its_new_section(client):
    world = SectionPage.objects.get(slug="world")
    tech = SectionPage.objects.get(slug="tech")
    article = _publish(ArticlePage.objects.live().child_of(world).first(), "Meerkat robot")
    article.move(tech, pos="last-child")
    assert _found(client, f"meerkat&section={tech.pk}") == ([article.pk], False)
    assert _found(client, f"meerkat&section={world.pk}") == ([], False)


def test_unpublishing_removes_the_document():
    [article] = _news_articles(1)
    _publish(article, "Caracal sighting")
    ArticlePage.objects.get(pk=article.pk).unpublish()
    assert not SearchDocument.objects.filter(page=article).exists()


@pytest.mark.parametrize("query", ["the", "and the of"])
def test_a_query_of_stop_words_finds_nothing_rather_than_everything(client, query):
    assert _found(client, query) == ([], False)


def test_the_keys_command_rekeys_documents_after_the_period_changes(settings):
    [article] = _news_articles(1)
    _publish(article, "Gemsbok herd", days_ago=20)
    settings.HERALD_SEARCH_PERIOD_DAYS = 30
    call_command("search_documents", keys=True, verbosity=0)
    article.refresh_from_db()
    assert keys.period_key(keys.period_of(article.first_published_at)) in _scope_keys(article.pk)
    assert len([key for key in _scope_keys(article.pk) if key.startswith("~p")]) == 1


def test_a_word_common_in_the_newest_weeks_takes_one_index_lookup(client, settings):
    settings.HERALD_SEARCH_WINDOW = 2
    for days_ago, article in enumerate(_news_articles(3)):
        _publish(article, "Hornbill nesting season", days_ago=days_ago)
    with CaptureQueriesContext(connection) as queries:
        found, more = _found(client, "hornbill")
    assert len(found) == 2 and more is True
    assert len([query for query in queries if "@@" in query["sql"]]) == 1


def test_a_word_rare_lately_goes_back_in_sized_steps_then_reads_the_rest(client, settings):
    settings.HERALD_SEARCH_WINDOW = 2
    recent, old, older = _news_articles(3)
    _publish(recent, "Bushbuck on the road", days_ago=1)
    _publish(old, "Bushbuck census", days_ago=900)
    _publish(older, "Bushbuck history", days_ago=901)
    with CaptureQueriesContext(connection) as queries:
        found, more = _found(client, "bushbuck")
    assert recent.pk in found and len(found) == 2 and more is True
    searches = [query["sql"] for query in queries if "@@" in query["sql"]]
    # The newest weeks (1 match in 3 weeks), a step sized to find the 2 missing (8 weeks, none
    # there), then, as that rate would need more than 26 weeks, everything older at once.
    assert [search.count("'~p") for search in searches] == [3, 8, 0]
