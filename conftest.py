"""Test set-up shared by every app: a small demo network built once per test session."""

import itertools

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests of PostgreSQL-only code run in the PostgreSQL pass of the suite (``.ci/run`` runs
    both); on SQLite they are left out rather than skipped, since nothing there could run them."""
    # Browser and multi-process tests last, whatever pytest's grouping by session-wide
    # fixtures did: Playwright's sync API leaves an event loop running in the test thread.
    items.sort(key=lambda item: item.nodeid.startswith("tests/"))
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    left_out = [item for item in items if item.get_closest_marker("postgresql") is not None]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


DEMO_ARTICLES = 60
DEMO_SEED = 7


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo network once; each test then runs in a transaction rolled back after it."""
    from herald.demo import demo_build

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
def page_cache_empty(settings):
    """Each test starts with an empty page cache (a key prefix of its own), so no page one test
    rendered is served to the next. Set through CACHES so that every thread's cache sees it."""
    import copy
    import uuid

    from delivery import pagecache
    from delivery.sites import sites_forget

    caches = copy.deepcopy(settings.CACHES)
    caches["pages"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches
    pagecache._local.clear()
    # The host → site memo expires after a minute: starting each test without it keeps query
    # counts the same whichever test happens to cross that minute.
    sites_forget()
    yield
    # A test that restricted a page has its transaction rolled back, but the restricted paths it
    # read meanwhile stay in the shared cache (Redis outlives the test): forget them, so the next
    # test does not lose that section from every list.
    from newsroom.restrictions import forget_restricted_paths

    forget_restricted_paths()


_member_numbers = itertools.count(1)


@pytest.fixture
def make_member(django_user_model):
    """Members with a profile (a username and a display name), ready to post and send."""
    from accounts.services import profile_create

    def make(name=None):
        name = name or f"member{next(_member_numbers)}"
        member = django_user_model.objects.create_user(f"{name}@example.com", "long-pass-phrase-1")
        profile_create(member=member, username=name, display_name=name.title())
        return member

    return make
