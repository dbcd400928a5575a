"""Members post, reply, edit and delete; readers report and respect; the thread fragment stays
public and is purged when it changes."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment, Report, ThreadSettings
from moderation.models import WordPolicy
from notifications.models import Notification

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def signed_in(member):
    client = Client(**NEWS)
    client.force_login(member)
    return client


def post(client, article, body, **extra):
    return client.post(f"/comments/{article.pk}/post/", {"body": body, **extra})


def test_a_member_posts_and_it_appears_in_the_public_thread(member, article):
    response = post(
        signed_in(member), article, "Well reported. <b>Thanks</b> https://example.org/x"
    )
    comment = Comment.objects.get(author=member)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    thread = Client().get(f"/comments/thread/{article.pk}/", **NEWS)
    html = thread.content.decode()
    assert "public" in thread["Cache-Control"]
    assert f"thread-{article.pk}" in thread["Surrogate-Key"].split()
    assert "&lt;b&gt;Thanks&lt;/b&gt;" in html and "<b>Thanks" not in html
    assert '<a href="https://example.org/x" rel="nofollow ugc noopener">' in html
    assert "1 comment" in html and "Nandi" in html


def test_replies_are_one_level_deep_and_notify_the_parents_author(member, make_member, article):
    other = make_member("bongani")
    top = Comment.objects.create(page=article, author=other, body="Top-level")
    reply = Comment.objects.create(page=article, author=other, body="Reply", parent=top)
    post(signed_in(member), article, "Replying to the reply", parent=reply.pk)
    mine = Comment.objects.get(author=member)
    assert mine.parent == top  # attached to the top-level comment
    notice = Notification.objects.get(member=other)
    assert "Nandi replied to your comment" in notice.text
    assert notice.url.endswith(f"#comment-{mine.pk}")


def test_a_refused_comment_keeps_the_text_and_says_why(member, article):
    policy = WordPolicy.load()
    policy.banned_words = "scumbag"
    policy.save()
    response = post(signed_in(member), article, "You absolute scumbag, and more words I typed")
    html = response.content.decode()
    assert response.status_code == 400
    assert "contains words that are not allowed here" in html
    assert "You absolute scumbag, and more words I typed</textarea>" in html
    assert not Comment.objects.filter(author=member).exclude(status="rejected").exists()


def test_too_fast_is_a_429_with_retry_after_and_the_text_kept(member, article):
    client = signed_in(member)
    assert post(client, article, "First thought").status_code == 302
    response = post(client, article, "Second thought, quickly")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 4
    page = response.content.decode()
    assert "Second thought, quickly</textarea>" in page
    wait = int(response["Retry-After"])
    assert f"comment again in {wait} second{'s' if wait != 1 else ''}." in page


def test_held_comments_are_not_public_and_their_author_sees_why(member, article, settings):
    settings.HERALD_COMMENT_NEW_MEMBER_HOLDS = 1
    client = signed_in(member)
    post(client, article, "My very first comment")
    comment = Comment.objects.get(author=member)
    assert comment.status == "held"
    assert comment.checks == [
        {
            "check": "new_member",
            "outcome": "hold",
            "reason": "A new member's first comments are reviewed.",
        }
    ]
    assert (
        "My very first"
        not in Client().get(f"/comments/thread/{article.pk}/", **NEWS).content.decode()
    )
    form = client.get(f"/comments/form/{article.pk}/")
    assert "no-store" in form["Cache-Control"]
    text = form.content.decode()
    assert "Held for review" in text and "Awaiting review by a moderator." in text


@pytest.mark.parametrize("kind", ["missing", "unpublished", "closed"])
def test_posting_to_a_missing_unpublished_or_closed_thread(member, article, kind):
    client = signed_in(member)
    if kind == "missing":
        assert post(client, type("P", (), {"pk": 999999})(), "Hello").status_code == 404
        return
    if kind == "unpublished":
        article.unpublish()
        assert post(client, article, "Hello").status_code == 404
        return
    ThreadSettings.objects.create(page=article, closed=True)
    response = post(client, article, "Hello there")
    assert response.status_code == 400
    assert "Comments on this story are closed." in response.content.decode()


def test_csrf_is_enforced(member, article):
    client = Client(enforce_csrf_checks=True, **NEWS)
    client.force_login(member)
    assert post(client, article, "No token").status_code == 403
    assert not Comment.objects.filter(author=member).exists()


def test_anonymous_readers_are_sent_to_sign_in(article):
    response = Client(**NEWS).post(f"/comments/{article.pk}/post/", {"body": "hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_editing_within_the_window_marks_it_edited(member, article, settings):
    client = signed_in(member)
    post(client, article, "Frist!")
    comment = Comment.objects.get(author=member)
    response = client.post(f"/comments/edit/{comment.pk}/", {"body": "First!"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "First!" and comment.edited_at is not None
    thread = Client().get(f"/comments/thread/{article.pk}/", **NEWS).content.decode()
    assert "edited" in thread
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now()
        - datetime.timedelta(minutes=settings.HERALD_COMMENT_EDIT_MINUTES + 1)
    )
    # Past the window the page shows the comment, says editing has closed, and offers no Save.
    page = client.get(f"/comments/edit/{comment.pk}/").content.decode()
    assert "Editing has closed" in page and "First!" in page
    assert "<textarea" not in page and ">Save</button>" not in page
    late = client.post(f"/comments/edit/{comment.pk}/", {"body": "Too late"})
    html = late.content.decode()
    assert late.status_code == 403 and "changed for 5 minutes after they are posted" in html
    assert "Too late</textarea>" in html  # shown back to copy, not saved
    comment.refresh_from_db()
    assert comment.body == "First!"


def test_members_delete_their_own_comments_only(member, make_member, article):
    mine = Comment.objects.create(page=article, author=member, body="Mine")
    theirs = Comment.objects.create(page=article, author=make_member(), body="Theirs")
    client = signed_in(member)
    assert client.post(f"/comments/delete/{theirs.pk}/").status_code == 404
    assert client.post(f"/comments/delete/{mine.pk}/").status_code == 302
    mine.refresh_from_db()
    assert mine.status == "deleted" and mine.body == ""


def test_reports_from_k_members_hide_a_comment(member, make_member, article, settings):
    settings.HERALD_COMMENT_REPORTS_TO_HIDE = 2
    comment = Comment.objects.create(page=article, author=member, body="Contested")
    first, second = make_member(), make_member()
    signed_in(first).post(f"/comments/report/{comment.pk}/", {"reason": "abusive"})
    signed_in(first).post(f"/comments/report/{comment.pk}/", {"reason": "spam"})  # once each
    comment.refresh_from_db()
    assert comment.report_count == 1 and comment.status == "published"
    signed_in(second).post(f"/comments/report/{comment.pk}/", {"reason": "other", "text": "Rude"})
    comment.refresh_from_db()
    assert comment.status == "held" and "reports" in comment.reason
    assert Report.objects.filter(comment=comment).count() == 2
    own = signed_in(member).post(f"/comments/report/{comment.pk}/", {"reason": "spam"})
    assert own.status_code == 404  # hidden now; and nobody may report their own


def test_respect_toggles_and_counts(member, make_member, article):
    comment = Comment.objects.create(page=article, author=make_member(), body="Good point")
    client = signed_in(member)
    answer = client.post(f"/comments/respect/{comment.pk}/", HTTP_ACCEPT="application/json")
    assert answer.json() == {"respected": True, "count": 1}
    answer = client.post(f"/comments/respect/{comment.pk}/", HTTP_ACCEPT="application/json")
    assert answer.json() == {"respected": False, "count": 0}


def test_the_thread_fragment_is_purged_when_the_thread_changes(
    member, article, django_capture_on_commit_callbacks
):
    reader = Client(**NEWS)
    assert reader.get(f"/comments/thread/{article.pk}/")["X-Herald-Cache"] == "MISS"
    assert reader.get(f"/comments/thread/{article.pk}/")["X-Herald-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        post(signed_in(member), article, "Fresh comment")
    again = reader.get(f"/comments/thread/{article.pk}/")
    assert again["X-Herald-Cache"] == "MISS" and "Fresh comment" in again.content.decode()


def test_featured_comments_come_first_and_threads_sort_both_ways(member, article):
    now = timezone.now()
    for n in range(3):
        Comment.objects.create(
            page=article,
            author=member,
            body=f"Comment {n}",
            created_at=now + datetime.timedelta(minutes=n),
        )
    Comment.objects.filter(body="Comment 1").update(featured=True)
    html = Client().get(f"/comments/thread/{article.pk}/", **NEWS).content.decode()
    assert html.index("Comment 1") < html.index("Comment 0") < html.index("Comment 2")
    assert "Featured" in html
    newest = Client().get(f"/comments/thread/{article.pk}/?order=newest", **NEWS).content.decode()
    assert newest.index("Comment 2") < newest.index("Comment 0")


def test_a_5000_comment_threads_first_page_costs_a_constant_number_of_queries(
    member, make_member, article, settings
):
    settings.HERALD_PAGE_CACHE = False
    other = make_member()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(f"/comments/thread/{article.pk}/", **NEWS)
        assert response.status_code == 200
        return len(captured)

    Comment.objects.create(page=article, author=member, body="Only one")
    queries()  # the first request fills process caches (restricted pages)
    few = queries()
    now = timezone.now()
    tops = Comment.objects.bulk_create(
        Comment(
            page=article, author=member if n % 2 else other, body=f"Comment {n}", created_at=now
        )
        for n in range(4000)
    )
    Comment.objects.bulk_create(
        Comment(
            page=article,
            author=other,
            body="Reply",
            parent_id=tops[n % 20].pk
            or Comment.objects.filter(body=f"Comment {n % 20}").first().pk,
            created_at=now,
        )
        for n in range(1000)
    )
    many = queries()
    assert few == many <= 7


def test_comment_counts_for_a_list_in_one_query(member, article, django_assert_num_queries):
    Comment.objects.create(page=article, author=member, body="One")
    Comment.objects.create(page=article, author=member, body="Held", status="held")
    client = Client(**NEWS)
    response = client.get(f"/comments/counts/?ids={article.pk},999999")
    assert response.json() == {"counts": {str(article.pk): 1, "999999": 0}}
    assert "public" in response["Cache-Control"]
    assert client.get("/comments/counts/?ids=1;DROP").status_code == 400


def test_the_article_page_is_the_same_for_everyone_and_links_the_comments(member, article):
    url = article.url_path[len("/localhost") :]
    anonymous = Client(**NEWS).get(url)
    signed = signed_in(member).get(url)
    html = anonymous.content.decode()
    assert f'aria-labelledby="comments-heading" data-page-id="{article.pk}"' in html
    assert f'href="/comments/{article.pk}/"' in html
    assert signed.content == anonymous.content


def test_editing_a_held_comment_keeps_it_held(member, article, settings):
    settings.HERALD_COMMENT_NEW_MEMBER_HOLDS = 1
    client = signed_in(member)
    post(client, article, "Waiting for review")
    comment = Comment.objects.get(author=member)
    client.post(f"/comments/edit/{comment.pk}/", {"body": "Waiting for review, edited"})
    comment.refresh_from_db()
    assert comment.status == "held" and comment.body == "Waiting for review, edited"


def test_the_address_behind_trusted_proxies(rf, settings):
    from comments.pipeline import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.2", REMOTE_ADDR="127.0.0.1")
    settings.NINJA_NUM_PROXIES = 0
    assert client_ip(request) == "127.0.0.1"  # forwarded headers are not trusted by default
    settings.NINJA_NUM_PROXIES = 1
    assert client_ip(request) == "198.51.100.2"
    settings.NINJA_NUM_PROXIES = 2
    assert client_ip(request) == "203.0.113.9"


def test_threads_show_the_first_replies_and_link_to_all_of_them(member, make_member, article):
    other = make_member()
    top = Comment.objects.create(page=article, author=member, body="Question")
    now = timezone.now()
    for n in range(5):
        Comment.objects.create(
            page=article,
            author=other,
            body=f"Answer {n}",
            parent=top,
            created_at=now + datetime.timedelta(minutes=n),
        )
    thread = Client().get(f"/comments/thread/{article.pk}/", **NEWS).content.decode()
    assert "Answer 2" in thread and "Answer 3" not in thread
    assert f'<a href="/comments/replies/{top.pk}/">Show all 5 replies</a>' in thread
    page = Client().get(f"/comments/replies/{top.pk}/", **NEWS)
    assert page.status_code == 200 and "public" in page["Cache-Control"]
    assert all(f"Answer {n}" in page.content.decode() for n in range(5))
    assert Client().get("/comments/replies/999999/", **NEWS).status_code == 404


def test_a_bad_parent_is_a_form_error_not_a_crash(member, article):
    response = post(signed_in(member), article, "Hello", parent="not-a-number")
    assert response.status_code == 400
    assert "Check your comment and send it again." in response.content.decode()


DISGUISED = ["b\u200bad", "b\u00adad", "b\u200dad", "ba\ufe0fd", "b\u0430d", "\u0392\u0391D"]


@pytest.mark.parametrize("disguised", DISGUISED)
def test_a_banned_word_in_disguise_is_refused_and_the_text_kept_as_typed(
    member, article, disguised
):
    policy = WordPolicy.load()
    policy.banned_words = "bad"
    policy.save()
    response = post(signed_in(member), article, f"What a {disguised} idea")
    html = response.content.decode()
    assert response.status_code == 400
    assert "contains words that are not allowed here" in html
    assert f"What a {disguised} idea</textarea>" in html
    refused = Comment.objects.get(author=member)  # on the member's record, never shown
    assert (refused.status, refused.body) == (Comment.Status.REJECTED, f"What a {disguised} idea")


@pytest.mark.parametrize("disguised", DISGUISED)
def test_a_suspect_word_in_disguise_is_held_and_stored_as_typed(member, article, disguised):
    policy = WordPolicy.load()
    policy.suspect_words = "bad"
    policy.save()
    assert post(signed_in(member), article, f"What a {disguised} idea").status_code == 302
    comment = Comment.objects.get(author=member)
    assert comment.status == Comment.Status.HELD
    assert comment.body == f"What a {disguised} idea"  # folding is for matching only


def test_cyrillic_and_greek_comments_are_published_and_shown_as_typed(member, article):
    policy = WordPolicy.load()
    policy.banned_words = "cop\nkai\nass"
    policy.save()
    body = "Весь этот сор убрали в кассе. ΠΟΛΗ ΚΑΙ ΧΩΡΙΟ. A class act 👩\u200d💻"
    assert post(signed_in(member), article, body).status_code == 302
    assert Comment.objects.get(author=member).status == Comment.Status.PUBLISHED
    html = Client().get(f"/comments/thread/{article.pk}/", **NEWS).content.decode()
    assert body in html


def test_a_new_members_run_of_at_names_is_held_like_links(member, make_member, article, settings):
    settings.HERALD_COMMENT_INTERVAL = 0
    settings.HERALD_COMMENT_NEW_MEMBER_COMMENTS = 2
    six = "Hey @thabo_m @lerato @sipho-k @naledi @pieter @ayanda look at this"
    post(signed_in(member), article, six)
    held = Comment.objects.get(author=member)
    assert held.status == Comment.Status.HELD
    assert held.checks[0]["reason"] == "0 links and 6 @names"
    # An e-mail address is not an @name, and two of them are within the links allowed.
    post(signed_in(member), article, "Write to desk@herald.example or @thabo_m and @lerato")
    assert Comment.objects.filter(author=member).latest("pk").status == Comment.Status.PUBLISHED
    # A member with a record of published comments may name people.
    regular = make_member("regular")
    for number in range(2):
        Comment.objects.create(page=article, author=regular, body=f"Earlier comment {number}")
    post(signed_in(regular), article, six)
    assert Comment.objects.filter(author=regular).latest("pk").status == Comment.Status.PUBLISHED


def test_refusals_for_banned_words_count_towards_the_members_record(member, article, settings):
    """Ten refused comments used to leave no trace: the next clean one was published."""
    settings.HERALD_COMMENT_INTERVAL = 0
    policy = WordPolicy.load()
    policy.banned_words = "scumbag"
    policy.save()
    client = signed_in(member)
    for number in range(10):
        refused = post(client, article, f"You scumbag number {number}")
        assert refused.status_code == 400
    kept = Comment.objects.filter(author=member, status=Comment.Status.REJECTED)
    assert kept.count() == 10  # on the record, with what was written and why
    assert kept.first().reason == "Your comment contains words that are not allowed here."
    thread = Client().get(f"/comments/thread/{article.pk}/", **NEWS).content.decode()
    assert "scumbag" not in thread  # never shown

    post(client, article, "A perfectly civil remark about the budget.")
    clean = Comment.objects.filter(author=member).latest("pk")
    assert clean.status == Comment.Status.HELD
    assert "100% of recent comments rejected" in clean.checks[-1]["reason"]

    # Sending the same refused words again is refused for the words, not as a repeat.
    again = post(client, article, "You scumbag number 3")
    assert "words that are not allowed" in again.content.decode()


def test_a_refusal_for_when_it_was_sent_leaves_no_record(member, article):
    ThreadSettings.objects.create(page=article, closed=True)
    post(signed_in(member), article, "Too late for this thread")
    assert not Comment.objects.filter(author=member).exists()


def test_the_scorers_run_before_any_transaction_of_the_comment_opens(member, article, monkeypatch):
    """A hosted scorer may take its whole timeout: it must not hold the database meanwhile."""
    from django.db import connection

    from comments import toxicity

    baseline = len(connection.atomic_blocks)  # the test's own transaction
    depths = []

    def score(text, ip=""):
        depths.append(len(connection.atomic_blocks))
        return 0.01, "local"

    monkeypatch.setattr(toxicity, "score", score)
    client = signed_in(member)
    post(client, article, "A thoughtful first comment.")
    comment = Comment.objects.get(author=member)
    client.post(f"/comments/edit/{comment.pk}/", {"body": "A thoughtful first comment, edited."})
    assert len(depths) == 2 and set(depths) == {baseline}


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_report_and_edit_go_back_to_a_path_on_the_origin_posted_from(
    member, make_member, article, host
):
    """An absolute Location on another host (127.0.0.1 → localhost) is blocked by the page's
    ``form-action 'self'`` and the browser hangs; a path stays on the form's origin."""
    comment = Comment.objects.create(page=article, author=make_member(), body="Contested")
    client = Client(HTTP_HOST=host)
    client.force_login(member)
    reported = client.post(f"/comments/report/{comment.pk}/", {"reason": "spam"})
    assert reported.status_code == 302
    # "?flash": the message shows on the story, not on the browser's copy of it (a path still).
    assert reported["Location"] == f"{article.url_path[len('/localhost') :]}?flash#comments"
    assert Report.objects.filter(comment=comment, reporter=member).exists()
    mine = Comment.objects.create(page=article, author=member, body="First draft")
    edited = client.post(f"/comments/edit/{mine.pk}/", {"body": "Second draft, better"})
    assert edited.status_code == 302
    assert edited["Location"].startswith(f"{article.url_path[len('/localhost') :]}?flash#comment-")


