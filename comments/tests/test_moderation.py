"""The moderation desk: queues with context, decisions in bulk, each recorded and told."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts.selectors import suspension_active
from comments import toxicity
from comments.models import Comment
from moderation.models import Decision
from moderation.selectors import decisions_for_item, decisions_for_member
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_superuser("desk@example.com", "long-pass-phrase-1")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    client.user = user
    return client


def held(article, author, body):
    return Comment.objects.create(
        page=article,
        author=author,
        body=body,
        status="held",
        checks=[{"check": "links", "outcome": "hold", "reason": "3 links"}],
    )


def test_the_pending_queue_shows_context_oldest_first(moderator, member, article):
    parent = Comment.objects.create(page=article, author=member, body="The parent comment")
    first = held(article, member, "First held")
    held(article, member, "Second held")
    Comment.objects.filter(pk=first.pk).update(parent=parent)
    html = moderator.get("/admin/comments/?queue=pending").content.decode()
    assert html.index("First held") < html.index("Second held")
    assert "In reply to Nandi: “The parent comment”" in html
    assert "Author's history: 1 published, 2 held, 0 rejected" in html
    assert "Too many links: held for review (3 links)" in html and "→" not in html
    assert article.title in html


def test_approve_in_bulk_publishes_records_and_tells_the_authors(moderator, member, article):
    comments = [held(article, member, f"Held {n}") for n in range(3)]
    response = moderator.post(
        "/admin/comments/?queue=pending",
        {"ids": [c.pk for c in comments], "action": "approve", "reason": ""},
    )
    assert response.status_code == 302
    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True)
    ) == {"published"}
    decisions = [decision for c in comments for decision in decisions_for_item(c)]
    assert len(decisions) == 3
    assert {(d.action, d.decided_by_id, d.member_id) for d in decisions} == {
        ("approve", moderator.user.pk, member.pk)
    }
    assert Notification.objects.filter(member=member, text__contains="was approved").count() == 3


def test_rejecting_needs_a_reason_which_the_member_sees(moderator, member, article):
    comment = held(article, member, "Borderline")
    moderator.post("/admin/comments/", {"ids": [comment.pk], "action": "reject", "reason": ""})
    comment.refresh_from_db()
    assert comment.status == "held"  # refused without a reason
    moderator.post(
        "/admin/comments/", {"ids": [comment.pk], "action": "reject", "reason": "Off-topic"}
    )
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == ("rejected", "Off-topic")
    (decision,) = decisions_for_item(comment)
    assert (decision.action, decision.reason, decision.decided_by) == (
        "reject",
        "Off-topic",
        moderator.user,
    )
    assert timezone.now() - decision.decided_at < datetime.timedelta(minutes=1)
    member_view = Client(HTTP_HOST="localhost")
    member_view.force_login(member)
    form = member_view.get(f"/comments/form/{article.pk}/").content.decode()
    assert "Rejected" in form and "Off-topic" in form
    assert Notification.objects.get(member=member).text.endswith("rejected: Off-topic")


def test_feature_and_suspend(moderator, member, article):
    comment = Comment.objects.create(page=article, author=member, body="Insightful")
    moderator.post("/admin/comments/", {"ids": [comment.pk], "action": "feature"})
    comment.refresh_from_db()
    assert comment.featured
    featured = moderator.get("/admin/comments/?queue=featured").content.decode()
    assert f'id="desk-comment-{comment.pk}"' in featured
    moderator.post(
        "/admin/comments/",
        {"ids": [comment.pk], "action": "suspend", "reason": "Spamming", "suspend_for": "7"},
    )
    suspension = suspension_active(member)
    assert suspension.reason == "Spamming" and suspension.until is not None
    suspend, feature = decisions_for_member(member)
    assert (suspend.action, suspend.item, suspend.reason) == ("suspend", suspension, "Spamming")
    assert (feature.action, feature.item) == ("feature", comment)
    assert Decision.objects.filter(member=member).count() == 2  # one per decision, no more


def test_reported_queue_lists_reports_most_reported_first(moderator, member, make_member, article):
    quiet = Comment.objects.create(page=article, author=member, body="Quiet", report_count=1)
    loud = Comment.objects.create(page=article, author=member, body="Loud", report_count=3)
    html = moderator.get("/admin/comments/?queue=reported").content.decode()
    assert html.index(f"desk-comment-{loud.pk}") < html.index(f"desk-comment-{quiet.pk}")


def test_only_moderators_may_use_the_desk(django_user_model):
    editor = django_user_model.objects.create_user("ed@example.com", "long-pass-phrase-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    assert client.get("/admin/comments/").status_code in (302, 403)


class FakeScorer(BaseHTTPRequestHandler):
    mode = "good"

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.mode == "broken":
            self.send_response(500)
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()
        if self.path.startswith("/perspective"):
            body = {"attributeScores": {"TOXICITY": {"summaryScore": {"value": 0.97}}}}
            self.wfile.write(json.dumps(body).encode())
        else:
            self.wfile.write(b"true")

    def log_message(self, *args):
        pass


@pytest.fixture
def scorer(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeScorer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    FakeScorer.mode = "good"
    settings.HERALD_PERSPECTIVE_URL = f"{base}/perspective"
    settings.HERALD_AKISMET_URL = f"{base}/akismet"
    yield FakeScorer
    server.shutdown()


def test_hosted_scorers_are_used_only_with_keys_and_fall_back_when_they_fail(scorer, settings):
    text = "A calm and reasonable remark about rates."
    assert toxicity.score(text)[1] == "local"
    settings.HERALD_PERSPECTIVE_API_KEY = "key"
    assert toxicity.score(text) == (0.97, "perspective")
    settings.HERALD_AKISMET_KEY = "key"
    assert toxicity.score(text) == (1.0, "akismet")
    scorer.mode = "broken"
    value, source = toxicity.score(text)
    assert source == "local" and value < 0.5
    settings.HERALD_PERSPECTIVE_URL = "http://127.0.0.1:9/nothing"
    assert toxicity.score(text)[1] == "local"


def test_comments_join_the_data_export_and_account_deletion(member, article):
    from accounts.services import member_delete, member_export

    Comment.objects.create(page=article, author=member, body="Export me")
    exported = member_export(member=member)
    assert exported["comments"][0]["body"] == "Export me"
    member_delete(member=member, mode="anonymise")
    comment = Comment.objects.get(body="Export me")
    assert comment.author is None
    html = Client().get(f"/comments/thread/{article.pk}/", HTTP_HOST="localhost").content.decode()
    assert "Former member" in html


def test_removing_an_account_removes_its_comments(make_member, article):
    from accounts.services import member_delete

    leaver = make_member("leaver")
    Comment.objects.create(page=article, author=leaver, body="Gone with me")
    member_delete(member=leaver, mode="remove")
    assert not Comment.objects.filter(body="Gone with me").exists()


def test_approving_a_reported_comment_answers_its_reports(moderator, member, article):
    comment = Comment.objects.create(
        page=article, author=member, body="Contested", status="held", report_count=3
    )
    moderator.post("/admin/comments/", {"ids": [comment.pk], "action": "approve"})
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == ("published", 0)


def test_removing_an_account_keeps_others_replies(make_member, article):
    from accounts.services import member_delete

    leaver, stayer = make_member("leaver2"), make_member("stayer")
    answered = Comment.objects.create(page=article, author=leaver, body="Answered")
    reply = Comment.objects.create(page=article, author=stayer, body="My answer", parent=answered)
    member_delete(member=leaver, mode="remove")
    answered.refresh_from_db()
    assert answered.author is None and answered.body == "" and answered.withdrawn
    assert Comment.objects.filter(pk=reply.pk).exists()


def test_the_desk_shows_each_comments_and_its_authors_decisions(moderator, member, article):
    comment = held(article, member, "Buy my tickets")
    moderator.post(
        "/admin/comments/",
        {"ids": [comment.pk], "action": "reject", "standard_reason": "spam", "reason": "A shop."},
    )
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == ("rejected", "Spam or advertising. A shop.")
    (decision,) = decisions_for_item(comment)
    assert (decision.standard_reason, decision.reason) == ("spam", "A shop.")
    response = moderator.get("/admin/comments/?queue=recent")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Decisions: Rejected by desk@example.com" in html
    assert "Decisions about the author: Rejected by desk@example.com" in html
    assert "Spam or advertising. A shop." in html


def test_bad_input_on_the_desk_is_a_message_not_an_error(moderator, member, article):
    comment = held(article, member, "Borderline")
    for data in (
        {"ids": [comment.pk], "action": "reject", "standard_reason": "whim", "reason": "x"},
        {"ids": [comment.pk], "action": "shout"},
        {"ids": ["nope"], "action": "approve"},
    ):
        response = moderator.post("/admin/comments/", data, follow=True)
        assert response.status_code == 200
        messages = [str(m) for m in response.context["messages"]]
        assert messages and any(
            text in messages[0]
            for text in ("Choose a reason from the list", "Unknown action", "Tick at least one")
        )
    comment.refresh_from_db()
    assert comment.status == "held" and decisions_for_item(comment) == []


def test_the_members_data_export_lists_the_decisions_about_them(moderator, member, article):
    from accounts.services import member_export

    comment = held(article, member, "Borderline")
    moderator.post(
        "/admin/comments/", {"ids": [comment.pk], "action": "reject", "reason": "Off-topic"}
    )
    exported = member_export(member=member)["moderation_decisions"]
    assert [(d["decision"], d["why"]) for d in exported] == [("Rejected", "Off-topic")]


def test_the_comment_policy_settings_page_keeps_its_own_rules_only(moderator):
    response = moderator.get("/admin/settings/comments/commentpolicy/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="toxicity_threshold"' in html and 'name="banned_words"' not in html


def test_the_desks_histories_cost_the_same_queries_for_two_comments_or_twelve(
    moderator, make_member, article
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        moderator.get("/admin/comments/?queue=pending")  # warm: sessions, settings, content types
        with CaptureQueriesContext(connection) as captured:
            assert moderator.get("/admin/comments/?queue=pending").status_code == 200
        return len(captured)

    def add(n):
        for number in range(n):
            author = make_member()
            comment = held(article, author, f"Held {number}")
            moderator.post("/admin/comments/", {"ids": [comment.pk], "action": "feature"})
            moderator.post("/admin/comments/", {"ids": [comment.pk], "action": "unfeature"})
            Comment.objects.filter(pk=comment.pk).update(status="held")

    add(2)
    few = queries()
    add(10)
    # Decisions per comment and per author are one query each, whatever the page holds.
    assert queries() == few
