"""The admin says things in words editors use: no "Thread settingss", no "Until text", no
internal check names."""

import re

import pytest

from accounts.services import member_suspend, profile_create

pytestmark = pytest.mark.django_db


def test_the_snippets_menu_names_thread_settings_once(admin_client):
    html = admin_client.get("/admin/snippets/", HTTP_HOST="localhost").content.decode()
    assert "Thread settings" in html and "settingss" not in html.lower()


def test_the_suspensions_list_heads_its_column_in_words(
    admin_client, admin_user, django_user_model
):
    member = django_user_model.objects.create_user("zola@example.com", "long-pass-phrase-1")
    profile_create(member=member, username="zola", display_name="Zola")
    member_suspend(member=member, by=admin_user, reason="Spam", until=None)
    html = admin_client.get("/admin/suspensions/", HTTP_HOST="localhost").content.decode()
    assert "Until text" not in html
    headings = [" ".join(h.split()) for h in re.findall(r"<th >(.*?)</th>", html, re.S)]
    assert any(re.sub(r"<[^>]+>", "", h).strip() == "Suspended" for h in headings)
    assert "for good" in html
