"""Joining, creating a profile, the profile page, export, deletion and suspension."""

import json
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from accounts.models import RetiredUsername, Suspension
from accounts.services import member_suspend, profile_create
from accounts.tests.network_steps import past_network_steps
from moderation.selectors import decisions_for_item, decisions_for_member

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}
SPORT = {"HTTP_HOST": "sport.localhost"}


def _verified_member(email="zanele@example.com", password="a-long-pass-phrase"):
    member = get_user_model().objects.create_user(email, password)
    EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)
    return member


def test_sign_up_verify_and_land_on_create_profile(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
        **NEWS,
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Herald News" in mail.outbox[0].body  # signed with the site's name
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("localhost", 1)[1]
    confirm = client.post(path, **NEWS)
    assert confirm.status_code == 302
    assert "herald_signed_in" in confirm.cookies  # the page script's hint
    confirm = past_network_steps(client, confirm)
    assert confirm["Location"].startswith("/accounts/profile/create/")


def test_sign_in_without_profile_goes_to_create_profile_then_back(client):
    _verified_member()
    response = client.post(
        "/accounts/login/?next=/news/",
        {"login": "zanele@example.com", "password": "a-long-pass-phrase"},
        **NEWS,
    )
    response = past_network_steps(client, response)
    assert response["Location"] == "/accounts/profile/create/?next=%2Fnews%2F"
    page = client.get(response["Location"], **NEWS)
    assert "cannot be edited and will be used in the URL" in page.content.decode()
    assert "Successfully signed in" in page.content.decode()  # the page after the action
    created = client.post(
        "/accounts/profile/create/",
        {"username": "Zanele_D", "display_name": "Zanele Dlamini", "next": "/news/"},
        **NEWS,
    )
    assert created["Location"] == "/news/?flash"  # not the browser's copy: the messages show
    landing = client.get(created["Location"], **NEWS).content.decode()
    assert "Your profile is ready" in landing and "Successfully signed in" not in landing
    assert get_user_model().objects.get(email="zanele@example.com").username == "Zanele_D"


def test_create_profile_keeps_the_input_and_explains_a_refusal(client):
    taken = _verified_member("taken@example.com")
    profile_create(member=taken, username="sibusiso")
    client.force_login(_verified_member())
    response = client.post(
        "/accounts/profile/create/", {"username": "SIBUSISO", "display_name": "Sibu"}, **NEWS
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is already taken" in html
    assert 'value="SIBUSISO"' in html and 'value="Sibu"' in html


def test_off_site_next_is_ignored(client):
    member = _verified_member()
    client.force_login(member)
    response = client.post(
        "/accounts/profile/create/",
        {"username": "zanele", "next": "https://evil.example/phish"},
        **NEWS,
    )
    assert response["Location"] == "/profile/zanele/?flash"  # the welcome shows there
    login = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"login": "zanele@example.com", "password": "a-long-pass-phrase"},
        **NEWS,
    )
    assert "evil.example" not in login.get("Location", "")


def test_profile_page_is_the_same_on_every_site_with_one_canonical_url(client):
    member = profile_create(member=_verified_member(), username="zanele", display_name="Zanele D")
    for host in (NEWS, SPORT):
        response = client.get("/profile/zanele/", **host)
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Zanele D</h1>" in html and "@zanele" in html
        assert '<link rel="canonical" href="http://localhost/profile/zanele/">' in html
        assert f"member-{member.pk}" in response.headers["Surrogate-Key"]
    assert client.get("/profile/ZANELE/", **NEWS)["Location"] == "/profile/zanele/"
    assert client.get("/profile/nobody-at-all/", **NEWS).status_code == 404


def test_profile_page_shows_a_suspension(client, admin_user):
    member = profile_create(member=_verified_member(), username="zanele")
    member_suspend(member=member, by=admin_user, reason="Spam", until=None)
    assert "suspended for good" in client.get("/profile/zanele/", **NEWS).content.decode()


