"""MyNews stories: drafts, the 200-word rule, one story per form, review, publishing, rights."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.models import WorkflowState

from accounts.services import member_suspend
from community import selectors, services
from community.models import ReaderStoryPage
from moderation.models import WordPolicy
from newsroom import extensions
from notifications.models import Notification

from .conftest import decide, submit_story, words

pytestmark = pytest.mark.django_db


def form(n_words=220, *, key=None, action="submit", **extra):
    return {
        "title": "Water is back in Umlazi",
        "body": words(n_words),
        "place": "",
        "tags": "Water, Durban",
        "key": str(key or uuid.uuid4()),
        "action": action,
        **extra,
    }


def test_submission_needs_a_profile_and_a_sign_in(member_client, make_member):
    anonymous = Client(HTTP_HOST="localhost")
    response = anonymous.get("/mynews/submit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = anonymous.post("/mynews/submit/", form())
    assert (
        response.status_code == 302
        and not ReaderStoryPage.objects.filter(title="Water is back in Umlazi").exists()
    )
    assert member_client.get("/mynews/submit/").status_code == 200


def test_a_story_under_200_words_is_refused_and_everything_typed_is_kept(member_client, member):
    response = member_client.post("/mynews/submit/", form(199))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your story has 199 words" in html and "add at least 1 more" in html
    assert "Residents of the valley gathered" in html  # the text, back in the form
    assert 'value="Water is back in Umlazi"' in html and 'value="Water, Durban"' in html
    story = ReaderStoryPage.objects.get(contributor=member)  # kept as a draft
    assert story.live is False and story.word_count == 199
    assert selectors.standing_of(story).state == "draft"
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()


def test_a_one_word_story_is_counted_in_the_singular(member_client, member):
    response = member_client.post("/mynews/submit/", form(1))
    html = response.content.decode()
    assert "Your story has 1 word." in html and "1 words" not in html
    story = ReaderStoryPage.objects.get(contributor=member)
    page = member_client.get(f"/mynews/mine/{story.pk}/").content.decode()
    assert ">1 word</p>" in page


def test_a_draft_can_be_saved_and_finished_later(member_client, member):
    key = uuid.uuid4()
    response = member_client.post("/mynews/submit/", form(40, key=key, action="draft"))
    story = ReaderStoryPage.objects.get(contributor=member)
    assert response.status_code == 302 and response["Location"] == f"/mynews/mine/{story.pk}/"
    page = member_client.get(f"/mynews/mine/{story.pk}/").content.decode()
    assert "Residents of the valley" in page and "40 words" in page
    response = member_client.post(f"/mynews/mine/{story.pk}/", form(240, key=key))
    assert response.status_code == 302 and response["Location"] == "/mynews/mine/"
    story.refresh_from_db()
    assert story.word_count == 240 and story.submitted_at is not None
    assert selectors.standing_of(story).state == "submitted"
    assert ReaderStoryPage.objects.filter(contributor=member).count() == 1


def test_the_same_form_sent_twice_makes_one_story(member_client, member):
    data = form(220)
    first = member_client.post("/mynews/submit/", data)
    second = member_client.post("/mynews/submit/", data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[-1][0] == "/mynews/mine/"  # with the editors already
    assert "Your story is already with the editors" in second.content.decode()
    assert ReaderStoryPage.objects.filter(contributor=member).count() == 1
    story = ReaderStoryPage.objects.get(contributor=member)
    assert WorkflowState.objects.filter(object_id=str(story.pk)).count() == 1


def test_a_duplicate_that_loses_the_race_lands_on_my_submissions(
    member_client, member, monkeypatch
):
    """Six submits of one form at once made one story, but one of them showed an error page:
    it had passed the "sent already?" check just before another request sent the story."""
    data = form(220)
    assert member_client.post("/mynews/submit/", data).status_code == 302
    real = services.story_sent_already
    calls = []

    def stale_then_real(**kwargs):
        calls.append(kwargs)
        return False if len(calls) == 1 else real(**kwargs)  # the first look came too early

    monkeypatch.setattr(services, "story_sent_already", stale_then_real)
    late = member_client.post("/mynews/submit/", data, follow=True)
    assert late.redirect_chain[-1][0] == "/mynews/mine/"
    assert "Your story is already with the editors" in late.content.decode()
    assert ReaderStoryPage.objects.filter(contributor=member).count() == 1


def test_a_review_started_twice_at_once_is_one_review(member, news_index):
    story = submit_story(member, news_index)
    # A second request that read "not in review yet" a moment before the first started it.
    services.workflow_restart(story, member)
    assert WorkflowState.objects.filter(object_id=str(story.pk)).count() == 1


def test_more_than_the_maximum_is_refused_with_the_text_kept(member_client, member, settings):
    settings.HERALD_MYNEWS_MAX_WORDS = 300
    response = member_client.post("/mynews/submit/", form(301))
    assert response.status_code == 400
    assert "the most we accept is 300" in response.content.decode()
    assert "Residents of the valley" in response.content.decode()
    assert not ReaderStoryPage.objects.filter(contributor=member).exists()


def test_a_bad_response_to_is_ignored_not_a_500(member_client, member, django_user_model):
    assert member_client.get("/mynews/submit/?response_to=abc").status_code == 200
    assert member_client.get("/mynews/submit/?response_to=99999999999999").status_code == 200
    response = member_client.post("/mynews/submit/", form(20, response_to="abc"))
    assert response.status_code == 400 and "Residents of the valley" in response.content.decode()
    newcomer = Client(HTTP_HOST="localhost")
    newcomer.force_login(django_user_model.objects.create_user("new@example.com", "pass-1"))
    to_profile = newcomer.get("/mynews/submit/?response_to=5")
    assert to_profile["Location"] == (
        "/accounts/profile/create/?next=%2Fmynews%2Fsubmit%2F%3Fresponse_to%3D5"
    )


def test_a_bad_form_is_a_400_not_a_500(member_client):
    response = member_client.post("/mynews/submit/", {"key": "not-a-uuid", "body": "x"})
    assert response.status_code == 400
    response = member_client.post("/mynews/submit/", form(place="Atlantis-under-the-sea"))
    assert response.status_code == 400
    assert "know a place called" in response.content.decode()


def test_story_html_is_sanitised_whatever_the_browser_sends(member_client, member):
    body = words(210) + '\n\n<script>alert(1)</script><a href="javascript:alert(2)">x</a>'
    member_client.post("/mynews/submit/", form(body=body))
    story = ReaderStoryPage.objects.get(contributor=member)
    assert "<script" not in story.body and "javascript:" not in story.body


def test_submit_approve_publishes_credits_and_answers_the_article(
    member, news_index, editor, article, django_capture_on_commit_callbacks
):
    story = submit_story(member, news_index, response_to=article)
    assert story.live is False
    for url in ("/", "/mynews/", article.url, f"/profile/{member.username}/"):  # now cached
        assert story.title not in Client(HTTP_HOST="localhost").get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # purges run after the commit
        decide(story, editor)
    story.refresh_from_db()
    assert story.live
    page = Client(HTTP_HOST="localhost").get(story.url).content.decode()
    assert "Reader contribution" in page
    assert f'href="/profile/{member.username}/"' in page
    assert "editorial discretion" in page  # the site's disclaimer
    listing = Client(HTTP_HOST="localhost").get("/mynews/").content.decode()
    assert story.title in listing
    home = Client(HTTP_HOST="localhost").get("/").content.decode()
    assert story.title in home  # the home page's MyNews block
    article_html = Client(HTTP_HOST="localhost").get(article.url).content.decode()
    assert "Responses from readers" in article_html and story.title in article_html
    profile = Client(HTTP_HOST="localhost").get(f"/profile/{member.username}/").content.decode()
    assert story.title in profile
    assert Notification.objects.filter(member=member, text__contains="is published").exists()


def test_every_article_offers_write_a_response(article, member_client):
    html = Client(HTTP_HOST="localhost").get(article.url).content.decode()
    link = f"/mynews/submit/?response_to={article.pk}"
    assert f'href="{link}"' in html
    form_page = member_client.get(link).content.decode()
    assert f'name="response_to" value="{article.pk}"' in form_page
    assert article.title in form_page


def test_a_reader_story_takes_comments_but_no_responses(member, news_index, editor, article):
    """Readers respond to newsroom articles, not to one another's stories: the responses
    include (``herald_article_includes``) answers only for articles, the comments for both."""
    story = submit_story(member, news_index)
    decide(story, editor)
    story.refresh_from_db()
    html = Client(HTTP_HOST="localhost").get(story.url).content.decode()
    assert 'id="comments-heading"' in html
    assert "Write a response" not in html and "response_to=" not in html
    assert extensions.article_includes(story) == ["comments/includes/thread_slot.html"]
    assert extensions.article_includes(article) == [
        "community/includes/responses.html",
        "comments/includes/thread_slot.html",
    ]


def test_editors_can_change_the_text_before_publishing(member, news_index, editor):
    story = submit_story(member, news_index)
    draft = story.get_latest_revision_as_object()
    draft.title = "Edited by the desk"
    draft.save_revision(user=editor)
    assert selectors.standing_of(ReaderStoryPage.objects.get(pk=story.pk)).state == "in_review"
    decide(story, editor)
    story.refresh_from_db()
    assert story.live and story.title == "Edited by the desk"


def test_refusal_reason_reaches_the_contributor(member, member_client, news_index, editor):
    story = submit_story(member, news_index)
    decide(story, editor, approve=False, reason="Unverified claims or no sources", comment="Who?")
    standing = selectors.standing_of(ReaderStoryPage.objects.get(pk=story.pk))
    assert standing.state == "refused"
    assert standing.reason == "Unverified claims or no sources. Who?."
    mine = member_client.get("/mynews/mine/").content.decode()
    assert "Refused" in mine and "Unverified claims or no sources" in mine
    notice = Notification.objects.get(member=member, text__contains="was not accepted")
    assert "Unverified claims" in notice.text


def test_a_refused_story_can_be_edited_and_sent_again(member, member_client, news_index, editor):
    story = submit_story(member, news_index)
    decide(story, editor, approve=False, reason="Unverified claims or no sources")
    response = member_client.post(f"/mynews/mine/{story.pk}/", form(260, key=story.submission_key))
    assert response.status_code == 302
    assert selectors.standing_of(ReaderStoryPage.objects.get(pk=story.pk)).state == "submitted"


def test_stories_under_review_cannot_be_changed_by_the_member(member, member_client, news_index):
    story = submit_story(member, news_index)
    response = member_client.post(f"/mynews/mine/{story.pk}/", form(300, action="draft"))
    assert response.status_code == 400
    assert "with the editors" in response.content.decode()
    story.refresh_from_db()
    assert story.word_count == 220


def test_members_cannot_see_or_touch_each_others_drafts(member, news_index, make_member):
    draft, _ = services.story_save(
        member=member,
        index_page=news_index,
        draft=services.StoryDraft(key=uuid.uuid4(), title="Mine", source=words(10)),
    )
    other = Client(HTTP_HOST="localhost")
    other.force_login(make_member())
    assert other.get(f"/mynews/mine/{draft.pk}/").status_code == 404
    assert other.post(f"/mynews/mine/{draft.pk}/", form()).status_code == 404
    assert other.post(f"/mynews/mine/{draft.pk}/delete/").status_code == 404
    assert "Mine" not in other.get("/mynews/mine/").content.decode()
    # Using someone else's form key does not take over their draft.
    response = other.post("/mynews/submit/", form(key=draft.submission_key))
    assert response.status_code == 400 and "belongs to someone else" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Mine" and draft.contributor == member
    # Unpublished stories are not public.
    assert Client(HTTP_HOST="localhost").get(draft.url or "/mynews/x/").status_code == 404


def test_only_reviewers_can_moderate(member, news_index, make_member):
    story = submit_story(member, news_index)
    task = story.current_workflow_task
    assert task.specific.get_actions(story, make_member()) == []
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    assert client.get("/admin/contributions/").status_code in {302, 403}
    state = story.current_workflow_task_state
    action = f"/admin/pages/workflow/action/{story.pk}/approve/{state.pk}/"
    client.post(action)
    story.refresh_from_db()
    assert not story.live


def test_a_member_deletes_a_draft_but_not_a_story_under_review(member, member_client, news_index):
    draft, _ = services.story_save(
        member=member,
        index_page=news_index,
        draft=services.StoryDraft(key=uuid.uuid4(), title="Scrap", source=words(5)),
    )
    assert member_client.post(f"/mynews/mine/{draft.pk}/delete/").status_code == 302
    assert not ReaderStoryPage.objects.filter(pk=draft.pk).exists()
    sent = submit_story(member, news_index)
    member_client.post(f"/mynews/mine/{sent.pk}/delete/")
    assert ReaderStoryPage.objects.filter(pk=sent.pk).exists()


def test_suspended_members_cannot_submit(member, member_client, editor):
    member_suspend(member=member, by=editor, reason="Spam", until=None)
    # Told before they start writing, on both forms, not after a whole story.
    for blank in ("/mynews/submit/", "/galleries/submit/"):
        html = member_client.get(blank).content.decode()
        assert 'id="suspended-notice"' in html and "You are suspended for good" in html
        assert "cannot send contributions: Spam" in html
    response = member_client.post("/mynews/submit/", form())
    assert response.status_code == 400
    assert "You are suspended" in response.content.decode()
    assert not ReaderStoryPage.objects.filter(contributor=member).exists()


def test_submissions_are_rate_limited(member, member_client, news_index, settings):
    settings.HERALD_MYNEWS_STORIES_PER_DAY = 2
    for _ in range(2):
        submit_story(member, news_index)
    response = member_client.post("/mynews/submit/", form())
    assert response.status_code == 429 and response["Retry-After"]
    assert "the most we take in a day" in response.content.decode()
    assert (
        ReaderStoryPage.objects.filter(contributor=member, submitted_at__isnull=True).count() == 1
    )
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)
    waiting = ReaderStoryPage.objects.get(contributor=member, submitted_at__isnull=True)
    services.story_submit(member=member, story=waiting, now=later)


def test_banned_words_and_many_links_flag_a_story_for_review(member, news_index, settings):
    settings.HERALD_MYNEWS_MAX_LINKS = 1
    policy = WordPolicy.load()
    policy.banned_words = "scumbag"
    policy.save()
    body = words(210) + " You scumbag. [a](https://a.example) [b](https://b.example)"
    clean = submit_story(member, news_index, title="Clean")
    assert ReaderStoryPage.objects.get(pk=clean.pk).review_flags == []
    draft = services.StoryDraft(key=uuid.uuid4(), title="Flag me", source=body)
    flagged, _ = services.story_save(member=member, index_page=news_index, draft=draft)
    services.story_submit(member=member, story=flagged)
    flagged.refresh_from_db()
    assert any("scumbag" in flag for flag in flagged.review_flags)
    assert any("2 links" in flag for flag in flagged.review_flags)
    assert selectors.standing_of(flagged).state == "submitted"  # in the queue, not dropped
    queued = [item for _state, _kind, item in selectors.review_queue()]
    assert flagged in queued


def test_unpublishing_tells_the_contributor(member, member_client, news_index, editor):
    story = submit_story(member, news_index)
    decide(story, editor)
    story.refresh_from_db()
    story.unpublish(user=editor)
    assert selectors.standing_of(ReaderStoryPage.objects.get(pk=story.pk)).state == "unpublished"
    assert Notification.objects.filter(member=member, text__contains="taken down").exists()
    assert Client(HTTP_HOST="localhost").get("/mynews/").content.decode().count(story.title) == 0


def test_contributors_are_told_by_email_when_editors_decide(
    member, news_index, editor, mailoutbox, django_capture_on_commit_callbacks
):
    story = submit_story(member, news_index, title="The e-mailed story")
    with django_capture_on_commit_callbacks(execute=True):
        decide(story, editor, approve=False, reason="Breaks the contributions policy")
    to_member = [m for m in mailoutbox if m.to == [member.email]]
    assert len(to_member) == 1  # Herald's, not Wagtail's admin e-mail
    assert "was not accepted: Breaks the contributions policy" in to_member[0].body
    assert "/mynews/mine/" in to_member[0].body and "/admin/" not in to_member[0].body


def test_drafts_are_capped(member, member_client, settings):
    settings.HERALD_MYNEWS_MAX_DRAFTS = 2
    for _ in range(2):
        assert member_client.post("/mynews/submit/", form(10, action="draft")).status_code == 302
    response = member_client.post("/mynews/submit/", form(10, action="draft"))
    assert response.status_code == 400 and "You have 2 drafts" in response.content.decode()
    assert "Residents of the valley" in response.content.decode()


def test_story_pictures_are_checked_one_by_one_stripped_and_kept_once(
    member_client, member, settings
):
    from PIL import Image

    from .conftest import gps_exif, picture_file

    settings.HERALD_MYNEWS_STORY_PICTURES = 2
    key = uuid.uuid4()
    fake = SimpleUploadedFile("notes.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    data = form(40, key=key, action="draft")
    data["pictures"] = [picture_file(name="bridge.jpg", exif=gps_exif()), fake]
    response = member_client.post("/mynews/submit/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "notes.jpg" in page and "not a picture we can read" in page  # the bad file, named
    assert "Residents of the valley" in page  # the text kept
    story = ReaderStoryPage.objects.get(contributor=member)
    [kept] = story.pictures.all()
    with kept.image.open_file() as stored, Image.open(stored) as picture:
        assert picture.getexif().get_ifd(0x8825) == {} and 0x010F not in picture.getexif()
    rendition = kept.image.get_rendition("fill-300x200")
    with rendition.file.open() as stored, Image.open(stored) as picture:
        assert not picture.getexif()

    # The same form again (a reload, a double click): the picture is not added twice.
    data["pictures"] = [picture_file(name="bridge.jpg", exif=gps_exif())]
    member_client.post("/mynews/submit/", data)
    assert story.pictures.count() == 1
    # Two more: one fits, the other is refused by name.
    data["pictures"] = [
        picture_file(size=(500, 400)),
        picture_file(name="third.jpg", size=(300, 300)),
    ]
    response = member_client.post("/mynews/submit/", data)
    assert "third.jpg" in response.content.decode()
    assert "as many pictures as it can" in response.content.decode()
    assert story.pictures.count() == 2


def test_story_pictures_count_towards_the_daily_picture_allowance(member_client, member, settings):
    from community.models import ReaderPicture

    from .conftest import picture_file

    settings.HERALD_UPLOAD_ALLOWANCE = 2
    data = form(40, action="draft")
    data["pictures"] = [picture_file(size=(400, 300)), picture_file(size=(300, 400))]
    member_client.post("/mynews/submit/", data)
    response = member_client.post(
        "/galleries/submit/",
        {"caption": "Sunset", "key": "5" * 32, "pictures": [picture_file(size=(200, 200))]},
    )
    assert response.status_code == 429
    assert "as many pictures as we take in 24 hours (2)" in response.content.decode()
    assert not ReaderPicture.objects.filter(contributor=member).exists()


def test_every_change_of_state_is_told_on_the_site_and_by_e_mail(
    member, news_index, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = submit_story(member, news_index, title="Bridge closed again")
        for title in ("Bridge closed again, say residents", "Bridge closed again: residents"):
            draft = story.get_latest_revision_as_object()
            draft.title = title
            draft.save_revision(user=editor)  # the second edit says nothing new
        decide(story, editor)
    texts = list(
        Notification.objects.filter(member=member).order_by("pk").values_list("text", flat=True)
    )
    assert texts == [
        "Your story “Bridge closed again” reached the editors.",
        "Your story “Bridge closed again, say residents” is in review: an editor is working on it.",
        "Your story “Bridge closed again: residents” is published.",
    ]
    to_member = [mail.subject for mail in mailoutbox if mail.to == [member.email]]
    assert to_member == texts  # editors get Wagtail's own review mails


def _json_ld(html):
    import json
    import re

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_a_published_story_has_news_article_data_credited_to_its_contributor(
    member, news_index, editor
):
    story = submit_story(member, news_index, title="Night market reopens", tags=["Markets"])
    decide(story, editor)
    story.refresh_from_db()
    html = Client(HTTP_HOST="localhost").get(story.url).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Night market reopens"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": member.public_name,
            "url": f"http://localhost/profile/{member.username}/",
        }
    ]
    assert data["articleSection"] == "MyNews"
    assert [keyword.casefold() for keyword in data["keywords"]] == ["markets"]
    assert data["description"].startswith("Residents of the valley")
    assert '<meta property="og:type" content="article">' in html


def test_links_in_a_published_story_stay_marked_as_members_after_an_editors_edit(
    member, news_index, editor
):
    story = submit_story(member, news_index, title="Links")
    draft = story.get_latest_revision_as_object()
    # What the admin's editor stores: the link without the rel it had.
    draft.body = '<p>See <a href="https://example.com/x">the report</a>.</p>' + draft.body
    draft.save_revision(user=editor)
    decide(story, editor)
    story.refresh_from_db()
    assert 'rel="' not in story.body.split("</p>")[0]
    html = Client(HTTP_HOST="localhost").get(story.url).content.decode()
    assert '<a href="https://example.com/x" rel="nofollow ugc noopener">the report</a>' in html


DISGUISED = ["b\u200bad", "b\u00adad", "b\u200dad", "ba\ufe0fd", "b\u0430d", "\u0392\u0391D"]


@pytest.mark.parametrize("disguised", DISGUISED)
@pytest.mark.parametrize("where", ["body", "title", "tag"])
def test_a_listed_word_in_disguise_flags_a_story_which_keeps_what_was_typed(
    member, news_index, disguised, where
):
    policy = WordPolicy.load()
    policy.banned_words = "bad"
    policy.save()
    title = f"A {disguised} road" if where == "title" else "A long road"
    body = words(210) + (f" It was {disguised}." if where == "body" else "")
    tags = [f"{disguised} roads"] if where == "tag" else ["Roads"]
    draft = services.StoryDraft(key=uuid.uuid4(), title=title, source=body, tags=tags)
    story, _ = services.story_save(member=member, index_page=news_index, draft=draft)
    services.story_submit(member=member, story=story)
    story = ReaderStoryPage.objects.get(pk=story.pk)
    assert story.review_flags == ["Words on the banned or suspect list: bad"]
    assert (story.title, story.body_source) == (title, body)  # stored as typed
    assert [tag.name for tag in story.tags.all()] == tags


def test_cyrillic_and_greek_stories_are_not_flagged_for_look_alike_letters(member, news_index):
    policy = WordPolicy.load()
    policy.banned_words = "cop\nkai\nass\nbum"
    policy.save()
    body = words(210) + " Весь этот сор убрали в кассе. ΠΟΛΗ ΚΑΙ ΧΩΡΙΟ. They burn the class notes."
    draft = services.StoryDraft(key=uuid.uuid4(), title="Сор и касса", source=body, tags=["ΚΑΙ"])
    story, _ = services.story_save(member=member, index_page=news_index, draft=draft)
    services.story_submit(member=member, story=story)
    assert ReaderStoryPage.objects.get(pk=story.pk).review_flags == []


def test_what_a_member_may_edit_is_one_rule_for_the_list_and_the_edit_page(member_client, member):
    """My submissions offers "Edit" exactly where the edit page lets the member in: a draft, and
    a story taken down by the editors (to mend and send again); never one with the editors."""
    member_client.post("/mynews/submit/", form(40, key=uuid.uuid4(), action="draft"))
    story = ReaderStoryPage.objects.get(contributor=member)
    edit_url = f"/mynews/mine/{story.pk}/"

    def offered_and_allowed():
        listed = edit_url in member_client.get("/mynews/mine/").content.decode()
        allowed = member_client.get(edit_url).status_code == 200
        return listed, allowed, services.story_editable(story)

    assert offered_and_allowed() == (True, True, True)  # a draft
    member_client.post(edit_url, form(240, key=uuid.uuid4()))
    assert selectors.standing_of(story).state == "submitted"
    assert offered_and_allowed()[0] is False and services.story_editable(story) is False
    story.refresh_from_db()
    story.first_published_at = timezone.now()  # published once, then taken down
    story.save(update_fields=["first_published_at"])
    WorkflowState.objects.filter(object_id=str(story.pk)).update(
        status=WorkflowState.STATUS_CANCELLED
    )
    assert selectors.standing_of(story).state == "unpublished"
    assert offered_and_allowed() == (True, True, True)
