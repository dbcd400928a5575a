"""A username, once set, can never change: not by model save, queryset update, form or admin."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, connection, transaction

from accounts.models import UsernameLocked
from accounts.services import profile_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    user = get_user_model().objects.create_user("keeper@example.com", "pw-secret-123")
    return profile_create(member=user, username="keeper", display_name="Keeper")


def test_model_save_refuses_a_new_username(member):
    member.username = "someone-else"
    with pytest.raises(UsernameLocked):
        member.save()
    fresh = get_user_model().objects.get(pk=member.pk)
    with pytest.raises(UsernameLocked):
        fresh.username = "other"
        fresh.save(update_fields=["username"])


def test_profile_create_refuses_a_second_time(member):
    with pytest.raises(UsernameLocked):
        profile_create(member=member, username="another")


@pytest.mark.parametrize(
    "change", [{"username": "renamed"}, {"username_key": "renamed"}, {"username": None}]
)
def test_database_refuses_queryset_update(member, change):
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        get_user_model().objects.filter(pk=member.pk).update(**change)
    assert get_user_model().objects.get(pk=member.pk).username == "keeper"


def test_database_refuses_raw_sql(member):
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE accounts_user SET username = %s WHERE id = %s", ["sneaky", member.pk]
            )
    assert get_user_model().objects.get(pk=member.pk).username == "keeper"


def test_other_fields_still_save(member):
    get_user_model().objects.filter(pk=member.pk).update(display_name="New name")
    member.refresh_from_db()
    member.bio = "Hello"
    member.save()
    assert (member.display_name, member.bio, member.username) == ("New name", "Hello", "keeper")


def test_profile_edit_form_has_no_username_field_and_ignores_one(client, member):
    client.force_login(member)
    page = client.get("/accounts/profile/edit/")
    assert 'name="username"' not in page.content.decode()
    client.post("/accounts/profile/edit/", {"display_name": "K", "bio": "", "username": "hijack"})
    member.refresh_from_db()
    assert (member.username, member.display_name) == ("keeper", "K")


def test_wagtail_admin_user_edit_cannot_change_username(admin_client, member):
    response = admin_client.get(f"/admin/users/edit/{member.pk}/")
    assert response.status_code == 200
    assert 'name="username"' not in response.content.decode()
    admin_client.post(
        f"/admin/users/edit/{member.pk}/",
        {
            "email": member.email,
            "username": "hijack",
            "first_name": "",
            "last_name": "",
            "is_active": "on",
        },
    )
    member.refresh_from_db()
    assert member.username == "keeper"
