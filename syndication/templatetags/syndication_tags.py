"""Feed links, canonical URLs, Open Graph / Twitter cards and NewsArticle JSON-LD."""

import contextlib
import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Site

from delivery.sites import absolute_url
from newsroom.models import ArticlePage, SectionPage

register = template.Library()
SHARE_RENDITION = "fill-1200x630"


@register.simple_tag(takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for the site's feeds, and the section's or tag's on their pages."""
    site = context.get("current_site")
    name = site.site_name if site else "Herald"
    links = [
        ("application/rss+xml", f"{name} (RSS)", "/feeds/rss/"),
        ("application/atom+xml", f"{name} (Atom)", "/feeds/atom/"),
    ]
    page, tag = context.get("page"), context.get("tag")
    if page is not None and isinstance(page, SectionPage) and site:
        path = page.url_path[len(site.root_page.url_path) :].strip("/")
        links.append(("application/rss+xml", f"{page.title} (RSS)", f"/feeds/sections/{path}/rss/"))
    if tag is not None:
        links.append(("application/rss+xml", f"{tag.name} (RSS)", f"/feeds/tags/{tag.slug}/rss/"))
    if page is not None and hasattr(page, "feed_links"):  # pages of other apps (MyNews)
        links += page.feed_links()
    return format_html_join("\n", '<link rel="alternate" type="{}" title="{}" href="{}">', links)


def _json_ld(data):
    # "</script>" inside a string must not end the block early.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def sharing_meta(context, page):
    request = context["request"]
    if page.get_url(request) != request.path:
        return ""  # a route of the page (a tag or author page) is not the page itself
    canonical = page.get_full_url(request)  # on the page's own site, wherever it is shown
    site = Site.find_for_request(request)
    site_name = site.site_name if site else "Herald"
    parts = [format_html('<link rel="canonical" href="{}">', canonical)]
    # Articles and the story pages other apps mark as such (reader stories) get cards.
    if not (isinstance(page, ArticlePage) or getattr(page, "is_reader_contribution", False)):
        return mark_safe("\n".join(parts))  # noqa: S308
    image_url = None
    if page.lead_image:
        with contextlib.suppress(OSError):  # a missing picture file leaves the card without one
            rendition = page.lead_image.get_rendition(SHARE_RENDITION)
            image_url = _absolute(site, request, rendition.url)
    meta = [
        ("og:type", "article"),
        ("og:title", page.title),
        ("og:description", page.standfirst),
        ("og:url", canonical),
        ("og:site_name", site_name),
    ]
    if page.first_published_at:  # a draft or a story in review has not been published yet
        meta.append(("article:published_time", page.first_published_at.isoformat()))
    if image_url:
        meta.append(("og:image", image_url))
    parts.append(format_html_join("\n", '<meta property="{}" content="{}">', meta))
    twitter = [
        ("twitter:card", "summary_large_image" if image_url else "summary"),
        ("twitter:title", page.title),
        ("twitter:description", page.standfirst),
    ]
    parts.append(format_html_join("\n", '<meta name="{}" content="{}">', twitter))
    parts.append(_json_ld(news_article_data(page, request, canonical, site, image_url)))
    return mark_safe("\n".join(str(part) for part in parts))  # noqa: S308


def _people(page):
    """(name, path) of the story's writers: its authors, or a reader story's contributor."""
    if hasattr(page, "byline_people"):
        return page.byline_people()
    return [(author.name, author.get_absolute_url()) for author in page.author_list]


def _iso(moment):
    return moment.isoformat() if moment else None


def _absolute(site, request, path):
    """``path`` on the site's canonical root (the request's host only when there is no site)."""
    return absolute_url(site, path) if site else request.build_absolute_uri(path)


def news_article_data(page, request, canonical, site, image_url):
    site_name = site.site_name if site else "Herald"
    authors = [
        {
            "@type": "Person",
            "name": name,
            **({"url": _absolute(site, request, path)} if path else {}),
        }
        for name, path in _people(page)
    ]
    sections = [crumb.title for crumb in getattr(page, "_breadcrumbs", [])]
    section = getattr(page, "section_name", None) or (sections[-1] if sections else None)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": canonical,
        "headline": page.title[:110],
        "description": page.standfirst,
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(page.last_published_at or page.first_published_at),
        "author": authors
        or [{"@type": "Organization", "name": getattr(page, "source", "") or site_name}],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "logo": {"@type": "ImageObject", "url": _absolute(site, request, "/favicon.ico")},
        },
        "articleSection": section,
        "keywords": [tag.name for tag in page.tag_list],
    }
    if image_url:
        data["image"] = [image_url]
    return {key: value for key, value in data.items() if value not in (None, [], "")}
