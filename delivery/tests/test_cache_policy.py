"""Anonymous pages are cacheable and name what they show; nothing personal is ever cached."""

import pytest
from django.contrib.auth import get_user_model

from newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db

NEWS = {"HTTP_HOST": "localhost"}


def test_anonymous_page_is_public_with_surrogate_keys(client, news_site):
    response = client.get("/news/", **NEWS)
    cache_control = response.headers["Cache-Control"]
    assert "public" in cache_control and "s-maxage=300" in cache_control
    keys = response.headers["Surrogate-Key"].split()
    assert f"site-{news_site.pk}" in keys
    assert any(key.startswith("section-") for key in keys)
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


def test_signed_in_reader_gets_the_public_page_when_nothing_read_the_session(client):
    user = get_user_model().objects.create_user("reader@example.com", "pw-123456789")
    client.force_login(user)
    response = client.get("/news/", **NEWS)
    assert response.status_code == 200
    assert "public" in response.headers["Cache-Control"]
    assert "Surrogate-Key" in response.headers and "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


def test_a_page_that_read_the_members_session_is_private(client):
    """The plain comments page shows the member's own form: their render is never public."""
    user = get_user_model().objects.create_user("reader@example.com", "pw-123456789")
    article = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").first()
    anonymous = client.get(f"/comments/{article.pk}/", **NEWS)
    assert "public" in anonymous.headers["Cache-Control"]
    assert "Cookie" in anonymous.headers["Vary"]  # caches keep it for browsers without a session
    client.force_login(user)
    response = client.get(f"/comments/{article.pk}/", **NEWS)
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Surrogate-Key" not in response.headers


def test_public_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/", **NEWS).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


def test_admin_is_exempt_from_the_public_policy(client):
    response = client.get("/admin/login/", **NEWS)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


def test_public_pages_render_no_inline_script(client):
    html = client.get("/", **NEWS).content.decode()
    assert "<script>" not in html and "onclick=" not in html
