"""The HTTP client's settings are checked at start-up, with how to fix them."""

import pytest

from external.checks import http_settings_check


def test_the_defaults_pass():
    assert http_settings_check(None) == []


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("HERALD_HTTP_TIMEOUT", 0, "external.E001"),
        ("HERALD_HTTP_TIMEOUT", -1.0, "external.E001"),
        ("HERALD_HTTP_RETRIES", -1, "external.E002"),
        ("HERALD_HTTP_RETRIES", 50, "external.E002"),
    ],
)
def test_a_bad_value_is_an_error_that_says_how_to_fix_it(settings, name, value, check_id):
    setattr(settings, name, value)
    (error,) = http_settings_check(None)
    assert error.id == check_id and error.hint
