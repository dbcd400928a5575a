"""Regression tests for problems found in review: bad input never reaches a 500, restricted
pages stay out of public lists, and cookies never ride on a public page."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from delivery.cache import cache_publicly
from delivery.middleware import CachePolicyMiddleware
from newsroom.models import ArticlePage
from newsroom.search import highlight

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}


@pytest.mark.parametrize(
    "url",
    [
        "/profile/%00/",
        "/feeds/sections/%00/rss/",
        "/api/v1/authors/%00",
        "/api/v1/articles?tag=%00",
        "/search/?q=%00",
    ],
)
def test_nul_bytes_get_a_400(client, url):
    assert client.get(url, **NEWS).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=news&end=9999-12-31",
        "/search/?q=news&start=0001-01-01",
        "/api/v1/articles?since=0001-01-01T00:00:00",
        "/api/v1/articles?since=9999-12-31T23:00:00-05:00",
        "/live/latest.json?since=%0A",
        "/live/latest.json?since=5%0A",
    ],
)
def test_extreme_or_odd_values_are_not_server_errors(client, url):
    assert client.get(url, **NEWS).status_code in (200, 400)


def test_restricted_article_stays_off_public_lists(client):
    article = (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/")
        .order_by("-first_published_at", "-pk")[0]
    )
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    html = client.get("/", **NEWS).content.decode()
    assert f'href="{article.url_path[len("/localhost") :]}"' not in html
    listed = client.get("/api/v1/articles?page_size=100", **NEWS).json()["results"]
    assert article.pk not in [a["id"] for a in listed]


def test_restricted_article_is_not_announced_live(django_capture_on_commit_callbacks):
    from live.models import LiveEvent

    article = ArticlePage.objects.live().first()
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert not LiveEvent.objects.exists()


def test_media_route_serves_pictures_but_not_documents(client, settings):
    from pathlib import Path

    media = Path(settings.MEDIA_ROOT)
    (media / "documents").mkdir(parents=True, exist_ok=True)
    (media / "documents" / "budget.html").write_text("<script>alert(1)</script>")
    (media / "images").mkdir(parents=True, exist_ok=True)
    (media / "images" / "a.jpg").write_bytes(b"\xff\xd8\xff")
    assert client.get("/media/documents/budget.html", **NEWS).status_code == 404
    assert client.get("/media/images/a.jpg", **NEWS).status_code == 200


def test_page_that_will_set_a_csrf_cookie_is_made_private():
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    middleware = CachePolicyMiddleware(lambda r: cache_publicly(HttpResponse("x"), keys=["k"]))
    response = middleware(request)
    assert response["Cache-Control"] == "private, no-store"
    assert "Surrogate-Key" not in response


def test_highlight_never_marks_inside_an_escaped_character():
    assert str(highlight("AT&T results", ["amp", "results"])) == "AT&amp;T <mark>results</mark>"


def test_signed_out_menu_clears_the_sign_in_hint(client):
    client.cookies["herald_signed_in"] = "1"
    response = client.get("/accounts/menu/", **NEWS)
    assert response.cookies["herald_signed_in"]["max-age"] == 0


def test_moderator_gets_a_form_error_for_a_suspension_in_the_past(admin_client):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.create_user("late@example.com", "pw-secret-123")
    response = admin_client.post(
        "/admin/suspensions/new/",
        {"member": member.pk, "until": "2001-01-01 10:00", "reason": "Too late"},
    )
    assert response.status_code == 200
    assert "must be in the future" in response.content.decode()
