"""Usernames and display names may not carry a banned word, in disguise or not; names are
stored as typed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.services import profile_create, profile_update
from accounts.usernames import display_name_validate, username_validate
from moderation.models import WordPolicy

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}

# Item 5 of the hardening issue: with "bad" listed, each of these got through.
DISGUISED = ["b\u200bad", "b\u00adad", "b\u200dad", "ba\ufe0fd", "b\u0430d", "\u0392\u0391D"]


@pytest.fixture(autouse=True)
def banned():
    policy = WordPolicy.load()
    policy.banned_words = "bad\ncop\nkai\nass\nbum"
    policy.suspect_words = "liar"
    policy.save()


def _member(email="zola@example.com"):
    return get_user_model().objects.create_user(email, "long-pass-phrase-1")


@pytest.mark.parametrize("name", ["bad", "Bad_Guy", "the-BAD-one", *DISGUISED])
def test_a_username_with_a_banned_word_plain_or_disguised_is_refused(name):
    with pytest.raises(ValidationError):
        username_validate(name)


def test_a_plain_username_with_a_banned_word_is_refused_with_its_own_message():
    member = _member()
    with pytest.raises(ValidationError) as caught:
        profile_create(member=member, username="Bad_Guy")
    assert caught.value.code == "words"
    assert "username contains words that are not allowed here" in caught.value.messages[0]
    member.refresh_from_db()
    assert not member.username


@pytest.mark.parametrize("name", ["burn", "classy", "badminton", "Cassius", "liar"])
def test_usernames_containing_listed_letters_inside_other_words_are_accepted(name):
    assert username_validate(name) == name  # suspect words do not apply to names


@pytest.mark.parametrize("disguised", DISGUISED)
def test_a_display_name_with_a_disguised_banned_word_is_refused_on_both_forms(disguised):
    member = _member()
    client = Client(**NEWS)
    client.force_login(member)
    response = client.post(
        "/accounts/profile/create/", {"username": "zola", "display_name": f"The {disguised} one"}
    )
    assert response.status_code == 200
    assert "display name contains words that are not allowed here" in response.content.decode()
    member.refresh_from_db()
    assert not member.username  # nothing saved
    profile_create(member=member, username="zola", display_name="Zola")
    response = client.post(
        "/accounts/profile/edit/", {"display_name": f"The {disguised} one", "bio": ""}
    )
    assert "display name contains words that are not allowed here" in response.content.decode()
    member.refresh_from_db()
    assert member.display_name == "Zola"


@pytest.mark.parametrize("disguised", DISGUISED)
def test_the_services_refuse_a_disguised_display_name_too(disguised):
    with pytest.raises(ValidationError):
        profile_create(member=_member(), username="zola", display_name=disguised)
    member = profile_create(member=_member("two@example.com"), username="zola2")
    with pytest.raises(ValidationError):
        profile_update(member=member, display_name=f"{disguised} news", bio="")


@pytest.mark.parametrize(
    "name",
    [
        "Burn Notice",
        "Class Act",
        "Вадим из кассы",  # Cyrillic look-alike letters inside longer words
        "Сор Вадима",  # "сор" among genuine Cyrillic letters
        "Ο Άδωνις ΚΑΙ η Ελένη",  # ΚΑΙ among genuine Greek letters
    ],
)
def test_ordinary_display_names_are_accepted(name):
    assert display_name_validate(name) == name


def test_a_display_name_is_stored_and_shown_exactly_as_typed():
    typed = "Thandi 👩\u200d💻 Вадим"  # a zero-width joiner in an emoji, Cyrillic letters
    member = profile_create(member=_member(), username="thandi", display_name=f"  {typed} ")
    member.refresh_from_db()
    assert member.display_name == typed
    page = Client(**NEWS).get("/profile/thandi/").content.decode()
    assert typed in page
