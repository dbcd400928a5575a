from django.conf import settings
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.admin_account import account_view
from accounts.urls import allauth_overrides
from api.urls import ninja_urlpatterns
from delivery.media import MEDIA_FOLDERS, media_serve
from health import views as health_views

from . import views

urlpatterns = [
    path("healthz", health_views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    # The admin's Account page with Herald's name and e-mail panel (accounts/admin_account.py).
    path("admin/account/", account_view),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("accounts.urls")),
    path("", include(allauth_overrides)),
    path("", include("live.urls")),
    path("", include("syndication.urls")),
    path("", include("api.urls")),
    path("", include(ninja_urlpatterns)),
    path("", include("places.urls")),
    path("", include("components.urls")),
    path("", include("notifications.urls")),
    path("", include("comments.urls")),
    path("", include("community.urls")),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.HERALD_SERVE_MEDIA:
    # The one-machine install serves pictures itself; at scale, object storage or a CDN does.
    # Documents are not served from here: Wagtail's /documents/ view checks their privacy.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>(?:{'|'.join(MEDIA_FOLDERS)})/[^/]+)$", media_serve)
    ]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "herald.views.page_not_found"
handler429 = "herald.views.rate_limited"  # read by allauth
handler500 = "herald.views.server_error"
