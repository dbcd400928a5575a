from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Site

from delivery.cache import cache_publicly
from delivery.sites import absolute_url, site_root_url
from newsroom.keys import latest_keys, site_keys

from . import selectors


def _site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here")
    return site


@require_safe
def robots_txt(request):
    site = _site(request)
    root = site_root_url(site)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        "Disallow: /live/",
        "",
        f"Sitemap: {root}/sitemap.xml",
        f"Sitemap: {root}/news-sitemap.xml",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    return cache_publicly(response, keys=site_keys(site))


def sitemap_index(request, sitemaps, **kwargs):
    """Wagtail's sitemap index, its sections' addresses on the site's canonical root (Django's
    index names the request's host)."""
    site = _site(request)
    response = sitemap_views.index(request, sitemaps, **kwargs)
    for item in response.context_data["sitemaps"]:
        parts = urlsplit(item.location)
        item.location = absolute_url(site, parts.path + (f"?{parts.query}" if parts.query else ""))
    return response


@require_safe
def news_sitemap(request):
    """Google News sitemap: this site's articles of the last two days, at most 1,000."""
    site = _site(request)
    response = render(
        request,
        "syndication/news_sitemap.xml",
        {
            "site": site,
            "articles": selectors.news_sitemap_articles(root=site.root_page),
            "language": "en",
        },
        content_type="application/xml; charset=utf-8",
    )
    return cache_publicly(response, keys=[*site_keys(site), *latest_keys(site)])
