"""Editors' approvals, refusals and take-downs of contributions are each one decision in the
moderation record, with who, when and why; the desk and the edit page show them."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from community.models import ReaderStoryPage
from moderation.models import Decision
from moderation.selectors import decisions_for_item, decisions_for_member

from .conftest import decide, submit_story

pytestmark = pytest.mark.django_db


def test_refusing_a_story_is_one_decision_with_who_when_and_why(member, news_index, editor):
    story = submit_story(member, news_index)
    before = timezone.now()
    decide(story, editor, approve=False, reason="Unverified claims or no sources", comment="Who?")
    (decision,) = decisions_for_item(ReaderStoryPage.objects.get(pk=story.pk))
    assert (decision.action, decision.decided_by, decision.member) == ("reject", editor, member)
    assert before <= decision.decided_at <= timezone.now()
    assert decision.why == "Unverified claims or no sources. Who?."


def test_approving_then_taking_down_adds_one_decision_each(
    member, news_index, editor, editor_client
):
    story = submit_story(member, news_index, title="Harbour lights")
    decide(story, editor)
    story = ReaderStoryPage.objects.get(pk=story.pk)
    url = f"/admin/contributions/take-down/story/{story.pk}/"
    editor_client.post(url, {"reason": "Someone else's work or picture"})
    taken_down, approved = decisions_for_item(story)
    assert (approved.action, approved.decided_by, approved.why) == ("approve", editor, "")
    assert (taken_down.action, taken_down.decided_by) == ("take_down", editor)
    assert taken_down.why == "Someone else's work or picture."
    assert [d.action for d in decisions_for_member(member)][:2] == ["take_down", "approve"]
    assert Decision.objects.filter(object_id=story.pk, member=member).count() == 2


def test_the_desk_and_the_edit_page_show_the_decisions(member, news_index, editor, editor_client):
    story = submit_story(member, news_index, title="Harbour lights")
    decide(story, editor, approve=False, reason="Unverified claims or no sources")
    queue = editor_client.get("/admin/contributions/")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert "Latest decisions" in html and "Rejected" in html
    assert escape("Unverified claims or no sources.") in html
    page = editor_client.get(f"/admin/pages/{story.pk}/edit/")
    assert page.status_code == 200
    assert "Decisions on it: Rejected by" in page.content.decode()
