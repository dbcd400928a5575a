"""schemathesis drives every API operation from the OpenAPI document: no server errors, and
every response matches what the document promises."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Like Django's test client: requests must not close the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_api_conforms_to_its_openapi_document(case):
    cache.clear()  # the rate limit would otherwise stop the run
    # The WSGI client does not decode Brotli or gzip (test_api_caching checks those copies).
    case.call_and_validate(headers={"Host": "localhost", "Accept-Encoding": "identity"})
