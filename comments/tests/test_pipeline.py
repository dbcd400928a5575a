"""Each pipeline check alone, and the order: the first rejection ends the run, holds add up."""

import datetime

import pytest

from comments import pipeline
from comments.models import Comment, CommentPolicy, ThreadSettings
from moderation.models import WordPolicy

pytestmark = pytest.mark.django_db


def draft(member, article, body="A fair point about the budget.", **extra):
    return pipeline.Draft(body=body, member=member, page=article, **extra)


def only(check, d):
    return check(d, CommentPolicy.load())


@pytest.fixture
def policy():
    words = WordPolicy.load()
    words.banned_words = "idiot\nscumbag"
    words.suspect_words = "corrupt\nliar"
    words.save()
    return CommentPolicy.load()


@pytest.mark.parametrize("body", ["", "   ", "x" * 3001])
def test_length(member, article, body):
    verdict = only(pipeline.length, draft(member, article, body))
    assert verdict.outcome == "reject" and "3,000" in verdict.reason


def test_length_accepts_one_to_3000_characters(member, article):
    assert only(pipeline.length, draft(member, article, "x")) is None
    assert only(pipeline.length, draft(member, article, "x" * 3000)) is None


def test_closed_on_the_article_or_its_section(member, article):
    assert only(pipeline.thread_closed, draft(member, article)) is None
    ThreadSettings.objects.create(page=article.get_parent(), closed=True)
    assert only(pipeline.thread_closed, draft(member, article)).outcome == "reject"


def test_threads_close_by_themselves_after_an_age(member, article, settings):
    settings.HERALD_COMMENTS_CLOSE_AFTER_DAYS = 30
    later = article.first_published_at + datetime.timedelta(days=31)
    verdict = only(pipeline.thread_closed, draft(member, article, now=later))
    assert verdict.reason == "Comments on this story are closed."
    settings.HERALD_COMMENTS_CLOSE_AFTER_DAYS = 0
    assert only(pipeline.thread_closed, draft(member, article, now=later)) is None


def test_suspended_members_are_refused_with_the_reason(member, article, django_user_model):
    from accounts.services import member_suspend

    moderator = django_user_model.objects.create_user("mod@example.com", "long-pass-phrase-1")
    member_suspend(member=member, by=moderator, reason="Repeated insults", until=None)
    verdict = only(pipeline.member_suspended, draft(member, article))
    assert verdict.outcome == "reject" and "Repeated insults" in verdict.reason


def test_rate_limit_per_member_and_per_address(member, make_member, article, settings):
    first = draft(member, article, ip="192.0.2.7")
    assert only(pipeline.rate_limit, first) is None
    pipeline.rate_limit_count(first)
    verdict = only(pipeline.rate_limit, draft(member, article, ip="198.51.100.1"))
    assert verdict.outcome == "reject" and 1 <= verdict.retry_after <= 4
    other = make_member()
    assert only(pipeline.rate_limit, draft(other, article, ip="192.0.2.7")).retry_after
    assert only(pipeline.rate_limit, draft(other, article, ip="198.51.100.9")) is None


def test_hourly_cap(member, article, settings):
    settings.HERALD_COMMENT_INTERVAL = 0
    settings.HERALD_COMMENT_HOURLY = 2
    for _ in range(2):
        pipeline.rate_limit_count(draft(member, article))
    verdict = only(pipeline.rate_limit, draft(member, article))
    assert verdict.retry_after > 0 and "too fast" in verdict.reason


def test_hourly_cap_rolls_over_the_clock_hour(member, article, settings, monkeypatch):
    """Thirty comments at 10:59 are not thirty more at 11:00: the hour is any hour."""
    settings.HERALD_COMMENT_INTERVAL = 0
    settings.HERALD_COMMENT_HOURLY = 2
    clock = [3600 * 10 - 30.0]
    monkeypatch.setattr("ratelimits.limits._clock", lambda: clock[0])
    for _ in range(2):
        pipeline.rate_limit_count(draft(member, article))
    clock[0] = 3600 * 10 + 60.0  # past the clock hour
    verdict = only(pipeline.rate_limit, draft(member, article))
    assert verdict.retry_after > 3000 and "too fast" in verdict.reason
    clock[0] = 3600 * 11  # an hour after them
    assert only(pipeline.rate_limit, draft(member, article)) is None


def test_repeat_of_a_recent_comment(member, article):
    Comment.objects.create(page=article, author=member, body="Same words, same order!")
    verdict = only(pipeline.repeat, draft(member, article, "same words same ORDER"))
    assert verdict.outcome == "reject"
    assert only(pipeline.repeat, draft(member, article, "Different words")) is None


