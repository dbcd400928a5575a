"""The demo network has reader contributions in every state an editor meets."""

import pytest
from wagtail.models import TaskState

from community import selectors
from community.models import ReaderPicture, ReaderStoryPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_published_stories_responses_and_pictures_on_every_site():
    for host in ("localhost", "sport"):
        stories = ReaderStoryPage.objects.live().filter(url_path__startswith=f"/{host}")
        assert stories.count() >= 3
        assert stories.filter(in_response_to__live=True).exists()
    assert ReaderPicture.objects.filter(live=True).exists()


def test_the_demo_leaves_work_waiting_in_the_queue_and_records_who_decided():
    waiting = selectors.review_queue()
    assert {kind for _state, kind, _item in waiting} == {"story", "picture"}
    decisions = TaskState.objects.filter(
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]
    )
    assert decisions.filter(status=TaskState.STATUS_REJECTED).exclude(comment="").exists()
    assert decisions.exists() and not decisions.filter(finished_by=None).exists()
