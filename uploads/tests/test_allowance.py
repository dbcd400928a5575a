"""One upload allowance per member: a sliding window, taken whole, with an exact Retry-After.

Each upload path's own tests (avatar, story pictures, gallery pictures) show the 429 and the
kept form; these pin the service."""

import datetime

import pytest
from django.core.checks import run_checks
from django.utils import timezone

from uploads.models import AllowanceUse
from uploads.services import UploadAllowanceExceeded, upload_allowance_take

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(make_member, settings):
    settings.HERALD_UPLOAD_ALLOWANCE = 5
    settings.HERALD_UPLOAD_ALLOWANCE_HOURS = 24
    return make_member("allowance")


def test_paths_share_one_allowance_and_a_batch_is_taken_whole(member):
    now = timezone.now()
    upload_allowance_take(member=member, files=1, path="avatar", now=now)
    upload_allowance_take(member=member, files=3, path="gallery", now=now)
    with pytest.raises(UploadAllowanceExceeded) as caught:
        upload_allowance_take(member=member, files=2, path="story", now=now)
    assert caught.value.remaining == 1
    assert "You can send 1 more picture for now (at most 5 in 24 hours)" in caught.value.message
    upload_allowance_take(member=member, files=1, path="story", now=now)  # nothing was taken
    with pytest.raises(UploadAllowanceExceeded, match="as many pictures as we take in 24 hours"):
        upload_allowance_take(member=member, files=1, path="avatar", now=now)


def test_retry_after_is_when_enough_of_the_window_has_passed(member):
    start = timezone.now()
    upload_allowance_take(member=member, files=2, path="gallery", now=start)
    upload_allowance_take(member=member, files=3, path="gallery", now=start + _hours(5))
    later = start + _hours(10)
    with pytest.raises(UploadAllowanceExceeded) as one:
        upload_allowance_take(member=member, files=1, path="avatar", now=later)
    assert one.value.retry_after == 14 * 3600  # the first two leave the window at start + 24 h
    with pytest.raises(UploadAllowanceExceeded) as three:
        upload_allowance_take(member=member, files=3, path="story", now=later)
    assert three.value.retry_after == 19 * 3600  # three need the second batch gone too
    assert "in about 19 hours" in three.value.message
    upload_allowance_take(member=member, files=2, path="avatar", now=start + _hours(24, 1))
    assert list(AllowanceUse.objects.filter(member=member).values_list("files", flat=True)) == [
        3,
        2,
    ]  # the batch that left the window was deleted


def test_more_than_the_whole_allowance_at_once_says_so(member):
    with pytest.raises(UploadAllowanceExceeded, match="at most 5 pictures in 24 hours") as caught:
        upload_allowance_take(member=member, files=6, path="gallery")
    assert caught.value.retry_after == 24 * 3600


def test_members_have_allowances_of_their_own(member, make_member):
    upload_allowance_take(member=member, files=5, path="gallery")
    upload_allowance_take(member=make_member("another"), files=5, path="gallery")


def test_a_bad_allowance_setting_is_a_system_check_error_saying_how_to_fix_it(settings):
    settings.HERALD_UPLOAD_ALLOWANCE = 0
    [error] = [error for error in run_checks() if error.id == "uploads.E001"]
    assert "HERALD_UPLOAD_ALLOWANCE is 0; set it to a whole number, 1 or more" in error.msg


def _hours(hours, seconds=0):
    return datetime.timedelta(hours=hours, seconds=seconds)
