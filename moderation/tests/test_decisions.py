"""The one record: every decision says who, when, on what, about whom and why; reads of an
item's or a member's history cost one query."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from moderation import selectors
from moderation.models import Decision, WordPolicy, reason_text
from moderation.services import decision_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    make = django_user_model.objects.create_user
    return (
        make("moderator@example.com", "long-pass-phrase-1", is_staff=True),
        make("ayanda@example.com", "long-pass-phrase-1"),
        make("pieter@example.com", "long-pass-phrase-1"),
    )


def test_a_decision_records_who_when_what_about_whom_and_why(people):
    moderator, member, _ = people
    item = WordPolicy.load()  # any model will do: the record knows nothing of what items are
    before = timezone.now()
    decision = decision_record(
        item=item,
        action=Decision.Action.REJECT,
        decided_by=moderator,
        member=member,
        standard_reason=Decision.Reason.SPAM,
        reason="  Links   to a shop. ",
    )
    decision = Decision.objects.get(pk=decision.pk)
    assert (decision.item, decision.decided_by, decision.member) == (item, moderator, member)
    assert before <= decision.decided_at <= timezone.now()
    assert (decision.standard_reason, decision.reason) == ("spam", "Links to a shop.")
    assert decision.why == "Spam or advertising. Links to a shop."


def test_herald_itself_may_decide_and_a_hold_needs_no_reason(people):
    decision = decision_record(item=WordPolicy.load(), action="hold", decided_by=None)
    assert decision.decided_by is None and str(decision) == "Held for review by Herald"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"action": "reject"}, "Give a reason"),
        ({"action": "take_down"}, "Give a reason"),
        ({"action": "suspend", "reason": "   "}, "Give a reason"),
        ({"action": "shout", "reason": "Loud"}, "Unknown decision"),
        ({"action": "reject", "standard_reason": "whim"}, "Unknown reason"),
    ],
)
def test_a_decision_that_would_not_say_why_is_refused(people, fields, message):
    before = Decision.objects.count()
    with pytest.raises(ValidationError, match=message):
        decision_record(item=WordPolicy.load(), decided_by=people[0], **fields)
    assert Decision.objects.count() == before


def test_the_database_refuses_a_refusal_without_a_reason_too(people):
    item = WordPolicy.load()
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(item=item, action="reject", decided_by=people[0])


@pytest.mark.parametrize(
    "standard, words, expected",
    [
        ("spam", "", "Spam or advertising"),
        ("", "Off-topic", "Off-topic"),
        ("other", "My own words.", "My own words."),
        ("other", "", "Other"),
        ("abuse", "Twice.", "Abusive or insulting. Twice."),
        ("", "", ""),
    ],
)
def test_the_member_reads_the_standard_reason_then_the_moderators_words(standard, words, expected):
    assert reason_text(standard, words) == expected


def test_an_items_history_is_one_query(people, django_assert_num_queries):
    moderator, member, other = people
    item, elsewhere = WordPolicy.load(), moderator
    for action in ("hold", "approve", "feature"):
        decision_record(item=item, action=action, decided_by=moderator, member=member)
    decision_record(item=elsewhere, action="reject", decided_by=None, member=other, reason="x")
    selectors.decisions_for_item(item)  # ContentType's cache warmed: it is not the history's
    # One query: the decisions joined to who decided, the member and the content type.
    with django_assert_num_queries(1):
        history = selectors.decisions_for_item(item)
        shown = [
            (d.action, d.decided_by.email, d.member.email, d.content_type.model) for d in history
        ]
    assert [action for action, *_ in shown] == ["feature", "approve", "hold"]  # newest first
    with django_assert_num_queries(1):
        many = selectors.decisions_for_items(type(item), [item.pk, 999])
        assert [len(many[item.pk]), many[999]] == [3, []]


def test_a_members_history_is_one_query_whatever_the_items(people, django_assert_num_queries):
    moderator, member, other = people
    decision_record(
        item=WordPolicy.load(),
        action="reject",
        decided_by=moderator,
        member=member,
        reason="Off-topic",
    )
    decision_record(
        item=other, action="suspend", decided_by=moderator, member=member, standard_reason="abuse"
    )
    decision_record(item=other, action="lift", decided_by=moderator, member=other)
    # One query: the member's decisions with who decided and what kind of item each is on.
    with django_assert_num_queries(1):
        history = selectors.decisions_for_member(member)
        shown = [(d.action, d.decided_by.email, d.content_type.model, d.why) for d in history]
    assert shown == [
        ("suspend", "moderator@example.com", "user", "Abusive or insulting"),
        ("reject", "moderator@example.com", "wordpolicy", "Off-topic"),
    ]
    with django_assert_num_queries(1):
        both = selectors.decisions_for_members([member.pk, other.pk], per_member=1)
        assert [[d.action for d in both[pk]] for pk in (member.pk, other.pk)] == [
            ["suspend"],
            ["lift"],
        ]


def test_word_lists_are_read_in_disguise(db):
    words = WordPolicy.load()
    words.banned_words = "idiot"
    words.suspect_words = "liar"
    words.save()
    assert selectors.words_banned_in("You i.d.i.o.t") == ["idiot"]
    assert selectors.words_suspect_in("A L I A R") == []  # "aliar" is not "liar"
    assert selectors.words_suspect_in("liar!") == ["liar"]
    assert selectors.words_listed_in("idiot and liar") == ["idiot", "liar"]


def test_moderators_edit_the_word_lists_in_the_settings(admin_client):
    url = f"/admin/settings/moderation/wordpolicy/{WordPolicy.load().pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200 and 'name="banned_words"' in response.content.decode()
    response = admin_client.post(url, {"banned_words": "scumbag", "suspect_words": "liar\nscam"})
    assert response.status_code == 302
    assert selectors.words_banned_in("You SCUMBAG") == ["scumbag"]
    assert selectors.words_suspect_in("what a total s.c.a.m") == ["scam"]
