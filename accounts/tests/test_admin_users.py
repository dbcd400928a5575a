"""Settings → Users fits Herald's member: a display name and an e-mail address, the username
shown but never an input, and bad input answered with a message and the typed text kept."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from moderation.models import WordPolicy

pytestmark = pytest.mark.django_db

USERS = "/admin/users/"


@pytest.fixture
def member(make_member):
    member = make_member("nomsa_k")
    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=True)
    return member


def _edit(member):
    return f"{USERS}edit/{member.pk}/"


def _typed(member, **changes):
    return {
        "email": member.email,
        "display_name": member.display_name,
        "is_active": "on",
        **changes,
    }


def test_edit_form_asks_for_display_name_and_email_and_shows_the_username_as_text(
    admin_client, member
):
    html = admin_client.get(_edit(member)).content.decode()
    assert 'name="display_name"' in html and 'name="email"' in html
    assert 'name="first_name"' not in html and 'name="last_name"' not in html
    assert 'name="username"' not in html
    assert re.search(r'<a href="/profile/nomsa_k/">nomsa_k</a>', html)
    assert "can never be changed" in html


def test_saving_a_member_changes_the_display_name_and_keeps_the_username(admin_client, member):
    response = admin_client.post(_edit(member), _typed(member, display_name="Nomsa Khumalo"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.username) == ("Nomsa Khumalo", "nomsa_k")


def test_an_emptied_display_name_falls_back_to_the_username(admin_client, member):
    admin_client.post(_edit(member), _typed(member, display_name="  "))
    member.refresh_from_db()
    assert member.display_name == "nomsa_k"


def test_a_new_address_replaces_the_old_one_in_allauth_unverified(admin_client, member):
    response = admin_client.post(_edit(member), _typed(member, email="Nomsa@New.Example.org"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "Nomsa@new.example.org"
    addresses = list(EmailAddress.objects.filter(user=member).values_list("email", "primary"))
    assert addresses == [("Nomsa@new.example.org", True)]
    assert not EmailAddress.objects.get(user=member).verified


@pytest.fixture
def banned():
    policy = WordPolicy.load()
    policy.banned_words = "bad"
    policy.save()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"display_name": "N" * 61}, "at most 60 characters"),
        ({"display_name": "Bad Nomsa"}, "contains words that are not allowed"),
        ({"email": "not-an-address"}, "Enter a valid email address"),
        ({"email": "TAKEN@example.com"}, "Another account already uses TAKEN@example.com"),
        ({"email": ""}, "This field is required"),
        ({"password1": "a-long-pass-1", "password2": "another-pass-2"}, "didn't match"),
        ({"password1": "short", "password2": "short"}, "too short"),
        ({"groups": ["99999"]}, "Select a valid choice"),
    ],
)
@pytest.mark.usefixtures("banned")
def test_bad_input_gets_a_message_and_keeps_what_was_typed(
    admin_client, member, make_member, changes, message
):
    make_member("taken")
    typed = _typed(member, **{"display_name": "Nomsa Typed", **changes})
    response = admin_client.post(_edit(member), typed)
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert message in html
    shown_name = changes.get("display_name", "Nomsa Typed")
    assert f'value="{shown_name}"' in html  # what was typed is on the form again
    member.refresh_from_db()
    assert (member.display_name, member.email) == ("Nomsa_K", "nomsa_k@example.com")


def test_another_members_address_in_allauth_is_refused(admin_client, member, make_member):
    other = make_member("other")
    EmailAddress.objects.create(user=other, email="second@example.com", verified=True)
    response = admin_client.post(_edit(member), _typed(member, email="Second@Example.com"))
    assert response.status_code == 200
    assert "Another account already uses Second@example.com" in response.content.decode()


def test_adding_a_user_asks_for_display_name_email_and_password(admin_client):
    html = admin_client.get(f"{USERS}new/").content.decode()
    assert 'name="first_name"' not in html and 'name="username"' not in html
    response = admin_client.post(
        f"{USERS}new/",
        {
            "email": "editor@example.com",
            "display_name": "Sipho the Editor",
            "password1": "a-long-pass-phrase-7",
            "password2": "a-long-pass-phrase-7",
        },
    )
    assert response.status_code == 302
    editor = get_user_model().objects.get(email="editor@example.com")
    assert (editor.display_name, editor.username) == ("Sipho the Editor", None)
    assert editor.check_password("a-long-pass-phrase-7")
    assert EmailAddress.objects.filter(user=editor, primary=True, verified=False).count() == 1


def test_adding_a_user_with_a_taken_address_keeps_what_was_typed(admin_client, member):
    response = admin_client.post(
        f"{USERS}new/",
        {
            "email": "NOMSA_K@example.com",
            "display_name": "Copy",
            "password1": "a-long-pass-phrase-7",
            "password2": "a-long-pass-phrase-7",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Another account already uses NOMSA_K@example.com" in html
    assert 'value="Copy"' in html


def test_the_users_list_shows_display_name_username_and_email_once(admin_client, member):
    html = admin_client.get(USERS, {"q": "nomsa"}).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*nomsa_k@example.com(?:(?!</tr>).)*</tr>", html, re.S)
    assert row, html
    cells = [
        re.sub(r"<[^>]+>|\s+", " ", cell).split()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    ]
    assert cells[1][0] == "Nomsa_K"  # the display name, linking to the member
    assert cells[2:4] == [["nomsa_k"], ["nomsa_k@example.com"]]  # username, e-mail
    assert row.group(0).count("nomsa_k@example.com") == 1


def test_the_users_list_finds_members_by_display_name(admin_client, member):
    member.display_name = "Thandeka Zwane"
    member.save(update_fields=["display_name"])
    html = admin_client.get(USERS, {"q": "Zwane"}).content.decode()
    assert "nomsa_k@example.com" in html
