import pytest
from django.core import signals
from django.db import close_old_connections


@pytest.fixture
def front_door(db):
    """Django's ASGI app behind the page cache's front door, sharing the test's transaction."""
    from django.core.handlers.asgi import ASGIHandler

    from delivery.asgi import with_page_cache

    # The test's transaction must survive Django's per-request connection housekeeping.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield with_page_cache(ASGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
