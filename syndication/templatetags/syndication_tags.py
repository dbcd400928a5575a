"""Feed links, canonical URLs, Open Graph / Twitter cards and NewsArticle JSON-LD."""

import contextlib
import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Site

from delivery.fragments import Part, part_cached
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
def sharing_meta(context):
    """The canonical link, description and sharing cards of whatever is shown: an article's
    (NewsArticle JSON-LD too), a ``card`` the view put in the context (a tag, an author, a
    profile, listings, one picture of a gallery: its ``picture`` is the card's image), or any
    other page's own."""
    request = context["request"]
    site = Site.find_for_request(request)
    page, card = context.get("page"), context.get("card")
    if card:
        return _website_card(request, site, card)
    if page is None or page.get_url(request) != request.path:
        return ""  # not a page, or a route of it with no card of its own
    canonical = page.get_full_url(request)  # on the page's own site, wherever it is shown
    if not (isinstance(page, ArticlePage) or getattr(page, "is_reader_contribution", False)):
        return _website_card(request, site, _page_card(page, site), canonical=canonical)
    if isinstance(page, ArticlePage) and not getattr(request, "is_preview", False):
        # Kept as the story's own part is: its authors, tags and section cost queries, and
        # the story's keys (its publish, a tag's or author's change, a site-wide one) say
        # when it changed.
        name = f"sharing:{page.pk}:{page.live_revision_id}:{site.pk if site else 0}"
        return mark_safe(  # noqa: S308 (made by _story_meta)
            part_cached(
                name,
                lambda: Part(_story_meta(request, site, page, canonical), page.story_keys(request)),
            ).html
        )
    return _story_meta(request, site, page, canonical)


def _story_meta(request, site, page, canonical):
    """A story's canonical link, Open Graph and Twitter cards and NewsArticle JSON-LD."""
    site_name = site.site_name if site else "Herald"
    parts = [format_html('<link rel="canonical" href="{}">', canonical)]
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


def _page_card(page, site):
    site_name = site.site_name if site else "Herald"
    title = page.seo_title or page.title
    description = (
        page.search_description
        or getattr(page, "intro", "")
        or (f"{title}: the latest from {site_name}." if title != site_name else "")
    )
    if not description and getattr(page, "strapline", ""):
        description = f"{site_name}: {page.strapline}"
    # A page that names a picture to share with (a gallery: its first) shows it on the card.
    picture = getattr(page, "share_picture", None)
    return {"title": title, "description": description, "picture": picture}


def _website_card(request, site, card, *, canonical=None):
    """A page that is not a story: canonical link, description, Open Graph and Twitter."""
    canonical = card.get("url") or canonical or _absolute(site, request, request.path)
    title, description = card["title"], " ".join(str(card.get("description", "")).split())
    meta = [
        ("og:type", card.get("type", "website")),
        ("og:title", title),
        ("og:url", canonical),
        ("og:site_name", site.site_name if site else "Herald"),
    ]
    if description:
        meta.append(("og:description", description))
    image_url = card.get("image") or _share_picture_url(request, site, card.get("picture"))
    if image_url:
        meta.append(("og:image", image_url))
    twitter = [
        ("twitter:card", "summary_large_image" if image_url else "summary"),
        ("twitter:title", title),
    ]
    parts = [format_html('<link rel="canonical" href="{}">', canonical)]
    if description:
        parts.append(format_html('<meta name="description" content="{}">', description))
    parts.append(format_html_join("\n", '<meta property="{}" content="{}">', meta))
    parts.append(format_html_join("\n", '<meta name="{}" content="{}">', twitter))
    return mark_safe("\n".join(str(part) for part in parts))  # noqa: S308


def _share_picture_url(request, site, picture):
    """The sharing rendition of a card's ``picture`` (a Wagtail image), on the site's root."""
    if picture is None:
        return None
    with contextlib.suppress(OSError):  # a missing picture file leaves the card without one
        return _absolute(site, request, picture.get_rendition(SHARE_RENDITION).url)
    return None


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