def test_thanks_shows_on_the_story_after_posting_and_never_on_a_later_page(
    member, make_member, article, settings
):
    """It used to wait in the session until a private page (Report) showed it."""
    settings.HERALD_COMMENT_NEW_MEMBER_HOLDS = 1
    client = signed_in(member)
    posted = post(client, article, "A thoughtful first comment on this story.")
    landing = client.get(posted["Location"])
    assert "Thanks! Your comment is awaiting review" in landing.content.decode()
    other = Comment.objects.create(page=article, author=make_member(), body="Someone else")
    report = client.get(f"/comments/report/{other.pk}/").content.decode()
    assert "Thanks!" not in report and "awaiting review" not in report


def test_comment_counts_say_nothing_of_pages_readers_may_not_see(member, article):
    from wagtail.models import PageViewRestriction

    from newsroom.models import ArticlePage

    hidden, gone = (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/")
        .exclude(pk=article.pk)
        .order_by("-first_published_at")[:2]
    )
    for page in (article, hidden, gone):
        Comment.objects.create(page=page, author=member, body="Seen?")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    gone.unpublish()
    response = Client(**NEWS).get(f"/comments/counts/?ids={article.pk},{hidden.pk},{gone.pk}")
    assert response.json() == {"counts": {str(article.pk): 1, str(hidden.pk): 0, str(gone.pk): 0}}
