"""An editor's decision on a listing is made in the listing desk, recorded with who and why,
and the member who proposed the listing is told, reason included."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.services import profile_create
from components.models import Listing, ListingCategory
from components.services import listing_decide
from moderation.models import Decision
from moderation.selectors import decisions_for_item
from notifications.models import Notification
from places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(db):
    member = get_user_model().objects.create_user("thandi@example.com", "long-pass-phrase-1")
    profile_create(member=member, username="thandi", display_name="Thandi")
    return Listing.objects.create(
        title="Jazz on the lawn",
        category=ListingCategory.objects.get(slug="music"),
        place=Place.objects.get(slug="durban"),
        venue="Botanic Gardens",
        starts_at="2099-02-01T18:00+02:00",
        created_by=member,
        status=Listing.Status.PROPOSED,
    )


def edit(proposal, **fields):
    return {
        "title": proposal.title,
        "category": proposal.category_id,
        "place": proposal.place_id,
        "venue": proposal.venue,
        "starts_at": "2099-02-01 18:00",
        "ends_at": "",
        "link": "",
        "description": "",
        "decision": "",
        "standard_reason": "",
        "decision_reason": "",
        **fields,
    }


def url(listing):
    return f"/admin/snippets/components/listing/edit/{listing.pk}/"


def test_refusing_a_listing_records_one_decision_and_tells_the_member_why(
    proposal, admin_client, admin_user
):
    response = admin_client.get(url(proposal))
    assert response.status_code == 200
    assert 'name="decision"' in response.content.decode()
    response = admin_client.post(
        url(proposal),
        edit(proposal, decision="refused", standard_reason="spam", decision_reason="A shop."),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal.refresh_from_db()
    assert proposal.status == Listing.Status.REFUSED
    (decision,) = decisions_for_item(proposal)
    assert (decision.action, decision.decided_by, decision.member) == (
        "reject",
        admin_user,
        proposal.created_by,
    )
    assert (decision.standard_reason, decision.reason) == ("spam", "A shop.")
    assert timezone.now() - decision.decided_at < datetime.timedelta(minutes=1)
    notice = Notification.objects.get(member=proposal.created_by).text
    assert notice == "Your listing “Jazz on the lawn” was refused: Spam or advertising. A shop."
    page = admin_client.get(url(proposal)).content.decode()
    assert "Decisions on it: Rejected by" in page


def test_a_refusal_without_a_reason_is_a_message_not_a_change(proposal, admin_client):
    response = admin_client.post(url(proposal), edit(proposal, decision="refused"))
    assert response.status_code == 200
    assert "Give a reason: the member who proposed it reads it." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Listing.Status.PROPOSED
    assert not Decision.objects.filter(object_id=proposal.pk, action="reject").exists()
    bad = admin_client.post(url(proposal), edit(proposal, decision="gone", standard_reason="x"))
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


def test_saving_a_listing_without_a_decision_records_none(proposal, admin_client):
    response = admin_client.post(url(proposal), edit(proposal, venue="The bandstand"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.venue, proposal.status) == ("The bandstand", Listing.Status.PROPOSED)
    assert decisions_for_item(proposal) == []
    assert not Notification.objects.filter(member=proposal.created_by).exists()


def test_publishing_through_the_service_is_one_decision(proposal, admin_user):
    listing_decide(listing=proposal, status="published", decided_by=admin_user)
    listing_decide(listing=proposal, status="published", decided_by=admin_user)  # no change
    assert [d.action for d in decisions_for_item(proposal)] == ["approve"]
    assert Notification.objects.get(member=proposal.created_by).text == (
        "Your listing “Jazz on the lawn” is published."
    )