def test_export_contains_account_emails_and_suspensions(client, admin_user):
    member = profile_create(member=_verified_member(), username="zanele", display_name="Z")
    until = timezone.now() + timedelta(days=3)
    member_suspend(member=member, by=admin_user, reason="Cool off", until=until)
    client.force_login(member)
    response = client.get("/accounts/data/export.json", **NEWS)
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "zanele"
    assert data["account"]["email"] == "zanele@example.com"
    assert data["email_addresses"] == [
        {"email": "zanele@example.com", "verified": True, "primary": True}
    ]
    assert data["suspensions"][0]["reason"] == "Cool off"


def test_export_includes_what_other_apps_register(client):
    from wagtail import hooks

    member = profile_create(member=_verified_member(), username="zanele")
    client.force_login(member)
    with hooks.register_temporarily(
        "herald_member_exporters", lambda member: {"testing": [{"text": "Hi"}]}
    ):
        data = json.loads(client.get("/accounts/data/export.json").content)
    assert data.get("testing") == [{"text": "Hi"}]


def test_delete_needs_reauthentication_then_removes_account_and_reserves_name(client):
    from wagtail import hooks

    erased = []
    member = profile_create(member=_verified_member(), username="zanele")
    client.post(
        "/accounts/login/",
        {"login": "zanele@example.com", "password": "a-long-pass-phrase"},
        **NEWS,
    )
    # Signing in just now counts as recent authentication; make it old.
    session = client.session
    for key in list(session.keys()):
        if "reauth" in key or "authentication_records" in key or key.startswith("account_"):
            del session[key]
    session.save()
    assert "/accounts/reauthenticate/" in client.get("/accounts/delete/", **NEWS)["Location"]

    client.post("/accounts/reauthenticate/", {"password": "a-long-pass-phrase"}, **NEWS)
    refused = client.post(
        "/accounts/delete/", {"contributions": "anonymise", "confirm": "yes"}, **NEWS
    )
    assert "Type DELETE" in refused.content.decode()
    with hooks.register_temporarily(
        "herald_member_erasers", lambda member, mode: erased.append(mode)
    ):
        done = client.post(
            "/accounts/delete/", {"contributions": "remove", "confirm": "DELETE"}, **NEWS
        )
    assert "Your account is deleted" in done.content.decode()
    assert done["Clear-Site-Data"] == '"cache"'  # the browser's own copies of their pages go
    assert erased == ["remove"]
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert RetiredUsername.objects.filter(username_key="zanele").exists()
    assert client.get("/profile/zanele/", **NEWS).status_code == 404
    newcomer = _verified_member("other@example.com")
    with pytest.raises(Exception, match="cannot be used again"):
        profile_create(member=newcomer, username="Zanele")


def test_admin_deletion_also_reserves_the_name():
    member = profile_create(member=_verified_member(), username="zanele")
    get_user_model().objects.filter(pk=member.pk).delete()
    assert RetiredUsername.objects.filter(username_key="zanele").exists()


def test_suspended_member_is_told_why_and_until_when(client, admin_user):
    member = profile_create(member=_verified_member(), username="zanele")
    until = timezone.now() + timedelta(days=7)
    member_suspend(member=member, by=admin_user, reason="Personal attacks", until=until)
    client.force_login(member)
    html = client.get("/accounts/data/", **NEWS).content.decode()
    assert "You are suspended until" in html and "Personal attacks" in html
    suspension = Suspension.objects.get(member=member)
    assert suspension.reason == "Personal attacks"
    (decision,) = decisions_for_item(suspension)
    assert (decision.action, decision.decided_by, decision.member) == (
        "suspend",
        admin_user,
        member,
    )
    assert decision.reason == "Personal attacks" and decision.decided_at == suspension.created_at


