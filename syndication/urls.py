from django.urls import path
from django.views.decorators.cache import cache_page
from wagtail.contrib.sitemaps import views as sitemap_views

from . import feeds, views
from .sitemaps import PagesSitemap

SITEMAPS = {"pages": PagesSitemap}

app_name = "syndication"
urlpatterns = [
    path("feeds/rss/", feeds.feed_view(feeds.SiteFeed), name="feed_rss"),
    path("feeds/atom/", feeds.feed_view(feeds.SiteFeed, atom=True), name="feed_atom"),
    path("feeds/sections/<path:path>/rss/", feeds.feed_view(feeds.SectionFeed)),
    path("feeds/sections/<path:path>/atom/", feeds.feed_view(feeds.SectionFeed, atom=True)),
    path("feeds/tags/<slug:tag>/rss/", feeds.feed_view(feeds.TagFeed)),
    path("feeds/tags/<slug:tag>/atom/", feeds.feed_view(feeds.TagFeed, atom=True)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path(
        "sitemap.xml",
        cache_page(300)(views.sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "syndication:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(300)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "syndication/sitemap.xml"},
        name="sitemap_section",
    ),
]
