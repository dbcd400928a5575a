"""Test set-up shared by every app: a small demo network built once per test session."""

import pytest

DEMO_ARTICLES = 60
DEMO_SEED = 7


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo network once; each test then runs in a transaction rolled back after it."""
    from newsroom.demo.build import demo_build

    with django_db_blocker.unblock():
        demo_build(articles=DEMO_ARTICLES, seed=DEMO_SEED, port=80)


@pytest.fixture
def news_site(db):
    from wagtail.models import Site

    return Site.objects.get(hostname="localhost")


@pytest.fixture
def sport_site(db):
    from wagtail.models import Site

    return Site.objects.get(hostname="sport.localhost")


@pytest.fixture(autouse=True)
def page_cache_empty():
    """Each test starts with an empty page cache (its own key prefix), so no page a test
    rendered is served to the next one."""
    import uuid

    from django.core.cache import caches

    pages = caches["pages"]
    original = pages.key_prefix
    pages.key_prefix = f"test-{uuid.uuid4().hex[:12]}"
    yield pages
    pages.key_prefix = original
