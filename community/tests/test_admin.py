"""The editors' side: the queue, Wagtail's Publish and Refuse actions, the decision record."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from community import selectors
from community.models import ReaderPicture, ReaderStoryPage

from .conftest import decide, picture_file, submit_story

pytestmark = pytest.mark.django_db


def test_the_queue_lists_contributions_oldest_first_with_the_contributors_record(
    editor_client, editor, member, make_member, news_index
):
    first = submit_story(member, news_index, title="The oldest story")
    old = submit_story(member, news_index, title="Already refused")
    decide(old, editor, approve=False, reason="Breaks the contributions policy")
    published = submit_story(member, news_index, title="Already published")
    decide(published, editor)
    newest = submit_story(make_member(), news_index, title="The newest story")
    html = editor_client.get("/admin/contributions/").content.decode()
    assert html.index(first.title) < html.index(newest.title)
    assert "Already published" not in html.split("Latest decisions")[0]
    assert "1 published, 1 refused" in html  # the member's record
    assert "Breaks the contributions policy" in html  # the decision, who and why
    assert editor.public_name in html.split("Latest decisions")[1]
    # Work taken down later still counts as once published.
    ReaderStoryPage.objects.get(pk=published.pk).unpublish()
    assert "1 published, 1 refused" in editor_client.get("/admin/contributions/").content.decode()


def test_the_queue_is_for_reviewers_only(member):
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    response = client.get("/admin/contributions/")
    assert response.status_code in {302, 403}


def test_refusing_in_wagtail_records_the_chosen_reason(editor_client, editor, member, news_index):
    story = submit_story(member, news_index)
    state = story.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{story.pk}/reject/{state.pk}/"
    modal = editor_client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert modal.status_code == 200
    assert "Unverified claims or no sources" in modal.content.decode()  # the standard reasons
    empty = editor_client.post(
        url, {"reason": "", "comment": ""}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert "Choose a reason or write one" in empty.content.decode()
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS
    editor_client.post(url, {"reason": "Unverified claims or no sources", "comment": "Sources?"})
    decided = TaskState.objects.get(pk=state.pk)
    assert decided.status == TaskState.STATUS_REJECTED
    assert decided.finished_by == editor and decided.finished_at is not None
    assert decided.comment == "Unverified claims or no sources. Sources?."


def test_publishing_from_the_editor_publishes_the_story(editor_client, member, news_index):
    story = submit_story(member, news_index)
    state = story.current_workflow_task_state
    edit = editor_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Refuse" in edit and "Publish" in edit
    assert "Their record: 0 published, 0 refused" in edit  # the contribution panel
    editor_client.post(f"/admin/pages/workflow/action/{story.pk}/approve/{state.pk}/")
    assert ReaderStoryPage.objects.get(pk=story.pk).live


def test_pictures_are_reviewed_as_snippets(editor_client, member, member_client):
    member_client.post(
        "/galleries/submit/",
        {"caption": "Harbour at dawn", "key": "f" * 32, "pictures": [picture_file()]},
    )
    picture = ReaderPicture.objects.get(contributor=member)
    queued = [item for _state, kind, item in selectors.review_queue() if kind == "picture"]
    assert picture in queued
    html = editor_client.get("/admin/contributions/").content.decode()
    assert "Harbour at dawn" in html
    edit = editor_client.get(f"/admin/snippets/community/readerpicture/edit/{picture.pk}/")
    assert edit.status_code == 200 and "Reader picture" in edit.content.decode()
    state = picture.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_community_readerpicture:workflow_action",
        args=[picture.pk, "approve", state.pk],
    )
    editor_client.post(url)
    assert ReaderPicture.objects.get(pk=picture.pk).live
