"""The username rules, each on its own, and uniqueness across the network."""

import pytest
from django.core.exceptions import ValidationError

from accounts.services import profile_create, username_check_available
from accounts.usernames import username_key, username_validate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["bob", "Thandi_M", "pieter-vdm2", "a" * 30, "Zz9"])
def test_valid_usernames_are_accepted_as_typed(name):
    assert username_validate(name) == name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ab", "too_short"),
        ("a" * 31, "too_long"),
        ("1bob", "characters"),
        ("_bob", "characters"),
        ("bob smith", "characters"),
        ("bob.smith", "characters"),
        ("bób", "characters"),
        ("bob!", "characters"),
        ("ｂｏｂ", "lookalike"),  # full-width letters read as "bob"
        ("ﬁona", "lookalike"),  # the "fi" ligature
        ("admin", "reserved"),
        ("Moderator", "reserved"),
        ("HERALD", "reserved"),
        ("tags", "reserved"),
        ("profile", "reserved"),
    ],
)
def test_each_rule_refuses_with_its_own_message(name, code):
    with pytest.raises(ValidationError) as caught:
        username_validate(name)
    assert caught.value.code == code
    assert caught.value.messages[0]  # a sentence for the form


def test_key_is_nfkc_then_casefold():
    assert username_key("BoB") == username_key("bob") == username_key("ｂｏｂ") == "bob"


def test_site_names_are_reserved():
    with pytest.raises(ValidationError, match="reserved"):
        username_check_available("sport")


def _member(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(email, "pw-secret-123")


def test_usernames_are_unique_case_insensitively():
    profile_create(member=_member("one@example.com"), username="Bobby")
    for clash in ("bobby", "BOBBY", "bObBy"):
        with pytest.raises(ValidationError, match="already taken"):
            profile_create(member=_member(f"{clash}@example.com"), username=clash)


def test_lookalike_of_an_existing_name_is_refused():
    profile_create(member=_member("one@example.com"), username="bobby")
    with pytest.raises(ValidationError) as caught:
        profile_create(member=_member("two@example.com"), username="ｂｏｂｂｙ")
    assert "bobby" in caught.value.messages[0]


def test_unique_index_holds_even_when_the_check_is_skipped():
    """Two sign-ups racing past the availability check: the database index decides."""
    from django.db import IntegrityError, transaction

    first, second = _member("one@example.com"), _member("two@example.com")
    first.username = "racer"
    first.save()
    second.username = "RACER"
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
