import pytest
from django.core.cache import cache

from newsroom.models import ArticlePage


@pytest.fixture(autouse=True)
def comment_rules(settings):
    """Plain rules unless a test says otherwise: no new-member hold, no rate-limit carry-over."""
    settings.HERALD_COMMENT_NEW_MEMBER_HOLDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(make_member):
    return make_member("nandi")


@pytest.fixture
def article(db):
    """The newest news story, without the demo's comments."""
    from comments.models import Comment

    story = (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/")
        .order_by("-first_published_at")
        .first()
    )
    Comment.objects.filter(page=story).delete()
    return story
