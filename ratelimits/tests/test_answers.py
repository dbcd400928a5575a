"""Every limit answers alike: 429, Retry-After, and a wait said as people say it."""

import pytest
from django.http import HttpResponse

from ratelimits.answers import RateLimited, too_many_requests, wait_text


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (1, "in 1 second"),
        (0.2, "in 1 second"),
        (2, "in 2 seconds"),
        (59, "in 59 seconds"),
        (60, "in a minute or two"),
        (90, "in a minute or two"),
        (91, "in about 2 minutes"),
        (3000, "in about 50 minutes"),
        (5400, "in about 2 hours"),
        (3600 * 19, "in about 19 hours"),
    ],
)
def test_waits_are_said_with_the_right_number_and_plural(seconds, said):
    assert wait_text(seconds) == said


def test_a_form_page_becomes_the_answer_past_a_limit_with_its_body_kept():
    page = HttpResponse("<textarea>what they typed</textarea>", status=200)
    answer = too_many_requests(page, 42.3)
    assert answer is page
    assert answer.status_code == 429 and answer["Retry-After"] == "42"
    assert b"what they typed" in answer.content


def test_a_refusal_carries_its_message_and_never_a_zero_wait():
    refusal = RateLimited("Slow down.", retry_after=0)
    assert str(refusal) == "Slow down." and refusal.message == "Slow down."
    assert refusal.retry_after == 1