def test_banned_words_reject_and_suspect_words_hold(member, article, policy):
    assert only(pipeline.banned_words, draft(member, article, "What an ID-I-O-T")) is None
    assert only(pipeline.banned_words, draft(member, article, "You i.d.i.o.t!")).outcome == "reject"
    verdict = only(pipeline.suspect_words, draft(member, article, "A CORRUPT liar"))
    assert verdict.outcome == "hold" and verdict.reason == "Suspect words: corrupt, liar"
    assert only(pipeline.suspect_words, draft(member, article, "Corruption inquiry")) is None


def test_too_many_links_hold(member, article):
    two = "See https://a.example/x and www.b.example"
    assert only(pipeline.links, draft(member, article, two)) is None
    verdict = only(pipeline.links, draft(member, article, two + " http://c.example"))
    assert verdict.outcome == "hold" and verdict.reason == "3 links"


def test_toxicity_from_the_offline_model(member, article):
    mild = draft(member, article, "I respectfully disagree with the council's plan.")
    assert only(pipeline.toxic, mild) is None and mild.toxicity < 0.5
    rude = draft(member, article, "fuck you, you stupid piece of shit")
    verdict = only(pipeline.toxic, rude)
    assert verdict.outcome == "hold" and verdict.score >= 0.85 and "(local)" in verdict.reason


def test_the_toxicity_threshold_is_the_moderators(member, article, policy):
    policy.toxicity_threshold = 0.01
    policy.save()
    assert only(pipeline.toxic, draft(member, article, "A perfectly nice remark")).outcome == "hold"


def test_new_members_first_comments_are_held(member, article, settings):
    settings.HERALD_COMMENT_NEW_MEMBER_HOLDS = 2
    assert only(pipeline.new_member, draft(member, article)).outcome == "hold"
    Comment.objects.create(page=article, author=member, body="one")
    assert only(pipeline.new_member, draft(member, article)).outcome == "hold"
    Comment.objects.create(page=article, author=member, body="two")
    assert only(pipeline.new_member, draft(member, article)) is None


def test_a_high_recent_rejection_rate_holds(member, article):
    for n in range(4):
        status = Comment.Status.REJECTED if n % 2 else Comment.Status.PUBLISHED
        Comment.objects.create(page=article, author=member, body=f"c{n}", status=status)
    assert (
        only(pipeline.reputation, draft(member, article)).reason
        == "50% of recent comments rejected"
    )
    Comment.objects.create(page=article, author=member, body="fine")
    assert only(pipeline.reputation, draft(member, article)) is None  # 2 of 5


def test_premoderation_site_wide_or_per_article(member, article, policy):
    assert only(pipeline.premoderation, draft(member, article)) is None
    ThreadSettings.objects.create(page=article, premoderated=True)
    assert only(pipeline.premoderation, draft(member, article)).outcome == "hold"
    ThreadSettings.objects.filter(page=article).delete()
    policy.premoderate_all = True
    policy.save()
    assert only(pipeline.premoderation, draft(member, article)).outcome == "hold"


def test_checks_run_in_the_documented_order():
    names = [check.__name__ for check in pipeline.CHECKS]
    assert names == [
        "length", "thread_closed", "member_suspended", "rate_limit", "repeat", "banned_words",
        "suspect_words", "links", "toxic", "new_member", "reputation", "premoderation",
    ]  # fmt: skip


def test_a_rejection_ends_the_run_and_holds_all_get_recorded(member, article, policy, settings):
    settings.HERALD_COMMENT_NEW_MEMBER_HOLDS = 1
    held = pipeline.run(
        draft(member, article, "A corrupt deal: www.a.example www.b.example www.c.example")
    )
    assert held.status == Comment.Status.HELD
    assert [v.check for v in held.verdicts] == ["suspect_words", "links", "new_member"]
    refused = pipeline.run(
        draft(member, article, "corrupt idiot www.a.example www.b.example www.c.example")
    )
    assert refused.status == Comment.Status.REJECTED
    assert [v.check for v in refused.verdicts] == ["banned_words"]  # nothing after it ran
    assert refused.toxicity is None
    settings.HERALD_COMMENT_NEW_MEMBER_HOLDS = 0
    published = pipeline.run(draft(member, article, "Thanks for the clear explainer."))
    assert published.status == Comment.Status.PUBLISHED and published.toxicity < 0.85