def test_moderator_suspends_a_member_in_the_admin(client):
    from django.contrib.auth.models import Group

    moderator = get_user_model().objects.create_user("mod@example.com", "pw-secret-123")
    moderator.is_staff = True
    moderator.save()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    member = profile_create(member=_verified_member(), username="zanele")
    client.force_login(moderator)
    response = client.post(
        "/admin/suspensions/new/",
        {"member": member.pk, "until": "", "reason": "Repeated abuse"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    suspension = Suspension.objects.get(member=member)
    assert suspension.until is None
    assert [(d.action, d.decided_by) for d in decisions_for_member(member)] == [
        ("suspend", moderator)
    ]


def test_user_menu_fragment_is_private(client):
    member = profile_create(member=_verified_member(), username="zanele", display_name="Z D")
    assert 'href="/accounts/login/"' in client.get("/accounts/menu/", **NEWS).content.decode()
    client.force_login(member)
    response = client.get("/accounts/menu/", **NEWS)
    assert (
        'data-signed-in="true"' in response.content.decode() and "Z D" in response.content.decode()
    )
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_repeated_failed_sign_ins_are_stopped(client):
    _verified_member()
    for _ in range(5):
        client.post(
            "/accounts/login/", {"login": "zanele@example.com", "password": "wrong"}, **NEWS
        )
    response = client.post(
        "/accounts/login/",
        {"login": "zanele@example.com", "password": "a-long-pass-phrase"},
        **NEWS,
    )
    assert "Too many failed login attempts" in response.content.decode()


def test_sign_up_is_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    answers = [
        client.post(
            "/accounts/signup/",
            {
                "email": f"n{i}@example.com",
                "password1": "a-long-pass-phrase",
                "password2": "a-long-pass-phrase",
            },
            **NEWS,
        )
        for i in range(3)
    ]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    # Answered as Herald's own limits are: its page, with how long to wait, never stored.
    refused = answers[-1]
    assert refused["Retry-After"] == "300" and "no-store" in refused["Cache-Control"]
    page = refused.content.decode()
    assert "Too many attempts" in page and "try again in about 5 minutes" in page
    assert 'class="site-header' in page or "<header" in page


def test_avatar_upload_is_cleaned_and_a_bad_file_keeps_the_typed_text(client):
    import io

    from PIL import Image

    member = profile_create(member=_verified_member(), username="zanele")
    client.force_login(member)
    bad = client.post(
        "/accounts/profile/edit/",
        {"display_name": "Zanele D", "bio": "My words", "avatar": io.BytesIO(b"not a picture")},
        **NEWS,
    )
    html = bad.content.decode()
    assert bad.status_code == 200 and "not a picture we can read" in html
    assert 'value="Zanele D"' in html and "My words" in html
    picture = io.BytesIO()
    Image.new("RGB", (200, 200), "red").save(picture, "PNG")
    picture.name = "me.png"
    picture.seek(0)
    client.post(
        "/accounts/profile/edit/", {"display_name": "Z", "bio": "", "avatar": picture}, **NEWS
    )
    member.refresh_from_db()
    assert member.avatar and "me.png" not in member.avatar.name
    assert member.avatar.name.startswith("avatars/")


def test_losing_a_race_for_a_name_is_a_form_error_not_a_500(monkeypatch):
    """Both sign-ups pass the availability check; the unique index turns the loser away."""
    from django.core.exceptions import ValidationError

    from accounts import services

    profile_create(member=_verified_member("first@example.com"), username="racer")
    monkeypatch.setattr(services, "username_check_available", lambda raw: raw)
    loser = _verified_member("second@example.com")
    with pytest.raises(ValidationError, match="already taken"):
        services.profile_create(member=loser, username="RACER")
    loser.refresh_from_db()
    assert loser.username is None


def test_other_apps_add_sections_to_the_profile_page(client):
    from wagtail import hooks

    profile_create(member=_verified_member(), username="zanele")
    section = {"heading": "Comments", "template": "includes/messages.html"}
    with hooks.register_temporarily("herald_profile_sections", lambda member: section):
        html = client.get("/profile/zanele/", **NEWS).content.decode()
    assert '<h2 class="block-heading">Comments</h2>' in html


def test_password_reset_mail_lets_a_member_choose_a_new_password(client):
    _verified_member()
    client.post("/accounts/password/reset/", {"email": "zanele@example.com"}, **NEWS)
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    form = client.get(link.split("localhost", 1)[1], **NEWS)
    assert form.status_code in (200, 302)
    path = form["Location"] if form.status_code == 302 else link.split("localhost", 1)[1]
    client.post(
        path, {"password1": "a-new-pass-phrase-7", "password2": "a-new-pass-phrase-7"}, **NEWS
    )
    assert (
        get_user_model()
        .objects.get(email="zanele@example.com")
        .check_password("a-new-pass-phrase-7")
    )


def test_moderator_lifts_a_suspension_and_the_lift_is_recorded(admin_client, admin_user):
    member = profile_create(member=_verified_member(), username="zanele")
    suspension = member_suspend(member=member, by=admin_user, reason="Spam", until=None)
    page = admin_client.get(f"/admin/suspensions/edit/{suspension.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="lift"' in html and 'name="until"' not in html and 'name="member"' not in html
    assert "Decisions about this member: Suspended by" in html
    response = admin_client.post(
        f"/admin/suspensions/edit/{suspension.pk}/",
        {
            "reason": "Spam (appeal accepted)",
            "lift": "on",
            "lift_reason": "Appeal accepted",
            "until": "2001-01-01 00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    admin_client.get(response["Location"])  # the admin shows its message
    suspension.refresh_from_db()
    assert suspension.lifted_at is not None
    lift, suspend = decisions_for_item(suspension)
    assert (lift.action, lift.decided_by, lift.reason) == ("lift", admin_user, "Appeal accepted")
    assert (lift.member, lift.decided_at) == (member, suspension.lifted_at)
    assert suspend.action == "suspend"
    assert suspension.until is None and suspension.reason == "Spam (appeal accepted)"
    assert "suspended" not in admin_client.get("/profile/zanele/", **NEWS).content.decode()


def _hint_cleared(response):
    hint = response.cookies.get("herald_signed_in")
    return hint is not None and hint.value == "" and hint["max-age"] == 0


def test_signing_out_clears_the_sign_in_hint(client):
    _verified_member()
    signed_in = client.post(
        "/accounts/login/",
        {"login": "zanele@example.com", "password": "a-long-pass-phrase"},
        **NEWS,
    )
    assert signed_in.cookies["herald_signed_in"].value == "1"
    asked = client.get("/accounts/logout/", **NEWS)  # the confirmation page keeps it
    assert asked.status_code == 200 and not _hint_cleared(asked)
    signed_out = client.post("/accounts/logout/", **NEWS)
    assert signed_out.status_code == 302
    assert _hint_cleared(signed_out)
    assert 'data-signed-in="true"' not in client.get("/accounts/menu/", **NEWS).content.decode()


def test_deleting_the_account_clears_the_sign_in_hint(client):
    profile_create(member=_verified_member(), username="zanele")
    client.post(
        "/accounts/login/",
        {"login": "zanele@example.com", "password": "a-long-pass-phrase"},
        **NEWS,
    )
    client.post("/accounts/reauthenticate/", {"password": "a-long-pass-phrase"}, **NEWS)
    response = client.post(
        "/accounts/delete/", {"contributions": "remove", "confirm": "DELETE"}, **NEWS
    )
    assert "Your account is deleted" in response.content.decode()
    assert _hint_cleared(response)


def test_sign_in_limits_count_each_reader_behind_the_proxies_not_the_proxy(client, settings):
    """Behind nginx every request comes from the proxy's address: allauth must read the
    reader's from X-Forwarded-For, or a few failed sign-ins would lock everyone out."""
    from django.test import RequestFactory

    from accounts.adapters import AccountAdapter

    settings.HERALD_NUM_PROXIES = settings.NINJA_NUM_PROXIES = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    adapter = AccountAdapter()
    factory = RequestFactory(REMOTE_ADDR="10.0.0.2")
    reader = factory.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert adapter.get_client_ip(reader) == "198.51.100.7"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2  # more proxies than the request passed
    assert adapter.get_client_ip(reader) == "10.0.0.2"  # not a 500


def test_the_suspension_screens_render_and_refuse_bad_input_with_a_message(
    admin_client, admin_user
):
    member = profile_create(member=_verified_member(), username="zanele")
    member_suspend(member=member, by=admin_user, reason="Spam", until=None)
    assert admin_client.get("/admin/suspensions/").status_code == 200
    assert admin_client.get("/admin/suspensions/new/").status_code == 200
    response = admin_client.post(
        "/admin/suspensions/new/",
        {"member": member.pk, "until": "2001-01-01 00:00", "reason": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The end of a suspension must be in the future." in html
    assert "This field is required." in html
    assert [d.action for d in decisions_for_member(member)] == ["suspend"]
